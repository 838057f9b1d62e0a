import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFragment } from 'parse5';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { overlayError } from '../../src/astro/integration.ts';
import { formatDiffMarkdown } from '../../src/core/diff/format.ts';
import { readFilesAtRef } from '../../src/core/diff/git-files.ts';
import { formatPretty } from '../../src/core/report/pretty.ts';
import { executableIn } from '../content-policy/executable.ts';
import { checkFiles, shippedFiles } from '../helpers/content.ts';

/** A data file whose unknown key is `key`: the schema rule quotes the key in its message. */
function reportQuoting(key: string) {
  const text = `kind: contract-policy\nversion: service.v2\n${JSON.stringify(key)}: 1\n`;
  const path = 'content/contracts/hostile.yaml';
  return checkFiles([...shippedFiles(), { path, text }]).filter((d) => d.file === path);
}

const hostileMarkup = '</title><img src=x onerror=alert(1)>';
const terminalAttack = '\u001b[2J\u001b[H\u001b[32m✔ contract check clean\u001b[0m\u0007\r\u009b2J\u202e';

describe('every channel that echoes content escapes it', () => {
  it('the dev overlay gets HTML-escaped text: the markup shows, nothing runs', () => {
    const diagnostics = reportQuoting(hostileMarkup);
    const report = formatPretty(diagnostics);
    expect(report).toContain(hostileMarkup);
    const { message, hint } = overlayError({ errorCount: diagnostics.length, report });
    // The overlay assigns message and hint to innerHTML: read them as a browser would.
    expect(executableIn(message)).toEqual([]);
    expect(executableIn(hint)).toEqual([]);
    const text = (html: string) => {
      const walk = (node: { value?: string; childNodes?: unknown[] }): string =>
        node.value ?? (node.childNodes ?? []).map((child) => walk(child as never)).join('');
      return walk(parseFragment(html) as never);
    };
    expect(text(message)).toContain(hostileMarkup);
  });

  it('the pretty reporter shows terminal controls instead of sending them', () => {
    const report = formatPretty(reportQuoting(terminalAttack));
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters.
    expect(report).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(report).toContain(
      '\\u{1b}[2J\\u{1b}[H\\u{1b}[32m✔ contract check clean\\u{1b}[0m\\u{7}\\u{d}\\u{9b}2J\\u{202e}',
    );
  });

  it('the contract diff quotes every value so it cannot become Markdown or HTML in the comment', () => {
    const values = [
      'a`b',
      '``` evil',
      '`</code><img src=x onerror=alert(1)>`',
      '[click](javascript:alert(1))',
      '<script>alert(1)</script>',
      'line\n\n# Heading',
      '',
    ];
    const markdown = formatDiffMarkdown(
      values.map((value) => ({ area: 'payload', change: 'changed', subject: value, from: value, to: value })),
      { base: 'main`](javascript:x)', head: 'HEAD<b>' },
    );
    const tree = unified().use(remarkParse).parse(markdown);
    const kinds = new Set<string>();
    const codes: string[] = [];
    const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
      kinds.add(node.type);
      if (node.type === 'inlineCode') codes.push(node.value ?? '');
      for (const child of node.children ?? []) walk(child as never);
    };
    walk(tree as never);
    // No HTML, no link, no heading but the report's own, no code block: only text and inline code.
    expect([...kinds].filter((kind) => ['html', 'link', 'image', 'code'].includes(kind))).toEqual([]);
    expect(tree.children.filter((node) => node.type === 'heading')).toHaveLength(2);
    // Each value comes back whole (line breaks shown as escapes), three times per change.
    for (const value of values.filter((each) => each !== '')) {
      const shown = value.replace(/\n/g, '\\u{a}');
      expect(codes.filter((code) => code === shown || code === ` ${shown} `.trim())).toHaveLength(3);
    }
  });
});

describe('the diff reads committed file names NUL-separated', () => {
  const repo = mkdtempSync(join(tmpdir(), 'contract-docs-z-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('a file name with a newline does not shift the other files onto the wrong names', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args]);
    git('init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'content/contracts'), { recursive: true });
    writeFileSync(join(repo, 'content/contracts/a\nb.yaml'), 'kind: first\n');
    writeFileSync(join(repo, 'content/contracts/c.yaml'), 'kind: second\n');
    git('add', '-A');
    git('commit', '-qm', 'files');
    const files = readFilesAtRef(repo, 'HEAD');
    expect(files.map((file) => [file.path, file.text])).toEqual([
      ['content/contracts/a\nb.yaml', 'kind: first\n'],
      ['content/contracts/c.yaml', 'kind: second\n'],
    ]);
  });
});
