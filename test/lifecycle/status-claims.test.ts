import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/core/corpus.ts';
import {
  checkRegenerated,
  positionOf,
  replaceOnce,
  shippedFiles,
  textOf,
  where,
  withEdit,
} from '../helpers/content.ts';
import { withP4Done } from './records.ts';

const migration = 'content/migrations/service-v3';
const tracker = `${migration}/tracker.mdx`;
const gates = `${migration}/gates.mdx`;

function claims(files: readonly SourceFile[]) {
  return checkRegenerated(files).filter((diagnostic) => diagnostic.ruleId === 'status-claims');
}

function at(files: readonly SourceFile[], path: string, needle: string): string {
  const { line, column } = positionOf(textOf(files, path), needle);
  return `${path}:${line}:${column} status-claims`;
}

/** The tracker with one more paragraph at the end of its "Status overview" section. */
function withSentence(sentence: string, files: SourceFile[] = shippedFiles()): SourceFile[] {
  return withEdit(files, tracker, replaceOnce('\n## Tasks\n', `\n${sentence}\n\n## Tasks\n`));
}

describe('status claims in prose', () => {
  it('reports "the only open task is `task:P4`" and "Three of the four tasks are done" once P4 is done', () => {
    const files = withP4Done(shippedFiles());
    const found = claims(files);
    expect(found.map(where)).toEqual([
      at(files, tracker, 'Three of the four tasks are done'),
      at(files, tracker, 'open task is `task:P4`'),
    ]);
    expect(found.map((diagnostic) => diagnostic.reason)).toEqual([
      'Unexpected count `Three of the four tasks are done`: 4 of the 4 tasks are `done`, expected the sentence to say 4',
      'Unexpected claim that `task:P4` is open (not `done`), expected its status in content/migrations/service-v3/tracker.mdx: `done`',
    ]);
    expect(found[0]?.note).toBe(
      'Write the count the data has, or the live token `count:task:done`, which renders `4 of 4` and never goes stale.',
    );
    expect(found[1]?.note).toContain('the live token `status:task:P4`, which renders `done`');
    const cause = found[1]?.cause as { file?: string; line?: number } | undefined;
    expect(`${cause?.file}:${cause?.line}`).toBe(
      `${tracker}:${positionOf(textOf(files, tracker), 'status: done', 4).line}`,
    );
  });

  it('reports nothing on the shipped content, where every claim holds', () => {
    expect(claims(shippedFiles())).toEqual([]);
  });

  it('reports a count of passed gates that the data does not have, and accepts a true fraction', () => {
    const files = withSentence('All four gates passed. By now 0/4 gates passed.');
    expect(claims(files).map((diagnostic) => `${where(diagnostic)} ${diagnostic.reason}`)).toEqual([
      `${at(files, tracker, 'All four gates passed')} Unexpected count \`All four gates passed\`: 0 of the 4 gates are \`passed\`, expected the sentence to say 0`,
    ]);
  });

  it('reports a negated claim that is false', () => {
    const files = withSentence('`task:P1` is not done.');
    expect(claims(files).map((diagnostic) => diagnostic.reason)).toEqual([
      'Unexpected claim that `task:P1` is not `done`, expected its status in content/migrations/service-v3/tracker.mdx: `done`',
    ]);
  });

  it('reads the past, conditions, possibilities, go/no-go and snapshot sections as no claim', () => {
    const files = withEdit(
      withSentence(
        [
          '`task:P1` was ready on 2026-02-01.',
          'Once `task:P4` is done, the rehearsal can end.',
          '`gate:producer-suite-green` will be passed on the release candidate.',
          'The go/no-go decision comes after `gate:joint-signoff-recorded`.',
          'If all four gates passed, cutover could start.',
        ].join(' '),
      ),
      gates,
      (text) =>
        `${text}\n{/* contract-docs: snapshot */}\n\n## As of 2026-01-15\n\n\`gate:producer-suite-green\` is passed.\n`,
    );
    expect(claims(files)).toEqual([]);
  });

  it('skips a sentence whose words for the one item disagree', () => {
    expect(claims(withSentence('`task:P4` is ready, not done.'))).toEqual([]);
  });

  it('reports a live token that names nothing, and accepts the ones that resolve', () => {
    const files = withSentence('P4 is `status:task:P4`; tasks done: `count:task:done`. P9 is `status:task:P9`.');
    expect(claims(files).map((diagnostic) => `${where(diagnostic)} ${diagnostic.reason}`)).toEqual([
      `${at(files, tracker, '`status:task:P9`')} Unexpected live token \`status:task:P9\`: no task \`P9\`, expected an existing task id`,
    ]);
  });
});
