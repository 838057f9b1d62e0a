import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { Root } from 'hast';
import { markdownToHtml, mdxToJs, type HastPluginDefinition } from 'satteri';
import { describe, expect, it } from 'vitest';
import { applyContentPolicy } from '../../src/core/content-policy/apply.ts';
import { maxPolicyDepth } from '../../src/core/content-policy/removals.ts';
import { satteriContentPolicy } from '../../src/core/content-policy/render-plugins.ts';
import { repoRoot, shippedFiles } from '../helpers/content.ts';
import { cleanBodies, markdownVectors, mdxVectors } from './vectors.ts';

/**
 * The render plugin rewrites a body only when some node would change, and leaves the others untouched.
 * Whatever the input, the page must be exactly what rewriting every body gives (the plugin's behaviour
 * before the fast path): a node the inspection misses would show up here as a difference.
 */
const contentRoot = join(repoRoot, 'content');
const policy = satteriContentPolicy(contentRoot);
const rewriteEveryBody = (): HastPluginDefinition => ({
  name: 'rewrite-every-body',
  before(root, context) {
    context.replaceNode(root, applyContentPolicy(root as Root).tree as never);
  },
});
const mdFile = pathToFileURL(join(contentRoot, 'migrations/fast-path/notes.md'));
const mdxFile = pathToFileURL(join(contentRoot, 'migrations/fast-path/notes.mdx'));

async function markdownBoth(body: string) {
  const render = async (plugin: typeof policy | typeof rewriteEveryBody) =>
    (await markdownToHtml(body, { hastPlugins: [plugin], fileURL: mdFile })).html;
  return { fast: await render(policy), rewritten: await render(rewriteEveryBody), bare: await render(() => undefined) };
}

async function mdxBoth(body: string) {
  const compile = async (plugin: typeof policy | typeof rewriteEveryBody) =>
    (await mdxToJs(`${body}\n`, { hastPlugins: [plugin], fileURL: mdxFile, jsxImportSource: 'astro' })).code;
  return { fast: await compile(policy), rewritten: await compile(rewriteEveryBody) };
}

const bodyOf = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('content policy at render time: the fast path renders what a full rewrite renders', () => {
  it('the shipped documents (clean: the fast path leaves them as they are)', async () => {
    const documents = shippedFiles().filter((file) => file.path.endsWith('.mdx'));
    expect(documents.length).toBeGreaterThan(3);
    for (const document of documents) {
      const { fast, rewritten } = await mdxBoth(bodyOf(document.text));
      expect(fast, document.path).toBe(rewritten);
    }
  });

  it('what a document needs, in Markdown and in MDX', async () => {
    for (const body of cleanBodies.markdown) {
      const { fast, rewritten } = await markdownBoth(body);
      expect(fast, body).toBe(rewritten);
    }
    for (const body of cleanBodies.mdx) {
      const { fast, rewritten } = await mdxBoth(body);
      expect(fast, body).toBe(rewritten);
    }
  });

  it.each(markdownVectors)('Markdown vector: $name', async ({ body }) => {
    const { fast, rewritten, bare } = await markdownBoth(body);
    // The vector changes the page, so the fast path had to notice it and rewrite.
    expect(rewritten).not.toBe(bare);
    expect(fast).toBe(rewritten);
  });

  it.each(mdxVectors)('MDX vector: $name', async ({ body }) => {
    const { fast, rewritten } = await mdxBoth(body);
    expect(fast).toBe(rewritten);
  });

  it('a body nested deeper than the policy walks fails or renders as a full rewrite does', async () => {
    const deep = `${'> '.repeat(maxPolicyDepth + 4)}deep`;
    // Sätteri refuses a rewritten tree deeper than 128 levels: with a limit above that, the rewrite fails
    // the build; below it, the body is cut. Either way the fast path must do exactly the same.
    const outcome = async (plugin: typeof policy | typeof rewriteEveryBody) => {
      try {
        return { html: (await markdownToHtml(deep, { hastPlugins: [plugin], fileURL: mdFile })).html };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    const rewritten = await outcome(rewriteEveryBody);
    const bare = await outcome(() => undefined);
    expect(rewritten).not.toEqual(bare);
    expect(await outcome(policy)).toEqual(rewritten);
    // Nested within the limit: nothing to cut, the page is the body as written.
    const shallow = `${'> '.repeat(Math.min(100, maxPolicyDepth - 4))}shallow`;
    const kept = await markdownBoth(shallow);
    expect(kept.fast).toBe(kept.rewritten);
    expect(kept.fast).toBe(kept.bare);
  });

  it('generated Markdown: links, images, code, HTML and nesting', async () => {
    const url = fc.constantFrom(
      'https://example.com/a',
      '/runtime/',
      '#anchor',
      'plan.mdx',
      'mailto:team@example.com',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java&#x09;script:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/x',
    );
    const inline = fc.oneof(
      fc.constantFrom('plain words', '*emphasis*', '**strong**', '`code`', '~~gone~~', 'a<br>b'),
      url.map((href) => `[a link](${href})`),
      url.map((href) => `![an image](${href})`),
      url.map((href) => `<${href}>`),
      fc.constantFrom(
        '<kbd>k</kbd>',
        '<span style="color:red">s</span>',
        '<b onclick="x()">b</b>',
        '<abbr title="t">a</abbr>',
        '<img src=x onerror=alert(1)>',
        '<sup class="evil">1</sup>',
      ),
    );
    const block = fc.oneof(
      fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')),
      fc
        .tuple(
          fc.constantFrom('sh', 'json', 'yaml', 'x" onmouseover="y', 'evil class', ''),
          fc.string({ maxLength: 12 }),
        )
        .map(([lang, code]) => `\`\`\`${lang}\n${code.replaceAll('`', "'")}\n\`\`\``),
      fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([level, text]) => `${'#'.repeat(level)} ${text}`),
      fc.tuple(fc.integer({ min: 1, max: 5 }), inline).map(([depth, text]) => `${'> '.repeat(depth)}${text}`),
      inline.map((text) => `- item\n  - ${text}\n- [ ] task`),
      fc.constantFrom('| a | b |\n| - | - |\n| 1 | 2 |', '<details><summary>s</summary>\n\nx\n\n</details>', '---'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 5 }), async (blocks) => {
        const { fast, rewritten } = await markdownBoth(blocks.join('\n\n'));
        expect(fast).toBe(rewritten);
      }),
      { numRuns: 300 },
    );
  });
});
