import type { Entry, MigrationBundle } from './corpus.ts';
import type { DataPath } from './parse/data-path.ts';

/**
 * The status vocabulary prose uses, per kind of item, and the items' statuses as data: what the
 * `status-claims` rule compares and what the live status tokens render. One table, so a word the rule
 * understands is a word the token can print.
 */

export type StatusKind = 'task' | 'gate' | 'exit' | 'decision';

/** A word (or phrase) of prose and the status it claims for an item of a kind; `open` means "not finished". */
export const statusWords: Record<StatusKind, readonly (readonly [RegExp, string])[]> = {
  task: [
    [/\bin[ -]progress\b/i, 'in-progress'],
    [/\bready\b/i, 'ready'],
    [/\bblocked\b/i, 'blocked'],
    [/\b(?:done|complete|completed)\b/i, 'done'],
    [/\bopen\b/i, 'open'],
  ],
  gate: [
    [/\bpending\b/i, 'pending'],
    [/\bpassed\b/i, 'passed'],
    [/\bfailed\b/i, 'failed'],
    [/\bopen\b/i, 'open'],
  ],
  exit: [
    [/\bunmet\b/i, 'unmet'],
    [/\bmet\b/i, 'met'],
  ],
  decision: [
    [/\bno-go\b/i, 'no-go'],
    [/(?<!no-)\bgo\b(?!\/)/i, 'go'],
  ],
};

/** The finished status of each kind; `open` claims any other. */
export const finishedOf: Record<StatusKind, string> = { task: 'done', gate: 'passed', exit: 'met', decision: 'go' };

/** What an item of each kind is called in a message. */
export const statusNouns: Record<StatusKind, string> = {
  task: 'task',
  gate: 'gate',
  exit: 'exit criterion',
  decision: 'decision',
};

/** Plural nouns of count claims and the kind they count. */
export const countedNouns: readonly (readonly [RegExp, StatusKind])[] = [
  [/^tasks?$/i, 'task'],
  [/^gates?$/i, 'gate'],
  [/^(?:exit )?(?:criteria|criterion)$/i, 'exit'],
  [/^decisions?$/i, 'decision'],
];

export interface StatusItem {
  id: string;
  status: string;
  /** The loaded file that states the status. */
  entry: Entry;
  /** Where in that file's data the status is. */
  path: DataPath;
}

/** Every item of a kind with its status as data, in document order. */
export function statusItems(bundle: MigrationBundle, kind: StatusKind): StatusItem[] {
  const { tracker, gates, plan, records } = bundle;
  switch (kind) {
    case 'task':
      return tracker
        ? tracker.data.tasks.map((task, index) => item(tracker, task.id, task.status, ['tasks', index]))
        : [];
    case 'gate':
      return gates ? gates.data.gates.map((gate, index) => item(gates, gate.id, gate.status, ['gates', index])) : [];
    case 'exit':
      return plan
        ? plan.data.exitCriteria.map((criterion, index) =>
            item(plan, criterion.id, criterion.status, ['exitCriteria', index]),
          )
        : [];
    case 'decision':
      return records
        ? records.data.decisions.map((decision, index) => ({
            id: decision.id,
            status: decision.outcome,
            entry: records,
            path: ['decisions', index, 'outcome'],
          }))
        : [];
  }
}

function item(entry: Entry, id: string, status: string, at: DataPath): StatusItem {
  return { id, status, entry, path: [...at, 'status'] };
}

/** Whether a status satisfies a claimed word (`open` is any status but the finished one). */
export function statusMatches(kind: StatusKind, status: string, claimed: string): boolean {
  return claimed === 'open' ? status !== finishedOf[kind] : status === claimed;
}

/**
 * Live tokens: inline code that renders a value from the data, so prose never restates it.
 * `status:task:P4` renders the task's status (`ready`); `count:task:done` renders `3 of 4`
 * (items of the kind with that status, of all of them).
 */
export const statusTokenPattern = /^status:(task|gate|exit|decision):([A-Za-z0-9][A-Za-z0-9._-]*)$/;
export const countTokenPattern = /^count:(task|gate|exit|decision):([a-z-]+)$/;

/** The text a live token renders, or a reason it cannot render. */
export function renderLiveToken(
  bundle: MigrationBundle | undefined,
  value: string,
): { text: string } | { problem: string; expected?: string[] } | undefined {
  const status = statusTokenPattern.exec(value);
  const count = countTokenPattern.exec(value);
  if (!status && !count) return undefined;
  if (!bundle)
    return { problem: `Unexpected live token \`${value}\` outside a migration, expected it in a migration's document` };
  if (status) {
    const kind = status[1] as StatusKind;
    const items = statusItems(bundle, kind);
    const item = items.find((candidate) => candidate.id === status[2]);
    return item
      ? { text: item.status }
      : {
          problem: `Unexpected live token \`${value}\`: no ${kind} \`${status[2]}\`, expected an existing ${kind} id`,
          expected: items.map((candidate) => `status:${kind}:${candidate.id}`),
        };
  }
  const kind = (count?.[1] ?? 'task') as StatusKind;
  const wanted = count?.[2] ?? '';
  const items = statusItems(bundle, kind);
  const known = new Set([...statusWords[kind].map(([, word]) => word), finishedOf[kind]]);
  if (!known.has(wanted))
    return {
      problem: `Unexpected live token \`${value}\`: \`${wanted}\` is not a ${kind} status, expected one of ${[...known].map((word) => `\`${word}\``).join(', ')}`,
      expected: [...known].map((word) => `count:${kind}:${word}`),
    };
  const matching = items.filter((item) => statusMatches(kind, item.status, wanted)).length;
  return { text: `${matching} of ${items.length}` };
}
