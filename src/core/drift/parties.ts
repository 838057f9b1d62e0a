import { labelWords } from '../conventions.ts';

/**
 * The package's parties by name: a heading "AssistSupport checks" names the consumer's list when the package
 * says `Consumer: AssistSupport` somewhere (a header or bullet line, a JSON/YAML `consumer` key or its `name`).
 * Read from the package itself, never from a list of names we know.
 */

export type Side = 'producer' | 'consumer';

/** Folded party name (`assistsupport`) → its side. Names stated for both sides are left out. */
export type Parties = ReadonlyMap<string, Side>;

const statedLine =
  /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(Producer|Consumer)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(?:\*\*|__)?`?([A-Za-z][\w.-]*)/gim;
const statedKey = /"(producer|consumer)"\s*:\s*(?:\{[^{}]*?"name"\s*:\s*)?"([A-Za-z][\w.-]*)/gi;
const statedYaml = /^[ \t]*(producer|consumer)[ \t]*:[ \t]*(?:\n[ \t]+name[ \t]*:[ \t]*)?['"]?([A-Za-z][\w.-]*)/gim;

export function partiesOf(texts: readonly string[]): Parties {
  const found = new Map<string, Set<Side>>();
  for (const text of texts)
    for (const pattern of [statedLine, statedKey, statedYaml])
      for (const match of text.matchAll(pattern)) {
        const side = (match[1] ?? '').toLowerCase() as Side;
        const name = labelWords(match[2] ?? '');
        // A side word, or a word every package uses, names no party.
        if (!name || /^(producer|consumer|joint|team|the|a|none|tbd)$/.test(name)) continue;
        found.set(name, (found.get(name) ?? new Set()).add(side));
      }
  const parties = new Map<string, Side>();
  for (const [name, sides] of found) if (sides.size === 1) parties.set(name, [...sides][0] as Side);
  return parties;
}

/** A label with each party's name replaced by its side: "AssistSupport checks" → "consumer checks". */
export function withSides(label: string, parties: Parties): string {
  if (!parties.size) return label;
  // Folded both ways, so `AssistSupport` (`assist support`) is found however the label writes it.
  let words = ` ${labelWords(label)} `;
  for (const [name, side] of parties) words = words.split(` ${name} `).join(` ${side} `);
  return words.trim();
}
