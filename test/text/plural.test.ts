import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatImportText } from '../../src/core/adopt/report.ts';
import { runImport } from '../../src/core/adopt/run.ts';
import { formatDriftText } from '../../src/core/drift/report.ts';
import { driftOfFiles } from '../../src/core/drift/run.ts';
import { formatDuration } from '../../src/core/lifecycle.ts';
import { formatPretty } from '../../src/core/report/pretty.ts';
import { agreeing, plural } from '../../src/core/text/plural.ts';
import { checkFiles, replaceOnce, shippedFiles, withEdit } from '../helpers/content.ts';
import { fixture, removeTemporaryFolders, tempRoot } from '../adopt/helpers.ts';

/** Counts in messages: every report that states a count says `1 file` and `2 files`, and its verb agrees. */
afterAll(removeTemporaryFolders);

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('counted nouns and verbs', () => {
  it('the helpers', () => {
    expect([0, 1, 2].map((count) => plural(count, 'file'))).toEqual(['0 files', '1 file', '2 files']);
    expect(plural(1, 'mismatch', 'mismatches')).toBe('1 mismatch');
    expect(plural(3, 'mismatch', 'mismatches')).toBe('3 mismatches');
    expect([1, 2].map((count) => agreeing(count, 'drifts', 'drift'))).toEqual(['drifts', 'drift']);
  });

  it('the drift report: one fact drifts, two facts drift, one statement of one fact in one file', () => {
    const tag = (file: string, value: string) => ({
      path: file,
      text: `# ${file}\n\n- \`release_tag\`: \`${value}\`\n`,
    });
    const sha = (value: string) => `- \`commit_sha\`: \`${value.repeat(40)}\`\n`;
    expect(
      lastLine(formatDriftText(driftOfFiles('docs', [tag('docs/A.md', 'v0.3.2'), tag('docs/B.md', 'v0.3.3')]))),
    ).toBe('✖ 1 fact drifts (2 statements of 1 fact in 2 files under docs)');
    const two = formatDriftText(
      driftOfFiles('docs', [
        { path: 'docs/A.md', text: `${tag('docs/A.md', 'v0.3.2').text}${sha('a')}` },
        { path: 'docs/B.md', text: `${tag('docs/B.md', 'v0.3.3').text}${sha('b')}` },
      ]),
    );
    expect(lastLine(two)).toBe('✖ 2 facts drift (4 statements of 2 facts in 2 files under docs)');
    expect(two).toContain('release_tag of the live pin: 2 values in 2 statements');
    expect(two).toContain('"v0.3.2", 1 place\n');
    expect(lastLine(formatDriftText(driftOfFiles('docs', [tag('docs/A.md', 'v0.3.2')])))).toBe(
      '✔ no drift (1 statement of 1 fact in 1 file under docs)',
    );
  });

  it('the import report: one refused file is “it”, the written files are counted', () => {
    const root = tempRoot();
    const first = runImport(fixture('clean'), { root, contentDir: 'content' });
    expect(lastLine(formatImportText(first, { folder: 'producer' }))).toMatch(
      /^✔ imported 10 files; \d+ facts recognised, 0 parts not mapped; the content checks clean$/,
    );
    const pin = join(root, 'content/runtime/pin.yaml');
    writeFileSync(pin, readFileSync(pin, 'utf8').replace('title: Live runtime pin', 'title: Edited by hand'));
    const refused = runImport(fixture('clean'), { root, contentDir: 'content' });
    expect(formatImportText(refused, { folder: 'producer' }).split('\n')).toEqual([
      '✖ import refused: 1 file would be overwritten (nothing was written); pass --force to replace it:',
      '  content/runtime/pin.yaml',
    ]);
  });

  it('the check summary and the durations it names', () => {
    const plan = 'content/migrations/service-v3/plan.mdx';
    const oneWarning = withEdit(
      shippedFiles(),
      plan,
      replaceOnce('    run: "pnpm run test:ci"\n', '    run: "pnpm --dir /home/ci/x run test:ci"\n'),
    );
    // Only this rule's reports: the edit also makes the prose command list and the payload disagree.
    const portable = (files: typeof oneWarning) =>
      checkFiles(files).filter((diagnostic) => diagnostic.ruleId === 'portable-commands');
    const warned = portable(oneWarning);
    expect(warned.map((diagnostic) => diagnostic.ruleId)).toEqual(['portable-commands']);
    expect(lastLine(formatPretty(warned, { fileCount: 1 }))).toBe('⚠ no errors, 1 warning in 1 file (1 file checked)');
    const twice = withEdit(
      oneWarning,
      plan,
      replaceOnce(
        '    run: "pnpm run test:memorykernel-contract"\n',
        '    run: "pnpm --dir /home/ci/x run test:memorykernel-contract"\n',
      ),
    );
    expect(lastLine(formatPretty(portable(twice), { fileCount: 11 }))).toBe(
      '⚠ no errors, 2 warnings in 1 file (11 files checked)',
    );
    expect([1, 2].map((n) => formatDuration(n * (86_400_000 + 3_600_000 + 60_000)))).toEqual([
      '1 day 1 hour 1 minute',
      '2 days 2 hours 2 minutes',
    ]);
  });
});
