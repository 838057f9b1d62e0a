import { consumerPinSchema, type ConsumerPin } from '../../schemas/consumer-pin.ts';
import type { Payload } from '../../schemas/payload.ts';
import type { ReleaseHandoff } from '../../schemas/release-handoff.ts';
import { contractFactsDigest } from './contract-facts.ts';

/** A value and where it came from (a file and the key in it, or how it was computed). */
export interface SourcedValue {
  value: string;
  from: string;
}

/** One fact on which the consumer's side and the producer's payload disagree. */
export interface PinMismatch {
  field: string;
  /** The consumer's value: from the pin file, or computed from the mirrored manifest. */
  consumer: SourcedValue;
  /** The producer's value, from the payload. */
  payload: SourcedValue;
}

/** Where the consumer's files are, for labelling each value by its origin. */
export interface PinSources {
  pinPath: string;
  payloadPath: string;
  /** The mirrored producer manifest and the sha256 of its bytes, when `--manifest` was given. */
  manifest?: { path: string; sha256: string };
}

/** Pin file field → payload live pin field. The consumer's file prefixes expectations with `expected_`. */
const pinFieldPairs = [
  ['release_tag', 'release_tag'],
  ['commit_sha', 'commit_sha'],
  ['expected_service_contract_version', 'service_contract_version'],
  ['expected_api_contract_version', 'api_contract_version'],
  ['expected_integration_baseline', 'integration_baseline'],
] as const;

/**
 * Compares a consumer's pin (and mirrored manifest) with a payload. Every value is labelled with the
 * file and key it came from, so a mismatch says which side to change.
 */
export function comparePin(pin: ConsumerPin, payload: Payload, sources: PinSources): PinMismatch[] {
  const mismatches: PinMismatch[] = [];
  const inPin = (field: string, value: string) => ({ value, from: `${sources.pinPath} ${field}` });
  const inPayload = (field: string, value: string) => ({ value, from: `${sources.payloadPath} ${field}` });
  for (const [pinField, payloadField] of pinFieldPairs) {
    const pinned = pin[pinField];
    const published = payload.livePin[payloadField];
    if (pinned !== published)
      mismatches.push({
        field: pinField,
        consumer: inPin(pinField, pinned),
        payload: inPayload(`livePin.${payloadField}`, published),
      });
  }
  const recordedManifest = inPayload('digests.producerManifest.sha256', payload.digests.producerManifest.sha256);
  if (pin.expected_producer_manifest_sha256 !== recordedManifest.value) {
    mismatches.push({
      field: 'expected_producer_manifest_sha256',
      consumer: inPin('expected_producer_manifest_sha256', pin.expected_producer_manifest_sha256),
      payload: recordedManifest,
    });
  }
  if (sources.manifest && sources.manifest.sha256 !== recordedManifest.value) {
    mismatches.push({
      field: 'mirrored manifest',
      consumer: { value: sources.manifest.sha256, from: `sha256 of ${sources.manifest.path}` },
      payload: recordedManifest,
    });
  }
  const facts = pin.expected_contract_facts_sha256;
  if (facts !== undefined) {
    // Recomputed rather than read: a payload whose facts were edited by hand cannot vouch for itself.
    const current = contractFactsDigest(payload);
    if (facts !== current)
      mismatches.push({
        field: 'expected_contract_facts_sha256',
        consumer: inPin('expected_contract_facts_sha256', facts),
        payload: { value: current, from: `contract facts of ${sources.payloadPath}` },
      });
  }
  return mismatches;
}

/** Keys of a consumer's pin file that the pin format does not define: theirs to keep, ours to mention. */
export function unknownPinKeys(pin: Record<string, unknown>): string[] {
  const known = new Set(Object.keys(consumerPinSchema.shape));
  return Object.keys(pin).filter((key) => !known.has(key));
}

/** Pin file field → release handoff JSON field (the producer's own format). */
const handoffFieldPairs = [
  ['release_tag', 'active_runtime_baseline.release_tag'],
  ['commit_sha', 'active_runtime_baseline.commit_sha'],
  ['expected_service_contract_version', 'active_runtime_baseline.expected_service_contract_version'],
  ['expected_api_contract_version', 'active_runtime_baseline.expected_api_contract_version'],
  ['expected_integration_baseline', 'integration_baseline'],
] as const;

/**
 * Compares a consumer's pin with a producer's release handoff JSON: the pin must be the handoff's
 * `active_runtime_baseline` (and its integration baseline). The handoff records no manifest digest, so
 * that part of the pin is not compared here (the caller says so).
 */
export function comparePinWithHandoff(
  pin: ConsumerPin,
  handoff: ReleaseHandoff,
  sources: { pinPath: string; handoffPath: string },
): PinMismatch[] {
  const published: Record<(typeof handoffFieldPairs)[number][1], string> = {
    'active_runtime_baseline.release_tag': handoff.active_runtime_baseline.release_tag,
    'active_runtime_baseline.commit_sha': handoff.active_runtime_baseline.commit_sha,
    'active_runtime_baseline.expected_service_contract_version':
      handoff.active_runtime_baseline.expected_service_contract_version,
    'active_runtime_baseline.expected_api_contract_version':
      handoff.active_runtime_baseline.expected_api_contract_version,
    integration_baseline: handoff.integration_baseline,
  };
  const mismatches: PinMismatch[] = [];
  for (const [pinField, handoffField] of handoffFieldPairs) {
    if (pin[pinField] === published[handoffField]) continue;
    mismatches.push({
      field: pinField,
      consumer: { value: pin[pinField], from: `${sources.pinPath} ${pinField}` },
      payload: { value: published[handoffField], from: `${sources.handoffPath} ${handoffField}` },
    });
  }
  return mismatches;
}
