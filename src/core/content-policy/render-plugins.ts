import { relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import type { HastNode, HastPluginDefinition, HastVisitorContext, PluginFactoryContext } from 'satteri';
import { snapshotMarkerPattern } from '../conventions.ts';
import { applyContentPolicy, elementWithinPolicy } from './apply.ts';
import { maxPolicyDepth } from './removals.ts';

/**
 * The content policy as the render pipeline's second line: whatever the check missed, the page is built
 * from the policy's output. Applies to files under `contentRoot` only (the untrusted input); the site's
 * own guides are code we write.
 */
export function isPolicedFile(contentRoot: string, path: string): boolean {
  const rel = relative(contentRoot, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * As a Sätteri hast plugin (Astro 7's default processor; its MDX renderer runs the same list). It must run
 * first among the hast plugins, before other plugins add markup of their own (heading anchors, code frames).
 *
 * A body is first only inspected: Sätteri hands over just the nodes that could break the policy (every
 * element, and raw HTML, doctypes and MDX nodes, which always need it), never the text. A body where none
 * would change (nearly every document) is left as it is; any other is rewritten whole by
 * `applyContentPolicy`, exactly as before. Rewriting every body meant copying each tree into JavaScript
 * and back: about a tenth of the build's CPU at 1,000 documents.
 */
export function satteriContentPolicy(
  contentRoot: string,
): (context: PluginFactoryContext) => HastPluginDefinition | undefined {
  return ({ fileURL }) => {
    if (!fileURL || fileURL.protocol !== 'file:' || !isPolicedFile(contentRoot, fileURLToPath(fileURL))) {
      return undefined;
    }
    // One plugin instance per compiled file (Sätteri calls this factory per file), so the verdict is this body's.
    let withinPolicy = true;
    const depths = new WeakMap<object, number>();
    const outside = () => {
      withinPolicy = false;
    };
    return {
      name: 'contract-docs-content-policy',
      element: {
        filter: [],
        visit(node, context) {
          if (withinPolicy && !elementWithinPolicy(node as Element, elementDepth(node, context, depths))) outside();
        },
      },
      // No component is allowed and an HTML element written as JSX is rare: the whole policy decides.
      mdxJsxFlowElement: { filter: [], visit: outside },
      mdxJsxTextElement: { filter: [], visit: outside },
      mdxFlowExpression(node) {
        if (!snapshotMarkerPattern.test(node.value)) outside();
      },
      mdxTextExpression: outside,
      mdxjsEsm: outside,
      raw: outside,
      doctype: outside,
      after(root, context) {
        if (!withinPolicy) context.replaceNode(root, applyContentPolicy(root as Root).tree as never);
      },
    };
  };
}

/**
 * Elements above `node`, counted up to one past the policy's limit (a deeper body is rewritten whole
 * anyway). Sätteri gives the same parent object to every child of a parent within a pass, so each parent's
 * count is kept in `below` and its other children and descendants reuse it. A loop, not recursion: a
 * hostile body nests deeper than the call stack.
 */
function elementDepth(node: Readonly<HastNode>, context: HastVisitorContext, below: WeakMap<object, number>): number {
  const unknown: object[] = [];
  let depth = 0;
  for (let parent = context.parent(node); parent && parent.type !== 'root'; parent = context.parent(parent)) {
    const known = below.get(parent);
    if (known !== undefined) {
      depth = known;
      break;
    }
    unknown.push(parent);
    if (unknown.length > maxPolicyDepth) break;
  }
  for (let index = unknown.length - 1; index >= 0; index--) below.set(unknown[index] as object, ++depth);
  return depth;
}

/** As a rehype plugin, for a site that configures the unified processor instead. */
export function rehypeContentPolicy(options: { contentRoot: string }) {
  return (tree: Root, file: { path?: string }): Root => {
    if (!file.path || !isPolicedFile(options.contentRoot, file.path)) return tree;
    return applyContentPolicy(tree).tree;
  };
}
