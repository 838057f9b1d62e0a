import fc from 'fast-check';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { applyContentPolicy } from '../../src/core/content-policy/apply.ts';
import { satteriContentPolicy } from '../../src/core/content-policy/render-plugins.ts';
import { repoRoot } from '../helpers/content.ts';
import { executableIn } from './executable.ts';

/** `javascript:` (or another scheme that runs) with each character raw, as a decimal or hex reference, in any case. */
const encodedScheme = fc
  .tuple(
    fc.constantFrom('javascript:', 'vbscript:', 'data:text/html,'),
    fc.array(fc.constantFrom('raw', 'upper', 'decimal', 'hex', 'hex-zeros', 'no-semicolon'), {
      minLength: 16,
      maxLength: 16,
    }),
    fc.constantFrom('', ' ', '\u0001', '&#9;', '&Tab;', '&NewLine;'),
  )
  .map(([scheme, encodings, lead]) => {
    let out = lead;
    [...scheme].forEach((char, index) => {
      const code = char.charCodeAt(0);
      const how = encodings[index % encodings.length];
      if (char === ':' && how === 'upper') out += '&colon;';
      else if (how === 'upper') out += char.toUpperCase();
      else if (how === 'decimal') out += `&#${code};`;
      else if (how === 'hex') out += `&#x${code.toString(16)};`;
      else if (how === 'hex-zeros') out += `&#x000${code.toString(16)};`;
      // A reference without its semicolon, followed by a character that ends it.
      else if (how === 'no-semicolon' && index < scheme.length - 1) out += `&#${code}`;
      else out += char;
    });
    return `${out}alert(1)`;
  });

const breakout = fc.constantFrom(
  '</noscript><img src=x onerror=alert(1)>',
  '</textarea><script>alert(1)</script>',
  '</title><svg onload=alert(1)>',
  '</style><img src=x onerror=alert(1)>',
  '--><img src=x onerror=alert(1)>',
  ']]><img src=x onerror=alert(1)>',
  'plain words',
);

const tags = fc.constantFrom(
  'div',
  'p',
  'a',
  'span',
  'img',
  'kbd',
  'details',
  'table',
  'td', // allowed
  'noscript',
  'textarea',
  'title',
  'style',
  'script',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'template',
  'object', // raw text, embeds
  'svg',
  'math',
  'foreignObject',
  'animate',
  'set',
  'use',
  'mtext',
  'annotation-xml',
  'desc', // foreign content
  'form',
  'base',
  'meta',
  'select',
  'option',
);

const attributeNames = fc.constantFrom(
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'data',
  'values',
  'to',
  'srcdoc',
  'title',
  'onerror',
  'onclick',
  'onload',
  'style',
  'attributeName',
  'encoding',
  'http-equiv',
  'content',
  'class',
  'id',
);
const attributeValue = fc.oneof(
  encodedScheme,
  breakout,
  fc.constantFrom('href', 'text/html', 'refresh', 'https://example.com/', '/x'),
);
const attributes = fc.array(fc.tuple(attributeNames, attributeValue), { maxLength: 3 });

interface Generated {
  tag: string;
  attributes: [string, string][];
  children: (Generated | string)[];
}

const tree = fc.letrec<{ node: Generated; child: Generated | string }>((tie) => ({
  node: fc.record({ tag: tags, attributes, children: fc.array(tie('child'), { maxLength: 3 }) }),
  child: fc.oneof({ depthSize: 'small', withCrossShrink: true }, breakout, tie('node')),
})).node;

/** Raw HTML as an author could write it: attribute quotes vary, closing tags may be missing. */
function toRawHtml(node: Generated | string, quote: string, close: boolean): string {
  if (typeof node === 'string') return node;
  const attrs = node.attributes.map(([name, value]) => ` ${name}=${quote}${value}${quote}`).join('');
  const inner = node.children.map((child) => toRawHtml(child, quote, close)).join('');
  return `<${node.tag}${attrs}>${inner}${close ? `</${node.tag}>` : ''}`;
}

/** The same tree as MDX JSX: quoted attribute values, text children kept to what JSX can hold. */
function toJsx(node: Generated | string): string {
  if (typeof node === 'string') return node.replace(/[<>{}]/g, ' ');
  const attrs = node.attributes.map(([name, value]) => ` ${name}="${value.replace(/"/g, "'")}"`).join('');
  return `<${node.tag}${attrs}>${node.children.map(toJsx).join('')}</${node.tag}>`;
}

const contentRoot = join(repoRoot, 'content');
const policy = satteriContentPolicy(contentRoot);
const markdownFile = pathToFileURL(join(contentRoot, 'migrations/fuzz/notes.md'));

/** MDX JSX nodes as the HTML elements Astro renders them to, so the browser-side check can read them. */
function jsxAsHtml(nodes: readonly RootContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    const jsx = node as unknown as { type: string; name?: string; attributes?: { name: string; value: unknown }[] };
    if (jsx.type === 'mdxJsxFlowElement' || jsx.type === 'mdxJsxTextElement') {
      const properties: Properties = {};
      for (const attribute of jsx.attributes ?? []) properties[attribute.name] = String(attribute.value ?? '');
      const children = jsxAsHtml((node as unknown as Element).children as RootContent[]);
      return [{ type: 'element', tagName: jsx.name ?? 'div', properties, children }];
    }
    if (node.type === 'element') return [{ ...node, children: jsxAsHtml(node.children as RootContent[]) }];
    if (node.type === 'text' || node.type === 'comment') return [node];
    // An expression or ESM that survived would be code on the page: make it visible to the assertion.
    return [{ type: 'element', tagName: 'script', properties: {}, children: [] }];
  });
}

describe('content policy fuzz: nothing executable survives', () => {
  it('raw HTML in Markdown, through the render pipeline, read back by a browser parser', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(tree, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('"', "'", ''),
        fc.boolean(),
        fc.constantFrom('\n\n', '', ' text '),
        async (nodes, quote, close, separator) => {
          const body = nodes.map((node) => toRawHtml(node, quote, close)).join(separator);
          const { html } = await markdownToHtml(body, { hastPlugins: [policy], fileURL: markdownFile });
          expect(executableIn(html), `${body}\n=> ${html}`).toEqual([]);
          expect(executableIn(`<!doctype html><body>${html}`, { document: true })).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('MDX JSX and expressions, through the policy', () => {
    let parsedBodies = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            tree.map(toJsx),
            fc.constantFrom('{/* a */ 1 /* b */}', '{/**/ <b>x</b> /**/}', 'export const a = 1'),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        (blocks) => {
          const body = blocks.join('\n\n') + '\n';
          let parsed: Root;
          try {
            parsed = mdxToHast(body) as Root;
          } catch {
            return; // not valid MDX: the build refuses it before any rendering
          }
          parsedBodies++;
          const { tree: policed } = applyContentPolicy(parsed);
          const html = toHtml({ type: 'root', children: jsxAsHtml(policed.children) });
          expect(executableIn(html), `${body}\n=> ${html}`).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
    // The generator writes valid MDX; a property that skipped most inputs would prove little.
    expect(parsedBodies).toBeGreaterThan(300);
  });
});
