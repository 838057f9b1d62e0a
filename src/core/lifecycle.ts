import type { Entry, MigrationBundle } from './corpus.ts';
import type { Span } from './diagnostic.ts';
import type { DataPath } from './parse/data-path.ts';
import { plural } from './text/plural.ts';
import type { Decision, EvidenceRecord, RecordedEvent } from '../schemas/index.ts';

/**
 * The migration's timeline read from its records file: which decision and event put the runtime on the
 * target contract, which records prove which item, and when declared windows open and close. Rules ask
 * this module instead of re-reading `records.yaml` each their own way.
 */

/** Milliseconds since the epoch of a UTC timestamp the schema accepted (`2026-03-02T14:05:00Z`). */
export function instantOf(timestamp: string): number {
  return Date.parse(timestamp);
}

/** Milliseconds since the epoch of the start (00:00 UTC) of a `YYYY-MM-DD` day. */
export function dayStartOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export const dayMs = 24 * 60 * 60 * 1000;

/** `2 days 3 hours`, `25 minutes`: a duration as people say it, for messages. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? plural(days, 'day') : '',
    hours ? plural(hours, 'hour') : '',
    rest || (!days && !hours) ? plural(rest, 'minute') : '',
  ].filter(Boolean);
  return parts.join(' ');
}

/** A `YYYY-MM-DDTHH:MM:SSZ` string for an instant. */
export function timestampOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

export interface Located<T> {
  item: T;
  index: number;
  /** Span of the item's key `key` (or of the item when omitted). */
  at(key?: string): Span;
}

/** The decision and event that moved the runtime to the target contract, when both exist. */
export interface RuntimeCutover {
  decision: Located<Decision>;
  event: Located<RecordedEvent>;
}

export interface Timeline {
  entry: Entry<'records'>;
  decisions: Located<Decision>[];
  events: Located<RecordedEvent>[];
  records: Located<EvidenceRecord>[];
  /** The latest executed cutover authorised by a `go` runtime-cutover decision, unless a later rollback undid it. */
  cutover: RuntimeCutover | undefined;
  /** The latest executed cutover event, authorised or not, unless a later rollback undid it. */
  cutoverEvent: Located<RecordedEvent> | undefined;
  /** Evidence records naming a `kind:id`, oldest first. */
  recordsFor(reference: string): Located<EvidenceRecord>[];
  decision(id: string): Located<Decision> | undefined;
}

const cache = new WeakMap<MigrationBundle, Timeline | undefined>();

export function timelineOf(bundle: MigrationBundle): Timeline | undefined {
  if (cache.has(bundle)) return cache.get(bundle);
  const entry = bundle.records;
  const timeline = entry ? buildTimeline(entry) : undefined;
  cache.set(bundle, timeline);
  return timeline;
}

function located<T>(entry: Entry<'records'>, list: 'decisions' | 'events' | 'evidence', items: readonly T[]) {
  return items.map((item, index): Located<T> => ({
    item,
    index,
    at: (key) => entry.locate((key === undefined ? [list, index] : [list, index, key]) as DataPath),
  }));
}

function buildTimeline(entry: Entry<'records'>): Timeline {
  const decisions = located(entry, 'decisions', entry.data.decisions);
  const events = located(entry, 'events', entry.data.events);
  const records = located(entry, 'evidence', entry.data.evidence);
  const byDecision = new Map(decisions.map((decision) => [decision.item.id, decision]));
  const chronological = [...events].sort((a, b) => instantOf(a.item.at) - instantOf(b.item.at) || a.index - b.index);
  let cutoverEvent: Located<RecordedEvent> | undefined;
  for (const event of chronological) {
    if (event.item.type === 'cutover-executed') cutoverEvent = event;
    if (event.item.type === 'rollback-executed') cutoverEvent = undefined;
  }
  const authorising = cutoverEvent?.item.authorisedBy ? byDecision.get(cutoverEvent.item.authorisedBy) : undefined;
  const cutover =
    cutoverEvent && authorising?.item.scope === 'runtime-cutover' && authorising.item.outcome === 'go'
      ? { decision: authorising, event: cutoverEvent }
      : undefined;
  const byReference = new Map<string, Located<EvidenceRecord>[]>();
  for (const record of records) {
    for (const reference of record.item.for) {
      const list = byReference.get(reference) ?? [];
      list.push(record);
      byReference.set(reference, list);
    }
  }
  for (const list of byReference.values())
    list.sort((a, b) => instantOf(a.item.recordedAt) - instantOf(b.item.recordedAt));
  return {
    entry,
    decisions,
    events,
    records,
    cutover,
    cutoverEvent,
    recordsFor: (reference) => byReference.get(reference) ?? [],
    decision: (id) => byDecision.get(id),
  };
}

/** The items whose finished status needs an evidence record, with the status that does. */
export const finishedStatus = { gate: 'passed', task: 'done', exit: 'met' } as const;
