import { inlineText } from './labelled.ts';
import { slugOf } from './statement.ts';

/**
 * How a gate is named and known across the producer's files, for the Markdown and the data extraction alike.
 */

/** A short gate id leading a gate's name: `G3`, `GO2` (not `Gate 1`, whose number is only the order). */
export const gateIdPattern = /^(G[A-Z]?\d+)\b/;

/**
 * How a gate is known across files: its short id when it is written with one (`G3 Envelope assertions …`,
 * `| G3 |`, a `G3` JSON key), else the slug of its name (`Gate 1: Producer suite green` → `producer-suite-green`).
 */
export function gateKeyOf(text: string): string {
  const id = gateIdPattern.exec(inlineText(text).trim());
  return id ? (id[1] ?? '').toLowerCase() : slugOf(gateName(text));
}

/**
 * A gate's name without its numbering, id or status: `Gate 1: Producer suite green`, `G1 Producer suite green`
 * and `Producer suite green — passed` → `Producer suite green`.
 */
export function gateName(text: string): string {
  return inlineText(text)
    .replace(/^(gate\s*)?(?:[A-Z]{1,2}\d+\s+|[A-Z]?\d+\s*[:.)\u2013\u2014-]\s*)/i, '')
    .replace(/\s*[:\u2013\u2014-]\s*(pending|passed|failed|met|open)\s*$/i, '')
    .trim();
}

/** A gate written with its short id in one place: its name's key (`envelope-assertions-pass`) and its id (`g3`). */
export interface GateAlias {
  name: string;
  key: string;
}

/**
 * Gate statuses keyed by a name that some place states together with a short id are the id's: a title-only
 * `| Envelope assertions pass | Pending |` row and `"G3": { "name": "Envelope assertions pass" }` are one
 * gate. A name said with two different ids is left alone (which one it is, nobody can tell).
 */
export function joinGateAliases<T extends { fact: string }>(statements: T[], aliases: readonly GateAlias[]): void {
  const byName = new Map<string, Set<string>>();
  for (const alias of aliases)
    if (alias.name && alias.name !== alias.key)
      byName.set(alias.name, (byName.get(alias.name) ?? new Set()).add(alias.key));
  for (const statement of statements) {
    const name = /^status:gate:(.+)$/.exec(statement.fact)?.[1];
    const keys = name ? byName.get(name) : undefined;
    if (keys?.size === 1) statement.fact = `status:gate:${[...keys][0] ?? ''}`;
  }
}
