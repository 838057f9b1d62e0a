import { excerptLeadInPattern, listConceptOf } from './conventions.ts';
import type { Corpus, Entry, MigrationBundle } from './corpus.ts';
import type { Span } from './diagnostic.ts';
import { formatDataPath, type DataPath } from './parse/data-path.ts';
import { sourcedValueAt } from './sources.ts';
import { durationsIn, numberValue, wordsIn, type DurationMatch, type TimeUnit } from './quantities.ts';

/**
 * The numeric facts of the data that prose restates, and the grammar that finds a restatement. The
 * `numbers-agree` rule compares; this module only says what each number is and where prose states it.
 */

/** Where a fact is declared, for the diagnostic's "see" line. */
export interface FactSource {
  entry: Entry;
  path: DataPath;
}

/** A duration the data holds, e.g. the overlap window of 14 days. */
export interface DurationFact {
  /** How prose names it, e.g. `overlap window`. */
  label: string;
  value: number;
  unit: TimeUnit;
  /** A word that names the fact in a sentence, e.g. `overlap`. */
  keyword: RegExp;
  /** Declared historical values, accepted inside a snapshot section. */
  snapshots: number[];
  source: FactSource;
}

/**
 * Where a fact's value really lives: the producer's file and JSON Pointer when the entry reads it from
 * there (`source:`), else the key in the entry itself. `name` is how messages cite it.
 */
export function declaredAt(source: FactSource): { file: string; place: Span; name: string } {
  const sourced = source.entry.sourced && sourcedValueAt(source.entry.sourced, source.path);
  if (sourced) return { file: sourced.file, place: sourced.place, name: `\`${sourced.pointer}\` in ${sourced.file}` };
  return {
    file: source.entry.file,
    place: source.entry.locate(source.path),
    name: `\`${formatDataPath(source.path)}\` in ${source.entry.file}`,
  };
}

export function durationFacts(corpus: Corpus): DurationFact[] {
  const manifest = corpus.manifest;
  if (!manifest) return [];
  const { overlap, additiveNotice, snapshots } = manifest.data;
  const declared = (key: 'overlapDays' | 'standardBusinessDays' | 'emergencyHours') =>
    (snapshots ?? []).flatMap((snapshot) => (snapshot[key] === undefined ? [] : [snapshot[key]]));
  return [
    {
      label: 'overlap window',
      value: overlap.days,
      unit: 'day',
      keyword: /\boverlap\b/gi,
      snapshots: declared('overlapDays'),
      source: { entry: manifest, path: ['overlap', 'days'] },
    },
    {
      label: 'standard additive error-code notice',
      value: additiveNotice.standardBusinessDays,
      unit: 'business-day',
      keyword: /\bnotice\b/gi,
      snapshots: declared('standardBusinessDays'),
      source: { entry: manifest, path: ['additiveNotice', 'standardBusinessDays'] },
    },
    {
      label: 'emergency additive error-code notice',
      value: additiveNotice.emergencyHours,
      unit: 'hour',
      keyword: /\b(?:notice|emergency)\b/gi,
      snapshots: declared('emergencyHours'),
      source: { entry: manifest, path: ['additiveNotice', 'emergencyHours'] },
    },
  ];
}

const anyTimeUnit = /(?:minute|hour|day|week)/i;

/** Words after a duration that make it an offset from an event, not the length of the fact. */
const offsetAfter = /^\s*(?:after|before|ago|later|earlier|prior|past|beyond|into|from|since|until|till|left)\b/i;
/** Words before a number that make it a part, a bound or an estimate of the fact, not the fact. */
const partialBefore =
  /\b(?:first|last|final|remaining|another|additional|extra|further|other|next|previous|within|about|around|roughly|approximately|nearly|almost|over|under|beyond|least|most|than|up to|only the first)\s*$/i;
/** How many words may stand between the naming word and a duration after it, and before it. */
const wordsBefore = 5;
const wordsAfter = 3;

export interface BoundDuration {
  duration: DurationMatch;
  /** The facts the sentence binds the duration to. */
  facts: DurationFact[];
}

/**
 * The durations of a sentence that restate a fact: a number with a time unit, close to a word naming
 * the fact (at most five words before it or three after it, with no other duration between), that is
 * not an offset (`3 days after the overlap`) or a part or bound (`the first 3 days of the overlap`).
 */
export function boundDurations(text: string, facts: readonly DurationFact[]): BoundDuration[] {
  // Most sentences name no unit of time: one cheap test spares them the full scan.
  if (!facts.length || !anyTimeUnit.test(text)) return [];
  const durations = [...durationsIn(text)];
  const out: BoundDuration[] = [];
  durations.forEach((duration, index) => {
    const end = duration.index + duration.length;
    if (
      offsetAfter.test(text.slice(end, end + 20)) ||
      partialBefore.test(text.slice(Math.max(0, duration.index - 40), duration.index))
    )
      return;
    const previous = durations[index - 1];
    const next = durations[index + 1];
    const from = previous ? previous.index + previous.length : 0;
    const to = next ? next.index : text.length;
    const bound = facts.filter((fact) => {
      for (const match of text.matchAll(fact.keyword)) {
        const at = match.index ?? 0;
        if (at + match[0].length <= duration.index && at >= from) {
          if (wordsIn(text.slice(at + match[0].length, duration.index)).length <= wordsBefore) return true;
        } else if (at >= end && at < to) {
          if (wordsIn(text.slice(end, at)).length <= wordsAfter) return true;
        }
      }
      return false;
    });
    if (bound.length) out.push({ duration, facts: bound });
  });
  return out;
}

/** One list the data holds whose size prose may state, e.g. the producer commands. */
export interface CountedList {
  /** Plural noun that names the items, e.g. `commands`. */
  noun: string;
  /** Singular of the noun, for `one`. */
  singular: string;
  /** How messages name the list, e.g. `commands`. */
  label: string;
  /** Words that name this list in front of the noun, e.g. `rollback`, `cutover`. */
  vocabulary: readonly string[];
  /**
   * A word that must name the list for the noun to mean it, in the phrase or the section heading (`exit`
   * for `criteria`); `role` means the phrase itself must name a side (`consumer checks`).
   */
  needs?: RegExp | 'role';
  /** The items; those with an `owner` can be counted per side. */
  items: readonly unknown[];
  source: FactSource;
}

/** The lists of a migration (and the shared manifest) whose sizes prose may restate. */
export function countedLists(corpus: Corpus, bundle: MigrationBundle | undefined): CountedList[] {
  const lists: CountedList[] = [];
  const add = (list: CountedList | undefined | false) => {
    if (list) lists.push(list);
  };
  const { plan, gates, tracker, rfc } = bundle ?? {};
  const manifest = corpus.manifest;
  if (plan) {
    const source = { entry: plan, path: ['commands'] };
    add({
      noun: 'commands',
      singular: 'command',
      label: 'commands',
      vocabulary: ['verification', 'ci', 'shell', 'contract'],
      items: plan.data.commands,
      source,
    });
    add({
      noun: 'checks',
      singular: 'check',
      label: 'commands',
      vocabulary: ['verification', 'ci', 'contract'],
      needs: 'role',
      items: plan.data.commands,
      source,
    });
    add({
      noun: 'deliverables',
      singular: 'deliverable',
      label: 'deliverables',
      vocabulary: ['rehearsal', 'migration'],
      items: plan.data.deliverables,
      source: { entry: plan, path: ['deliverables'] },
    });
    add({
      noun: 'criteria',
      singular: 'criterion',
      label: 'exit criteria',
      vocabulary: ['exit', 'rehearsal'],
      needs: /\bexit\b/i,
      items: plan.data.exitCriteria,
      source: { entry: plan, path: ['exitCriteria'] },
    });
  }
  if (gates) {
    add({
      noun: 'gates',
      singular: 'gate',
      label: 'gates',
      vocabulary: ['cutover', 'go/no-go', 'go-no-go', 'migration'],
      items: gates.data.gates,
      source: { entry: gates, path: ['gates'] },
    });
    add({
      noun: 'prerequisites',
      singular: 'prerequisite',
      label: 'prerequisites',
      vocabulary: ['cutover'],
      items: gates.data.prerequisites,
      source: { entry: gates, path: ['prerequisites'] },
    });
    add({
      noun: 'triggers',
      singular: 'trigger',
      label: 'rollback triggers',
      vocabulary: ['rollback'],
      items: gates.data.rollbackTriggers,
      source: { entry: gates, path: ['rollbackTriggers'] },
    });
    add({
      noun: 'actions',
      singular: 'action',
      label: 'rollback actions',
      vocabulary: ['rollback'],
      needs: /\brollback\b/i,
      items: gates.data.rollbackActions,
      source: { entry: gates, path: ['rollbackActions'] },
    });
    add({
      noun: 'items',
      singular: 'item',
      label: 'evidence checklist items',
      vocabulary: ['evidence', 'checklist'],
      needs: /\b(?:evidence|checklist)\b/i,
      items: gates.data.evidenceChecklist,
      source: { entry: gates, path: ['evidenceChecklist'] },
    });
  }
  if (tracker) {
    add({
      noun: 'tasks',
      singular: 'task',
      label: 'tasks',
      vocabulary: ['tracker', 'rehearsal', 'migration'],
      items: tracker.data.tasks,
      source: { entry: tracker, path: ['tasks'] },
    });
  }
  if (rfc) {
    add({
      noun: 'stages',
      singular: 'stage',
      label: 'stages',
      vocabulary: ['migration', 'rfc'],
      items: rfc.data.stages,
      source: { entry: rfc, path: ['stages'] },
    });
    add({
      noun: 'non-negotiables',
      singular: 'non-negotiable',
      label: 'non-negotiables',
      vocabulary: [],
      items: rfc.data.nonNegotiables,
      source: { entry: rfc, path: ['nonNegotiables'] },
    });
  }
  if (manifest) {
    add({
      noun: 'codes',
      singular: 'code',
      label: 'error codes',
      vocabulary: ['error', 'error-code'],
      needs: /\berror\b/i,
      items: manifest.data.errorCodes.codes,
      source: { entry: manifest, path: ['errorCodes', 'codes'] },
    });
    add({
      noun: 'guarantees',
      singular: 'guarantee',
      label: 'overlap guarantees',
      vocabulary: ['overlap'],
      items: manifest.data.overlap.guarantees,
      source: { entry: manifest, path: ['overlap', 'guarantees'] },
    });
  }
  return lists;
}

/** A number anywhere in a sentence, as a whole word: the cheap test before the word-by-word scan. */
const anyNumber = new RegExp(
  `(?:\\d|\\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\\b)`,
  'i',
);
/** What the first characters of a number word can be: a digit or the start of a number name. */
const numberStart = /^(?:\d|[zotfsen])/i;

const nounCache = new WeakMap<readonly CountedList[], RegExp>();
/** One pattern for every noun of the lists, so a sentence is tested once. */
function nounsOf(lists: readonly CountedList[]): RegExp {
  let pattern = nounCache.get(lists);
  if (!pattern) {
    const nouns = lists.flatMap((list) => [list.noun, list.singular]).map((noun) => noun.replace(/[-/]/g, '\\$&'));
    pattern = new RegExp(`\\b(?:${nouns.join('|') || '(?!)'})\\b`, 'i');
    nounCache.set(lists, pattern);
  }
  return pattern;
}

/** Words in front of a number that make the phrase name the whole list. */
const determiners = new Set(['the', 'all', 'these', 'those', 'its', 'their', 'our', 'both']);
/** Words that may stand in the phrase without changing which list it names. */
const neutral = new Set(['declared', 'listed', 'defined', 'required', 'named', 'following', 'above', 'below']);
const roles = ['producer', 'consumer', 'joint'] as const;
export type Role = (typeof roles)[number];

export interface StatedCount {
  list: CountedList;
  value: number;
  /** The phrase as written, e.g. `eight producer commands`. */
  phrase: string;
  index: number;
  length: number;
  /** The side the phrase names (`producer commands`), if any. */
  role: Role | undefined;
}

/**
 * Counts a sentence states: `[determiner] number [words] noun`, where every word between the number and
 * the noun names the list or a side (`the eight producer verification commands`, `all four go/no-go
 * gates`), and the phrase has a determiner (`the`, `all`, `these` ...) or at least one such word. A
 * word that is not part of the list's name (`the two pending gates`, `the first two stages`) means the
 * phrase counts a part of the list, which is not a restatement.
 */
export function statedCounts(
  text: string,
  lists: readonly CountedList[],
  teams: ReadonlyMap<string, Role>,
  heading: string | undefined,
): StatedCount[] {
  const out: StatedCount[] = [];
  // A sentence introducing examples ("Two rollback triggers show up here first, for example:") counts the
  // examples that follow, not the list: the drift report reads the items after it as an excerpt too.
  if (/:\s*$/.test(text) && excerptLeadInPattern.test(text)) return out;
  // Most sentences name none of the nouns: one test per sentence before splitting it into words.
  if (!anyNumber.test(text) || !nounsOf(lists).test(text)) return out;
  const words = wordsIn(text);
  for (let index = 0; index < words.length; index++) {
    const number = words[index];
    if (!number || !numberStart.test(number.word)) continue;
    const value = numberValue(number.word);
    if (value === undefined || !/^(?:\d+|[a-z-]+)$/i.test(number.word)) continue;
    // Only the words just before the number matter; a bounded slice keeps the scan linear.
    const before = text.slice(Math.max(0, number.index - 40), number.index);
    if (partialBefore.test(before) || /[\w.$#€£-]$/.test(before)) continue;
    const previous = words[index - 1];
    const hasDeterminer =
      previous !== undefined &&
      determiners.has(previous.word.toLowerCase()) &&
      /^\s+$/.test(text.slice(previous.index + previous.word.length, number.index));
    for (let at = index + 1; at <= index + 4 && at < words.length; at++) {
      const noun = words[at];
      if (!noun) break;
      const lower = noun.word.toLowerCase();
      const matching = lists.filter((list) => lower === list.noun || (value === 1 && lower === list.singular));
      const between = text.slice(number.index + number.word.length, noun.index);
      if (!/^[\s\p{L}\p{N}/-]*$/u.test(between)) break;
      if (!matching.length) continue;
      const modifiers = words.slice(index + 1, at).map((word) => word.word.toLowerCase());
      for (const list of matching) {
        let role: Role | undefined;
        let names = false;
        let known = true;
        for (const word of modifiers) {
          const side = (roles as readonly string[]).includes(word) ? (word as Role) : teams.get(word);
          if (side) {
            if (role && role !== side) known = false;
            role = side;
            names = true;
          } else if (list.vocabulary.includes(word)) names = true;
          else if (!neutral.has(word)) known = false;
        }
        if (!known || (!hasDeterminer && !names)) continue;
        // "verification commands" are the producer's and "validation signals" the consumer's, by the shared
        // conventions that name the command lists (src/core/conventions.ts): the phrase names its side.
        if (!role && list.label === 'commands') {
          const concept = listConceptOf(`${modifiers.join(' ')} ${lower}`);
          role = concept === 'producerCommands' ? 'producer' : concept === 'consumerCommands' ? 'consumer' : undefined;
        }
        if (list.needs === 'role' && !role) continue;
        if (list.needs instanceof RegExp && !list.needs.test(modifiers.join(' ')) && !list.needs.test(heading ?? ''))
          continue;
        // Only lists whose items have owners can be counted per side.
        if (role && !list.items.some((item) => ownerOf(item) !== undefined)) continue;
        out.push({
          list,
          value,
          phrase: text.slice(number.index, noun.index + noun.word.length),
          index: number.index,
          length: noun.index + noun.word.length - number.index,
          role,
        });
      }
      break;
    }
  }
  return out;
}

/** The sides a sentence or its context names, by role word or team name. */
export function rolesNamed(text: string, teams: ReadonlyMap<string, Role>): Set<Role> {
  const named = new Set<Role>();
  for (const { word } of wordsIn(text)) {
    const lower = word.toLowerCase();
    const side = (roles as readonly string[]).includes(lower) ? (lower as Role) : teams.get(lower);
    if (side) named.add(side);
  }
  return named;
}

/** Team names of a migration's sides, lower-cased, e.g. `memorykernel` → `producer`. */
export function teamRoles(corpus: Corpus, bundle: MigrationBundle | undefined): Map<string, Role> {
  const teams = new Map<string, Role>();
  const pin = corpus.runtimePin?.data;
  const meta = bundle?.meta?.data;
  for (const source of [pin, meta]) {
    if (!source) continue;
    teams.set(source.producer.toLowerCase(), 'producer');
    teams.set(source.consumer.toLowerCase(), 'consumer');
  }
  return teams;
}

/** The side an item belongs to, for items that have one. */
export function ownerOf(item: unknown): string | undefined {
  const owner = (item as { owner?: unknown } | null)?.owner;
  return typeof owner === 'string' ? owner : undefined;
}
