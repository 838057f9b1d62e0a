import { pinTokenPatterns } from '../conventions.ts';
import { referencePattern } from '../ids.ts';
import type { Span } from '../diagnostic.ts';
import { nodesOfType } from '../mdast-index.ts';
import { defineRule } from '../rule.ts';
import { asciiReading, firstNonAscii, nonAsciiHint } from '../text/non-ascii.ts';

/** A run of characters an identifier can be written with, in any script: letters, digits, `.`, `-`, `:`, `/`, `_`. */
const token = /[\p{L}\p{N}\p{M}._:/\u2010-\u2014\u2212\u2024-]+/gu;

/** What an ASCII reading of the token would be: the label of the identifier it spells, if any. */
function identifierKind(reading: string): string | undefined {
  if (referencePattern.test(reading)) return 'typed reference';
  for (const { label, pattern } of pinTokenPatterns) {
    const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace('g', ''));
    if (whole.test(reading)) return label;
  }
  return undefined;
}

export const asciiIdentifiersRule = defineRule(
  {
    id: 'ascii-identifiers',
    tier: 'root-cause',
    description:
      'Release tags, contract versions, shas and `kind:id` references in prose are ASCII: a look-alike letter from another script is an error, never a silent non-match.',
    docs: {
      checks:
        'Reads the prose and inline code of every document for words that would be a release tag (`v0.3.9`), a contract version, a commit sha or a typed reference (`gate:producer-suite-green`) if their non-ASCII characters were the ASCII ones they are drawn like (Greek `ν` for `v`, Cyrillic `о` for `o`, a non-breaking hyphen for `-`, full-width or accented letters). Such a word is checked by no other rule, because it matches none of their patterns; here it is an error at its position, with the code point named. In data files, the schema rule reports the same values, with the same hint.',
      fix: 'Retype the identifier in ASCII (the hint spells it). Text in other languages is not affected: only words that read as an identifier are reported.',
      examples: [
        {
          title: 'A release tag written with a Greek nu',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: 'This RFC moves from draft to accepted when both approvers have signed off.\n',
          notOk: 'This RFC moves from draft to accepted when both approvers have signed off for \u03bd0.3.9.\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:197:79 Unexpected `\u03bd0.3.9` with a character outside ASCII, expected an ASCII release tag such as `v0.3.9`',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const document of corpus.documents) {
      const nodes = [...nodesOfType(document.body, 'text'), ...nodesOfType(document.body, 'inlineCode')];
      for (const node of nodes) {
        if (!node.position || !firstNonAscii(node.value)) continue;
        // Inline code starts one backtick (or more) after its position; text starts at it.
        const lead =
          node.type === 'inlineCode'
            ? (document.bodyText.slice(node.position.start.offset ?? 0).match(/^`+\s?/)?.[0].length ?? 1)
            : 0;
        for (const match of node.value.matchAll(token)) {
          const word = match[0].replace(/^[.:/_-]+|[.:/_-]+$/g, '');
          if (!firstNonAscii(word)) continue;
          const reading = asciiReading(word);
          const kind = reading && identifierKind(reading);
          if (!kind) continue;
          const offset = (match.index ?? 0) + match[0].indexOf(word) + lead;
          const place: Span = {
            start: { line: node.position.start.line, column: node.position.start.column + offset },
          };
          report({
            file: document.file,
            place,
            reason: `Unexpected \`${word}\` with a character outside ASCII, expected an ASCII ${kind} such as \`${reading}\``,
            actual: word,
            expected: [reading],
            hint: nonAsciiHint(word) ?? 'Retype it in ASCII.',
          });
        }
      }
    }
  },
);
