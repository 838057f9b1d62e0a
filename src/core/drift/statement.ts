import type { PinField } from '../../schemas/index.ts';
import { listConcepts, type ListConcept } from '../conventions.ts';

/**
 * What the drift report and the importer extract from a producer's files: one statement of one fact at one
 * place. Statements of the same fact are grouped by `fact`; a fact with more than one current value drifts.
 */

/** Where a statement is: a path relative to the repository root, 1-based line and column. */
export interface StatementPlace {
  file: string;
  line: number;
  column: number;
}

/** One item of a fact list, with the group it is listed under (e.g. `producer` in an evidence checklist). */
export interface ListItemValue {
  group?: string | undefined;
  text: string;
}

export interface FactStatement {
  /** Stable key of the fact, e.g. `pin:live:release_tag`, `status:task:P4`, `list:rollbackTriggers`. */
  fact: string;
  /** The fact in words, e.g. `release_tag of the live pin`. */
  label: string;
  /** The value folded for comparison (case, markup and spacing do not count). */
  value: string;
  /** The value as the report shows it. */
  shown: string;
  /** For a fact list: its items (the value is their sorted, folded set). */
  items?: ListItemValue[] | undefined;
  /**
   * How a list's items compare, for a list no concept names (one restated by its items alone): commands as
   * written, or text folded like a sentence. A named list compares as its concept says.
   */
  itemFold?: 'command' | 'text' | undefined;
  place: StatementPlace;
  /** `YYYY-MM-DD` the statement is dated by (its section's date, else its file's). */
  date?: string | undefined;
  /** Why the statement records the past rather than the present (a history section, a snapshot marker). */
  history?: string | undefined;
  /** The statement comes from a machine-readable source (release handoff JSON, manifest): the reference. */
  reference?: boolean | undefined;
}

/** A `label: value` the producer wrote under a gate or a task (`Status: Passed`, `**Owner:** Producer`, `Evidence: …`). */
export interface EntityField {
  /** The label folded to words, e.g. `status`, `waits on`, `definition of done`. */
  label: string;
  /** The value as written (inline Markdown kept), e.g. `Pending`; empty when the values are nested items. */
  value: string;
  /** The nested items of a `Label:` item with a list under it, as written. */
  items?: { text: string; line: number }[] | undefined;
  place: StatementPlace;
}

/**
 * A gate or a task as the producer wrote it, however it is written: a `### Gate 1: …` heading or a numbered
 * gate item under a gates heading, a `Task P1: …` / `P1 — …` heading, or a row of a table with an id, a title
 * and a status column. The drift report compares their statuses; the importer reads them as the package's
 * gates and tasks, so both read the same things the same way.
 */
export interface ExtractedEntity {
  kind: 'gate' | 'task';
  /** A task's id (`P1`) or the slug of a gate's name (`producer-suite-green`). */
  key: string;
  /** The title as written, without its numbering, id prefix or emphasis, e.g. `Producer suite green`. */
  title: string;
  place: StatementPlace;
  /** Every `label: value` stated for it, in order. */
  fields: EntityField[];
  /** Why it records the past (a history section, a snapshot marker), as for statements. */
  history?: string | undefined;
}

/** Whose pin a pin field belongs to: the live runtime, or the candidate being rehearsed. */
export type PinOwner = 'live' | 'candidate';

export function pinFact(field: PinField, owner: PinOwner): { fact: string; label: string } {
  if (field === 'service_contract_version' && owner === 'candidate')
    return { fact: 'contract:candidate', label: 'candidate contract version' };
  return { fact: `pin:${owner}:${field}`, label: `${field} of the ${owner} pin` };
}

export const modeFact = { fact: 'mode', label: 'migration mode' } as const;
export const handoffModeFact = { fact: 'handoff-mode', label: 'handoff mode' } as const;

export function statusFact(kind: 'task' | 'gate' | 'rfc', name?: string): { fact: string; label: string } {
  if (kind === 'rfc') return { fact: 'status:rfc', label: 'status of the RFC' };
  return { fact: `status:${kind}:${name ?? ''}`, label: `status of ${kind} ${name ?? ''}` };
}

export function listFact(concept: ListConcept): { fact: string; label: string } {
  return { fact: `list:${concept}`, label: listConcepts[concept].title };
}

/** A name as a slug, so `Producer suite green` and `producer-suite-green` name the same gate. */
export function slugOf(text: string): string {
  return text
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
