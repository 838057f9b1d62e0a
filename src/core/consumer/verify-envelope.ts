import type { Payload, PayloadEnvelopePolicy } from '../../schemas/payload.ts';

export type EnvelopeRule =
  'missing-required' | 'forbidden-present' | 'unknown-field' | 'unknown-error-code' | 'not-an-object';

/** One way a response body breaks a contract's envelope policy. */
export interface EnvelopeViolation {
  field: string;
  rule: EnvelopeRule;
  message: string;
}

/**
 * Checks one non-2xx response body against a contract's policy from the payload. Fields are dotted
 * paths (`error.code`); a forbidden field counts as present even when its value is null, because the
 * policy is about the key being sent at all.
 */
export function checkEnvelope(
  body: unknown,
  contract: string,
  policy: PayloadEnvelopePolicy,
  errorCodes?: Payload['errorCodes'],
): EnvelopeViolation[] {
  if (!isObject(body)) {
    return [
      { field: '(body)', rule: 'not-an-object', message: `expected a JSON object as the ${contract} error envelope` },
    ];
  }
  const violations: EnvelopeViolation[] = [];
  for (const field of policy.required) {
    if (!has(body, field))
      violations.push({ field, rule: 'missing-required', message: `${contract} requires \`${field}\`` });
  }
  for (const field of policy.forbidden) {
    if (has(body, field))
      violations.push({ field, rule: 'forbidden-present', message: `${contract} forbids \`${field}\`` });
  }
  if (policy.closed) {
    const allowed = [...policy.required, ...policy.optional];
    for (const field of leafPaths(body)) {
      const known = allowed.some(
        (path) => path === field || field.startsWith(`${path}.`) || path.startsWith(`${field}.`),
      );
      if (!known && !policy.forbidden.includes(field)) {
        violations.push({
          field,
          rule: 'unknown-field',
          message: `${contract} is closed: \`${field}\` is not a required or optional field`,
        });
      }
    }
  }
  const code = valueAt(body, 'error.code');
  if (errorCodes && typeof code === 'string' && !errorCodes.codes.includes(code)) {
    violations.push({
      field: 'error.code',
      rule: 'unknown-error-code',
      message: `\`${code}\` is not one of the producer's ${errorCodes.codes.length} error codes`,
    });
  }
  return violations;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body;
  for (const segment of path.split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, segment)) return undefined;
    value = value[segment];
  }
  return value;
}

function has(body: Record<string, unknown>, path: string): boolean {
  let value: unknown = body;
  for (const segment of path.split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, segment)) return false;
    value = value[segment];
  }
  return true;
}

/** Dotted paths of every key, parents included, so a closed policy can name the first unknown one. */
function leafPaths(body: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    if (isObject(value)) out.push(...leafPaths(value, path));
  }
  return out;
}
