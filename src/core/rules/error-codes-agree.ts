import { pinFields } from '../../schemas/index.ts';
import type { Corpus, DocumentEntry } from '../corpus.ts';
import type { Span } from '../diagnostic.ts';
import { nodesOfType } from '../mdast-index.ts';
import { sectionsOf, spanOf } from '../prose.ts';
import { declaredAt } from '../restated-numbers.ts';
import { defineRule } from '../rule.ts';
import { sentencesOf } from '../sentences.ts';
import { plural } from '../text/plural.ts';

/** What an error code looks like in `error.code`: snake_case. */
const codeShape = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z][a-z0-9]+$/;
/** Words that make an enumeration a sample of the codes, not the list. */
const sampleWords =
  /\b(?:such as|e\.g\.|for example|for instance|including|includes?|like|among|some of|one of|any of|either)\b/i;
/** A heading that announces the error-code list. */
const codesHeading = /\berror[- ]codes?\b/i;
/** How many known codes an enumeration must name to be read as the list. */
const minimumNamed = 3;

export const errorCodesAgreeRule = defineRule(
  {
    id: 'error-codes-agree',
    description: 'Every restatement of the error-code list names exactly the codes of the producer manifest.',
    docs: {
      checks: [
        "The producer manifest's `errorCodes.codes` is the one list of error codes. A sentence or a Markdown list restates it when it names at least three of the codes as inline code (`` `write_conflict` ``), or when it is a list under a heading that says “error codes”. A restatement must name every code of the manifest and no other snake_case code (envelope field names and pin field names are not codes); the comparison follows the manifest's `validation`: order is ignored under `set-equality`.",
        'Not restatements: a sentence that samples the codes (`such as`, `e.g.`, `for example`, `for instance`, `including`, `like`, `among`, `some of`, `one of`, `any of`, `either`), code blocks (an envelope example), and sentences naming fewer than three codes.',
      ].join('\n\n'),
      fix: 'Name exactly the codes of the producer manifest, or change the manifest if the list really changed (the RFC and the payload follow it). To mention a few codes, say so (“such as `write_conflict`”).',
      examples: [
        {
          title: 'A restated error-code list misses one code',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: '`context_package_not_found`, `write_conflict`, `write_failed`, `schema_unavailable`,\n',
          notOk: '`context_package_not_found`, `write_conflict`, `schema_unavailable`,\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:117:1 Unexpected error-code list: missing `write_failed`, expected the 10 codes of contracts/integration/v1/producer-contract-manifest.json',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const manifest = corpus.manifest;
    if (!manifest) return;
    const codes = manifest.data.errorCodes.codes;
    const home = declaredAt({ entry: manifest, path: ['errorCodes', 'codes'] });
    const known = new Set(codes);
    const notCodes = fieldNames(corpus);
    const check = (document: DocumentEntry, stated: { value: string; place: Span }[], whole: Span) => {
      const named = new Set(stated.map((code) => code.value));
      const missing = codes.filter((code) => !named.has(code));
      const unexpected = stated.filter((code) => !known.has(code.value));
      if (!missing.length && !unexpected.length) return;
      const parts = [
        ...(missing.length ? [`missing ${missing.map((code) => `\`${code}\``).join(', ')}`] : []),
        ...(unexpected.length ? [`unexpected ${unexpected.map((code) => `\`${code.value}\``).join(', ')}`] : []),
      ];
      report({
        file: document.file,
        place: unexpected[0]?.place ?? whole,
        reason: `Unexpected error-code list: ${parts.join('; ')}, expected the ${plural(codes.length, 'code')} of ${home.file}`,
        actual: stated.map((code) => code.value).join(', '),
        expected: [...codes],
        hint: `Name exactly the ${plural(codes.length, 'code')} of the manifest (${codes.map((code) => `\`${code}\``).join(', ')}), or change ${home.name} if the list really changed; to mention only some codes, say “such as”.`,
        related: { file: home.file, place: home.place, reason: 'The error codes are declared here' },
      });
    };
    for (const document of corpus.documents) {
      // Lists first: a list of codes is one restatement; its sentences are not read again one by one.
      const covered: [number, number][] = [];
      const isCovered = (offset: number) => covered.some(([from, to]) => from <= offset && offset < to);
      for (const list of nodesOfType(document.body, 'list')) {
        const from = list.position?.start.offset ?? 0;
        if (isCovered(from)) continue;
        const stated = codeSpans(list).filter((code) => codeShape.test(code.value) && !notCodes.has(code.value));
        const namedKnown = new Set(stated.filter((code) => known.has(code.value)).map((code) => code.value)).size;
        const underCodesHeading = codesHeading.test(headingAbove(document, list.position?.start.line ?? 0) ?? '');
        if (!stated.length || (namedKnown < Math.min(minimumNamed, codes.length) && !underCodesHeading)) continue;
        covered.push([from, list.position?.end.offset ?? from]);
        check(document, stated, { start: spanOf(list).start });
      }
      for (const sentence of sentencesOf(document)) {
        if (isCovered(sentence.offset)) continue;
        const values = sentence.codes.filter((code) => codeShape.test(code.value) && !notCodes.has(code.value));
        const namedKnown = new Set(values.filter((code) => known.has(code.value)).map((code) => code.value)).size;
        if (namedKnown < Math.min(minimumNamed, codes.length) || sampleWords.test(sentence.text)) continue;
        const stated = values.map((code) => {
          const point = document.lines.point(code.offset);
          return {
            value: code.value,
            place: { start: point, end: { line: point.line, column: point.column + code.value.length + 2 } },
          };
        });
        check(document, stated, { start: document.lines.point(sentence.offset + sentence.text.search(/\S/)) });
      }
    }
  },
);

/** Snake_case names that are envelope fields or pin fields, never error codes. */
function fieldNames(corpus: Corpus): Set<string> {
  const names = new Set<string>(pinFields);
  for (const contract of corpus.contracts) {
    const { required, optional, forbidden } = contract.data.envelope;
    for (const field of [...required, ...optional, ...forbidden]) for (const part of field.split('.')) names.add(part);
  }
  return names;
}

function headingAbove(document: DocumentEntry, line: number): string | undefined {
  let heading: string | undefined;
  for (const section of sectionsOf(document.body)) if (section.place.start.line <= line) heading = section.heading;
  return heading;
}

/** Every inline code under a node, with its place. */
function codeSpans(node: { type: string }): { value: string; place: Span }[] {
  const out: { value: string; place: Span }[] = [];
  const walk = (current: { type: string; value?: unknown; children?: unknown[] }) => {
    if (current.type === 'inlineCode' && typeof current.value === 'string') {
      out.push({ value: current.value, place: spanOf(current as never) });
    }
    for (const child of (current.children ?? []) as (typeof current)[]) walk(child);
  };
  walk(node as never);
  return out;
}
