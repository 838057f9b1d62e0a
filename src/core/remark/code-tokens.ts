import type { InlineCode, Root } from 'mdast';
import type { MdastPluginDefinition } from 'satteri';
import { visitParents } from 'unist-util-visit-parents';

/**
 * Inline code never breaks inside a token. Browsers break after hyphens, which splits ids
 * (`producer-` / `suite-` / `green`), so the site's CSS keeps code on one line and these plugins give
 * code of several pieces its break points: each token becomes a `<span class="token">` and a `<wbr>`
 * follows each path segment. Both Markdown processors and `TokenCode.astro` use the same `codePieces`.
 */

/** Class of inline code split into tokens; its tokens do not break, the gaps between them may. */
export const codeTokensClass = 'tokens';
/** Class of one token of such code. */
export const codeTokenClass = 'token';

/** One piece of a code string: a token that never breaks, or the space between tokens. */
export interface CodePiece {
  text: string;
  /** Whitespace between tokens: a line may break here. */
  space: boolean;
  /** A line may break after this token: it ends a path segment (`/`) or a reference's kind (`gate:`). */
  breakAfter: boolean;
}

/**
 * Splits code (an id, a reference, a command, a path) into the tokens a line may not break inside:
 * runs between whitespace, split again after each `/` or `:` that more text follows. Hyphens are not
 * break points.
 */
export function codePieces(text: string): CodePiece[] {
  const pieces: CodePiece[] = [];
  for (const part of text.split(/(\s+)/)) {
    if (part === '') continue;
    if (/^\s+$/.test(part)) {
      pieces.push({ text: part, space: true, breakAfter: false });
      continue;
    }
    const segments = part.match(/[^/:]*[/:]+(?=[^/:])|[^/:]*[/:]*$/g)?.filter(Boolean) ?? [part];
    segments.forEach((segment, index) =>
      pieces.push({ text: segment, space: false, breakAfter: index < segments.length - 1 }),
    );
  }
  return pieces;
}

/** The hast nodes the plugins build: text, and `span` / `wbr` elements. */
export type TokenNode =
  | { type: 'text'; value: string }
  | { type: 'element'; tagName: string; properties: Record<string, string[]>; children: TokenNode[] };

/** The hast children of inline code split into tokens, or undefined when it is one token. */
export function codeTokenChildren(value: string): TokenNode[] | undefined {
  const pieces = codePieces(value);
  if (pieces.length <= 1) return undefined;
  return pieces.flatMap((piece): TokenNode[] => {
    if (piece.space) return [{ type: 'text', value: piece.text }];
    const token: TokenNode = {
      type: 'element',
      tagName: 'span',
      properties: { className: [codeTokenClass] },
      children: [{ type: 'text', value: piece.text }],
    };
    return piece.breakAfter ? [token, { type: 'element', tagName: 'wbr', properties: {}, children: [] }] : [token];
  });
}

/** `hProperties` and `hChildren` are how mdast asks the hast conversion for other markup (mdast-util-to-hast). */
function tokenData(node: InlineCode): Record<string, unknown> | undefined {
  const children = codeTokenChildren(node.value);
  return children && { ...node.data, hProperties: { className: [codeTokensClass] }, hChildren: children };
}

/** The Sätteri adapter (Astro 7's default processor). */
export const satteriCodeTokens: MdastPluginDefinition = {
  name: 'contract-docs-code-tokens',
  inlineCode(node, context) {
    const data = tokenData(node as InlineCode);
    if (data) context.setProperty(node, 'data', data);
    return undefined;
  },
};

/** The remark adapter, for a site configured with `markdown.processor: unified()`. */
export function remarkCodeTokens() {
  return (tree: Root): void => {
    visitParents(tree, 'inlineCode', (node: InlineCode) => {
      const data = tokenData(node);
      if (data) node.data = data as InlineCode['data'];
    });
  };
}
