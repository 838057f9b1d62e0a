import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeEvaluator } from '../../src/core/consumer/verify-envelope.ts';
import { envelopeJsonSchema } from '../../src/core/generate/schemas.ts';
import { repoRoot } from '../helpers/content.ts';

/**
 * The consumer CLI's verdict (`verify-envelope` runs `envelopeEvaluator`) and the published JSON Schema
 * (`pnpm schemas` writes `envelopeJsonSchema`) must agree on every body, for every policy: a consumer
 * who validates with ajv instead of our CLI must get the same answer.
 */
const require = createRequire(join(repoRoot, 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default as new (options: object) => {
  compile: (schema: object) => (data: unknown) => boolean;
};
const ajv = new Ajv2020({ strict: true, allErrors: true });

const errorCodes = ['invalid_json', 'write_conflict', 'internal_error'];
/** Field paths a policy may name: top-level, nested, the two with fixed values, and one two levels deep. */
const paths = [
  'service_contract_version',
  'error',
  'error.code',
  'error.message',
  'error.details',
  'error.details.revision',
  'error.legacy',
  'legacy_error',
  'api_contract_version',
  'trace',
];
const keys = [
  'service_contract_version',
  'error',
  'code',
  'message',
  'details',
  'revision',
  'legacy',
  'legacy_error',
  'api_contract_version',
  'trace',
  'extra',
];
const versions = ['service.v2', 'service.v3'];

const policyArbitrary = fc
  .record({
    assignment: fc.array(fc.constantFrom('required', 'optional', 'forbidden', 'absent', 'absent', 'absent'), {
      minLength: paths.length,
      maxLength: paths.length,
    }),
    closed: fc.boolean(),
    version: fc.constantFrom(...versions),
  })
  .map(({ assignment, closed, version }) => {
    const pick = (bucket: string) => paths.filter((_, index) => assignment[index] === bucket);
    return {
      version,
      policy: { required: pick('required'), optional: pick('optional'), forbidden: pick('forbidden'), closed },
    };
  });

/** JSON values that look like envelopes: the keys policies name, versions, codes and every JSON type. */
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...versions, ...errorCodes, 'teapot', 42, 0, null, true, ''),
    fc.array(tie('value'), { maxLength: 2 }),
    tie('object'),
  ),
  object: fc.dictionary(fc.constantFrom(...keys), tie('value'), { maxKeys: 5 }),
}));
type Policy = { required: string[]; optional: string[]; forbidden: string[]; closed: boolean };

/**
 * Bodies close to the policy, so that both verdicts are common: required fields are usually present,
 * optional ones sometimes, forbidden ones rarely; values are usually the right kind and sometimes any
 * JSON value (a number for `error.code`, a string where an object is expected ...); sometimes an
 * extra key; sometimes the body is any JSON value at all.
 */
function bodyFor(version: string, policy: Policy): fc.Arbitrary<unknown> {
  const leaf = (path: string) =>
    path === 'service_contract_version'
      ? fc.oneof({ weight: 8, arbitrary: fc.constant(version) }, { weight: 1, arbitrary: jsonValue })
      : path === 'error.code'
        ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...errorCodes) }, { weight: 1, arbitrary: jsonValue })
        : jsonValue;
  const presence = (path: string) =>
    policy.required.includes(path)
      ? 0.97
      : policy.optional.includes(path)
        ? 0.5
        : policy.forbidden.includes(path)
          ? 0.06
          : 0.1;
  const fields = paths.map((path) =>
    fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), leaf(path))
      .map(([roll, value]) => (roll < presence(path) ? { path, value } : undefined)),
  );
  const shaped = fc
    .tuple(fc.tuple(...fields), fc.option(fc.constantFrom(...keys), { freq: 8 }), jsonValue)
    .map(([chosen, extraKey, extraValue]) => {
      const body: Record<string, unknown> = {};
      // Deepest paths first: a parent named on its own never overwrites the object its children need.
      const present = chosen.filter((field): field is { path: string; value: unknown } => field !== undefined);
      present.sort((a, b) => b.path.split('.').length - a.path.split('.').length);
      for (const { path, value } of present) {
        const segments = path.split('.');
        let node = body;
        for (const segment of segments.slice(0, -1)) {
          const next = node[segment];
          if (next === null || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
          node = node[segment] as Record<string, unknown>;
        }
        const last = segments.at(-1) as string;
        if (!(last in node)) node[last] = value;
      }
      if (extraKey !== null && !(extraKey in body)) body[extraKey] = extraValue;
      return body;
    });
  return fc.oneof({ weight: 10, arbitrary: shaped }, { weight: 1, arbitrary: jsonValue });
}

describe('one envelope definition for the CLI and the published JSON Schema', () => {
  it('gives the same verdict on 1,500 generated policy/body pairs (250 policies, 6 bodies each)', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        policyArbitrary.chain((generated) =>
          fc.tuple(
            fc.constant(generated),
            fc.array(bodyFor(generated.version, generated.policy), { minLength: 6, maxLength: 6 }),
          ),
        ),
        ([{ version, policy }, bodies]) => {
          const evaluate = envelopeEvaluator(version, policy, { validation: 'set-equality', codes: errorCodes });
          const validate = ajv.compile(envelopeJsonSchema(version, policy, errorCodes) as object);
          for (const body of bodies) {
            const cli = evaluate(body).length === 0;
            if (cli) accepted++;
            else rejected++;
            expect({ body, policy, cli }).toEqual({ body, policy, cli: validate(body) });
          }
        },
      ),
      // 250 policies × 6 bodies: 1,500 pairs. Compiling a schema is the slow part, so bodies share one.
      { numRuns: 250, seed: 20261130 },
    );
    // Both verdicts occur often enough for the agreement to mean something.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  it('agrees on the cases the two used to disagree on', () => {
    const cases = [
      // A forbidden nested field under a parent that is not an object.
      {
        policy: { required: [], optional: [], forbidden: ['error.legacy'], closed: false },
        body: { code: 'x', error: 'oops' },
      },
      // An optional nested field likewise.
      { policy: { required: [], optional: ['error.details'], forbidden: [], closed: false }, body: { error: 'oops' } },
      // error.code of the wrong type never skips the error-code check.
      {
        policy: { required: ['error.code'], optional: [], forbidden: [], closed: false },
        body: { error: { code: 42 } },
      },
      {
        policy: { required: ['error.code'], optional: [], forbidden: [], closed: false },
        body: { error: { code: null } },
      },
      {
        policy: { required: ['error.code'], optional: [], forbidden: [], closed: false },
        body: { error: { code: ['x'] } },
      },
      // The body names another contract.
      {
        policy: { required: ['service_contract_version'], optional: [], forbidden: [], closed: false },
        body: { service_contract_version: 'service.v2' },
      },
    ];
    for (const { policy, body } of cases) {
      const evaluate = envelopeEvaluator('service.v3', policy, { validation: 'set-equality', codes: errorCodes });
      const validate = ajv.compile(envelopeJsonSchema('service.v3', policy, errorCodes) as object);
      expect([evaluate(body).length === 0, validate(body)]).toEqual([false, false]);
    }
  });
});
