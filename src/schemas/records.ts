import { z } from 'zod';
import { idSchema, isoDateSchema, ownerSchema } from './common.ts';
import { referencePattern } from './references.ts';

/**
 * What happened after the plan was written: go/no-go decisions, runtime events and the evidence records
 * that make a `passed`, `met` or `done` more than a word. One list file per migration,
 * `content/migrations/<id>/records.yaml`, read top to bottom as a log (see the README's content model for
 * why a list and not a folder).
 */

const utcTimestampPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/;

/**
 * A moment in UTC written `YYYY-MM-DDTHH:MM[:SS]Z`, e.g. `2026-03-02T14:05:00Z`. A YAML loader that
 * turns timestamps into `Date` objects is normalised back; an offset other than `Z` is refused so every
 * record compares on one clock.
 */
export const utcTimestampSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().replace(/\.000Z$/, 'Z') : value),
  z
    .string()
    .regex(utcTimestampPattern, 'a UTC timestamp written YYYY-MM-DDTHH:MM:SSZ, such as 2026-03-02T14:05:00Z')
    .refine((value) => {
      const [, y, mo, d, h, mi, s] = utcTimestampPattern.exec(value) ?? [];
      const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)));
      return (
        date.getUTCFullYear() === Number(y) &&
        date.getUTCMonth() === Number(mo) - 1 &&
        date.getUTCDate() === Number(d) &&
        date.getUTCHours() === Number(h) &&
        date.getUTCMinutes() === Number(mi)
      );
    }, 'a real calendar moment (month 01-12, a day that month has, hour 00-23)'),
);

/** A typed reference to an item of the same migration, e.g. `gate:producer-suite-green` or `record:p1-documents`. */
export const typedReferenceSchema = z
  .string()
  .regex(referencePattern, 'a typed reference such as `gate:producer-suite-green` or `task:P4`');

/** What a go/no-go decision is about. */
export const decisionScopeSchema = z.enum(['rehearsal', 'runtime-cutover', 'rollback', 'stabilization-close']);
export type DecisionScope = z.output<typeof decisionScopeSchema>;

/** A go/no-go checkpoint, recorded when it was taken. */
export const decisionSchema = z.strictObject({
  /** Stable id, referenced as `decision:<id>`, e.g. `cutover-go`. */
  id: idSchema,
  /** The decision in one sentence, e.g. `Go for the service.v3 runtime cutover.` */
  title: z.string().min(1),
  /** What was decided: `runtime-cutover` authorises the cutover event, `rollback` a rollback, and so on. */
  scope: decisionScopeSchema,
  /** `go` or `no-go`. A `go` relies on its evidence being passed, met or done at `decidedAt`. */
  outcome: z.enum(['go', 'no-go']),
  /** When the decision was taken, in UTC, e.g. `2026-03-02T13:00:00Z`. */
  decidedAt: utcTimestampSchema,
  /** Teams that signed the decision, e.g. `MemoryKernel`. */
  approvers: z.array(z.string().min(1)).min(1),
  /** What the decision relied on, as typed references: gates, tasks, exit criteria, evidence records. */
  evidence: z.array(typedReferenceSchema).default([]),
  /** Ids of earlier decisions this one replaces, e.g. a no-go followed by a go: `cutover-no-go`. */
  supersedes: z.array(idSchema).default([]),
});
export type Decision = z.output<typeof decisionSchema>;

/** Kinds of runtime event. */
export const eventTypeSchema = z.enum([
  'cutover-executed',
  'rollback-executed',
  'window-opened',
  'window-closed',
  'legacy-error-removed',
]);
export type EventType = z.output<typeof eventTypeSchema>;

/** Something that happened to the runtime or to a declared window, with when. */
export const eventSchema = z.strictObject({
  /** Stable id, referenced as `event:<id>`, e.g. `cutover-executed`. */
  id: idSchema,
  /** What happened, in one sentence, e.g. `Runtime cut over to service.v3 (v0.4.0).` */
  title: z.string().min(1),
  /**
   * `cutover-executed`: the runtime serves the target contract from `at` (it also opens the overlap
   * window). `rollback-executed`: back on the source contract. `window-opened` / `window-closed`: a
   * declared window (`window`) starts or ends. `legacy-error-removed`: `legacy_error` left the source
   * contract's envelope.
   */
  type: eventTypeSchema,
  /** When it happened, in UTC, e.g. `2026-03-02T14:05:00Z`. */
  at: utcTimestampSchema,
  /** Id of the `go` decision that authorised it, e.g. `cutover-go`; required for cutovers and rollbacks. */
  authorisedBy: idSchema.optional(),
  /** For window events: the window's id, `overlap` (the producer manifest's) or one declared under `windows`. */
  window: idSchema.optional(),
});
export type RecordedEvent = z.output<typeof eventSchema>;

/** A period with a declared length, checked against the events that open and close it. */
export const windowSchema = z.strictObject({
  /** Stable id used by window events, e.g. `stabilization`. `overlap` is reserved for the producer manifest's window. */
  id: idSchema.refine((id) => id !== 'overlap', 'an id other than `overlap`, which the producer manifest declares'),
  /** What the window is for, e.g. `Post-cutover stabilization`. */
  title: z.string().min(1),
  /** Shortest length in calendar days, e.g. `7` for one week; closing earlier is an error. */
  days: z.number().int().positive(),
});
export type DeclaredWindow = z.output<typeof windowSchema>;

/** Proof that something ran or exists: a CI run or an artifact, recorded by one side at one moment. */
export const evidenceRecordSchema = z
  .strictObject({
    /** Stable id, referenced as `record:<id>`, e.g. `p1-planning-documents`. */
    id: idSchema,
    /** What the record shows, in one sentence, e.g. `The four planning documents are published.` */
    title: z.string().min(1),
    /** When it was recorded, in UTC, e.g. `2026-02-08T12:00:00Z`. */
    recordedAt: utcTimestampSchema,
    /** Who recorded it. */
    by: ownerSchema,
    /** The items it is evidence for, e.g. `task:P1`, `gate:producer-suite-green`, `exit:exit-producer-suite`. */
    for: z.array(typedReferenceSchema).min(1),
    /** Link to the CI run that produced it, e.g. `https://ci.example/memorykernel/runs/4812`. */
    ci: z.url({ protocol: /^https$/ }).optional(),
    /** Repository-relative path of the artifact, e.g. `content/migrations/service-v3/plan.mdx`. */
    artifact: z.string().min(1).optional(),
    /** sha256 of the artifact's bytes, 64 lower-case hex digits; checked by the digest rule where it exists. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a sha256 of 64 lower-case hex digits')
      .optional(),
  })
  .refine((record) => (record.ci === undefined) !== (record.artifact === undefined), {
    message: 'exactly one of `ci` (a CI run link) or `artifact` (a path)',
    path: ['ci'],
  })
  .refine((record) => record.sha256 === undefined || record.artifact !== undefined, {
    message: '`sha256` only together with `artifact`',
    path: ['sha256'],
  });
export type EvidenceRecord = z.output<typeof evidenceRecordSchema>;

/** `content/migrations/<id>/records.yaml`: the migration's decisions, events, windows and evidence records. */
export const recordsSchema = z.strictObject({
  /** Always `records`. */
  kind: z.literal('records'),
  /** Page title of the timeline, e.g. `service.v3 decisions and evidence`. */
  title: z.string().min(1),
  /** Day the log was last appended to, e.g. `2026-02-08`. */
  updated: isoDateSchema,
  /** Go/no-go decisions, oldest first. */
  decisions: z.array(decisionSchema).default([]),
  /** Runtime and window events, oldest first. */
  events: z.array(eventSchema).default([]),
  /** Windows with a declared length besides the overlap window (which the producer manifest declares). */
  windows: z.array(windowSchema).default([]),
  /** Evidence records, oldest first. */
  evidence: z.array(evidenceRecordSchema).default([]),
});
export type Records = z.output<typeof recordsSchema>;
