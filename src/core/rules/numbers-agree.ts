import type { DocumentEntry, MigrationBundle } from '../corpus.ts';
import type { Span } from '../diagnostic.ts';
import type { DataPath } from '../parse/data-path.ts';
import { comparableUnits, sameDuration, spellNumber, unitName } from '../quantities.ts';
import {
  boundDurations,
  countedLists,
  declaredAt,
  durationFacts,
  ownerOf,
  rolesNamed,
  statedCounts,
  teamRoles,
  type CountedList,
  type DurationFact,
  type Role,
} from '../restated-numbers.ts';
import { defineRule, type Report } from '../rule.ts';
import { sentencesOf } from '../sentences.ts';

export const numbersAgreeRule = defineRule(
  {
    id: 'numbers-agree',
    description:
      'Durations (overlap window, notice periods) and counts of listed items (commands, gates, tasks ...) restated in prose equal the data.',
    docs: {
      checks: [
        'Durations: a number followed by a time unit (`14 days`, `14-day`, `fourteen days`, `10 business days`, `24 hours`, `two weeks`; minutes, hours, days, weeks and business or working days) restates a fact of the producer manifest when a word naming the fact stands at most five words before it or three words after it, in the same sentence, with no other duration in between: `overlap` names the overlap window (calendar days), `notice` the standard additive notice (business days) and `notice` or `emergency` the emergency notice (hours). “an overlap window of 14 days”, “the 14-day overlap window”, “10 business days of notice”, “24 hours in an emergency” are restatements. Calendar units convert (`two weeks` equals 14 days, `one day` equals 24 hours); business days compare only with business days. Not restatements: an offset (`3 days after the overlap ends`, `before`, `ago`, `later`, `into`, `from`, `since`, `until`), a part or a bound (`the first 3 days of the overlap`, `another`, `additional`, `within`, `about`, `at least`, `up to`, `more than`).',
        'Counts: `[determiner] number [words] noun`, where the noun names a list of the migration (`commands`, `checks`, `gates`, `tasks`, `prerequisites`, `triggers`, `actions`, `criteria`, `deliverables`, `stages`, `non-negotiables`, evidence `items`, error `codes`, overlap `guarantees`), every word between the number and the noun names that list or a side (`producer`, `consumer`, `joint`, or the team name), and the phrase either starts with a determiner (`the`, `all`, `these`, `those`, `its`, `their`, `our`, `both`) or has at least one such naming word: “the eight producer commands”, “all four go/no-go gates”, “three consumer checks”, “Three of the four tasks”. `actions` must be named `rollback` (in the phrase or the section heading), `criteria` `exit`, `items` `evidence` or `checklist`, `codes` `error`; `checks` must name a side. A sentence that introduces examples (it ends with a colon and says `for example`, `such as`, `some of`, `two of` …) counts the examples after it, not the list, and is not compared. A phrase with any other word before the noun (`the two pending gates`) or after a partial word (`the first two stages`, `the other three tasks`) counts a part and is not compared. A side in the phrase compares with that side’s items; without one, the count may equal the whole list or the items of a side the sentence, its heading or its frontmatter item names (“MemoryKernel runs these eight commands”).',
        'Numbers are digits or written out up to ninety-nine (`eight`, `fourteen`, `twenty-one`). Prose, table cells, headings and frontmatter strings are read; code spans and code blocks are not. In a section marked as a snapshot (`{/* contract-docs: snapshot */}` before its heading), a duration may also equal a historical value declared under `snapshots` in the producer manifest, and counts are not compared.',
      ].join('\n\n'),
      fix: 'Write the number the data holds (digits or words), or change the data if the prose is right: every sentence that restates the number changes with it. A number meant to differ (a historical value) goes in a snapshot section, with the value declared under `snapshots` in the producer manifest.',
      examples: [
        {
          title: 'Prose restates the overlap window with another length',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: 'Cutover is followed by an overlap window of 14 days. During the whole window:\n',
          notOk: 'Cutover is followed by an overlap window of 21 days. During the whole window:\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:124:45 Unexpected overlap window of `21 days`, expected 14 days as `/migration_overlap/duration_days` in contracts/integration/v1/producer-contract-manifest.json',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const durations = durationFacts(corpus);
    const byDocument = new Map<DocumentEntry, MigrationBundle>();
    for (const bundle of corpus.migrations) for (const document of bundle.documents) byDocument.set(document, bundle);
    for (const document of corpus.documents) {
      const bundle = byDocument.get(document);
      const lists = countedLists(corpus, bundle);
      const teams = teamRoles(corpus, bundle);
      for (const sentence of sentencesOf(document)) {
        const at = (index: number, length: number): Span => {
          const start = document.lines.point(sentence.offset + index);
          return { start, end: { line: start.line, column: start.column + length } };
        };
        checkDurations(report, document.file, sentence.text, durations, sentence.inSnapshot, at);
        if (sentence.inSnapshot) continue;
        const context = () => rolesNamed(`${sentence.text} ${sentence.heading ?? ''}`, teams);
        checkCounts(report, document.file, sentence.text, lists, teams, sentence.heading, context, at);
      }
      // Frontmatter sentences (definitions of done, purposes, descriptions) restate numbers too.
      walkStrings(document.data, [], undefined, (value, path, owner) => {
        const place = () => document.locate(path);
        checkDurations(report, document.file, value, durations, false, place);
        const context = () => {
          const named = rolesNamed(value, teams);
          if (owner) named.add(owner);
          return named;
        };
        checkCounts(report, document.file, value, lists, teams, undefined, context, place);
      });
    }
  },
);

function checkDurations(
  report: Report,
  file: string,
  text: string,
  facts: readonly DurationFact[],
  inSnapshot: boolean,
  at: (index: number, length: number) => Span,
): void {
  for (const { duration, facts: bound } of boundDurations(text, facts)) {
    const accepts = (fact: DurationFact) =>
      [fact.value, ...(inSnapshot ? fact.snapshots : [])].some((value) =>
        sameDuration(duration.value, duration.unit, value, fact.unit),
      );
    if (bound.some(accepts)) continue;
    const comparable = bound.filter((fact) => comparableUnits(fact.unit, duration.unit));
    const expected = comparable.length ? comparable : bound;
    const [first] = expected;
    if (!first) continue;
    const described = expected.map(
      (fact) => `${fact.value} ${unitName(fact.unit, fact.value)} as ${declaredAt(fact.source).name}`,
    );
    const home = declaredAt(first.source);
    report({
      file,
      place: at(duration.index, duration.length),
      reason: `Unexpected ${first.label} of \`${duration.text.replace(/\s+/g, ' ')}\`, expected ${described.join(', or ')}`,
      actual: duration.text,
      expected: expected.map((fact) => `${fact.value} ${unitName(fact.unit, fact.value)}`),
      hint: `Restate the ${first.label} as the data holds it (${first.value} ${unitName(first.unit, first.value)}), or change ${home.name} if the prose is right${inSnapshot ? '' : '; a historical value belongs in a snapshot section, declared under `snapshots` in the producer manifest'}.`,
      related: { file: home.file, place: home.place, reason: `The ${first.label} is declared here` },
    });
  }
}

function checkCounts(
  report: Report,
  file: string,
  text: string,
  lists: readonly CountedList[],
  teams: ReadonlyMap<string, Role>,
  heading: string | undefined,
  context: () => ReadonlySet<Role>,
  at: (index: number, length: number) => Span,
): void {
  for (const stated of statedCounts(text, lists, teams, heading)) {
    const { list } = stated;
    const ofSide = (role: Role) => list.items.filter((item) => ownerOf(item) === role).length;
    const owned = list.items.some((item) => ownerOf(item) !== undefined);
    const candidates: { value: number; what: string }[] = stated.role
      ? [{ value: ofSide(stated.role), what: `${stated.role} ${list.label}` }]
      : [
          ...(owned ? [...context()].map((role) => ({ value: ofSide(role), what: `${role} ${list.label}` })) : []),
          { value: list.items.length, what: list.label },
        ];
    if (candidates.some((candidate) => candidate.value === stated.value)) continue;
    const [first] = candidates;
    if (!first) continue;
    const home = declaredAt(list.source);
    const declaredIn = home.file;
    report({
      file,
      place: at(stated.index, stated.length),
      reason: `Unexpected count \`${stated.phrase.replace(/\s+/g, ' ')}\`, expected ${candidates
        .map((candidate) => `${candidate.value} ${candidate.what}`)
        .join(' or ')} as declared in ${declaredIn}`,
      actual: String(stated.value),
      expected: candidates.map((candidate) => String(candidate.value)),
      hint: `Write the number of ${first.what} the data holds, ${spellNumber(first.value)}, or drop the number and refer to the list; when the list changed, every sentence that counts it changes with it.`,
      related: { file: home.file, place: home.place, reason: `The ${list.label} are declared here` },
    });
  }
}

/** Keys whose strings are identifiers, paths or command lines, never sentences. */
const notProse = new Set(['id', 'kind', 'path', 'producerPath', 'run', 'updated', 'status', 'owner', 'team', 'role']);

function walkStrings(
  value: unknown,
  path: DataPath,
  owner: Role | undefined,
  visit: (value: string, path: DataPath, owner: Role | undefined) => void,
): void {
  if (typeof value === 'string') {
    const key = path.at(-1);
    if (typeof key !== 'string' || !notProse.has(key)) visit(value, path, owner);
  } else if (Array.isArray(value)) value.forEach((item, index) => walkStrings(item, [...path, index], owner, visit));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const own = record['owner'];
    const side = own === 'producer' || own === 'consumer' || own === 'joint' ? own : owner;
    for (const [key, item] of Object.entries(record)) walkStrings(item, [...path, key], side, visit);
  }
}
