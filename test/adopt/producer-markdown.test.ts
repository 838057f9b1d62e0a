import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseChecklist, parseListedCommands, parseShellCommands } from '../../src/core/adopt/blocks.ts';
import { sectionHeadings } from '../../src/core/adopt/conventions.ts';
import { importPackage } from '../../src/core/adopt/import.ts';
import { cutMarkdown, parseMarkdownText } from '../../src/core/adopt/markdown.ts';
import { readProducerFolder, runImport, runScan } from '../../src/core/adopt/run.ts';
import { commandsOfShellBlock } from '../../src/core/conventions.ts';
import { extractMarkdown } from '../../src/core/drift/markdown.ts';
import { runDrift } from '../../src/core/drift/run.ts';
import * as producerMarkdown from '../../src/core/parse/producer-markdown.ts';
import { repoRoot } from '../helpers/content.ts';
import { fixture, removeTemporaryFolders, tempRoot } from './helpers.ts';

/**
 * Producer Markdown is read by one parser (unified: remark-parse + remark-gfm) and each file is parsed
 * once: the importer cuts a document's body out of the file's tree and hands the same tree to the drift
 * extraction. A file that cannot be parsed is reported, with its place and reason, never read as empty.
 */

vi.mock('../../src/core/parse/producer-markdown.ts', { spy: true });

afterAll(removeTemporaryFolders);

/** Every Markdown file of the producer fixtures (clean variants, the legacy package and the scan notes). */
function producerMarkdownFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      // A drifted variant differs from its clean one in values only: its blocks add nothing here.
      else if (/\.md$/i.test(name) && !/\/drifted\//.test(full)) out.push(full);
    }
  };
  for (const dir of ['test/adopt/fixtures', 'test/drift/fixtures']) walk(join(repoRoot, dir));
  return out;
}

describe('the body cut from a parsed file', () => {
  const files = producerMarkdownFiles();

  it('is the tree a parse of the cut text gives, positions included, at every heading of every fixture', () => {
    expect(files.length).toBeGreaterThan(15);
    let cuts = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
      const parsed = producerMarkdown.parseProducerMarkdown(text);
      // Every heading and the block after the first one: where the importer cuts (after the H1 and header lines).
      const starts = parsed.tree.children
        .filter((node, index) => node.type === 'heading' || index === 1)
        .map((node) => node.position?.start.line ?? 1);
      for (const fromLine of starts) {
        // A blank line first (as the importer's body has) and, at one cut in three, header lines kept as prose.
        const prefix = cuts % 3 === 0 ? ['', 'Audience: reviewers', 'Scope: rehearsal'] : [''];
        const cut = cutMarkdown({ text, parsed }, [...prefix, ''], fromLine, ['']);
        const fresh = parseMarkdownText(cut.text);
        // node:util's comparison: vitest's toEqual on a few hundred whole trees costs seconds.
        const same = isDeepStrictEqual(cut.tree.children, fresh.tree.children);
        if (!same)
          expect(cut.tree.children, `${relative(repoRoot, path)} from line ${fromLine}`).toEqual(fresh.tree.children);
        expect(same).toBe(true);
        expect(cut.snapshots).toEqual(fresh.snapshots);
        cuts++;
      }
    }
    expect(cuts).toBeGreaterThan(50);
  });

  it('parses the cut as a whole where a block runs across the cut line', () => {
    const text = '# Title\n\n- Owner: MemoryKernel\n- Updated: 2026-02-08\n- Status: Ready\n';
    const parsed = producerMarkdown.parseProducerMarkdown(text);
    const cut = cutMarkdown({ text, parsed }, [''], 4);
    expect(cut.tree.children).toEqual(parseMarkdownText(cut.text).tree.children);
    expect(cut.tree.children[0]?.type).toBe('list');
  });
});

describe('one parse per producer file', () => {
  it('import: every Markdown file of the legacy package is parsed once, shared by the drift extraction and the document readers', () => {
    const files = readProducerFolder(fixture('clean'));
    const markdown = files.filter((file) => file.path.endsWith('.md'));
    const parse = vi.mocked(producerMarkdown.parseProducerMarkdown);
    parse.mockClear();
    importPackage(files);
    const texts = parse.mock.calls.map(([text]) => text);
    // Each file once; nothing parsed twice (the bodies are cut from the files' trees, not parsed again).
    expect(new Set(texts).size).toBe(texts.length);
    for (const file of markdown) expect(texts.filter((text) => text === file.text)).toHaveLength(1);
    expect(texts).toHaveLength(markdown.length);
  });
});

describe('a producer file that cannot be parsed is unknown, not absent', () => {
  const tooDeep = `${'>'.repeat(150)} nested quote\n`;

  it('import: a finding at the file, line and column, with the reason', () => {
    const root = tempRoot();
    cpSync(join(fixture('clean'), 'docs'), join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs/implementation/SERVICE_V3_REHEARSAL_NOTES.md'), `# Rehearsal notes\n\n${tooDeep}`);
    const run = runImport(join(root, 'docs/implementation'), { root, contentDir: 'content' });
    const found = run.result.unmapped.filter(
      (entry) => entry.source.file.endsWith('SERVICE_V3_REHEARSAL_NOTES.md') && !entry.note,
    );
    expect(found.map((entry) => [entry.source.line, entry.source.column, entry.note ?? false])).toEqual([
      [3, 101, false],
    ]);
    expect(found[0]?.reason).toBe(
      'Unexpected blockquote nesting deeper than 100 levels, expected at most 100 (the nesting limit); the file was not parsed, so what it states is unknown: remove the extra `>` markers',
    );
  });

  it('drift: listed as an unreadable file with its place and reason', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'NOTES.md'), `# Notes\n\nRelease tag: \`v0.3.2\`\n\n${tooDeep}`);
    const report = runDrift({ folder: root });
    expect(report.problems).toEqual([
      {
        file: 'NOTES.md',
        line: 5,
        column: 101,
        reason: expect.stringContaining('the file was not parsed, so what it states is unknown'),
      },
    ]);
  });

  it('a list nested past the limit is refused before parsing, at the line that goes too deep; one at the limit is read', () => {
    const nested = (depth: number) =>
      Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}`);
    const tooDeep = producerMarkdown.parseProducerMarkdown(nested(101).join('\n'));
    expect(tooDeep.tree.children).toEqual([]);
    expect(tooDeep.problem).toEqual({
      line: 101,
      column: 203,
      reason:
        'Unexpected list nested deeper than 100 levels, expected at most 100 (the nesting limit); the file was not parsed, so what it states is unknown: flatten the list',
    });
    // Markers on one line nest too (`- - - x`).
    expect(producerMarkdown.parseProducerMarkdown(`${'- '.repeat(101)}x`).problem?.line).toBe(1);
    const atLimit = producerMarkdown.parseProducerMarkdown(nested(100).join('\n'));
    expect(atLimit.problem).toBeUndefined();
    expect(atLimit.tree.children.map((node) => node.type)).toEqual(['list']);
  });

  it('check --scan: a syntax error at the place, saying nothing in the file was checked', () => {
    const root = tempRoot();
    runImport(fixture('clean'), { root, contentDir: 'content' });
    const folder = join(root, 'scan');
    mkdirSync(folder);
    writeFileSync(join(folder, 'NOTES.md'), `# Notes\n\n${tooDeep}`);
    const { diagnostics } = runScan(folder, { root, contentDir: 'content', display: 'scan' });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'scan/NOTES.md:3:101 syntax',
    ]);
    expect(diagnostics[0]?.reason).toContain('Unexpected blockquote nesting deeper than 100 levels');
    expect(diagnostics[0]?.note).toContain('Nothing in this file was checked');
  });
});

describe('the one writer of producer Markdown (the exporter)', () => {
  const { parseProducerMarkdown, writeProducerMarkdown } = producerMarkdown;
  const roundTrip = (text: string) => writeProducerMarkdown(parseProducerMarkdown(text).tree);

  it('keeps the spacing the text had between blocks: a list right under its heading, two blank lines', () => {
    const text =
      '## Go/No-Go Gates\nAll must pass:\n1. Producer suite green\n   - Owner: Producer\n\n\nNo cutover before.\n';
    expect(roundTrip(text)).toBe(text);
  });

  it('writes compact tables and hard breaks as two trailing spaces, as the producer does', () => {
    const text =
      'Updated: 2026-02-08  \nOwner: MemoryKernel\n\n| Gate | Status |\n| --- | --- |\n| `gate:a` | pending |\n';
    expect(roundTrip(text)).toBe(text);
  });

  it('never turns a rule under a paragraph into a setext heading', () => {
    const written = roundTrip('Closing words\n***\n');
    expect(parseProducerMarkdown(written).tree.children.map((node) => node.type)).toEqual([
      'paragraph',
      'thematicBreak',
    ]);
  });

  it('escapes what a built text node holds, so reading it back gives the same text', () => {
    const value = 'Rollback if *any* check | fails_over [x]';
    const written = writeProducerMarkdown({
      type: 'root',
      children: [{ type: 'paragraph', children: [{ type: 'text', value }] }],
    });
    expect(written).not.toBe(`${value}\n`);
    const [paragraph] = parseProducerMarkdown(written).tree.children;
    expect(
      paragraph?.type === 'paragraph'
        ? paragraph.children.map((node) => ('value' in node ? node.value : '')).join('')
        : '',
    ).toBe(value);
  });
});

describe('one reading of a shell block', () => {
  const block = [
    '# [fmt] formatting is clean',
    'cargo fmt --all -- --check',
    '',
    'cargo test --workspace \\',
    '  --all-targets',
  ].join('\n');

  it('the importer, the drift report and the checker read the same commands: comments apart, continuations joined', () => {
    const code = parseMarkdownText(`\`\`\`bash\n${block}\n\`\`\``).tree.children[0];
    if (code?.type !== 'code') throw new Error('expected a code block');
    const imported = parseShellCommands(code);
    expect(imported.map((command) => command.run)).toEqual(commandsOfShellBlock(block));
    expect(imported).toEqual([
      { id: 'fmt', run: 'cargo fmt --all -- --check', purpose: 'formatting is clean', line: 3 },
      { id: undefined, run: 'cargo test --workspace --all-targets', purpose: undefined, line: 5 },
    ]);
    const drift = extractMarkdown('NOTES.md', `## Verification commands\n\n\`\`\`bash\n${block}\n\`\`\`\n`).statements;
    expect(drift.flatMap((statement) => statement.items?.map((item) => item.text) ?? [])).toEqual(
      commandsOfShellBlock(block),
    );
  });
});

describe('one definition of which heading holds which fact list', () => {
  const files = () => readProducerFolder(fixture('clean'));
  const renamed = (from: string, to: string) =>
    files().map((file) => (file.path.endsWith('_GATES.md') ? { ...file, text: file.text.replace(from, to) } : file));
  const gatesOf = (result: ReturnType<typeof importPackage>) =>
    result.files.find((file) => file.path.endsWith('/gates.mdx'))?.text ?? '';

  it('the importer reads a list under any heading the drift report names it by (`Rollback steps`, `Producer prerequisite`)', () => {
    const before = gatesOf(importPackage(files()));
    const after = gatesOf(
      importPackage(
        renamed('## Rollback Actions', '## Rollback steps').map((file) =>
          file.path.endsWith('_GATES.md')
            ? { ...file, text: file.text.replace('## Producer Prerequisites', '## Producer prerequisite') }
            : file,
        ),
      ),
    );
    const data = (text: string) => text.split('\n---\n')[0] ?? '';
    expect(data(after)).toBe(data(before));
    expect(data(before)).toContain('rollbackActions:');
    for (const heading of ['## Rollback steps', '## Producer prerequisite'])
      expect(extractMarkdown('G.md', `${heading}\n\n- One item\n`).statements.map((s) => s.fact)).toHaveLength(1);
  });

  it('a heading neither names stays prose for both', () => {
    const result = importPackage(renamed('## Rollback Actions', '## What happens next'));
    // The gates document keeps it as a prose section (the actions come from the RFC's rollback list instead).
    expect(gatesOf(result)).toContain('## What happens next');
    expect(sectionHeadings.rollbackActions.pattern.test('What happens next')).toBe(false);
    expect(extractMarkdown('G.md', '## What happens next\n\n- One item\n').statements).toEqual([]);
  });
});

describe('one reading of numbered command lists and grouped lists', () => {
  const listOf = (text: string) => {
    const markdown = parseMarkdownText(text);
    const list = markdown.tree.children.find((node) => node.type === 'list');
    if (list?.type !== 'list') throw new Error('expected a list');
    return { list, markdown };
  };

  it('a numbered list of inline code: the command is the first code span that is not a `kind:id` annotation, for both', () => {
    const text = [
      '## Expected validation signals',
      '',
      '1. `command:pin` `pnpm run check:memorykernel-pin` confirms the pin',
      '2. `pnpm run test:ci` stays green',
      '',
    ].join('\n');
    const { list, markdown } = listOf(text);
    const imported = parseListedCommands(list, markdown).items;
    expect(imported.map(({ id, run, purpose }) => ({ id, run, purpose }))).toEqual([
      { id: 'pin', run: 'pnpm run check:memorykernel-pin', purpose: 'confirms the pin' },
      { id: undefined, run: 'pnpm run test:ci', purpose: 'stays green' },
    ]);
    const [statement] = extractMarkdown('PLAN.md', text).statements;
    expect(statement?.items?.map((item) => item.text)).toEqual(imported.map((command) => command.run));
  });

  it('an evidence item with details nested under it is an item for both, and a short label is a group for both', () => {
    const text = [
      '## Evidence checklist',
      '',
      '- Producer',
      '  - Handoff payload',
      '- Consumer suite results are attached to the decision log',
      '  - including the fallback run',
      '',
    ].join('\n');
    const { list, markdown } = listOf(text);
    const imported = parseChecklist(list, markdown, { producer: 'MemoryKernel', consumer: 'AssistSupport' }).items;
    expect(imported.map(({ title, group }) => ({ title, group }))).toEqual([
      { title: 'Handoff payload', group: 'producer' },
      { title: 'Consumer suite results are attached to the decision log', group: undefined },
    ]);
    const [statement] = extractMarkdown('GATES.md', text).statements;
    expect(statement?.items).toEqual([
      { group: 'Producer', text: 'Handoff payload' },
      { group: undefined, text: 'Consumer suite results are attached to the decision log' },
    ]);
  });
});
