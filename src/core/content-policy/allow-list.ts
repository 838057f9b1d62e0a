import { crossLinkClass } from '../links/cross-links.ts';
import { codeTokenClass, codeTokensClass } from '../remark/code-tokens.ts';

/**
 * The content policy: what a document body may contain once rendered. This file is its one definition;
 * the `safe-content` rule reports what `applyContentPolicy` removes, and the site's render pipeline runs the
 * same function on every page built from `content/`, so a gap in the check cannot reach a page.
 *
 * An allow-list: anything not named here is removed. Attribute names are HTML attribute names (lower case).
 */

/** Attributes any allowed element may carry. `class` is further limited to {@link allowedClassTokens}. */
export const globalAttributes: ReadonlySet<string> = new Set([
  'id',
  'class',
  'title',
  'lang',
  'dir',
  'aria-label',
  'aria-labelledby',
  'aria-describedby',
  'aria-hidden',
]);

/**
 * The HTML elements a contract document needs (what Markdown and GFM produce, plus a few inline elements
 * people write by hand), each with the attributes it may carry besides the global ones.
 */
export const allowedElements: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'name', 'data-footnote-ref', 'data-footnote-backref'],
  abbr: [],
  b: [],
  blockquote: ['cite'],
  br: [],
  caption: [],
  cite: [],
  code: [],
  col: ['span'],
  colgroup: ['span'],
  dd: [],
  del: ['cite', 'datetime'],
  details: ['open'],
  dfn: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ['src', 'alt', 'width', 'height'],
  // GFM task lists render a disabled checkbox; no other input type is allowed (see `allowedInputTypes`).
  input: ['type', 'checked', 'disabled'],
  ins: ['cite', 'datetime'],
  kbd: [],
  li: ['value'],
  mark: [],
  ol: ['start', 'reversed', 'type'],
  p: [],
  pre: [],
  q: ['cite'],
  s: [],
  samp: [],
  // GFM footnotes are a `<section data-footnotes>`.
  section: ['data-footnotes'],
  small: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['colspan', 'rowspan', 'align'],
  tfoot: [],
  th: ['colspan', 'rowspan', 'align', 'scope'],
  thead: [],
  time: ['datetime'],
  tr: [],
  u: [],
  ul: [],
  var: [],
  wbr: [],
};

/**
 * Elements removed together with everything inside them: they run, load or embed something (script,
 * iframe, object ...), hold raw text a browser parses differently from a sanitizer (noscript, textarea,
 * title, xmp ...), change how the page itself behaves (base, meta, link, form), or switch the parser into
 * SVG or MathML, whose links and animations are out of reach of an HTML allow-list. Any other element that
 * is not allowed is unwrapped: the element goes, its (checked) content stays.
 */
export const removedWithContent: ReadonlySet<string> = new Set([
  'applet',
  'audio',
  'base',
  'button',
  'canvas',
  'dialog',
  'embed',
  'form',
  'frame',
  'frameset',
  'iframe',
  'link',
  'math',
  'meta',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'option',
  'plaintext',
  'portal',
  'script',
  'select',
  'slot',
  'source',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'track',
  'video',
  'xmp',
]);

/** Attributes whose value is a URL, checked by scheme after the parser decoded character references. */
export const urlAttributes: ReadonlySet<string> = new Set(['href', 'src', 'cite']);

/** URL schemes a document may use. A URL without a scheme (a site path, `#anchor`, `../x`) is allowed too. */
export const allowedSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

/** The only `type` an `<input>` may have: the checkbox of a GFM task list. */
export const allowedInputTypes: ReadonlySet<string> = new Set(['checkbox']);

/**
 * Class names a document may use: those Markdown itself produces (code languages, task lists, footnote
 * labels), the cross-link class and the code-token classes (they only keep a token on one line). Site
 * classes would let a document restyle or cover the page.
 */
export const allowedClassTokens: readonly RegExp[] = [
  /^language-[\w+#.-]+$/,
  /^(?:task-list-item|contains-task-list|sr-only|footnotes|data-footnote-backref)$/,
  new RegExp(`^${crossLinkClass}$`),
  new RegExp(`^(?:${codeTokensClass}|${codeTokenClass})$`),
];

/**
 * MDX components the site passes to document bodies, by name, with the props each accepts (literal
 * strings only). The document page renders `<Content />` without components today, so the list is empty
 * and any component is undefined at build time: the check reports it instead.
 */
export const siteComponents: Readonly<Record<string, readonly string[]>> = {};
