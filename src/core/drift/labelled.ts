import {
  canonicalStatus,
  labelWords,
  modeOfText,
  pinFieldLabels,
  pinTokensIn,
  type StatusKind,
} from '../conventions.ts';
import { handoffModeFact, modeFact, pinFact, statusFact, type PinOwner } from './statement.ts';

/**
 * One `label: value` statement, however it is written (a bullet, a table row, a header line, a bold label,
 * a sentence such as "Producer release baseline: `v0.3.2`", a JSON key), read as the facts it states.
 * Markdown, JSON and YAML extraction all come here, so all read a label the same way.
 */

/** Where the statement sits: the words of the enclosing headings or JSON keys (nearest first) and the item it belongs to. */
export interface LabelContext {
  /** Words of the enclosing headings or keys, nearest first (they say whose pin a value is). */
  around: readonly string[];
  /** Id of the task whose section or object holds the statement. */
  task?: string | undefined;
  /** Slug of the gate whose section, item or object holds the statement. */
  gate?: string | undefined;
  /** The statement is in the header of an RFC (its `Status:` is the RFC's status). */
  rfcHeader?: boolean | undefined;
  /**
   * A pin field states the live pin only when a word says whose it is: the statement is one record of a list
   * (a release in `releases[]`), not the package's pin.
   */
  ownerRequired?: boolean | undefined;
}

export interface LabelledFact {
  fact: string;
  label: string;
  value: string;
  shown: string;
}

/** Whose value a label or heading speaks of: a rollback target or an older value is neither the live nor the candidate pin. */
export function ownerOfWords(words: string): PinOwner | 'other' | undefined {
  if (
    /\b(rollback|roll back|revert|restore|downgrade|previous|prior|last approved|old|former|fallback|historical|superseded)\b/.test(
      words,
    )
  )
    return 'other';
  if (/\b(candidate|target|next|upcoming|rehearsed)\b/.test(words)) return 'candidate';
  if (/\b(live|current|active|runtime|pin|pinned|baseline|production|prod|deployed|running)\b/.test(words))
    return 'live';
  return undefined;
}

/** Inline Markdown reduced to its text: code spans, emphasis and link syntax go, the words stay. */
export function inlineText(value: string): string {
  return value
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/(^|\s)_+|_+(\s|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A status as compared: the schema's value for the producer's word, else the word folded (`not_started` = `Not started`). */
function statusValue(kind: StatusKind, text: string): string {
  return String(canonicalStatus(kind, text) ?? text.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim());
}

export function factsOfLabelled(label: string, value: string, context: LabelContext): LabelledFact[] {
  // Section numbers (`3.1 Live`, `2. Handoff mode`) are not words of the label.
  const words = labelWords(label).replace(/^(\d+ )+/, '');
  // The value ends with its sentence: "rehearsal. The JSON says the same …" states `rehearsal`.
  const text = (inlineText(value).split(/(?<=[.!?;])\s+/)[0] ?? '').replace(/[.;,]+$/, '');
  if (!words || !text || words.split(' ').length > 8) return [];

  // `RFC status`, `RFC-0012 status`: the RFC's, wherever it is said.
  const rfcStatus =
    /\brfc( [a-z]*\d+)? status$/.test(words) ||
    (/^rfc [a-z]*\d+$/.test(words) && canonicalStatus('document', text) !== undefined);
  if (/^(status|state|current status)$/.test(words) || rfcStatus) {
    const kind: StatusKind = context.task ? 'task' : context.gate ? 'gate' : 'document';
    if (rfcStatus || (!context.task && !context.gate && context.rfcHeader))
      return [{ ...statusFact('rfc'), value: statusValue('document', text), shown: text }];
    if (kind === 'task')
      return [
        {
          ...statusFact('task', context.task),
          value: statusValue('task', text),
          shown: text,
        },
      ];
    if (kind === 'gate')
      return [
        {
          ...statusFact('gate', context.gate),
          value: statusValue('gate', text),
          shown: text,
        },
      ];
    return [];
  }
  if (/^handoff mode$/.test(words)) return [{ ...handoffModeFact, value: text.toLowerCase(), shown: text }];
  if (/^((migration|rehearsal|runtime|package) )?mode$/.test(words))
    return [{ ...modeFact, value: modeOfText(text) ?? text.toLowerCase(), shown: text }];
  // `Phase:` names a mode only when its value is one (a stage table's "Phase" column names stages, not modes).
  if (/^((migration|rollout|current) )?phase$/.test(words)) {
    const mode = modeOfText(text);
    return mode ? [{ ...modeFact, value: mode, shown: text }] : [];
  }

  const tokens = [...pinTokensIn(text)];
  // Two values of one field ("`service.v2` → `service.v3`") compare or move them: neither is stated.
  const fields = new Set(tokens.map((token) => token.field));
  if (!tokens.length || fields.size !== tokens.length) return [];
  // A label that is only whose it is (`Live:`, `Candidate:`) speaks of the whole pin.
  const generic =
    /\b(pin|pinned|baseline|runtime|version)\b/.test(words) ||
    /^(in )?(live|current|candidate|production|prod|deployed|running)$/.test(words);
  const stated = ownerOfWords(words) ?? context.around.map(ownerOfWords).find((found) => found !== undefined);
  // A bare `Contract:` or `Version:` in a document about the candidate may mean either side: without a word
  // saying whose it is, it states nothing (a miss is better than a false alarm). Named fields default to live.
  if (!stated && (context.ownerRequired || /^(contract|version|contract version|tag|release)$/.test(words))) return [];
  const owner = stated ?? 'live';
  if (owner === 'other') return [];
  // Several values of different fields ("`v0.3.1` at commit `939825f…`, contract `service.v2`"): each is
  // stated when the label speaks of the whole pin, or names that field; the words just before a value may
  // name its field too ("at commit `…`").
  return tokens.flatMap((token) => {
    const before = labelWords(text.slice(0, token.index).split(/[,;(]/).at(-1) ?? '');
    const names = (candidate: string) =>
      pinFieldLabels.find((entry) => entry.field === token.field)?.pattern.test(candidate) ?? false;
    const own = tokens.length > 1 && before !== '' ? names(before) : false;
    if (!generic && !names(words) && !own) return [];
    return [{ ...pinFact(token.field, owner), value: token.value, shown: token.value }];
  });
}
