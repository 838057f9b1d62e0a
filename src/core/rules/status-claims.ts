import type { DocumentEntry, MigrationBundle } from '../corpus.ts';
import type { Span } from '../diagnostic.ts';
import { referencePattern } from '../ids.ts';
import { sentencesOf, type ProseSentence } from '../sentences.ts';
import {
  countedNouns,
  finishedOf,
  renderLiveToken,
  statusItems,
  statusMatches,
  statusWords,
  type StatusItem,
  type StatusKind,
} from '../status-claims.ts';
import { defineRule, type Report } from '../rule.ts';

const numberWords: Record<string, number> = {
  zero: 0,
  no: 0,
  none: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const number = '\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten';
const noun = 'exit criteria|criteria|criterion|tasks?|gates?|decisions?';
const word = 'in[ -]progress|ready|blocked|done|complete|completed|open|pending|passed|failed|unmet|met|no-go|go';
const adverbs = '(?:(?:been|now|still|already|all|yet)\\s+)*';
/** `Three of the four tasks are done`, `all four gates passed`, `every gate is pending`, `none of the gates have passed`. */
const countPhrase = new RegExp(
  `(?<!/\\s*)\\b(?<count>${number}|no|none|all|every|each|both)\\s+(?:of\\s+(?:the\\s+|its\\s+|all\\s+)?(?:(?:${number})\\s+)?|(?:${number})\\s+)?(?<noun>${noun})\\s+(?:(?:is|are|has|have)\\s+)?${adverbs}(?<neg>not\\s+(?:yet\\s+)?)?(?<word>${word})\\b`,
  'gi',
);
/** `3/4 tasks done`, `0/4 gates passed`. */
const fractionPhrase = new RegExp(
  `\\b(?<count>\\d+)\\s*/\\s*\\d+\\s+(?<noun>${noun})\\s+(?:(?:are|have)\\s+)?${adverbs}(?<neg>not\\s+)?(?<word>${word})\\b`,
  'gi',
);
/** `tasks done: 3/4`. */
const labelledFraction = new RegExp(
  `\\b(?<noun>${noun})\\s+(?<word>${word})\\s*:?\\s*(?<count>\\d+)\\s*/\\s*\\d+`,
  'gi',
);

/** A clause that is about the past, a condition or a possibility claims nothing about today. */
const notAClaim =
  /\b(?:was|were|had|became|used to|will|would|can|could|may|might|must|should|shall|once|when|whenever|until|unless|if|after|before|needs?|to be)\b/i;
const negation = /\b(?:not|no longer|never)(?:\s+yet)?\s+$/i;

function clauseAt(text: string, index: number): string {
  const before = text.slice(0, index);
  const start = Math.max(...[',', ';', ':', '(', ')', '—', '–'].map((mark) => before.lastIndexOf(mark))) + 1;
  const rest = text.slice(index).search(/[,;:()—–]/);
  return text.slice(start, rest === -1 ? text.length : index + rest);
}

function kindOfNoun(value: string): StatusKind | undefined {
  return countedNouns.find(([pattern]) => pattern.test(value.replace(/\s+/g, ' ')))?.[1];
}

/** The status words of each kind, recompiled once: anchored (to name a count's word) or global (to scan). */
function compileWords(make: (pattern: RegExp) => RegExp): Record<StatusKind, readonly (readonly [RegExp, string])[]> {
  const compile = (kind: StatusKind) =>
    statusWords[kind].map(([pattern, claimed]) => [make(pattern), claimed] as const);
  return { task: compile('task'), gate: compile('gate'), exit: compile('exit'), decision: compile('decision') };
}
const anchoredWords = compileWords((pattern) => new RegExp(`^(?:${pattern.source})$`, 'i'));
const globalWords = compileWords((pattern) => new RegExp(pattern.source, 'gi'));
/** A sentence without one of these nouns holds no count claim: the count patterns are not run on it. */
const countedNoun = /\b(?:tasks?|gates?|criteri(?:a|on)|decisions?)\b/i;

function claimedWord(kind: StatusKind, value: string): string | undefined {
  return anchoredWords[kind].find(([pattern]) => pattern.test(value))?.[1];
}

function describe(kind: StatusKind, claimed: string, negated: boolean): string {
  const base = claimed === 'open' ? `open (not \`${finishedOf[kind]}\`)` : `\`${claimed}\``;
  return negated ? `not ${base}` : base;
}

export const statusClaimsRule = defineRule(
  {
    id: 'status-claims',
    description: 'A status word next to one typed reference, and a count of finished items, equal the data.',
    docs: {
      checks: [
        'Prose is read sentence by sentence (paragraphs, list items, headings; table cells stand alone, so a status column is `restated-fields` work). Code spans are not words; a sentence in a snapshot section (`{/* contract-docs: snapshot */}`) is history and is skipped.',
        'Single claims: a sentence with exactly one reference to a task, gate, exit criterion or decision (`task:P4`, `gate:…`, `exit:…`, `decision:…`) and a status word of that kind claims the item has that status. Task words: ready, in progress, blocked, done, complete(d), open (= not done). Gate words: pending, passed, failed, open (= not passed). Exit criterion words: met, unmet. Decision words: go, no-go (`go/no-go` is a noun and claims nothing). `not`, `not yet`, `no longer` or `never` right before the word negate it. "the only open task" or "the last open task" also claims that every other task is done.',
        'Count claims: `<count> [of the <n>] <noun> [is|are|has|have] [been|now|still|already|yet] [not] <word>` with count a number (digits or one to ten), `no`, `none`, `all`, `every`, `each` or `both`, and noun tasks, gates, (exit) criteria or decisions: "Three of the four tasks are done", "all four gates passed", "every gate is pending", "none of the gates have passed". Fractions: "3/4 tasks done", "tasks done: 3/4". The count must equal the number of items with that status (`all` and `every`: all of them; `no`, `none`: zero). The total ("of the four") is `numbers-agree` work.',
        'Not claims, and never reported: a clause (the part of the sentence between commas, semicolons, colons, brackets or dashes) that holds a past form (was, were, had, became, used to), a modal or future (will, would, can, could, may, might, must, should, shall, needs, to be) or a condition (once, when, whenever, until, unless, if, after, before): "P4 was ready on 2026-02-10", "the rehearsal ends when all four criteria are met", "once they pass, the criterion can be marked met". A sentence whose words for the same item disagree is ambiguous and skipped.',
        'Live tokens instead of restating: `status:task:P4` renders the status of `task:P4`; `count:gate:passed` renders `2 of 4`. Kinds: task, gate, exit, decision. A token naming no item or no status of its kind is reported.',
      ].join('\n\n'),
      fix: 'Write the status the data has, or use a live token (`status:task:P4`, `count:task:done`) so the sentence can never go stale; a sentence about the past says so ("was ready on …").',
      examples: [
        {
          title: 'A count of done tasks that the tracker does not have',
          file: 'content/migrations/service-v3/tracker.mdx',
          ok: 'Three of the four tasks are done. The only open task is `task:P4`, the joint handshake that lets\n',
          notOk: 'All four tasks are done. The only open task is `task:P4`, the joint handshake that lets\n',
          reports: [
            'content/migrations/service-v3/tracker.mdx:67:1 Unexpected count `All four tasks are done`: 3 of the 4 tasks are `done` (`P1`, `P2`, `P3`), expected the sentence to say 3',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      for (const document of bundle.documents) {
        for (const sentence of sentencesOf(document)) {
          checkTokens(report, bundle, document, sentence);
          if (sentence.inSnapshot) continue;
          checkSentence(report, bundle, document, sentence);
        }
      }
    }
  },
);

function spanAt(document: DocumentEntry, sentence: ProseSentence, index: number, length: number): Span {
  const start = document.lines.point(sentence.offset + index);
  return { start, end: { line: start.line, column: start.column + length } };
}

function itemPlace(item: StatusItem, what: string) {
  return { file: item.entry.file, place: item.entry.locate(item.path), reason: what };
}

function checkTokens(report: Report, bundle: MigrationBundle, document: DocumentEntry, sentence: ProseSentence): void {
  for (const code of sentence.codes) {
    const rendered = renderLiveToken(bundle, code.value);
    if (!rendered || 'text' in rendered) continue;
    const start = document.lines.point(code.offset);
    report({
      file: document.file,
      place: { start, end: { line: start.line, column: start.column + code.value.length + 2 } },
      reason: rendered.problem,
      actual: code.value,
      expected: rendered.expected,
      hint: 'Name an existing item (`status:task:P4`) or a status of the kind (`count:gate:passed`).',
    });
  }
}

function checkSentence(
  report: Report,
  bundle: MigrationBundle,
  document: DocumentEntry,
  sentence: ProseSentence,
): void {
  // `go/no-go` names a kind of decision, not an outcome.
  const text = sentence.text.replace(/\bgo\/no-go\b/gi, (match) => ' '.repeat(match.length));
  const counted: { start: number; end: number }[] = [];
  const references = sentence.codes.flatMap((code) => {
    const match = referencePattern.exec(code.value);
    const kind = match?.[1];
    return match && kind && kind in statusWords ? [{ kind: kind as StatusKind, id: match[2] ?? '' }] : [];
  });
  const mayCount = countedNoun.test(text);
  if (!mayCount && references.length !== 1) return;
  for (const pattern of mayCount ? [countPhrase, fractionPhrase, labelledFraction] : []) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      counted.push({ start: match.index, end: match.index + match[0].length });
      const groups = match.groups ?? {};
      const kind = kindOfNoun(groups.noun ?? '');
      if (!kind) continue;
      const claimed = claimedWord(kind, groups.word ?? '');
      if (!claimed || notAClaim.test(clauseAt(text, match.index))) continue;
      const items = statusItems(bundle, kind);
      if (!items.length) continue;
      const negated = Boolean(groups.neg);
      const matching = items.filter((item) => statusMatches(kind, item.status, claimed) !== negated);
      const countWord = (groups.count ?? '').toLowerCase();
      const claimedCount = ['all', 'every', 'each', 'both'].includes(countWord)
        ? items.length
        : (numberWords[countWord] ?? Number(countWord));
      if (claimedCount === matching.length) continue;
      const status = describe(kind, claimed, negated);
      const plural = items.length === 1 ? kind : kind === 'exit' ? 'exit criteria' : `${kind}s`;
      report({
        file: document.file,
        place: spanAt(document, sentence, match.index, match[0].length),
        reason: `Unexpected count \`${match[0].replace(/\s+/g, ' ')}\`: ${matching.length} of the ${items.length} ${plural} ${matching.length === 1 ? 'is' : 'are'} ${status}${matching.length && matching.length < items.length ? ` (${matching.map((item) => `\`${item.id}\``).join(', ')})` : ''}, expected the sentence to say ${matching.length}`,
        actual: String(claimedCount),
        expected: [String(matching.length)],
        hint: `Write the count the data has, or the live token \`count:${kind}:${claimed}\`, which renders \`${matching.length} of ${items.length}\` and never goes stale.`,
      });
    }
  }

  if (references.length !== 1) return;
  const [reference] = references;
  if (!reference) return;
  const items = statusItems(bundle, reference.kind);
  const item = items.find((candidate) => candidate.id === reference.id);
  if (!item) return;
  const claims: { claimed: string; negated: boolean; index: number; length: number }[] = [];
  for (const [global, claimed] of globalWords[reference.kind]) {
    global.lastIndex = 0;
    for (let match = global.exec(text); match; match = global.exec(text)) {
      const index = match.index;
      if (counted.some((range) => index >= range.start && index < range.end)) continue;
      if (notAClaim.test(clauseAt(text, index))) continue;
      // `in progress` also matches nothing else; `unmet` must not count as `met` too.
      if (claims.some((claim) => index >= claim.index && index < claim.index + claim.length)) continue;
      claims.push({ claimed, negated: negation.test(text.slice(0, index)), index, length: match[0].length });
    }
  }
  if (!claims.length) return;
  const [first] = claims;
  if (!first || claims.some((claim) => claim.claimed !== first.claimed || claim.negated !== first.negated)) return;
  const { kind, id } = reference;
  const holds = statusMatches(kind, item.status, first.claimed) !== first.negated;
  const place = spanAt(document, sentence, first.index, first.length);
  // Only a report needs the item's place, and a frontmatter place costs a full YAML parse: computed on report.
  const related = () => itemPlace(item, `Status of \`${kind}:${id}\``);
  const token = `status:${kind}:${id}`;
  if (!holds) {
    report({
      file: document.file,
      place,
      reason: `Unexpected claim that \`${kind}:${id}\` is ${describe(kind, first.claimed, first.negated)}, expected its status in ${item.entry.file}: \`${item.status}\``,
      actual: first.negated ? `not ${first.claimed}` : first.claimed,
      expected: [item.status],
      hint: `Write the status the data has, or the live token \`${token}\`, which renders \`${item.status}\` and never goes stale; a sentence about the past says so ("was ${first.claimed} on …").`,
      related: related(),
    });
    return;
  }
  if (first.claimed === 'open' && !first.negated && /\b(?:only|last)\s+open\b/i.test(text)) {
    const others = items.filter((other) => other !== item && other.status !== finishedOf[kind]);
    if (!others.length) return;
    report({
      file: document.file,
      place,
      reason: `Unexpected claim that \`${kind}:${id}\` is the only open ${kind}, expected also ${others.map((other) => `\`${other.id}\` (${other.status})`).join(', ')}`,
      actual: `${kind}:${id}`,
      expected: [item.id, ...others.map((other) => other.id)],
      hint: `Name every open ${kind}, or write the live token \`count:${kind}:open\`.`,
      related: related(),
    });
  }
}
