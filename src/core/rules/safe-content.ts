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
      example: 'Unexpected `javascript:` URL on `<a>`, expected http, https, mailto, a site path, or a relative path',
    },
  },
  (corpus, report) => {
    for (const document of corpus.documents) {
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
