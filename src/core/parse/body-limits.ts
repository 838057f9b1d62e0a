import type { Nodes, Root } from 'mdast';
import type { Span } from '../diagnostic.ts';
import { contentLimits, limitMessages } from '../limits.ts';

/** A limit a body broke: where, and the message that names the limit. */
export interface BodyLimitProblem {
  place: Span;
  reason: string;
  hint: string;
}

/** Node types that are links for the link limit: each is resolved (or listed) by the checker and the site. */
const linkTypes = new Set(['link', 'linkReference', 'image', 'imageReference', 'definition']);

/** A Markdown link or image, or an MDX `<a>`, which the `links` rule resolves like one. */
function isLink(node: Nodes): boolean {
  if (linkTypes.has(node.type)) return true;
  return (
    (node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') &&
    (node as { name?: unknown }).name === 'a'
  );
}

interface Parent {
  type: string;
  children: Nodes[];
  position?: Nodes['position'];
}

/**
 * Holds a parsed body to `contentLimits` before any rule walks it (the rules' walkers recurse, and a
 * body nested ten thousand deep would end them with a stack overflow). One iterative walk in document
 * order:
 * - nesting: the first node deeper than the limit is reported; every node at the limit loses its
 *   children, so what the rules see is the body down to the limit;
 * - links and nodes: the first one past its limit is reported and the body is emptied, since checking
 *   part of it would report consequences of the cut.
 * Returns whether the tree was changed; the problems are located at the node that broke the limit.
 */
export function enforceBodyLimits(tree: Root): { problems: BodyLimitProblem[]; changed: boolean } {
  const problems: BodyLimitProblem[] = [];
  let changed = false;
  let nesting = false;
  let nodes = 0;
  let links = 0;
  // Children are pushed in reverse so they are visited in document order.
  const stack: { node: Nodes; depth: number; parent: Parent | undefined }[] = [];
  const pushChildren = (node: Parent, depth: number) => {
    for (let index = node.children.length - 1; index >= 0; index--) {
      const child = node.children[index];
      if (child) stack.push({ node: child, depth: depth + 1, parent: node });
    }
  };
  pushChildren(tree as Parent, 0);
  while (stack.length > 0) {
    const { node, depth, parent } = stack.pop() as (typeof stack)[number];
    nodes++;
    if (nodes > contentLimits.nodesPerDocument) {
      problems.push(
        located(node, parent, limitMessages.nodesPerDocument.reason(), limitMessages.nodesPerDocument.hint),
      );
      tree.children = [];
      return { problems, changed: true };
    }
    if (isLink(node) && ++links > contentLimits.linksPerDocument) {
      problems.push(
        located(node, parent, limitMessages.linksPerDocument.reason(), limitMessages.linksPerDocument.hint),
      );
      tree.children = [];
      return { problems, changed: true };
    }
    if (!('children' in node) || node.children.length === 0) continue;
    if (depth === contentLimits.nestingDepth) {
      if (!nesting) {
        const first = node.children[0] as Nodes;
        problems.push(
          located(
            first,
            node as Parent,
            limitMessages.nestingDepth.reason(`inside a ${describe(node)}`),
            limitMessages.nestingDepth.hint,
          ),
        );
        nesting = true;
      }
      (node as Parent).children = [];
      changed = true;
      continue;
    }
    pushChildren(node as Parent, depth);
  }
  return { problems, changed };
}

/** The node's position, or its parent's when the parser gave it none. */
function located(node: Nodes, parent: Parent | undefined, reason: string, hint: string): BodyLimitProblem {
  const position = node.position ?? parent?.position;
  const place: Span = position
    ? { start: { line: position.start.line, column: position.start.column } }
    : { start: { line: 1, column: 1 } };
  return { place, reason, hint };
}

/** How a report names the node that holds too deep a structure: `blockquote`, `<div>`. */
function describe(node: Nodes): string {
  const name = (node as { name?: unknown }).name;
  return typeof name === 'string' && name ? `\`<${name}>\`` : `\`${node.type}\``;
}

/**
 * The place of a line whose blockquote markers open more levels than the nesting limit, found in the
 * text before the body is parsed. Sätteri's parser takes time that grows faster than the depth (15.7 s
 * for a 100 KB line of 100,000 `>` on the 2-core machine), so such a body is refused without parsing.
 * Lines are read as CommonMark does: up to three spaces, then `>` markers each optionally followed by
 * a space or tab. (A fenced code line made of more than 100 `>` is refused too: no real document has one.)
 */
export function blockquoteMarkerOverflow(body: string): { line: number; column: number } | undefined {
  let line = 1;
  for (let start = 0; start < body.length; line++) {
    const end = body.indexOf('\n', start);
    const stop = end === -1 ? body.length : end;
    let index = start;
    while (index < stop && index - start < 3 && body.charCodeAt(index) === 0x20) index++;
    let markers = 0;
    while (index < stop && body.charCodeAt(index) === 0x3e) {
      if (++markers > contentLimits.nestingDepth) return { line, column: index - start + 1 };
      index++;
      const next = body.charCodeAt(index);
      if (next === 0x20 || next === 0x09) index++;
    }
    start = stop + 1;
  }
  return undefined;
}

/**
 * The place of the first JSX tag of an MDX body that opens more levels than the nesting limit, found in
 * the text before the body is parsed: Sätteri's MDX parser takes time that grows with the square of the
 * depth (15.6 s of CPU for 30,000 nested `<a>`, over two minutes for 100,000). A tag is `<` and a letter;
 * one ending in `/>` opens nothing, `</` closes one. Tags written inside code spans count too, which
 * can only make a body with more than 100 unclosed tags in its code refused: no real document has one.
 */
export function jsxOpeningOverflow(body: string): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < body.length; index++) {
    const code = body.charCodeAt(index);
    if (code === 0x0a) {
      line++;
      lineStart = index + 1;
      continue;
    }
    if (code !== 0x3c) continue;
    const next = body.charCodeAt(index + 1);
    if (next === 0x2f) {
      if (depth > 0) depth--;
      continue;
    }
    const isLetter = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a);
    if (!isLetter) continue;
    const end = body.indexOf('>', index);
    if (end !== -1 && body.charCodeAt(end - 1) === 0x2f) continue;
    if (++depth > contentLimits.nestingDepth) return { line, column: index - lineStart + 1 };
  }
  return undefined;
}
