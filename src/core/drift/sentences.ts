import type { PinField } from '../../schemas/index.ts';
import { labelWords, pinFieldLabels, pinTokensIn } from '../conventions.ts';
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
 * A parenthesis right after a stated value adds the values it names with the same owner: "(commit `cf33…`)".
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
    // "(commit `cf33…`)" right after the value: the values named there have the same owner.
    const after = clause.slice(token.index + token.value.length).replace(/^`/, '');
    const parenthesis = /^\s*\(([^()]*)\)/.exec(after);
    if (!parenthesis) continue;
    const inside = parenthesis[1] ?? '';
    const insideFrom = token.index + token.value.length + (clause[token.index + token.value.length] === '`' ? 1 : 0);
    const insideOffset = insideFrom + (parenthesis.index ?? 0) + parenthesis[0].indexOf('(') + 1;
    for (const part of splitParts(inside)) {
      const [named, ...more] = [...pinTokensIn(part.text)];
      if (!named || more.length || !single(named.field) || named.field === token.field) continue;
      const label = labelWords(part.text.slice(0, named.index));
      if (label && !namesField(label, named.field)) continue;
      const offset = insideOffset + part.from + named.index;
      found.push({ field: named.field, owner, value: named.value, offset });
      taken.add(offset);
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

/** The comma-separated parts of a parenthesis, with their offsets: "commit `cf33…`, API `api.v1`". */
function splitParts(text: string): { text: string; from: number }[] {
  return [...text.matchAll(/[^,;]+/g)].map((match) => ({ text: match[0], from: match.index }));
}
