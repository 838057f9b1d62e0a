import type { Owner } from '../../schemas/index.ts';
import { canonicalStatus } from '../conventions.ts';
import { acronyms, idMaxWords, idStopWords, modeTexts } from './conventions.ts';

/**
 * What the importer derives when the producer's files do not say it, and the exporter leaves out when it
 * equals what would be derived. Both sides call these, so a value survives export and re-import.
 */

/** A stable kebab-case id from a title: lower-case words, stop words dropped, at most six words. */
export function idFromTitle(title: string): string {
  const words = title
    .replace(/`/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept = words.filter((word) => !idStopWords.has(word));
  let id = (kept.length ? kept : words).slice(0, idMaxWords).join('-');
  if (!id) id = 'item';
  if (!/^[a-z]/.test(id)) id = `item-${id}`;
  return id;
}

/** `base`, or `base-2`, `base-3` ... whichever is not taken yet. Adds the result to `taken`. */
export function claimId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The id a command line gets: a script's name, a package script, or the program and its subcommand. */
export function idFromCommand(run: string): string {
  const tokens = run.trim().split(/\s+/);
  const first = tokens[0] ?? '';
  if (/^(pnpm|npm|yarn|bun)$/.test(first)) {
    const words = tokens.slice(1).filter((token) => !token.startsWith('-'));
    const script = words[0] === 'run' ? words[1] : words[0];
    if (script) return idFromTitle(script.replace(/[:_]/g, '-'));
  }
  if (first.includes('/') || /\.(sh|py|js|mjs|ts|rb|pl)$/.test(first)) {
    const name = first.split('/').at(-1) ?? first;
    return idFromTitle(name.replace(/\.[a-z]+$/i, '').replace(/_/g, ' '));
  }
  const words = tokens.filter((token) => /^[a-z][a-z0-9_-]*$/i.test(token)).slice(0, 2);
  return idFromTitle(words.join(' ') || run);
}

/** The purpose a command gets when the producer's files give none. */
export function defaultPurpose(run: string): string {
  return `Runs \`${run}\` green.`;
}

/** A title from a producer file name: `SERVICE_V3_RFC_DRAFT.md` → `RFC draft`. */
export function titleFromFileName(path: string): string {
  const name = (path.split('/').at(-1) ?? path).replace(/\.[a-z]+$/i, '');
  let words = name.split(/[_\s-]+/).filter(Boolean);
  const version = words.findIndex((word) => /^v\d+$/i.test(word));
  if (version !== -1 && version < words.length - 1) words = words.slice(version + 1);
  const text = words
    .map((word, index) => {
      const upper = word.toUpperCase();
      if (acronyms.has(upper)) return upper;
      const lower = word.toLowerCase();
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
  return text || name;
}

export interface Teams {
  producer: string;
  consumer: string;
}

/** Who a sentence is about: `The consumer repins ...` → consumer; anything else → joint. */
export function ownerFromSubject(title: string, teams: Teams): Owner {
  const text = title
    .replace(/`/g, '')
    .replace(/^(the|a|an)\s+/i, '')
    .toLowerCase();
  if (text.startsWith('consumer') || text.startsWith(teams.consumer.toLowerCase())) return 'consumer';
  if (text.startsWith('producer') || text.startsWith(teams.producer.toLowerCase())) return 'producer';
  return 'joint';
}

/** An owner written by the producer: `producer`, `MemoryKernel`, `Joint`, `MemoryKernel + AssistSupport` ... */
export function parseOwner(value: string, teams: Teams): Owner | undefined {
  const text = cleanValue(value);
  const producer = text.includes('producer') || text.includes(teams.producer.toLowerCase());
  const consumer = text.includes('consumer') || text.includes(teams.consumer.toLowerCase());
  if (/\b(joint|both)\b/.test(text) || (producer && consumer)) return 'joint';
  if (producer) return 'producer';
  if (consumer) return 'consumer';
  return undefined;
}

/** A status written by the producer (`Done`, `In progress`, `Ready`) as the schema's value (the mapping is a shared convention). */
export const parseStatus = canonicalStatus;

export function parseMode(value: string): (typeof modeTexts)[number]['mode'] | undefined {
  return modeTexts.find((entry) => entry.pattern.test(value))?.mode;
}

export function modeText(mode: string): string {
  return modeTexts.find((entry) => entry.mode === mode)?.text ?? mode;
}

/** Lower-cased, without backticks, emphasis, a parenthetical or final punctuation. */
export function cleanValue(value: string): string {
  return value
    .replace(/[`*_]/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:,]+$/, '')
    .toLowerCase();
}

/** `service.v3` → `service-v3`: a migration id from its target contract. */
export function migrationIdFromContract(version: string): string {
  return version.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

/** The declared parties whose name an owner text holds as whole words: `MemoryKernel platform team` names `MemoryKernel`. */
export function namedParties(value: string, parties: readonly string[]): string[] {
  const text = value.replace(/[`*_]/g, '').toLowerCase();
  return [...new Set(parties)].filter((party) =>
    new RegExp(`(^|[^a-z0-9])${party.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`).test(text),
  );
}

/**
 * The declared party an owner line means: the party itself, or the one party its words name (`MemoryKernel
 * platform team` → `MemoryKernel`). Undefined when it names none or several: the import does not guess.
 */
export function ownerParty(value: string, parties: readonly string[]): string | undefined {
  const exact = parties.find((party) => party.toLowerCase() === value.trim().toLowerCase());
  if (exact) return exact;
  const named = namedParties(value, parties);
  return named.length === 1 ? named[0] : undefined;
}
