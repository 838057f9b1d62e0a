import { z } from 'zod';
import { documentBaseShape, idSchema, ownerSchema } from './common.ts';

/** Something the migration must ship: a document, a payload, a script. */
export const deliverableSchema = z.strictObject({
  /** Stable id, e.g. `rehearsal-plan`. */
  id: idSchema,
  /** What it is, e.g. `Rehearsal plan`. */
  title: z.string().min(1),
  /** Repository-relative path of the file in this project, e.g. `content/migrations/service-v3/plan.mdx`. */
  path: z.string().min(1),
  /** Path in the producer's own repository layout, e.g. `docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md`. */
  producerPath: z.string().min(1),
});

/** A condition the rehearsal must meet before it ends. */
export const exitCriterionSchema = z.strictObject({
  /** Stable id, e.g. `exit-producer-suite`. */
  id: idSchema,
  /** The condition as one sentence, e.g. `Producer verification suite is green.` */
  title: z.string().min(1),
  /** `met` only when every listed gate has passed and every listed task is done. */
  status: z.enum(['met', 'unmet']),
  /** Ids of cutover gates the criterion depends on. */
  gates: z.array(idSchema).default([]),
  /** Ids of tracker tasks the criterion depends on, e.g. `P3`. */
  tasks: z.array(idSchema).default([]),
});

/** A command whose success is evidence for a gate. */
export const commandSchema = z.strictObject({
  /** Stable id, e.g. `cargo-fmt-check`. */
  id: idSchema,
  /** Who runs it in their CI: `producer` or `consumer`. */
  owner: ownerSchema.exclude(['joint']),
  /** The exact command line, e.g. `cargo fmt --all -- --check`. */
  run: z.string().min(1),
  /** What a green run shows, e.g. `Formatting matches rustfmt.` */
  purpose: z.string().min(1),
  /**
   * A machine-specific absolute path the command keeps on purpose, and why, e.g. `{ path:
   * /Users/d/Projects/MemoryKernel, reason: "Quoted verbatim from the producer's plan ..." }`. Without it,
   * a home-directory path in `run` is a `portable-commands` warning.
   */
  machineSpecificPath: z
    .strictObject({
      /** The path as `run` writes it, e.g. `/Users/d/Projects/MemoryKernel`. */
      path: z.string().min(1),
      /** Why the command keeps it rather than a repository-relative path or a variable; one line (the export writes it as a comment line next to the command). */
      reason: z.string().regex(/^[^\r\n]+$/, 'one non-empty line'),
    })
    .optional(),
});
export type Command = z.output<typeof commandSchema>;

/** `content/migrations/<id>/plan.mdx`: objective, constraints, deliverables, exit criteria and commands. */
export const planSchema = z.strictObject({
  /** Always `plan`. */
  kind: z.literal('plan'),
  ...documentBaseShape,
  /** What the rehearsal is for, in one or two sentences. */
  objective: z.string().min(1),
  /** What the migration ships. Every document of the migration must be listed here. */
  deliverables: z.array(deliverableSchema).min(1),
  /** Conditions that end the rehearsal. */
  exitCriteria: z.array(exitCriterionSchema).min(1),
  /** Producer verification commands and consumer checks, each cited by id as gate evidence. */
  commands: z.array(commandSchema).min(1),
  /**
   * Lists of this document whose order is part of the fact: every restatement must keep the order. Other
   * lists compare as sets. When absent: `[commands]` (each side runs its commands in the order declared);
   * `[]` makes every list a set.
   */
  ordered: z.array(z.enum(['commands', 'exitCriteria', 'deliverables'])).optional(),
});
export type Plan = z.output<typeof planSchema>;
