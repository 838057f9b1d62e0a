import { relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'hast';
import type { HastPluginDefinition, PluginFactoryContext } from 'satteri';
import { applyContentPolicy } from './apply.ts';

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
 */
export function satteriContentPolicy(
  contentRoot: string,
): (context: PluginFactoryContext) => HastPluginDefinition | undefined {
  return ({ fileURL }) => {
    if (!fileURL || fileURL.protocol !== 'file:' || !isPolicedFile(contentRoot, fileURLToPath(fileURL))) {
      return undefined;
    }
    return {
      name: 'contract-docs-content-policy',
      before(root, context) {
        context.replaceNode(root, applyContentPolicy(root as Root).tree as never);
      },
    };
  };
}

/** As a rehype plugin, for a site that configures the unified processor instead. */
export function rehypeContentPolicy(options: { contentRoot: string }) {
  return (tree: Root, file: { path?: string }): Root => {
    if (!file.path || !isPolicedFile(options.contentRoot, file.path)) return tree;
    return applyContentPolicy(tree).tree;
  };
}
