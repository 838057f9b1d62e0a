import {
  releaseHandoffSchema,
  type ContractPolicy,
  type EnvelopePolicy,
  type PinField,
  type ValueSource,
} from '../../schemas/index.ts';
import type { SourcePlace } from './model.ts';

/**
 * What the import takes from the producer's release handoff JSON (`handoff_mode`, `active_runtime_baseline`,
 * `non_2xx_envelope_policy`, `rehearsal_candidate` …, see src/schemas/release-handoff.ts): the live pin and
 * both envelope policies, each with the JSON Pointer it lives at. Inside the repository the import writes
 * them as `source:` declarations (the values stay in the producer's file and are read from there); outside
 * it, as values.
 */

export interface ReleasePolicy {
  version: string;
  status: ContractPolicy['status'];
  envelope: Pick<EnvelopePolicy, 'required' | 'optional' | 'forbidden'>;
  /** Envelope fields (`envelope.required` …) → JSON Pointer in the release handoff JSON. */
  pointers: Record<string, string>;
  place: SourcePlace;
}

export interface ReleaseFacts {
  file: string;
  pin: Record<PinField, string>;
  /** Pin fields (`pin.release_tag` …) → JSON Pointer. */
  pinPointers: Record<string, string>;
  policies: ReleasePolicy[];
}

/** The release handoff's live pin and envelope policies, or undefined when it does not validate. */
export function readReleaseFacts(file: string, text: string): ReleaseFacts | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = releaseHandoffSchema.safeParse(parsed);
  if (!result.success) return undefined;
  const handoff = result.data;
  const baseline = handoff.active_runtime_baseline;
  const lineOf = (key: string) => {
    const index = text.indexOf(`"${key}"`);
    return index === -1 ? 1 : text.slice(0, index).split('\n').length;
  };
  const policyOf = (
    version: string,
    status: ContractPolicy['status'],
    policy: typeof handoff.non_2xx_envelope_policy,
    at: string,
    key: string,
  ): ReleasePolicy => {
    const pointers: Record<string, string> = { 'envelope.required': `${at}/required_fields` };
    if (policy.optional_fields) pointers['envelope.optional'] = `${at}/optional_fields`;
    if (policy.forbidden_fields) pointers['envelope.forbidden'] = `${at}/forbidden_fields`;
    return {
      version,
      status,
      envelope: {
        required: [...policy.required_fields],
        optional: [...(policy.optional_fields ?? [])],
        forbidden: [...(policy.forbidden_fields ?? [])],
      },
      pointers,
      place: { file, line: lineOf(key) },
    };
  };
  const live = handoff.non_2xx_envelope_policy.service_contract_version ?? baseline.expected_service_contract_version;
  const policies = [
    policyOf(live, 'live', handoff.non_2xx_envelope_policy, '/non_2xx_envelope_policy', 'non_2xx_envelope_policy'),
  ];
  const candidate = handoff.rehearsal_candidate;
  if (candidate)
    policies.push(
      policyOf(
        candidate.target_service_contract_version,
        'candidate',
        candidate.non_2xx_envelope_policy,
        '/rehearsal_candidate/non_2xx_envelope_policy',
        'rehearsal_candidate',
      ),
    );
  return {
    file,
    pin: {
      release_tag: baseline.release_tag,
      commit_sha: baseline.commit_sha,
      service_contract_version: baseline.expected_service_contract_version,
      api_contract_version: baseline.expected_api_contract_version,
      integration_baseline: handoff.integration_baseline,
    },
    pinPointers: {
      'pin.release_tag': '/active_runtime_baseline/release_tag',
      'pin.commit_sha': '/active_runtime_baseline/commit_sha',
      'pin.service_contract_version': '/active_runtime_baseline/expected_service_contract_version',
      'pin.api_contract_version': '/active_runtime_baseline/expected_api_contract_version',
      'pin.integration_baseline': '/integration_baseline',
    },
    policies,
  };
}

/**
 * Data as written when some of its fields are read from a source file: the sourced fields are left out
 * (a sourced field must not also be written by hand) and `source:` is added after `updated`.
 */
export function withSource(data: Record<string, unknown>, source: ValueSource): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    out[key] = structuredClone(value);
    if (key === 'updated') out['source'] = source;
  }
  if (!('source' in out)) out['source'] = source;
  for (const field of Object.keys(source.values)) out = without(out, field.split('.'));
  return out;
}

/** A copy of `data` without the value at `segments`; a mapping left empty by it goes too (`pin:` when all five are sourced). */
function without(data: Record<string, unknown>, segments: readonly string[]): Record<string, unknown> {
  const [first, ...rest] = segments;
  return Object.fromEntries(
    Object.entries(data).flatMap(([key, value]): [string, unknown][] => {
      if (key !== first) return [[key, value]];
      if (!rest.length) return [];
      if (!value || typeof value !== 'object' || Array.isArray(value)) return [[key, value]];
      const inner = without(value as Record<string, unknown>, rest);
      return Object.keys(inner).length ? [[key, inner]] : [];
    }),
  );
}
