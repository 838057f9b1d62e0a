import { contentLimits } from '../limits.ts';
import { allowedSchemes } from './allow-list.ts';

/** Why the policy took something out of a body. */
export type PolicyRemovalKind =
  | 'element'
  | 'component'
  | 'attribute'
  | 'class'
  | 'url'
  | 'input-type'
  | 'attribute-expression'
  | 'expression'
  | 'esm'
  | 'nesting';

/** One thing `applyContentPolicy` removed, with the position of the node it was on (when the tree had positions). */
export interface PolicyRemoval {
  kind: PolicyRemovalKind;
  /** The element or component name (`script`, `Foo`), or the node type for expressions. */
  element: string;
  /** The attribute, class token, URL scheme or input type, for the kinds about attributes. */
  detail?: string | undefined;
  /** Source position of the node, 1-based. */
  place?: { start: { line: number; column: number }; end?: { line: number; column: number } } | undefined;
}

/**
 * Deepest element nesting the policy walks; a body nested deeper is cut there. The nesting limit of
 * every content body (`src/core/limits.ts`), so the check's limit and the render's cut are one number.
 */
export const maxPolicyDepth = contentLimits.nestingDepth;

const schemes = [...allowedSchemes].join(', ');

/** The message and the advice for each kind of removal: the `safe-content` rule prints these. */
export const removalMessages = {
  element: {
    reason: (r) => `Unexpected \`<${r.element}>\` element, expected prose and the elements a document needs`,
    hint: 'Remove the element and write the content as Markdown; the site removes it from the page.',
  },
  component: {
    reason: (r) => `Unexpected component \`<${r.element}>\`, expected only components the site provides (none today)`,
    hint: 'Write the content as Markdown; an undefined component would fail the build and is removed from the page.',
  },
  attribute: {
    reason: (r) =>
      `Unexpected attribute \`${r.detail}\` on \`<${r.element}>\`, expected only the attributes a document needs`,
    hint: 'Remove the attribute: styles, event handlers and directives (`set:*`, `is:*`) never reach a page.',
  },
  class: {
    reason: (r) => `Unexpected class \`${r.detail}\` on \`<${r.element}>\`, expected only classes Markdown produces`,
    hint: 'Remove the class; site classes could restyle or cover the page.',
  },
  url: {
    reason: (r) =>
      `Unexpected \`${r.detail}:\` URL on \`<${r.element}>\`, expected ${schemes}, a site path, or a relative path`,
    hint: "A link that runs code would run in every reader's browser; link to a site page or an https: address instead.",
  },
  'input-type': {
    reason: (r) => `Unexpected \`<input type="${r.detail}">\`, expected only the checkbox of a task list`,
    hint: 'Write a task list (`- [ ] item`) or plain text instead.',
  },
  'attribute-expression': {
    reason: (r) => `Unexpected computed attribute \`${r.detail}\` on \`<${r.element}>\`, expected a quoted string`,
    hint: 'Write the value as a quoted string.',
  },
  expression: {
    reason: () =>
      'Unexpected MDX expression, expected prose (no expressions, comments included, except the `{/* contract-docs: snapshot */}` marker)',
    hint: 'Write the text without braces, or escape a literal brace as `\\{`.',
  },
  esm: {
    reason: () => 'Unexpected MDX `import`/`export`, expected prose only',
    hint: 'Remove it: pages are rendered from the frontmatter and the prose, not from code in documents.',
  },
  nesting: {
    reason: (r) =>
      `Unexpected nesting deeper than ${maxPolicyDepth} levels inside ${r.element === 'raw HTML' ? 'raw HTML' : `\`<${r.element}>\``}, expected at most ${maxPolicyDepth}`,
    hint: 'Flatten the structure; what is nested deeper is removed from the page.',
  },
} as const satisfies Record<PolicyRemovalKind, { reason: (removal: PolicyRemoval) => string; hint: string }>;
