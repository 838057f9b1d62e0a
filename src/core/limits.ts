/**
 * How much one content file may hold. A contract document is a few kilobytes with a few dozen links and
 * a nesting depth under ten; these limits sit orders of magnitude above that, so no real document meets
 * them, and far enough below what would hang or crash the tools that every larger input is refused with
 * a located report instead (the `content-limits` rule). The check applies them while it loads; the
 * content policy (`src/core/content-policy/`) cuts at the same nesting depth when the site renders.
 */
export const contentLimits = {
  /**
   * Largest content or repository source file, in bytes. Checked on the file's size before a byte is
   * read, so a 600 MB dump costs a `stat`, not 600 MB of memory.
   */
  fileBytes: 4 * 2 ** 20,
  /**
   * Deepest nesting of a document body (blockquotes, lists, emphasis, links, HTML or MDX elements: every
   * node counts one level) and of JSON or YAML data. Sätteri, the site's Markdown processor, refuses a
   * tree deeper than 128 levels from a plugin (the content policy is one), and HTML adds a level or two
   * to Markdown's tree (a table's body, a code block's `<pre>`): at 100, whatever the check passes, the
   * build renders. The checker's walkers stay far from the end of the call stack at this depth too.
   */
  nestingDepth: 100,
  /**
   * Most links in one document body: Markdown links, images, link and image references, definitions.
   * Each is resolved against the site map, a cost per link, so the count is bounded on its own.
   */
  linksPerDocument: 5_000,
  /**
   * Most Markdown nodes in one document body (a node is a paragraph, a text run, an emphasis, a code
   * span ...). A long real document has a few thousand; a million tiny nodes fit in a 4 MB file and would
   * cost seconds and gigabytes in every rule.
   */
  nodesPerDocument: 100_000,
} as const;

export type ContentLimit = keyof typeof contentLimits;

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const count = (value: number) => value.toLocaleString('en-US');

/**
 * The message and the advice for each limit, in one table: the loader reports these (rule
 * `content-limits`), so the limit is named in the message wherever it is met.
 */
export const limitMessages = {
  fileBytes: {
    reason: (actual: number) =>
      `Unexpected file of ${mb(actual)} MB, expected at most ${contentLimits.fileBytes / 2 ** 20} MB (the content file size limit)`,
    hint: 'Content files are documents and data, not logs or dumps: move large artifacts out of the content folder.',
  },
  nestingDepth: {
    reason: (where: string) =>
      `Unexpected nesting deeper than ${contentLimits.nestingDepth} levels ${where}, expected at most ${contentLimits.nestingDepth} (the nesting limit)`,
    hint: 'Flatten the structure: nothing past the limit is checked or published.',
  },
  linksPerDocument: {
    reason: () =>
      `Unexpected link number ${count(contentLimits.linksPerDocument + 1)} in one document, expected at most ${count(contentLimits.linksPerDocument)} links (the link limit)`,
    hint: 'Split the document, or move the list of links to a data file or a generated page; the body is not checked or published as it is.',
  },
  nodesPerDocument: {
    reason: () =>
      `Unexpected Markdown node number ${count(contentLimits.nodesPerDocument + 1)} in one document, expected at most ${count(contentLimits.nodesPerDocument)} (the size limit of a body)`,
    hint: 'Split the document: a body this large is not checked or published as it is.',
  },
} as const satisfies Record<ContentLimit, { reason: (...args: never[]) => string; hint: string }>;
