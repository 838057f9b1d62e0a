import { allowedSchemes } from '../content-policy/allow-list.ts';
import { policyRemovalsOfBody } from '../content-policy/body.ts';
import { removalMessages } from '../content-policy/removals.ts';
import { defineRule } from '../rule.ts';

export const safeContentRule = defineRule(
  {
    id: 'safe-content',
    description:
      "Document bodies cannot run code in a reader's browser or at build time: the content policy removes nothing from them.",
    docs: {
      checks: `The site renders every body through one content policy (\`src/core/content-policy/\`), an allow-list; this rule reports everything the policy would remove, at its position. Raw HTML is parsed as a browser parses it and MDX as MDX. Allowed: the HTML elements Markdown produces and a few inline ones, their plain attributes (no \`style\`, no event handlers, no \`set:*\` or \`is:*\` directives), URLs with no scheme or ${[...allowedSchemes].join(', ')}, and no MDX components, expressions (comments included), \`import\` or \`export\`. Scripts, frames, objects, forms, \`<base>\`, \`<meta>\`, raw-text elements (\`noscript\`, \`textarea\`, \`title\` ...) and SVG or MathML are removed with everything inside them.`,
      fix: 'Write the content as Markdown. Link to an `https:` address or a site page; put structured facts in frontmatter, where the site renders them as escaped text.',
      examples: [
        {
          title: 'A `javascript:` link in prose',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: 'This RFC moves from draft to accepted when both approvers have signed off.\n',
          notOk:
            'This RFC moves from draft to accepted when both approvers have signed off.\n[Open the console](javascript:alert(document.cookie)).\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:198:1 Unexpected `javascript:` URL on `<a>`, expected http, https, mailto, a site path, or a relative path',
          ],
        },
        {
          title: 'Code between two comments, and a directive that writes HTML',
          file: 'content/migrations/service-v3/rfc.mdx',
          ok: 'This RFC moves from draft to accepted when both approvers have signed off.\n',
          notOk:
            'This RFC moves from draft to accepted when both approvers have signed off.\n\n{/* a */ globalThis.ranAtBuild = true /* b */}\n\n<div set:html="<img src=x onerror=alert(1)>" />\n',
          reports: [
            'content/migrations/service-v3/rfc.mdx:199:1 Unexpected MDX expression, expected prose (no expressions, comments included, except the `{/* contract-docs: snapshot */}` marker)',
            'content/migrations/service-v3/rfc.mdx:201:1 Unexpected attribute `set:html` on `<div>`, expected only the attributes a document needs',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const document of corpus.documents) {
      // A body past a content limit is reported by `content-limits` and not parsed again here.
      if (document.overLimit) continue;
      const removals = policyRemovalsOfBody(document.bodyText, document.file.endsWith('.mdx'));
      for (const removal of removals ?? []) {
        const message = removalMessages[removal.kind];
        report({
          file: document.file,
          place: removal.place ?? { start: { line: 1, column: 1 } },
          reason: message.reason(removal),
          hint: message.hint,
        });
      }
    }
  },
);
