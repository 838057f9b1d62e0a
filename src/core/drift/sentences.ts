import type { PinField } from '../../schemas/index.ts';
import { canonicalStatus, labelWords, pinFieldLabels, pinTokensIn } from '../conventions.ts';
import { gateIdPattern } from './gates.ts';
import { ownerOfWords } from './labelled.ts';
import type { PinOwner } from './statement.ts';

/**
 * A pin stated in a free sentence: "confirm the live pin is still `v0.3.2` (commit `cf33…`)", "production is
 * pinned to `v0.3.2`", "the candidate release is `v0.4.0`". Prose mentions versions far more often than it
 * states them, so a sentence states a pin only when all of these hold:
 *
 * - its subject says whose value it is (live, current, production, candidate ...; see `ownerOfWords`) and
 *   names the pin or the field (`pin`, `release`, `commit`, `API contract` ...);
 * - the value follows a present-tense copula (`is`, `are`, `stays`, `remains`, `pinned to/at`, optionally
 *   `still`/`now`): "was" is history, "is no longer" a negation, "flip the pin to" an action, and a
 *   `label: value` line is read as a label (`labelled.ts`), not here;
 * - the clause names one value of that field: "from `v0.3.1` to `v0.3.2`" states neither.
 *
 * Values right after a stated value, joined by connecting words only ("(commit `cf33…`) on `service.v2`"), are
 * of the same owner.
 */

export interface SentencePin {
  field: PinField;
  owner: PinOwner;
  value: string;
  /** Offset of the value in the text given. */
  offset: number;
}

/** A present-tense copula at the end of the words before a value, an adverb such as `still` allowed. */
const copula =
  /(?:\b(?:is|are|stays|stay|remains|remain|equals)|\bpinned (?:to|at|on))\s+(?:(?:still|now|currently|already|also)\s+)?$/i;
/** Words after which the rest of the clause is a new subject ("confirm that the live pin …"). */
const subjectStart =
  /^(?:.*(?:\b(?:if|when|whether|that|confirm|check|verify|ensure|while|unless|and|but|so)\b|[,(]))?\s*(.*)$/is;
/** Clause ends: a sentence end or a semicolon. */
const clauseEnd = /[.!?](?=\s|$)|;/g;

/** Pin statements of a text (a paragraph or a list item's paragraph, Markdown source kept for the offsets). */
export function pinsInSentences(text: string): SentencePin[] {
  const found: SentencePin[] = [];
  let start = 0;
  const clauses: { from: number; text: string }[] = [];
  for (const match of text.matchAll(clauseEnd)) {
    // A question states nothing.
    if (match[0] !== '?') clauses.push({ from: start, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  clauses.push({ from: start, text: text.slice(start) });
  for (const clause of clauses)
    found.push(...pinsInClause(clause.text).map((pin) => ({ ...pin, offset: pin.offset + clause.from })));
  return found;
}

function pinsInClause(clause: string): SentencePin[] {
  const tokens = [...pinTokensIn(clause)];
  if (!tokens.length) return [];
  // Two values of one field in a clause compare, move or list them ("from `v0.3.1` to `v0.3.2`"): neither is stated.
  const fields = new Map<PinField, Set<string>>();
  for (const token of tokens) fields.set(token.field, (fields.get(token.field) ?? new Set()).add(token.value));
  const single = (field: PinField) => fields.get(field)?.size === 1;
  const found: SentencePin[] = [];
  const taken = new Set<number>();
  for (const token of tokens) {
    if (taken.has(token.index) || !single(token.field)) continue;
    const before = clause.slice(0, token.index).replace(/`$/, '');
    if (!copula.test(before) || insideParentheses(before)) continue;
    const verb = labelWords(copula.exec(before)?.[0] ?? '');
    const subject = labelWords(subjectStart.exec(before.replace(copula, ''))?.[1] ?? '');
    const owner = ownerOfWords(subject);
    if (owner === undefined || owner === 'other' || /\b(not|never|no)\b/.test(subject)) continue;
    // "pinned to" names the pin itself: "production is pinned to `v0.3.2`".
    if (!namesField(`${subject} ${verb}`, token.field)) continue;
    found.push({ field: token.field, owner, value: token.value, offset: token.index });
    taken.add(token.index);
    // The values that follow it with only connecting words between ("(commit `cf33…`) on `service.v2`",
    // "at commit `…`, contract `…`") are of the same owner, each of another field.
    let last = token.index + token.value.length;
    const seen = new Set<PinField>([token.field]);
    for (const next of tokens) {
      if (next.index < last) continue;
      const gap = labelWords(clause.slice(last, next.index));
      const connecting = gap.split(' ').every((word) => word === '' || connectingWords.has(word));
      const namedOther =
        gap !== '' && pinFieldLabels.some((entry) => entry.field !== next.field && entry.pattern.test(gap));
      if (!connecting || namedOther || seen.has(next.field) || !single(next.field)) break;
      found.push({ field: next.field, owner, value: next.value, offset: next.index });
      taken.add(next.index);
      seen.add(next.field);
      last = next.index + next.value.length;
    }
  }
  return found;
}

/** A subject names the pin (`pin`, `pinned`, `baseline`, `runtime`, `release`) or the value's own field. */
function namesField(words: string, field: PinField): boolean {
  if (/\b(pin|pinned|baseline|runtime|release|version)\b/.test(words)) return true;
  return pinFieldLabels.find((entry) => entry.field === field)?.pattern.test(words) ?? false;
}

function insideParentheses(before: string): boolean {
  return before.lastIndexOf('(') > before.lastIndexOf(')');
}

/** Words that may join a stated value to the next one of the same pin: prepositions and the fields' own names. */
const connectingWords: ReadonlySet<string> = new Set([
  'on',
  'at',
  'with',
  'serving',
  'serves',
  'which',
  'commit',
  'sha',
  'contract',
  'service',
  'api',
  'version',
  'integration',
  'baseline',
  'tag',
]);

/** A task's or gate's status stated in a sentence: "T3 is Complete", "Task P4 is now ready", "T3 (Complete) ran". */
export interface SentenceStatus {
  kind: 'task' | 'gate';
  /** The task id as written (`T3`), or the gate's key (`g2`). */
  key: string;
  /** The status word as written, e.g. `Complete`. */
  status: string;
  offset: number;
}

const statusSentence =
  /\b(?:(?:task|gate)\s+)?([A-Z]{1,3}\d+)\s+(?:is\s+(?:now\s+|still\s+)?([A-Za-z][A-Za-z -]*?)\s*(?=[.:;,!?)]|$)|\(([A-Za-z][A-Za-z -]*?)\))/gi;

/**
 * Statuses stated in sentences. Only a word that is a status of that kind counts ("T2 is RELEASE_HANDOFF.json"
 * and "T3 is not done" state none; "was" is history), and an id like `G3` is a gate's.
 */
export function statusesInSentences(text: string): SentenceStatus[] {
  const found: SentenceStatus[] = [];
  for (const match of text.matchAll(statusSentence)) {
    const id = match[1] ?? '';
    if (!/^[A-Z]/.test(id)) continue;
    const kind = gateIdPattern.test(id) ? 'gate' : 'task';
    // "T3 is Complete", or "T3 (Complete) ran".
    const status = match[2] ?? match[3] ?? '';
    if (canonicalStatus(kind, status) === undefined) continue;
    found.push({
      kind,
      key: kind === 'gate' ? id.toLowerCase() : id,
      status,
      offset: match.index + match[0].indexOf(id),
    });
  }
  return found;
}
