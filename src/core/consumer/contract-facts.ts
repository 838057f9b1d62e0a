import { createHash } from 'node:crypto';
import type { Payload } from '../../schemas/payload.ts';

/**
 * The contract facts of a payload: what a consumer's CI depends on, without the prose-derived parts
 * (titles of checklists, source digests, dates) that change with every editorial edit. A consumer who
 * pins this digest is told about a change of the live pin, an envelope policy, the error codes, a gate
 * or a required command, and about nothing else.
 */
export function contractFactsOf(
  payload: Pick<Payload, 'livePin' | 'envelopePolicies' | 'errorCodes' | 'gates' | 'requiredChecks'>,
) {
  return {
    livePin: payload.livePin,
    envelopePolicies: payload.envelopePolicies,
    errorCodes: payload.errorCodes,
    gates: payload.gates,
    requiredChecks: payload.requiredChecks,
  };
}

/**
 * sha256 (lower-case hex) of `JSON.stringify` of the contract facts, in the payload's key order and
 * without whitespace. Anyone can recompute it from the payload:
 * `jq -cj '{livePin, envelopePolicies, errorCodes, gates, requiredChecks}' payload.json | sha256sum`.
 */
export function contractFactsDigest(
  payload: Pick<Payload, 'livePin' | 'envelopePolicies' | 'errorCodes' | 'gates' | 'requiredChecks'>,
): string {
  return createHash('sha256')
    .update(JSON.stringify(contractFactsOf(payload)))
    .digest('hex');
}
