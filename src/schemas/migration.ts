import { z } from 'zod';
import { idSchema, isoDateSchema, serviceContractVersionSchema } from './common.ts';

/** `content/migrations/<id>/migration.yaml`: what moves from which contract to which, and in what mode. */
export const migrationSchema = z.strictObject({
  /** Always `migration`. */
  kind: z.literal('migration'),
  /** Equal to the folder name, e.g. `service-v3`. Ids in the migration's documents are scoped to it. */
  id: idSchema,
  /** Name shown in navigation, e.g. `service.v2 → service.v3`. */
  title: z.string().min(1),
  /** Producer service, e.g. `MemoryKernel`. */
  producer: z.string().min(1),
  /** Consumer service, e.g. `AssistSupport`. */
  consumer: z.string().min(1),
  /** Contract consumers leave, e.g. `service.v2`. */
  from: serviceContractVersionSchema,
  /** Contract consumers move to, e.g. `service.v3`. */
  to: serviceContractVersionSchema,
  /**
   * Phase of the migration. `rehearsal`: planning only, the live pin may not move. `cutover`: gates are
   * being decided. `stabilization`: after cutover. `complete`: closed.
   */
  mode: z.enum(['rehearsal', 'cutover', 'stabilization', 'complete']),
  /** Day the migration's rehearsal package was started, e.g. `2026-02-08`. */
  started: isoDateSchema,
  /**
   * Earliest UTC day the runtime cutover may happen, when the producer has announced one, e.g.
   * `2026-03-01`. A cutover event before it is an error. Published in the handoff payload as is.
   */
  notBefore: isoDateSchema.optional(),
});
export type Migration = z.output<typeof migrationSchema>;
