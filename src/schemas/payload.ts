import { z } from 'zod';
import { envelopeFieldSchema } from './contract-policy.ts';
import { idSchema, ownerSchema, pinSchema, serviceContractVersionSchema } from './common.ts';

/**
 * The handoff payload: what a consumer reads in its CI to validate a candidate contract before any
 * runtime cutover. It is generated from `content/` by `pnpm generate`, never written by hand, and the
 * `payload-fresh` rule fails the check when the committed file differs by one byte from what the
 * generator produces. Field order here is the key order of the serialized file.
 */

/** The format of this payload. Bumped only on a breaking change of its shape; consumers should check it. */
export const payloadFormatVersion = '2';

/** The name the generator writes into every payload. */
export const payloadGeneratorName = 'contract-docs/generate-payload';

/** A lower-case hex sha256 digest. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 digest of 64 lower-case hex digits');

/** A plain calendar date `YYYY-MM-DD` (the payload never carries `Date` objects). */
const payloadDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD, such as 2026-02-08');
/** A UTC moment, `YYYY-MM-DDTHH:MM:SSZ`, e.g. `2026-03-02T14:05:00Z`. */
const payloadTimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'a UTC timestamp such as 2026-03-02T14:05:00Z');

/** An item of a fact list, as the payload carries it. */
export const payloadItemSchema = z.strictObject({
  /** Stable id, the same one the documents use, e.g. `consumer-suite-fails`. */
  id: idSchema,
  /** The item as one sentence, e.g. `Consumer contract suite fails after the candidate repin.` */
  title: z.string().min(1),
});

/** An item of a fact list together with the side that owns it. */
export const payloadOwnedItemSchema = z.strictObject({
  /** Stable id, the same one the documents use, e.g. `consumer-repin`. */
  id: idSchema,
  /** Side that carries it out: `producer`, `consumer` or `joint`. */
  owner: ownerSchema,
  /** The item as one sentence, e.g. `The consumer repins to the last approved service.v2 tag and sha.` */
  title: z.string().min(1),
});

/** A command whose green run is evidence, with its full command line resolved from the plan. */
export const payloadCommandSchema = z.strictObject({
  /** Command id declared in the plan, e.g. `cargo-fmt-check`. */
  id: idSchema,
  /** The exact command line, e.g. `cargo fmt --all -- --check`. */
  run: z.string().min(1),
});

/** The non-2xx envelope policy of one contract version, copied from `content/contracts/<version>.yaml`. */
export const payloadEnvelopePolicySchema = z.strictObject({
  /** `live` is served today, `candidate` is rehearsed, `retired` is no longer served. */
  status: z.enum(['live', 'candidate', 'retired']),
  /** Dotted field paths every non-2xx body must carry, e.g. `error.code`. */
  required: z.array(envelopeFieldSchema),
  /** Dotted field paths a body may carry, e.g. `error.details`. */
  optional: z.array(envelopeFieldSchema),
  /** Dotted field paths a body must not carry, e.g. `legacy_error`. */
  forbidden: z.array(envelopeFieldSchema),
  /** When true, a body may carry no field beyond the required and optional ones. */
  closed: z.boolean(),
});
export type PayloadEnvelopePolicy = z.output<typeof payloadEnvelopePolicySchema>;

/** One cutover go/no-go gate with its evidence resolved to command lines and checklist titles. */
export const payloadGateSchema = z.strictObject({
  /** Stable gate id, e.g. `producer-suite-green`. */
  id: idSchema,
  /** The gate as a short sentence, e.g. `Producer suite green`. */
  title: z.string().min(1),
  /** Side that must make it pass. */
  owner: ownerSchema,
  /** `pending` until judged; `passed` or `failed` once decided. */
  status: z.enum(['pending', 'passed', 'failed']),
  /** What shows the gate has passed. */
  evidence: z.strictObject({
    /** Commands whose green run is evidence, in the order the gate cites them. */
    commands: z.array(payloadCommandSchema),
    /** Evidence checklist items that record the result, in the order the gate cites them. */
    checklist: z.array(payloadItemSchema),
    /** Contract whose envelope policy (in `envelopePolicies`) the gate asserts, or null when it asserts none. */
    envelopeContract: serviceContractVersionSchema.nullable(),
  }),
});
export type PayloadGate = z.output<typeof payloadGateSchema>;

/** `content/migrations/<id>/handoff-*.json`: the generated, consumer-ready handoff payload of one migration. */
export const payloadSchema = z
  .strictObject({
    /** Always `"2"` for this shape (`"1"` derived a `notBefore` from the overlap window, which follows the cutover). */
    payloadFormatVersion: z.literal(payloadFormatVersion),
    /** Name of the tool that wrote the file, always `contract-docs/generate-payload`. */
    generator: z.literal(payloadGeneratorName),
    /**
     * The payload's date: the latest `updated` date among its source documents, so it changes only when
     * the documents do. `SOURCE_DATE_EPOCH` (seconds since 1970, read as a UTC day) overrides it.
     */
    sourceDate: payloadDateSchema,
    /** Where `sourceDate` comes from: `documents` or the `SOURCE_DATE_EPOCH` environment variable. */
    sourceDateFrom: z.enum(['documents', 'SOURCE_DATE_EPOCH']),
    /** Producer service, e.g. `MemoryKernel`. */
    producer: z.string().min(1),
    /** Consumer service, e.g. `AssistSupport`. */
    consumer: z.string().min(1),
    /** The live runtime pin from `content/runtime/pin.yaml`; it does not move during a rehearsal. */
    livePin: pinSchema,
    /** The contract the consumer rehearses, and the terms under which it may become the target. */
    candidate: z.strictObject({
      /** The candidate contract version, e.g. `service.v3`. */
      contract: serviceContractVersionSchema,
      /** The contract the consumer leaves, e.g. `service.v2`. */
      from: serviceContractVersionSchema,
      /** Id of the migration, equal to its content folder name, e.g. `service-v3`. */
      migration: idSchema,
      /** Phase of the migration: `rehearsal` means planning only and the live pin may not move. */
      mode: z.enum(['rehearsal', 'cutover', 'stabilization', 'complete']),
      /** Whether a runtime cutover is part of this phase: always false while `mode` is `rehearsal`. */
      runtimeCutover: z.boolean(),
      /** Day the migration's rehearsal started (`started` in migration.yaml), e.g. `2026-02-08`. */
      started: payloadDateSchema,
      /**
       * Earliest UTC day the producer has announced for the runtime cutover (`notBefore` in
       * migration.yaml), or `null` when none is announced. The overlap window does not delay the cutover:
       * it follows it (see `overlap`), so no date is derived from it here.
       */
      notBefore: payloadDateSchema.nullable(),
    }),
    /** The non-2xx envelope policy of every contract in `content/contracts`, keyed by version in code-unit order. */
    envelopePolicies: z.record(serviceContractVersionSchema, payloadEnvelopePolicySchema),
    /** Error codes a non-2xx body may carry in `error.code`, and how consumers compare them. */
    errorCodes: z.strictObject({
      /** `set-equality`: the consumer's known codes must be exactly these, in any order; `subset`: a subset. */
      validation: z.enum(['set-equality', 'subset']),
      /** The codes in the producer's published order, e.g. `invalid_json`. */
      codes: z.array(z.string().min(1)),
    }),
    /** Notice the producer gives before adding an error code. */
    additiveNotice: z.strictObject({
      /** Standard notice in business days, e.g. `10`. */
      standardBusinessDays: z.number().int().positive(),
      /** Emergency notice in hours, e.g. `24`. */
      emergencyHours: z.number().int().positive(),
      /** What an emergency addition must ship the same day, e.g. `docs`, `spec`, `tests`. */
      emergencyRequiresSameDay: z.array(z.string().min(1)),
    }),
    /**
     * The overlap window: it opens when the runtime cuts over to the candidate and lasts `days` calendar
     * days, during which the old contract is still served, unchanged, next to the new one (the RFC's
     * "cutover is followed by an overlap window"). `legacy_error` may leave the old contract only after it.
     */
    overlap: z.strictObject({
      /** Length of the window in calendar days, e.g. `14`. */
      days: z.number().int().positive(),
      /** What holds during the whole window. */
      guarantees: z.array(payloadItemSchema),
      /** When the window opened: the recorded cutover event's UTC time, or `null` before any cutover. */
      opensAt: payloadTimestampSchema.nullable(),
      /** `opensAt` plus `days`: the earliest the old contract may change, or `null` before any cutover. */
      closesAt: payloadTimestampSchema.nullable(),
    }),
    /** The cutover go/no-go gates in document order; all must pass before cutover. */
    gates: z.array(payloadGateSchema),
    /** What each side must have in place before the gates are judged, in document order. */
    prerequisites: z.strictObject({
      /** Producer prerequisites. */
      producer: z.array(payloadItemSchema),
      /** Consumer prerequisites. */
      consumer: z.array(payloadItemSchema),
    }),
    /** The checks each side runs in its CI, in the plan's order, with full command lines. */
    requiredChecks: z.strictObject({
      /** The producer's verification commands. */
      producer: z.array(payloadCommandSchema),
      /** The consumer's checks, e.g. `pnpm run check:memorykernel-pin`. */
      consumer: z.array(payloadCommandSchema),
    }),
    /** When and how the consumer goes back to the live pin. */
    rollback: z.strictObject({
      /** Any one of these starts a rollback. */
      triggers: z.array(payloadItemSchema),
      /** What happens on rollback, in order. */
      actions: z.array(payloadOwnedItemSchema),
    }),
    /** Evidence collected before the go/no-go decision, by the side that produces it. */
    evidenceChecklist: z.strictObject({
      /** Evidence the producer collects. */
      producer: z.array(payloadItemSchema),
      /** Evidence the consumer collects. */
      consumer: z.array(payloadItemSchema),
      /** Evidence both sides record together. */
      joint: z.array(payloadItemSchema),
    }),
    /** Digests a consumer pins or compares with, so it never has to pin the sha256 of the whole payload. */
    digests: z.strictObject({
      /**
       * sha256 of the contract facts alone: `JSON.stringify` of `{livePin, envelopePolicies, errorCodes,
       * gates, requiredChecks}` in this key order without whitespace. It changes when a contract fact
       * changes, never with a prose edit; pin it as `expected_contract_facts_sha256`.
       */
      contractFacts: sha256Schema,
      /**
       * The producer contract manifest this payload was generated from: a consumer's mirrored copy must
       * have this sha256 (`verify-pin --manifest` compares them).
       */
      producerManifest: z.strictObject({
        /** Repository-relative path of the manifest in the producer's repository, e.g. `content/runtime/producer-manifest.yaml`. */
        path: z.string().min(1),
        /** sha256 of the manifest's bytes, 64 lower-case hex digits. */
        sha256: sha256Schema,
      }),
    }),
    /**
     * Every file the payload was generated from (the runtime pin, the producer manifest, the contracts, the
     * migration's documents and migration.yaml), repository-relative, sorted by path in code-unit order,
     * with the sha256 of its UTF-8 text as loaded (a leading byte-order mark is not part of it).
     */
    sources: z.array(
      z.strictObject({
        /** Repository-relative POSIX path, e.g. `content/runtime/pin.yaml`. */
        path: z
          .string()
          .regex(/^(?![/\\])(?!.*(?:^|\/)\.\.(?:\/|$))[^\\:]+$/, 'source paths are repository-relative POSIX paths'),
        /** sha256 of the file's text, 64 lower-case hex digits. */
        sha256: sha256Schema,
      }),
    ),
  })
  .meta({
    title: 'Handoff payload',
    description:
      'The generated, consumer-ready handoff payload of a contract migration: live pin, candidate target, envelope policies, error codes, notice and overlap policy, gates with evidence, prerequisites, required checks, rollback and evidence checklist, with the sha256 of every source file.',
  });
export type Payload = z.output<typeof payloadSchema>;
