import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, openSync, closeSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToJs } from 'satteri';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCorpus } from '../../src/core/check.ts';
import { readBoundedFile } from '../../src/core/fs/read-bounded.ts';
import { satteriContentPolicy } from '../../src/core/content-policy/render-plugins.ts';
import { contentLimits } from '../../src/core/limits.ts';
import { enforceBodyLimits } from '../../src/core/parse/body-limits.ts';
import { parseMarkdownBody } from '../../src/core/parse/markdown.ts';
import { listContentFiles, loadListedCorpus, readListedFiles } from '../../src/core/read.ts';
import { checkFiles, repoRoot, shippedFiles, textOf, where } from '../helpers/content.ts';

/**
 * Inputs far past what a contract document holds, each through the whole loader and every rule: a located
 * `content-limits` report that names the limit, never an `internal` failure, a stack trace or a hang.
 * The limits are the ones in `src/core/limits.ts`; the same inputs through `pnpm check` and `astro build`
 * are in `test/build/limits.build.test.ts` and below.
 */

const tracker = 'content/migrations/service-v3/tracker.mdx';
const trackerText = () => textOf(shippedFiles(), tracker);
/** The 1-based line the appended body starts on. */
const appendedLine = () => trackerText().split('\n').length + 1;

/** The shipped content with `body` appended to the tracker, as `.mdx` or renamed to `.md`. */
function withTrackerBody(body: string, extension: 'mdx' | 'md' = 'mdx') {
  const path = tracker.replace(/mdx$/, extension);
  return {
    path,
    diagnostics: checkFiles(
      shippedFiles().map((file) => (file.path === tracker ? { path, text: `${file.text}\n${body}` } : file)),
    ),
  };
}

const reports = (diagnostics: ReturnType<typeof checkFiles>, ruleId = 'content-limits') =>
  diagnostics.filter((d) => d.ruleId === ruleId).map((d) => `${where(d)} ${d.reason}`);

describe('content limits, through the loader and every rule', () => {
  it.each(['mdx', 'md'] as const)('a blockquote 10,000 levels deep (.%s)', (extension) => {
    const { path, diagnostics } = withTrackerBody(`${'>'.repeat(10_000)} deep\n`, extension);
    expect(diagnostics.filter((d) => d.ruleId === 'internal')).toEqual([]);
    // Blockquote number k starts at column k: the first node past the limit is blockquote 101.
    expect(reports(diagnostics)).toEqual([
      `${path}:${appendedLine()}:101 content-limits Unexpected nesting deeper than 100 levels of blockquotes, expected at most 100 (the nesting limit)`,
    ]);
    // The content policy would cut the same body; the one report is the limit's, not a second one.
    expect(reports(diagnostics, 'safe-content')).toEqual([]);
  });

  it('a blockquote 100,000 levels deep is refused before it is parsed (the parser took 15.7 s on it)', () => {
    const started = process.cpuUsage();
    const { path, diagnostics } = withTrackerBody(`${'>'.repeat(100_000)} deep\n`);
    const used = process.cpuUsage(started);
    expect(reports(diagnostics)).toEqual([
      `${path}:${appendedLine()}:101 content-limits Unexpected nesting deeper than 100 levels of blockquotes, expected at most 100 (the nesting limit)`,
    ]);
    // A guard, not a timing test: parsing it would cost 15 s of CPU, the scan costs milliseconds.
    expect((used.user + used.system) / 1e6).toBeLessThan(10);
  });

  it('MDX elements 100,000 levels deep are refused before they are parsed (the parser takes minutes)', () => {
    const started = process.cpuUsage();
    const { path, diagnostics } = withTrackerBody(`${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}\n`);
    const used = process.cpuUsage(started);
    expect(reports(diagnostics)).toEqual([
      `${path}:${appendedLine()}:301 content-limits Unexpected nesting deeper than 100 levels of JSX elements, expected at most 100 (the nesting limit)`,
    ]);
    expect((used.user + used.system) / 1e6).toBeLessThan(10);
    // Self-closing tags and closed siblings open nothing.
    expect(reports(withTrackerBody(`${'<br />'.repeat(500)}\n`).diagnostics, 'content-limits')).toEqual([]);
  });

  it('blockquote markers separated by spaces count too; a `>` inside a line does not', () => {
    expect(reports(withTrackerBody(`${'> '.repeat(150)}deep\n`).diagnostics)).toEqual([
      expect.stringMatching(/:201 content-limits Unexpected nesting deeper than 100 levels of blockquotes/),
    ]);
    expect(reports(withTrackerBody(`Arrows: ${'>'.repeat(500)}\n`).diagnostics)).toEqual([]);
  });

  it('emphasis 10,000 levels deep', () => {
    const { diagnostics } = withTrackerBody(`${'*'.repeat(10_000)}x${'*'.repeat(10_000)}\n`, 'md');
    expect(diagnostics.filter((d) => d.ruleId === 'internal')).toEqual([]);
    const limit = reports(diagnostics);
    expect(limit).toHaveLength(1);
    expect(limit[0]).toMatch(
      new RegExp(
        `^content/migrations/service-v3/tracker\\.md:${appendedLine()}:\\d+ content-limits Unexpected nesting deeper than 100 levels inside a \`(strong|emphasis)\`, expected at most 100 \\(the nesting limit\\)$`,
      ),
    );
  });

  it('200,000 links in one body: reported at link 5,001, and the check stays fast', () => {
    // `[d](d) ` is seven characters: link k starts at column 7(k-1)+1.
    const body = `${Array.from({ length: 200_000 }, (_, index) => `[${index % 10}](${index % 7})`).join(' ')}\n`;
    const started = process.cpuUsage();
    const { diagnostics } = withTrackerBody(body);
    const cpuSeconds = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1e6;
    expect(diagnostics.filter((d) => d.ruleId === 'internal')).toEqual([]);
    expect(reports(diagnostics)).toEqual([
      `${tracker}:${appendedLine()}:${7 * contentLimits.linksPerDocument + 1} content-limits Unexpected link number 5,001 in one document, expected at most 5,000 links (the link limit)`,
    ]);
    // Not a timing assertion (those belong in `pnpm bench`): a guard against the 46 s of the links rule
    // resolving 200,000 broken links, which is what happened before the limit.
    expect(cpuSeconds).toBeLessThan(30);
    // The body was not checked: none of its 200,000 links is reported as broken.
    expect(reports(diagnostics, 'links')).toEqual([]);
  });

  it('clean variants: 5,000 links and a blockquote 98 levels deep are within the limits', () => {
    const links = `${Array.from({ length: contentLimits.linksPerDocument }, () => '[a](https://example.com/)').join(' ')}\n`;
    expect(reports(withTrackerBody(links).diagnostics)).toEqual([]);
    // Blockquote 98 holds a paragraph (level 99) holding text (level 100): the deepest body allowed.
    const deepest = withTrackerBody(`${'>'.repeat(98)} deep\n`).diagnostics;
    expect(reports(deepest)).toEqual([]);
    expect(reports(withTrackerBody(`${'>'.repeat(99)} deep\n`).diagnostics)).toHaveLength(1);
  });

  it('raw HTML 10,000 elements deep in a .md body: the content policy reports it, no internal failure', () => {
    const body = `<div>${'<span>'.repeat(10_000)}x${'</span>'.repeat(10_000)}</div>\n`;
    const { path, diagnostics } = withTrackerBody(body, 'md');
    expect(diagnostics.filter((d) => d.ruleId === 'internal')).toEqual([]);
    expect(reports(diagnostics, 'safe-content')).toEqual([
      `${path}:${appendedLine()}:1 safe-content Unexpected nesting deeper than 100 levels inside raw HTML, expected at most 100`,
    ]);
  });

  it('more Markdown nodes than a body may hold', () => {
    // `*a* ` is an emphasis holding a text, then a text: three nodes per four characters.
    const { diagnostics } = withTrackerBody(`${'*a* '.repeat(40_000)}\n`, 'md');
    expect(diagnostics.filter((d) => d.ruleId === 'internal')).toEqual([]);
    expect(reports(diagnostics)).toEqual([
      expect.stringMatching(
        /^content\/migrations\/service-v3\/tracker\.md:\d+:\d+ content-limits Unexpected Markdown node number 100,001 in one document, expected at most 100,000 \(the size limit of a body\)$/,
      ),
    ]);
  });

  it('JSON nested 10,000 levels deep: at the bracket that opens level 101', () => {
    const text = `{\n  "kind": "contract-policy",\n  "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n`;
    const diagnostics = checkFiles([...shippedFiles(), { path: 'content/contracts/deep.json', text }]);
    expect(diagnostics.filter((d) => d.ruleId === 'internal')).toEqual([]);
    // `{` is level 1, so the 100th `[` (column 8 + 99) opens level 101.
    expect(reports(diagnostics)).toEqual([
      'content/contracts/deep.json:3:107 content-limits Unexpected nesting deeper than 100 levels in JSON, expected at most 100 (the nesting limit)',
    ]);
  });

  it('YAML nested past the limit, but not so deep that its parser gives up', () => {
    const text = `kind: contract-policy\nx: ${'['.repeat(300)}${']'.repeat(300)}\n`;
    const diagnostics = checkFiles([...shippedFiles(), { path: 'content/contracts/deep.yaml', text }]);
    expect(reports(diagnostics)).toEqual([
      expect.stringMatching(
        /^content\/contracts\/deep\.yaml:2:\d+ content-limits Unexpected nesting deeper than 100 levels at `x\[0\]\[0\]\.\.\.`, expected at most 100 \(the nesting limit\)$/,
      ),
    ]);
  });
});

describe('on disk: the size limit before reading, files that change between listing and reading', () => {
  const root = mkdtempSync(join(tmpdir(), 'contract-docs-limits-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  cpSync(join(repoRoot, 'contracts'), join(root, 'contracts'), { recursive: true });

  it('a 600 MB file (sparse: no disk used) is refused on its size, never read', () => {
    const huge = join(root, 'content/contracts/dump.yaml');
    // `truncate` makes a sparse file: its size is 600 MB, the disk holds no data for it. Reading it would
    // still allocate 600 MB; the memory check below shows the reader never did.
    closeSync(openSync(huge, 'w'));
    truncateSync(huge, 600 * 2 ** 20);
    try {
      const before = process.memoryUsage().arrayBuffers;
      const { files, problems } = readListedFiles(root, ['content/contracts/dump.yaml']);
      const grown = process.memoryUsage().arrayBuffers - before;
      expect(files).toEqual([]);
      expect(
        problems.map((p) => `${p.file}:${p.place.start.line}:${p.place.start.column} ${p.stage} ${p.reason}`),
      ).toEqual([
        'content/contracts/dump.yaml:1:1 content-limits Unexpected file of 600.0 MB, expected at most 4 MB (the content file size limit)',
      ]);
      expect(grown).toBeLessThan(16 * 2 ** 20);
    } finally {
      unlinkSync(huge);
    }
  });

  it('the read stops one byte past the limit, so a file that grows after its size was taken is refused too', () => {
    const path = join(root, 'small.txt');
    writeFileSync(path, 'x'.repeat(10));
    expect(readBoundedFile(path, 10)).toMatchObject({ ok: true });
    expect(readBoundedFile(path, 9)).toEqual({ ok: false, problem: 'too-large', size: 10 });
  });

  it('a FIFO swapped in after the listing is refused at once, not waited on', () => {
    const fifo = join(root, 'content/contracts/late.yaml');
    execFileSync('mkfifo', [fifo]);
    try {
      expect(readBoundedFile(fifo, contentLimits.fileBytes)).toEqual({ ok: false, problem: 'special' });
    } finally {
      unlinkSync(fifo);
    }
  });

  it('a file removed between listing and reading: a located report of that file, the rest is checked', () => {
    const listing = listContentFiles(root);
    expect(listing.paths).toContain('content/contracts/service.v3.yaml');
    // The listing is taken; the file goes before it is read: the race, without timing.
    const removed = join(root, 'content/contracts/service.v3.yaml');
    const text = textOf(shippedFiles(), 'content/contracts/service.v3.yaml');
    unlinkSync(removed);
    try {
      const corpus = loadListedCorpus(root, 'content', listing);
      const diagnostics = checkCorpus(corpus);
      expect(diagnostics.filter((d) => d.ruleId === 'internal')).toEqual([]);
      expect(
        diagnostics.filter((d) => d.file === 'content/contracts/service.v3.yaml').map((d) => `${where(d)} ${d.reason}`),
      ).toEqual([
        'content/contracts/service.v3.yaml:1:1 syntax Missing file `content/contracts/service.v3.yaml`: it was removed after the content folder was listed, expected it to stay while the check reads it',
      ]);
      // Every other file was read and checked.
      expect(corpus.files).toContain('content/contracts/service.v2.yaml');
    } finally {
      writeFileSync(removed, text);
    }
  });

  it('`contract-docs check` on a copy with every bad input: each located, no internal error, no stack trace', () => {
    const copy = mkdtempSync(join(tmpdir(), 'contract-docs-limits-cli-'));
    try {
      cpSync(join(repoRoot, 'content'), join(copy, 'content'), { recursive: true });
      cpSync(join(repoRoot, 'contracts'), join(copy, 'contracts'), { recursive: true });
      const trackerPath = join(copy, tracker);
      const shipped = trackerText();
      const links = Array.from({ length: 200_000 }, (_, index) => `[${index % 10}](${index % 7})`).join(' ');
      writeFileSync(trackerPath, `${shipped}\n${'>'.repeat(10_000)} deep\n`);
      const gates = 'content/migrations/service-v3/gates.mdx';
      const gatesText = textOf(shippedFiles(), gates);
      writeFileSync(join(copy, gates), `${gatesText}\n${links}\n`);
      const gatesLine = gatesText.split('\n').length + 1;
      const rfcPath = join(copy, 'content/migrations/service-v3/rfc.mdx');
      writeFileSync(
        rfcPath,
        `${textOf(shippedFiles(), 'content/migrations/service-v3/rfc.mdx')}\n${'*'.repeat(10_000)}x${'*'.repeat(10_000)}\n`,
      );
      const huge = join(copy, 'content/contracts/dump.yaml');
      closeSync(openSync(huge, 'w'));
      truncateSync(huge, 600 * 2 ** 20);
      const result = spawnSync(process.execPath, [join(repoRoot, 'bin/contract-docs.mjs'), 'check', '--root', copy], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, output).toBe(1);
      const line = appendedLine();
      const located = (where: string, message: string) =>
        new RegExp(
          `${where.replace(/[.*[\]()]/g, '\\$&')}\\s+error\\s+content-limits\\s+${message.replace(/[.*[\]()]/g, '\\$&')}`,
        );
      expect(output).toMatch(
        located(
          `${tracker}:${line}:101`,
          'Unexpected nesting deeper than 100 levels of blockquotes, expected at most 100 (the nesting limit)',
        ),
      );
      expect(output).toMatch(
        located(
          `${gates}:${gatesLine}:${7 * contentLimits.linksPerDocument + 1}`,
          'Unexpected link number 5,001 in one document, expected at most 5,000 links (the link limit)',
        ),
      );
      expect(output).toMatch(
        /rfc\.mdx:\d+:\d+\s+error\s+content-limits\s+Unexpected nesting deeper than 100 levels inside a `(strong|emphasis)`/,
      );
      expect(output).toMatch(
        located(
          'content/contracts/dump.yaml:1:1',
          'Unexpected file of 600.0 MB, expected at most 4 MB (the content file size limit)',
        ),
      );
      expect(output).not.toMatch(/internal|Maximum call stack|^\s+at .+:\d+:\d+\)?$/m);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the nesting limit agrees with what the build can render', () => {
  const contentRoot = join(repoRoot, 'content');
  const policy = satteriContentPolicy(contentRoot);
  const fileURL = (name: string) => pathToFileURL(join(contentRoot, name));
  /** Whether the check lets a body through (no limit broken). */
  const passes = (body: string, mdx: boolean) =>
    enforceBodyLimits(parseMarkdownBody(body, mdx).tree).problems.length === 0;
  /** The deepest n for which the check passes `make(n)`: the structures grow by one level or more per n. */
  const deepestPassing = (make: (n: number) => string, mdx: boolean) => {
    let n = 1;
    while (passes(make(n + 1), mdx)) if (++n > 1_000) throw new Error('the limit never broke');
    return n;
  };
  const structures: [string, (n: number) => string, boolean][] = [
    ['blockquotes', (n) => `${'>'.repeat(n)} x\n`, false],
    ['emphasis', (n) => `${'*'.repeat(n)}x${'*'.repeat(n)}\n`, false],
    ['nested lists', (n) => `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`, false],
    ['links in emphasis in blockquotes', (n) => `${'> '.repeat(n)}*[a](https://example.com/)*\n`, false],
    ['MDX elements', (n) => `${'<div>'.repeat(n)}x${'</div>'.repeat(n)}\n`, true],
    [
      'a table in blockquotes',
      (n) => `${'> '.repeat(n)}| a |\n${'> '.repeat(n)}| - |\n${'> '.repeat(n)}| b |\n`,
      false,
    ],
  ];

  it.each(structures)('%s: the deepest body the check passes renders through the policy', async (_name, make, mdx) => {
    const n = deepestPassing(make, mdx);
    expect(passes(make(n + 1), mdx)).toBe(false);
    // Before the limit was lowered to 100, blockquotes 126 deep passed the check and failed the build
    // ("plugin content nests deeper than 128 levels", from Sätteri).
    if (mdx) await mdxToJs(make(n), { hastPlugins: [policy], fileURL: fileURL('a.mdx'), jsxImportSource: 'astro' });
    else await markdownToHtml(make(n), { hastPlugins: [policy], fileURL: fileURL('a.md') });
  });

  it('raw HTML 10,000 deep (one node to Markdown, a deep tree once parsed as HTML) renders cut by the policy', async () => {
    const body = `<div>${'<span>'.repeat(10_000)}marker${'</span>'.repeat(10_000)}</div>\n`;
    const html = await markdownToHtml(body, { hastPlugins: [policy], fileURL: fileURL('a.md') });
    expect(html.html).not.toContain('marker');
  });

  it('a body 10,000 deep renders cut at the limit (the check skipped, the policy alone)', async () => {
    const html = await markdownToHtml(`${'>'.repeat(10_000)} marker\n`, {
      hastPlugins: [policy],
      fileURL: fileURL('a.md'),
    });
    expect(html.html).not.toContain('marker');
    const quotes = html.html.match(/<blockquote>/g)?.length ?? 0;
    expect(quotes).toBeGreaterThan(contentLimits.nestingDepth / 2);
    // The policy keeps elements down to its cut (one level past the check's limit, the root not counted),
    // below the 128 levels Sätteri accepts back from a plugin.
    expect(quotes).toBeLessThanOrEqual(contentLimits.nestingDepth + 1);
  });
});
