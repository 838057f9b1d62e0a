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
