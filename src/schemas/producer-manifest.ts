import { z } from 'zod';
import { valueSourceSchema } from './value-source.ts';
import { idSchema, isoDateSchema, listedItemSchema } from './common.ts';

/**
 * A number of the manifest that is meant to differ in some prose: a historical value, restated in a
 * section marked as a snapshot. Declaring it is what lets that section keep the old number.
 */
export const manifestSnapshotSchema = z.strictObject({
  /** Stable id of the snapshot, e.g. `pilot-overlap`. */
  id: idSchema,
  /** Why the numbers differ from the live manifest. */
  reason: z.enum(['historical']),
  /** One sentence on where the numbers come from, e.g. `The service.v2 pilot ran a 7-day overlap.` */
  note: z.string().min(1),
  /** Overlap window of the snapshot in calendar days, e.g. `7`. */
  overlapDays: z.number().int().positive().optional(),
  /** Standard additive notice of the snapshot in business days, e.g. `5`. */
  standardBusinessDays: z.number().int().positive().optional(),
  /** Emergency additive notice of the snapshot in hours, e.g. `48`. */
  emergencyHours: z.number().int().positive().optional(),
});

/** `content/runtime/producer-manifest.yaml`: the producer's published contract facts beyond the pin. */
export const producerManifestSchema = z.strictObject({
  /** Always `producer-manifest`. */
  kind: z.literal('producer-manifest'),
  /** Page title, e.g. `Producer contract manifest`. */
  title: z.string().min(1),
  /** Day the manifest was last confirmed, e.g. `2026-02-08`. */
  updated: isoDateSchema,
  /**
   * Fields read from a file of the producer's repository instead of written here (file + JSON Pointer per
   * field), e.g. the pin from `contracts/integration/v1/producer-contract-manifest.json`.
   */
  source: valueSourceSchema.optional(),
  /** Error codes a non-2xx envelope may carry in `error.code`. */
  errorCodes: z.strictObject({
    /** How a consumer compares its known codes with this list: `set-equality` means same members, any order. */
    validation: z.enum(['set-equality', 'subset']),
    /** The codes, in the producer's published order, e.g. `invalid_json`. */
    codes: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case error code such as write_conflict')).min(1),
  }),
  /** Notice the producer gives before adding an error code. */
  additiveNotice: z.strictObject({
    /** Standard notice in business days, e.g. `10`. */
    standardBusinessDays: z.number().int().positive(),
    /** Emergency notice in hours, e.g. `24`. */
    emergencyHours: z.number().int().positive(),
    /** What an emergency addition must ship the same day, e.g. `docs`, `spec`, `tests`. */
    emergencyRequiresSameDay: z.array(z.string().min(1)).min(1),
  }),
  /** The window in which the old and new contract are both served. */
  overlap: z.strictObject({
    /** Length of the window in calendar days, e.g. `14`. */
    days: z.number().int().positive(),
    /** What must hold during the whole window. */
    guarantees: z.array(listedItemSchema).min(1),
  }),
  /** Numbers meant to differ from the live ones in sections marked as snapshots (historical values). */
  snapshots: z.array(manifestSnapshotSchema).optional(),
});
export type ProducerManifest = z.output<typeof producerManifestSchema>;
