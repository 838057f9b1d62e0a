import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { satteriContentPolicy } from '../../src/core/content-policy/render-plugins.ts';
import { checkFiles, repoRoot, shippedFiles, textOf } from '../helpers/content.ts';
import { executableIn } from './executable.ts';
import { cleanBodies, markdownVectors, mdxVectors, type ScriptVector } from './vectors.ts';

const folder = 'content/migrations/service-v3';
const tracker = `${folder}/tracker.mdx`;
const frontmatter = textOf(shippedFiles(), tracker).split(/\n---\n/)[0] + '\n---\n';

/** A document of the shipped migration whose body is `bodies`, one per paragraph; returns each body's line. */
function documentWith(bodies: readonly string[]): { text: string; lines: number[] } {
  let text = `${frontmatter}\n# Notes\n`;
  const lines: number[] = [];
  for (const body of bodies) {
    text += '\n';
    lines.push(text.split('\n').length);
    text += `${body}\n`;
  }
  return { text, lines };
}

function safeContentReports(path: string, text: string) {
  return checkFiles([...shippedFiles(), { path, text }]).filter((d) => d.ruleId === 'safe-content' && d.file === path);
}

function expectEachReported(path: string, vectors: readonly ScriptVector[]) {
  const { text, lines } = documentWith(vectors.map((vector) => vector.body));
  const reports = safeContentReports(path, text);
  const firstAt = (line: number) => reports.find((report) => report.line === line)?.reason;
  expect(vectors.map((vector, index) => `${vector.name}: ${firstAt(lines[index] ?? 0)}`)).toEqual(
    vectors.map((vector) => `${vector.name}: ${vector.reason}`),
  );
  // Nothing reported anywhere else: every report belongs to a vector's lines.
  const vectorLines = new Set(
    vectors.flatMap((vector, index) => vector.body.split('\n').map((_, n) => (lines[index] ?? 0) + n)),
  );
  expect(
    reports.filter((report) => !vectorLines.has(report.line)).map((report) => `${report.line} ${report.reason}`),
  ).toEqual([]);
}

const contentRoot = join(repoRoot, 'content');
const policy = satteriContentPolicy(contentRoot);
const fileURL = (name: string) => pathToFileURL(join(contentRoot, 'migrations/service-v3', name));

describe('the check reports what the content policy removes', () => {
  it('every MDX vector, at its line', () => {
    expectEachReported(`${folder}/notes.mdx`, mdxVectors);
  });

  it('every raw-HTML and Markdown vector in a .md body, at its line', () => {
    expectEachReported(`${folder}/notes.md`, markdownVectors);
  });

  it('reports nothing in what a document needs', () => {
    const md = documentWith(cleanBodies.markdown);
    expect(safeContentReports(`${folder}/notes.md`, md.text).map((d) => `${d.line} ${d.reason}`)).toEqual([]);
    const mdx = documentWith(cleanBodies.mdx);
    expect(safeContentReports(`${folder}/notes.mdx`, mdx.text).map((d) => `${d.line} ${d.reason}`)).toEqual([]);
  });
});

describe('the render pipeline applies the same policy (the check skipped)', () => {
  it.each(markdownVectors)('Markdown: $name renders inert', async ({ body }) => {
    const bare = await markdownToHtml(body, { fileURL: fileURL('notes.md') });
    // The vector is real: without the policy the page would carry it.
    expect(executableIn(bare.html)).not.toEqual([]);
    const policed = await markdownToHtml(body, { hastPlugins: [policy], fileURL: fileURL('notes.md') });
    expect(executableIn(policed.html)).toEqual([]);
  });

  it.each(mdxVectors)('MDX: $name does not reach the compiled page module', async ({ body }) => {
    const compile = async (hastPlugins: (typeof policy)[]) =>
      (await mdxToJs(`${body}\n`, { hastPlugins, fileURL: fileURL('notes.mdx'), jsxImportSource: 'astro' })).code;
    const hostile = /alert\(|ranAtBuild|set:html|is:raw|javascript:|style:|"style"|onError|_missingMdxReference\("Foo"/;
    expect(await compile([])).toMatch(hostile);
    expect(await compile([policy])).not.toMatch(hostile);
  });

  it('keeps what a document needs', async () => {
    const { html } = await markdownToHtml(cleanBodies.markdown.join('\n\n'), {
      hastPlugins: [policy],
      fileURL: fileURL('notes.md'),
    });
    for (const kept of [
      '<kbd>Ctrl</kbd>',
      '<abbr title="Service contract">',
      'type="checkbox"',
      'data-footnote-ref',
      '<details>',
      '<summary>',
      'href="https://example.com/"',
      'href="/runtime/"',
      'href="mailto:team@example.com"',
      'href="#anchor"',
      '<a name="anchor">',
      'src="/diagram.png"',
      'class="language-sh"',
    ]) {
      expect(html).toContain(kept);
    }
  });

  it('leaves files outside content/ alone (the site guides are our code)', async () => {
    const body = '<div><kbd style="color:red">x</kbd></div>';
    const { html } = await markdownToHtml(body, {
      hastPlugins: [policy],
      fileURL: pathToFileURL(join(repoRoot, 'src/content/docs/x.md')),
    });
    expect(html).toContain('style="color:red"');
  });
});
