import type { MigrationBundle } from './corpus.ts';
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
  file: string;
  path: DataPath;
}

/** Every item of a kind with its status as data, in document order. */
export function statusItems(bundle: MigrationBundle, kind: StatusKind): StatusItem[] {
  const { tracker, gates, plan, records } = bundle;
  switch (kind) {
    case 'task':
      return (tracker?.data.tasks ?? []).map((task, index) => ({
        id: task.id,
        status: task.status,
        file: tracker?.file ?? '',
        path: ['tasks', index, 'status'],
      }));
    case 'gate':
      return (gates?.data.gates ?? []).map((gate, index) => ({
        id: gate.id,
        status: gate.status,
        file: gates?.file ?? '',
        path: ['gates', index, 'status'],
      }));
    case 'exit':
      return (plan?.data.exitCriteria ?? []).map((criterion, index) => ({
        id: criterion.id,
        status: criterion.status,
        file: plan?.file ?? '',
        path: ['exitCriteria', index, 'status'],
      }));
    case 'decision':
      return (records?.data.decisions ?? []).map((decision, index) => ({
        id: decision.id,
        status: decision.outcome,
        file: records?.file ?? '',
        path: ['decisions', index, 'outcome'],
      }));
  }
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
