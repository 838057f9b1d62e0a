import { z } from 'zod';
import { valueSourceSchema } from './value-source.ts';
import {
  idSchema,
  integrationBaselineSchema,
  isoDateSchema,
  pinSchema,
  releaseTagSchema,
  commitShaSchema,
  serviceContractVersionSchema,
  apiContractVersionSchema,
} from './common.ts';

/**
 * A pin value that is meant to differ from the live pin: a historical snapshot or a rollback target.
 * Declaring it is what lets prose mention it without tripping the pin check.
 */
export const pinSnapshotSchema = z.strictObject({
  /** Stable id of the snapshot, e.g. `pre-rehearsal-baseline`. */
  id: idSchema,
  /** Why the values differ from the live pin. */
  reason: z.enum(['historical', 'rollback-target']),
  /** One sentence on where the snapshot comes from, e.g. `Pin before the v0.3.2 release.` */
  note: z.string().min(1),
  /** Release tag of the snapshot, e.g. `v0.3.1`. */
  release_tag: releaseTagSchema.optional(),
  /** Commit sha of the snapshot. */
  commit_sha: commitShaSchema.optional(),
  /** Service contract version of the snapshot. */
  service_contract_version: serviceContractVersionSchema.optional(),
  /** API contract version of the snapshot. */
  api_contract_version: apiContractVersionSchema.optional(),
  /** Integration baseline of the snapshot. */
  integration_baseline: integrationBaselineSchema.optional(),
  /** The repository the snapshot's tag and commit belong to, when it is not this one (git rules skip them). */
  repo: z.string().min(1).optional(),
});

/**
 * A value prose may name before it exists: a release the producer will tag, a contract it will publish.
 * Declared with a reason, it is a known value; undeclared, a future tag in prose is an error like any other.
 */
export const plannedValueSchema = z.strictObject({
  /** Stable id of the plan, e.g. `release-candidate`. */
  id: idSchema,
  /** Why the value is named before it exists, e.g. `The service.v3 release candidate will be tagged v0.4.0.` */
  reason: z.string().min(1),
  /** The planned release tag, e.g. `v0.4.0`; the repository need not have it yet. */
  release_tag: releaseTagSchema.optional(),
  /** The commit of a release candidate that is built but not live yet, e.g. the sha the candidate tag names. */
  commit_sha: commitShaSchema.optional(),
  /** The planned service contract version, e.g. `service.v4`. */
  service_contract_version: serviceContractVersionSchema.optional(),
  /** The planned API contract version, e.g. `api.v2`. */
  api_contract_version: apiContractVersionSchema.optional(),
  /** The planned integration baseline, e.g. `integration/v2`. */
  integration_baseline: integrationBaselineSchema.optional(),
});
export type PlannedValue = z.output<typeof plannedValueSchema>;

/** `content/runtime/pin.yaml`: the live runtime pin, the one source of truth every restatement is checked against. */
export const runtimePinSchema = z.strictObject({
  /** Always `runtime-pin`. */
  kind: z.literal('runtime-pin'),
  /** Page title, e.g. `Live runtime pin`. */
  title: z.string().min(1),
  /** The producer service, e.g. `MemoryKernel`. */
  producer: z.string().min(1),
  /** The consumer pinned to it, e.g. `AssistSupport`. */
  consumer: z.string().min(1),
  /**
   * Teams other than the producer and the consumer that may own a document or approve an RFC, e.g.
   * `PlatformSecurity`. With `producer` and `consumer` these are the declared parties: a team named
   * anywhere as an owner or an approver must be one of them.
   */
  parties: z.array(z.string().min(1)).optional(),
  /** Day the pin was last confirmed, e.g. `2026-02-08`. */
  updated: isoDateSchema,
  /** The pin itself. */
  pin: pinSchema,
  /**
   * Fields read from a file of the producer's repository instead of written here (file + JSON Pointer per
   * field), e.g. the pin from `contracts/integration/v1/producer-contract-manifest.json`.
   */
  source: valueSourceSchema.optional(),
  /** Values meant to differ from the pin (historical snapshots, rollback targets). */
  snapshots: z.array(pinSnapshotSchema).default([]),
  /** Values prose may name before they exist (a release to be tagged, a contract to be published). */
  planned: z.array(plannedValueSchema).optional(),
  /**
   * The repository the pin's tag and commit belong to, when it is not the one the content lives in, e.g.
   * `github.com/memorykernel/memorykernel`. The git rules (`tag-commit`, `commit-exists`) skip such values.
   */
  repo: z.string().min(1).optional(),
});
export type RuntimePin = z.output<typeof runtimePinSchema>;
