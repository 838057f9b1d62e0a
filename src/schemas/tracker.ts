import { z } from 'zod';
import { documentBaseShape, idSchema, ownerSchema } from './common.ts';

/** One unit of work in the execution tracker. */
export const taskSchema = z.strictObject({
  /** Tracker key, e.g. `P4`. */
  id: idSchema,
  /** What the task delivers, e.g. `Joint rehearsal entry handshake`. */
  title: z.string().min(1),
  /** `done` exactly when every gate in `waitsOn` has passed; `blocked` while one of them has not. */
  status: z.enum(['ready', 'in-progress', 'blocked', 'done']),
  /** Who does the work. */
  owner: ownerSchema,
  /** What must be true to call the task done, one condition per item. */
  definitionOfDone: z.array(z.string().min(1)).min(1),
  /** Ids of gates whose passing completes this task, e.g. `joint-signoff-recorded`. */
  waitsOn: z.array(idSchema).default([]),
  /** Ids of deliverables the task produces, e.g. `handoff-payload`. */
  deliverables: z.array(idSchema).default([]),
});
export type Task = z.output<typeof taskSchema>;

/** `content/migrations/<id>/tracker.mdx`: the execution tracker. */
export const trackerSchema = z.strictObject({
  /** Always `tracker`. */
  kind: z.literal('tracker'),
  ...documentBaseShape,
  /** The tasks, in tracker order. */
  tasks: z.array(taskSchema).min(1),
});
export type Tracker = z.output<typeof trackerSchema>;
