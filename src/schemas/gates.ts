import { z } from 'zod';
import { envelopeFieldSchema } from './contract-policy.ts';
import { documentBaseShape, idSchema, listedItemSchema, ownerSchema, serviceContractVersionSchema } from './common.ts';

/** A restatement of one contract's envelope policy that a gate asserts; checked against the policy data. */
export const envelopeAssertionSchema = z.strictObject({
  /** Contract whose policy is asserted, e.g. `service.v3`. */
  contract: serviceContractVersionSchema,
  /** Fields asserted present. */
  required: z.array(envelopeFieldSchema),
  /** Fields asserted allowed. */
  optional: z.array(envelopeFieldSchema).default([]),
  /** Fields asserted absent. */
  forbidden: z.array(envelopeFieldSchema).default([]),
});

/** What shows a gate has passed. */
export const gateEvidenceSchema = z.strictObject({
  /** Ids of commands (declared in the plan) whose green run is evidence. */
  commands: z.array(idSchema).default([]),
  /** Ids of evidence checklist items that record the result. */
  checklist: z.array(idSchema).default([]),
  /** Envelope policy assertions the gate runs. */
  envelope: envelopeAssertionSchema.optional(),
});

/** One go/no-go gate for cutover. */
export const gateSchema = z.strictObject({
  /** Stable id, e.g. `producer-suite-green`. */
  id: idSchema,
  /** The gate as a short sentence, e.g. `Producer suite green`. */
  title: z.string().min(1),
  /** Who must make it pass. */
  owner: ownerSchema,
  /** `passed` needs evidence; `failed` blocks every task waiting on it. */
  status: z.enum(['pending', 'passed', 'failed']),
  /** Evidence for the gate. */
  evidence: gateEvidenceSchema,
});
export type Gate = z.output<typeof gateSchema>;

/** A prerequisite for cutover, owned by one side. */
export const prerequisiteSchema = listedItemSchema.extend({
  /** Side that must meet it. */
  owner: ownerSchema.exclude(['joint']),
});

/** An item of the evidence checklist. */
export const checklistItemSchema = listedItemSchema.extend({
  /** Side that produces the evidence. */
  owner: ownerSchema,
});

/** A rollback action with the side that carries it out. */
export const rollbackActionSchema = listedItemSchema.extend({
  /** Side that acts. */
  owner: ownerSchema,
});

/** `content/migrations/<id>/gates.mdx`: cutover gates, prerequisites, rollback and evidence. */
export const gatesSchema = z.strictObject({
  /** Always `gates`. */
  kind: z.literal('gates'),
  ...documentBaseShape,
  /** The go/no-go gates; all must pass before cutover. */
  gates: z.array(gateSchema).min(1),
  /** Prerequisites of each side. */
  prerequisites: z.array(prerequisiteSchema).min(1),
  /** Any one of these sends the consumer back to the live pin. */
  rollbackTriggers: z.array(listedItemSchema).min(1),
  /** What happens on rollback, in order. */
  rollbackActions: z.array(rollbackActionSchema).min(1),
  /** Evidence to collect before the go/no-go decision. */
  evidenceChecklist: z.array(checklistItemSchema).min(1),
  /**
   * Lists of this document whose order is part of the fact: every restatement must keep the order. Lists
   * not named here are compared as sets. When absent: `[rollbackActions]` (rollback runs its actions in
   * order); `[]` makes every list a set.
   */
  ordered: z
    .array(z.enum(['gates', 'prerequisites', 'rollbackTriggers', 'rollbackActions', 'evidenceChecklist']))
    .optional(),
});
export type Gates = z.output<typeof gatesSchema>;
