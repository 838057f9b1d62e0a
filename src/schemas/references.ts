/**
 * Kinds of id a prose reference or a record can name, written `kind:id`, e.g. `gate:producer-suite-green`.
 * They live with the schemas because records (`src/schemas/records.ts`) hold typed references as data;
 * the checker (`src/core/ids.ts`) re-exports them.
 */
export const referenceKinds = [
  'gate',
  'task',
  'exit',
  'trigger',
  'action',
  'deliverable',
  'command',
  'prereq',
  'evidence',
  'stage',
  'principle',
  'decision',
  'event',
  'record',
] as const;
export type ReferenceKind = (typeof referenceKinds)[number];

/** Matches a whole typed reference, `kind:id`; group 1 is the kind, group 2 the id. */
export const referencePattern = new RegExp(`^(${referenceKinds.join('|')}):([A-Za-z0-9][A-Za-z0-9._-]*)$`);
