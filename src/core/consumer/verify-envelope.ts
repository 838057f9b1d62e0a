import type { z } from 'zod';
import { contractVersionField, envelopeSchemaFor, errorCodeField } from '../../schemas/envelope.ts';
import type { Payload, PayloadEnvelopePolicy } from '../../schemas/payload.ts';
import type { ReleaseHandoff, ReleaseHandoffEnvelopePolicy } from '../../schemas/release-handoff.ts';
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

/** What the evaluator needs of a policy: the payload's and a release handoff JSON's both give it. */
export type EnvelopeRules = Pick<PayloadEnvelopePolicy, 'required' | 'optional' | 'forbidden' | 'closed'>;

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
  policy: EnvelopeRules,
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
  policy: EnvelopeRules,
  errorCodes?: Payload['errorCodes'],
): EnvelopeViolation[] {
  return envelopeEvaluator(contract, policy, errorCodes)(body);
}

/** A contract's envelope policy as a producer's release handoff JSON states it, and the key it was read from. */
export type HandoffEnvelopePolicy =
  { ok: true; policy: EnvelopeRules; from: string } | { ok: false; described: { contract: string; from: string }[] };

/**
 * The envelope policy a release handoff JSON states for `contract`: `non_2xx_envelope_policy` for the live
 * contract (its own `service_contract_version`, else the active runtime baseline's), and
 * `rehearsal_candidate.non_2xx_envelope_policy` for the candidate it rehearses. The handoff format says
 * nothing of closed envelopes, so the policy is open: fields it does not name are tolerated. When the
 * handoff does not describe `contract`, the contracts it does describe are returned instead.
 */
export function envelopePolicyFromHandoff(handoff: ReleaseHandoff, contract: string): HandoffEnvelopePolicy {
  const live = handoff.non_2xx_envelope_policy;
  const described: { contract: string; from: string; policy: ReleaseHandoffEnvelopePolicy }[] = [
    {
      contract: live.service_contract_version ?? handoff.active_runtime_baseline.expected_service_contract_version,
      from: 'non_2xx_envelope_policy',
      policy: live,
    },
  ];
  const candidate = handoff.rehearsal_candidate;
  if (candidate)
    described.push({
      contract: candidate.target_service_contract_version,
      from: 'rehearsal_candidate.non_2xx_envelope_policy',
      policy: candidate.non_2xx_envelope_policy,
    });
  const found = described.find((item) => item.contract === contract);
  if (!found)
    return { ok: false, described: described.map(({ contract: version, from }) => ({ contract: version, from })) };
  return {
    ok: true,
    from: found.from,
    policy: {
      required: found.policy.required_fields,
      optional: found.policy.optional_fields ?? [],
      forbidden: found.policy.forbidden_fields ?? [],
      closed: false,
    },
  };
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
