import type { z } from 'zod';
import { contractVersionField, envelopeSchemaFor, errorCodeField } from '../../schemas/envelope.ts';
import type { Payload, PayloadEnvelopePolicy } from '../../schemas/payload.ts';
import { plural } from '../text/plural.ts';

export type EnvelopeRule =
  | 'missing-required'
  | 'forbidden-present'
  | 'unknown-field'
  | 'unknown-error-code'
  | 'wrong-contract-version'
  | 'wrong-type'
  | 'not-an-object';

/** One way a response body breaks a contract's envelope policy. */
export interface EnvelopeViolation {
  field: string;
  rule: EnvelopeRule;
  message: string;
}

/** Checks bodies against one contract's envelope: build it once, call it for every body. */
export type EnvelopeEvaluator = (body: unknown) => EnvelopeViolation[];

/**
 * The evaluator for one contract of a payload. The verdict is the zod schema's (`envelopeSchemaFor`),
 * the same definition the published JSON Schema is generated from; this function only words each
 * problem for a person. A forbidden field counts as present even when its value is null, because the
 * policy is about the key being sent at all.
 */
export function envelopeEvaluator(
  contract: string,
  policy: PayloadEnvelopePolicy,
  errorCodes?: Payload['errorCodes'],
): EnvelopeEvaluator {
  const schema = envelopeSchemaFor(contract, policy, errorCodes?.codes);
  return (body) => {
    const result = schema.safeParse(body);
    if (result.success) return [];
    return result.error.issues.flatMap((issue) => describe(issue, body, contract, errorCodes));
  };
}

/** One-off form of `envelopeEvaluator`. */
export function checkEnvelope(
  body: unknown,
  contract: string,
  policy: PayloadEnvelopePolicy,
  errorCodes?: Payload['errorCodes'],
): EnvelopeViolation[] {
  return envelopeEvaluator(contract, policy, errorCodes)(body);
}

function describe(
  issue: z.core.$ZodIssue,
  body: unknown,
  contract: string,
  errorCodes: Payload['errorCodes'] | undefined,
): EnvelopeViolation[] {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = field ? `${field}.${key}` : key;
      return {
        field: path,
        rule: 'unknown-field' as const,
        message: `${contract} is closed: \`${path}\` is not a required or optional field`,
      };
    });
  }
  const found = valueAt(body, issue.path);
  if (issue.code === 'invalid_type') {
    if (!field) {
      return [
        { field: '(body)', rule: 'not-an-object', message: `expected a JSON object as the ${contract} error envelope` },
      ];
    }
    if (issue.expected === 'never')
      return [{ field, rule: 'forbidden-present', message: `${contract} forbids \`${field}\`` }];
    if (!found.present) return [{ field, rule: 'missing-required', message: `${contract} requires \`${field}\`` }];
    return [
      {
        field,
        rule: 'wrong-type',
        message: `\`${field}\` is ${describeValue(found.value)}, expected ${issue.expected === 'object' ? 'an object (the policy names fields inside it)' : issue.expected}`,
      },
    ];
  }
  if (issue.code === 'invalid_value' && field === contractVersionField) {
    return [
      {
        field,
        rule: 'wrong-contract-version',
        message: `\`${field}\` is ${describeValue(found.value)}, expected \`${contract}\`, the contract being checked`,
      },
    ];
  }
  if (issue.code === 'invalid_value' && field === errorCodeField) {
    return [
      {
        field,
        rule: 'unknown-error-code',
        message: `${describeValue(found.value)} is not one of the producer's ${plural(errorCodes?.codes.length ?? 0, 'error code')}`,
      },
    ];
  }
  return [{ field: field || '(body)', rule: 'wrong-type', message: issue.message }];
}

/** The value at a path of the body, by own properties only (a key named `__proto__` is just a key). */
function valueAt(body: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let value = body;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return { present: false };
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return { present: true, value };
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `\`${String(value)}\` (a ${typeof value})`;
}
