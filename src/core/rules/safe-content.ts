import type { Root } from 'mdast';
import type { Span } from '../diagnostic.ts';
import { nodesOfType } from '../mdast-index.ts';
import { spanOf } from '../prose.ts';
import { defineRule, type Report } from '../rule.ts';

/** URL schemes a document may link to; everything else (`javascript:`, `data:` ...) could run in a reader's browser. */
const allowedSchemes = new Set(['http', 'https', 'mailto']);
/** Elements that load or run something, never needed in a contract document. */
const blockedElements = new Set(['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form']);

interface JsxLike {
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: Parameters<typeof spanOf>[0]['position'];
}

export const safeContentRule = defineRule(
  {
    id: 'safe-content',
    description:
      "Document bodies cannot run code in a reader's browser or at build time: no scripts, event handlers, `javascript:` links or MDX code.",
    docs: {
      checks:
        'The site publishes what documents say, so a body may hold prose, Markdown and plain elements only. Refused: link, image and definition URLs with a scheme other than `http`, `https` or `mailto`; raw HTML or MDX elements that load or run something (`script`, `iframe`, `object`, `embed`, `style`, `link`, `meta`, `base`, `form`); `on…` event-handler attributes; computed attribute values; MDX `import`/`export` and `{…}` expressions other than comments (`{/* … */}`).',
      fix: 'Write the content as Markdown. Link to an `https:` address or a site page; put structured facts in frontmatter, where the site renders them as escaped text.',
      examples: [
        {
          title: 'A `javascript:` link in prose',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: 'This RFC moves from draft to accepted when both approvers have signed off.\n',
          notOk:
            'This RFC moves from draft to accepted when both approvers have signed off.\n[Open the console](javascript:alert(document.cookie)).\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:198:1 Unexpected `javascript:` URL in a link, expected http, https or mailto, a site path, or a relative path',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const document of corpus.documents) checkBody(document.file, document.body, report);
  },
);

function checkBody(file: string, tree: Root, report: Report): void {
  const refuse = (place: Span, reason: string, hint: string) => report({ file, place, reason, hint });
  for (const type of ['link', 'image', 'definition'] as const) {
    for (const node of nodesOfType(tree, type)) {
      const scheme = schemeOf(node.url);
      if (scheme && !allowedSchemes.has(scheme)) {
        refuse(
          spanOf(node),
          `Unexpected \`${scheme}:\` URL in ${type === 'definition' ? 'a link definition' : type === 'image' ? 'an image' : 'a link'}, expected http, https or mailto, a site path, or a relative path`,
          "A link that runs code would run in every reader's browser; link to a page or an https: address instead.",
        );
      }
    }
  }
  for (const node of nodesOfType(tree, 'html')) {
    const element = /<\s*([a-z][a-z0-9-]*)/i.exec(node.value)?.[1]?.toLowerCase();
    if (element && blockedElements.has(element)) {
      refuse(
        spanOf(node),
        `Unexpected \`<${element}>\` element, expected prose and plain elements only`,
        'Remove the element; documents cannot load or run anything.',
      );
    } else if (/\son[a-z]+\s*=/i.test(node.value) || /(?:href|src)\s*=\s*["']?\s*javascript:/i.test(node.value)) {
      refuse(
        spanOf(node),
        'Unexpected event handler or `javascript:` URL in HTML, expected plain elements only',
        'Remove the attribute.',
      );
    }
  }
  for (const type of ['mdxJsxFlowElement', 'mdxJsxTextElement'] as const) {
    for (const node of nodesOfType(tree, type) as unknown as JsxLike[]) {
      const name = (node.name ?? '').toLowerCase();
      const place = spanOf(node);
      if (blockedElements.has(name)) {
        refuse(
          place,
          `Unexpected \`<${name}>\` element, expected prose and plain elements only`,
          'Remove the element; documents cannot load or run anything.',
        );
        continue;
      }
      for (const attribute of node.attributes ?? []) {
        if (attribute.type !== 'mdxJsxAttribute') {
          refuse(
            place,
            `Unexpected spread attributes on \`<${name}>\`, expected literal attributes`,
            'Write each attribute with a literal value.',
          );
          continue;
        }
        const attributeName = attribute.name ?? '';
        if (/^on/i.test(attributeName)) {
          refuse(
            place,
            `Unexpected event handler \`${attributeName}\` on \`<${name}>\`, expected no script in documents`,
            'Remove the attribute.',
          );
        } else if (attribute.value !== null && attribute.value !== undefined && typeof attribute.value !== 'string') {
          refuse(
            place,
            `Unexpected computed value for \`${attributeName}\` on \`<${name}>\`, expected a literal string`,
            'Write the value as a quoted string.',
          );
        } else if (typeof attribute.value === 'string' && /^(href|src|action|formaction)$/i.test(attributeName)) {
          const scheme = schemeOf(attribute.value);
          if (scheme && !allowedSchemes.has(scheme)) {
            refuse(
              place,
              `Unexpected \`${scheme}:\` URL in \`${attributeName}\` on \`<${name}>\`, expected http, https or mailto, a site path, or a relative path`,
              'Link to a page or an https: address instead.',
            );
          }
        }
      }
    }
  }
  for (const node of nodesOfType(tree, 'mdxjsEsm' as never) as unknown as { position?: JsxLike['position'] }[]) {
    refuse(
      spanOf(node),
      'Unexpected MDX `import`/`export`, expected prose only',
      'Remove it: pages are rendered from the frontmatter and the prose, not from code in documents.',
    );
  }
  for (const type of ['mdxFlowExpression', 'mdxTextExpression'] as const) {
    for (const node of nodesOfType(tree, type as never) as unknown as {
      value: string;
      position?: JsxLike['position'];
    }[]) {
      if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value)) continue;
      refuse(
        spanOf(node),
        'Unexpected MDX expression, expected prose (only `{/* comments */}` are allowed)',
        'Write the value as text, or escape the braces as `\\{` and `\\}`.',
      );
    }
  }
}

function schemeOf(url: string): string | undefined {
  // Browsers ignore leading spaces and control characters, and tabs or newlines inside the scheme.
  let start = 0;
  while (start < url.length && url.charCodeAt(start) <= 0x20) start++;
  const cleaned = url.slice(start).replace(/[\t\n\r]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}
