import { z } from 'zod';
import { envelopeFieldSchema } from './contract-policy.ts';
import {
  apiContractVersionSchema,
  commitShaSchema,
  integrationBaselineSchema,
  releaseTagSchema,
  serviceContractVersionSchema,
} from './common.ts';

/**
 * The release handoff JSON a producer's release tooling publishes with each release, in the producer's
 * own snake_case format (it is not our generated payload). Known keys are typed here; objects are loose
 * because producers add fields release after release: an unknown key is reported as a warning by
 * `unknownKeyWarnings` (src/core/parse/schema.ts), never as an error.
 */

/** A calendar date written `YYYY-MM-DD`, as the producer's JSON carries it. */
const handoffDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD, such as 2026-02-22');

/**
 * What the release is handed off as: `stable` when no candidate is being rehearsed, or
 * `<service-vN>-candidate` (e.g. `service-v3-candidate`) while the consumer rehearses contract `service.vN`.
 */
export const handoffModeSchema = z
  .string()
  .regex(/^(?:stable|service-v\d+-candidate)$/, 'a handoff mode such as stable or service-v3-candidate');

/** The producer's statement of a non-2xx error envelope: which dotted fields a body must, may and must not carry. */
export const releaseHandoffEnvelopePolicySchema = z.looseObject({
  /** Contract version the policy belongs to, e.g. `service.v2`; when absent, the version is implied by where it sits. */
  service_contract_version: serviceContractVersionSchema.optional(),
  /** Fields every non-2xx body must carry, e.g. `error.code`. */
  required_fields: z.array(envelopeFieldSchema),
  /** Fields a body may carry, e.g. `error.details`. */
  optional_fields: z.array(envelopeFieldSchema).optional(),
  /** Fields a body must not carry, e.g. `legacy_error`. */
  forbidden_fields: z.array(envelopeFieldSchema).optional(),
});
export type ReleaseHandoffEnvelopePolicy = z.output<typeof releaseHandoffEnvelopePolicySchema>;

/** The runtime the consumer is pinned to while the handoff is in force. */
export const activeRuntimeBaselineSchema = z.looseObject({
  /** Release tag of the live runtime, e.g. `v0.3.2`. */
  release_tag: releaseTagSchema,
  /** Commit the live tag points at, e.g. `cf331449e1589581a5dcbb3adecd3e9ae4509277`. */
  commit_sha: commitShaSchema,
  /** Service contract the consumer must expect from the live runtime, e.g. `service.v2`. */
  expected_service_contract_version: serviceContractVersionSchema,
  /** API contract the consumer must expect from the live runtime, e.g. `api.v1`. */
  expected_api_contract_version: apiContractVersionSchema,
});

/** The window in which the old and the candidate contract are both served. */
export const overlapWindowSchema = z.looseObject({
  /** Length of the window in calendar days, e.g. `14`. */
  duration_days: z.number().int().positive(),
  /** Earliest day a cutover to the candidate may happen, e.g. `2026-02-22`. */
  not_before: handoffDateSchema,
});

/** The contract being rehearsed, when `handoff_mode` names a candidate. */
export const rehearsalCandidateSchema = z.looseObject({
  /** Contract version the consumer rehearses, e.g. `service.v3`. */
  target_service_contract_version: serviceContractVersionSchema,
  /** The candidate's non-2xx envelope policy. */
  non_2xx_envelope_policy: releaseHandoffEnvelopePolicySchema,
  /** The overlap window that follows a cutover to the candidate. */
  overlap_window: overlapWindowSchema,
});

/** When and how the consumer goes back to the active runtime baseline. */
export const rollbackPolicySchema = z.looseObject({
  /** Any one of these starts a rollback, one sentence each, e.g. `Non-2xx envelope shape mismatch in integration tests.` */
  triggers: z.array(z.string().min(1)).min(1),
  /** What happens on rollback, in order, e.g. `The producer publishes a rollback advisory.` */
  actions: z.array(z.string().min(1)).optional(),
});

/** `<producer repo>/…/release-handoff.json`: the producer's release handoff JSON, read where it already lives. */
export const releaseHandoffSchema = z
  .looseObject({
    /** `stable`, or `service-v3-candidate` while the consumer rehearses `service.v3`. */
    handoff_mode: handoffModeSchema,
    /** Release tag this handoff was published with, e.g. `v0.3.2`. */
    release_tag: releaseTagSchema,
    /** Commit the release tag points at, e.g. `cf331449e1589581a5dcbb3adecd3e9ae4509277`. */
    commit_sha: commitShaSchema,
    /** Integration baseline both sides test against, e.g. `integration/v1`. */
    integration_baseline: integrationBaselineSchema,
    /** The runtime the consumer stays pinned to. */
    active_runtime_baseline: activeRuntimeBaselineSchema,
    /** The rehearsed contract; required when `handoff_mode` names a candidate. */
    rehearsal_candidate: rehearsalCandidateSchema.optional(),
    /** The live contract's non-2xx envelope policy (the contract of `active_runtime_baseline`). */
    non_2xx_envelope_policy: releaseHandoffEnvelopePolicySchema,
    /** The producer's verification commands, full command lines, e.g. `cargo fmt --all -- --check`. */
    verification_commands: z.array(z.string().min(1)),
    /** Checks the producer must have green before the handoff, full command lines. */
    required_producer_checks: z.array(z.string().min(1)).optional(),
    /** Checks the consumer runs in its CI, e.g. `pnpm run check:memorykernel-pin`. */
    required_consumer_checks: z.array(z.string().min(1)),
    /** When and how the consumer rolls back. */
    rollback_policy: rollbackPolicySchema,
    /** Text the producer fills in to tell consumers what a release changes for them. */
    consumer_impact_statement_template: z.string().min(1),
  })
  .superRefine((handoff, context) => {
    // The mode and the candidate object say the same thing twice; a release script that updates one and
    // not the other would hand off a contradiction.
    const named = candidateOfHandoffMode(handoff.handoff_mode);
    if (named && !handoff.rehearsal_candidate)
      context.addIssue({
        code: 'custom',
        path: ['handoff_mode'],
        message: `it names candidate ${named}, expected a rehearsal_candidate object for it (or handoff_mode stable)`,
      });
    const target = handoff.rehearsal_candidate?.target_service_contract_version;
    if (named && target && target !== named)
      context.addIssue({
        code: 'custom',
        path: ['rehearsal_candidate', 'target_service_contract_version'],
        message: `expected ${named}, the candidate handoff_mode \`${handoff.handoff_mode}\` names`,
      });
  });
export type ReleaseHandoff = z.output<typeof releaseHandoffSchema>;

/**
 * The candidate contract a handoff mode names: `service-v3-candidate` → `service.v3`, `stable` → undefined.
 */
export function candidateOfHandoffMode(mode: string): string | undefined {
  const match = /^service-v(\d+)-candidate$/.exec(mode);
  return match ? `service.v${match[1]}` : undefined;
}
