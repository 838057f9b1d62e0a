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
});

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
});
export type RuntimePin = z.output<typeof runtimePinSchema>;
