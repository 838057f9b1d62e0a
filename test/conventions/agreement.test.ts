import type { Root } from 'mdast';
import { markdownToMdast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../src/core/adopt/derive.ts';
import { parseMarkdownText } from '../../src/core/adopt/markdown.ts';
import { checkProse } from '../../src/core/adopt/scan.ts';
import { canonicalStatus, snapshotRegions } from '../../src/core/conventions.ts';
import { extractMarkdown } from '../../src/core/drift/markdown.ts';
import { parseProducerMarkdown } from '../../src/core/parse/producer-markdown.ts';
import { snapshotRegions as checkSnapshotRegions } from '../../src/core/prose.ts';
import { loadCorpus } from '../../src/core/read.ts';

/**
 * The conventions module has several users: the checker's prose rules (Sätteri trees of our content), the
 * importer and `check --scan` (Sätteri trees of producer text), and the drift report (remark trees of
 * producer text). The same input must mean the same thing to each of them.
 */

const root = new URL('../..', import.meta.url).pathname;

const snapshotInputs: Record<string, string> = {
  'a marker before an H2 covers that section only': [
    '# Plan',
    '',
    'Intro.',
    '',
    '<!-- contract-docs: snapshot -->',
    '## Before the rehearsal',
    '',
    '- `release_tag`: `v0.3.1`',
    '',
    '### Detail',
    '',
    'Still historical.',
    '',
    '## Still current',
    '',
    '- `release_tag`: `v0.3.2`',
  ].join('\n'),
  'a marker before the H1 covers the whole text': [
    '<!-- contract-docs: snapshot -->',
    '# Archived plan',
    '',
    '## Pin',
    '',
    'Text.',
  ].join('\n'),
  'a marker before a paragraph covers the rest of the text': [
    '# Notes',
    '',
    '## A',
    '',
    '<!-- contract-docs: snapshot -->',
    '',
    'Old.',
    '',
    '## B',
    '',
    'Also old.',
  ].join('\n'),
};

describe('the snapshot region is the same for check, import/scan and drift', () => {
  for (const [name, text] of Object.entries(snapshotInputs)) {
    it(name, () => {
      const lineCount = text.split('\n').length;
      const clamp = (regions: { start: number; end: number }[]) =>
        regions.map(({ start, end }) => ({ start, end: Math.min(end, lineCount) }));
      const check = clamp(checkSnapshotRegions(markdownToMdast(text) as unknown as Root));
      const importer = clamp(parseMarkdownText(text).snapshots);
      const drift = clamp(snapshotRegions(parseProducerMarkdown(text).tree.children, lineCount));
      expect(check.length).toBe(1);
      expect(importer).toEqual(check);
      expect(drift).toEqual(check);
    });
  }

  it('the historical lines are where each user stops judging: a stale pin there is neither a finding nor drift', () => {
    const text = snapshotInputs['a marker before an H2 covers that section only'] ?? '';
    const corpus = loadCorpus(root);
    const scan = checkProse(corpus, [{ file: 'NOTES.md', text }]);
    expect(scan.map((diagnostic) => diagnostic.line)).toEqual([]);
    const drift = extractMarkdown('NOTES.md', text).statements.filter(
      (statement) => statement.fact === 'pin:live:release_tag',
    );
    expect(drift.map((statement) => [statement.place.line, Boolean(statement.history)])).toEqual([
      [8, true],
      [16, false],
    ]);
  });
});

describe('status words map both ways for every user', () => {
  it('`Completed` states `done` for the importer, the drift report and the scan', () => {
    expect(parseStatus('task', 'Completed')).toBe('done');
    expect(canonicalStatus('task', '**Completed**')).toBe('done');
    const corpus = loadCorpus(root);
    const section = (status: string) =>
      [
        '# Notes',
        '',
        '### Task P1: Rehearsal planning package',
        '',
        `- Status: ${status}`,
        '- Owner: Producer',
        '',
      ].join('\n');
    expect(checkProse(corpus, [{ file: 'NOTES.md', text: section('Completed') }])).toEqual([]);
    const wrong = checkProse(corpus, [{ file: 'NOTES.md', text: section('Ready') }]);
    expect(wrong.map((diagnostic) => `${diagnostic.ruleId}:${diagnostic.line}`)).toEqual(['restated-fields:5']);
  });
});

describe('task headings are read alike by the rules and the drift report', () => {
  it('`Task P1 — title` is a task section for both', () => {
    const text = ['# Notes', '', '### Task P1 — Some other title', '', '- Status: Done', ''].join('\n');
    const corpus = loadCorpus(root);
    const scan = checkProse(corpus, [{ file: 'NOTES.md', text }]);
    expect(scan.map((diagnostic) => `${diagnostic.ruleId}:${diagnostic.line}`)).toEqual(['restated-fields:3']);
    const drift = extractMarkdown('NOTES.md', text).statements.map((statement) => statement.fact);
    expect(drift).toEqual(['status:task:P1']);
  });
});

describe('a log of commands executed is a log, not a requirement, for the scan and for drift', () => {
  // The shipped plan's producer commands but `cargo clippy …`: most of the list, so a restatement wherever
  // a heading does not make it a log.
  const producerRuns = () =>
    (loadCorpus(root).migrations[0]?.plan?.data.commands ?? [])
      .filter((command) => command.owner === 'producer')
      .map((command) => command.run);
  const block = () => ['```bash', ...producerRuns().filter((run) => !run.startsWith('cargo clippy')), '```'];
  const text = (heading: string, lines = block()) => ['# Notes', '', `## ${heading}`, '', ...lines, ''].join('\n');

  it('under a run-log heading neither the scan nor drift compares it with the command list', () => {
    const corpus = loadCorpus(root);
    expect(producerRuns().length).toBeGreaterThan(3);
    expect(checkProse(corpus, [{ file: 'NOTES.md', text: text('Commands executed') }])).toEqual([]);
    const drift = extractMarkdown('NOTES.md', text('Commands executed'));
    expect([drift.statements, drift.looseBlocks]).toEqual([[], []]);
  });

  it('under any other heading both read it as a restated command list (the scan reports what is missing)', () => {
    const corpus = loadCorpus(root);
    const scan = checkProse(corpus, [{ file: 'NOTES.md', text: text('Verification') }]);
    expect(scan.map((diagnostic) => `${diagnostic.ruleId}:${diagnostic.line}`)).toEqual(['commands-agree:5']);
    expect(scan[0]?.reason).toMatch(/^Unexpected producer command list: missing `cargo clippy/);
    expect(extractMarkdown('NOTES.md', text('Verification')).looseBlocks).toHaveLength(1);
  });

  it('one declared command alone ("the formatter alone is enough") is an excerpt for the scan, as for drift', () => {
    const corpus = loadCorpus(root);
    const excerpt = ['```bash', 'cargo fmt --all -- --check', '```'];
    expect(checkProse(corpus, [{ file: 'NOTES.md', text: text('Formatting only', excerpt) }])).toEqual([]);
    // Not a way around the check: a block that holds most of the list still must hold all of it.
    expect(
      checkProse(corpus, [
        { file: 'NOTES.md', text: text('Verification', [...block(), 'cargo fmt --all -- --chek']) },
      ]).map((diagnostic) => diagnostic.ruleId),
    ).toEqual(['commands-agree']);
  });
});
