import { z } from 'zod';
import { documentBaseShape, idSchema, listedItemSchema, pinSchema } from './common.ts';

/** One stage of the migration as the RFC lays it out. */
export const stageSchema = z.strictObject({
  /** Stable id, e.g. `stage-preparation`. */
  id: idSchema,
  /** Order of the stage, starting at 0, e.g. `0`. */
  number: z.number().int().nonnegative(),
  /** Name of the stage, e.g. `Preparation`. */
  title: z.string().min(1),
  /** Exactly one stage is `current`; those before it are `done`, those after it `upcoming`. */
  status: z.enum(['done', 'current', 'upcoming']),
  /** Ids of gates that must pass before this stage can start. */
  requiresGates: z.array(idSchema).default([]),
});

/** Someone whose approval moves the RFC from `draft`/`review` to `accepted`. */
export const approverSchema = z.strictObject({
  /** Team name, e.g. `AssistSupport`. */
  team: z.string().min(1),
  /** Side of the contract the team speaks for. */
  role: z.enum(['producer', 'consumer']),
  /**
   * The approval as recorded: `pending` until the team decides (the default), then `approved` or
   * `rejected`. The RFC may be `accepted` only when every approver is `approved`.
   */
  decision: z.enum(['pending', 'approved', 'rejected']).optional(),
});

/** `content/migrations/<id>/rfc.mdx`: the migration RFC. */
export const rfcSchema = z.strictObject({
  /** Always `rfc`. */
  kind: z.literal('rfc'),
  ...documentBaseShape,
  /** Who must approve before the RFC is `accepted`. */
  approvers: z.array(approverSchema).min(1),
  /** The live pin the RFC was written against; checked against the runtime pin. */
  baseline: pinSchema,
  /** Migration stages in order. */
  stages: z.array(stageSchema).min(1),
  /** Rules no stage may break. */
  nonNegotiables: z.array(listedItemSchema).min(1),
});
export type Rfc = z.output<typeof rfcSchema>;
