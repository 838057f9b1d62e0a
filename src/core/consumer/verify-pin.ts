import type { ConsumerPin } from '../../schemas/consumer-pin.ts';
import type { Payload } from '../../schemas/payload.ts';

/** One field where the consumer's pin and the producer's payload disagree. */
export interface PinMismatch {
  field: string;
  pinned: string;
  payload: string;
}

/** Pin file field → payload live pin field. The consumer's file prefixes expectations with `expected_`. */
const pinFieldPairs = [
  ['release_tag', 'release_tag'],
  ['commit_sha', 'commit_sha'],
  ['expected_service_contract_version', 'service_contract_version'],
  ['expected_api_contract_version', 'api_contract_version'],
  ['expected_integration_baseline', 'integration_baseline'],
] as const;

/** Compares a consumer pin with the payload's live pin, and optionally the mirrored manifest's digest. */
export function comparePin(pin: ConsumerPin, payload: Payload, manifestSha256?: string): PinMismatch[] {
  const mismatches: PinMismatch[] = [];
  for (const [pinField, payloadField] of pinFieldPairs) {
    const pinned = pin[pinField];
    const published = payload.livePin[payloadField];
    if (pinned !== published) mismatches.push({ field: pinField, pinned, payload: published });
  }
  if (manifestSha256 !== undefined && manifestSha256 !== pin.expected_producer_manifest_sha256) {
    mismatches.push({
      field: 'expected_producer_manifest_sha256',
      pinned: pin.expected_producer_manifest_sha256,
      payload: manifestSha256,
    });
  }
  return mismatches;
}
