import type { HastPluginEntry, MdastPluginEntry } from 'satteri';
import { rehypeContentPolicy, satteriContentPolicy } from '../core/content-policy/render-plugins.ts';
import type { CrossLinkIndex } from '../core/links/cross-links.ts';
import { remarkCrossLinks } from '../core/remark/remark-cross-links.ts';
import { satteriCrossLinks } from '../core/remark/satteri-cross-links.ts';
import { remarkCodeTokens, satteriCodeTokens } from '../core/remark/code-tokens.ts';

/**
 * The slice of Astro's `markdown.processor` this module touches. Both processors expose their plugin
 * lists as mutable arrays on `options` (Starlight registers its own plugins the same way), so no
 * processor package needs importing here.
 */
interface MarkdownProcessorLike {
  name: string;
  options?: {
    mdastPlugins?: MdastPluginEntry[];
    hastPlugins?: HastPluginEntry[];
    remarkPlugins?: unknown[];
    rehypePlugins?: unknown[];
  };
}

/**
 * Registers the cross-link plugin with whichever Markdown processor the site uses; the processor's MDX
 * renderer inherits it, so `.md` and `.mdx` are both linked. With it goes the plugin that gives inline code
 * its break points between tokens (`code-tokens.ts`). Returns the processor name, or undefined
 * when the processor runs neither kind of plugin (the site then shows references as plain code).
 */
export function registerCrossLinks(
  processor: MarkdownProcessorLike | undefined,
  getIndex: () => CrossLinkIndex | undefined,
): string | undefined {
  const options = processor?.options;
  if (processor?.name === 'satteri' && Array.isArray(options?.mdastPlugins)) {
    options.mdastPlugins.push(satteriCrossLinks(getIndex), satteriCodeTokens);
    return processor.name;
  }
  if (processor?.name === 'unified' && Array.isArray(options?.remarkPlugins)) {
    options.remarkPlugins.push([remarkCrossLinks, { getIndex }], remarkCodeTokens);
    return processor.name;
  }
  return undefined;
}

/**
 * Puts the content policy first in the processor's HTML-tree plugins, for every file under `contentRoot`
 * (Markdown and MDX alike), whether or not the check ran. Throws when the processor runs no such plugins:
 * a site that cannot enforce the policy must not build.
 */
export function registerContentPolicy(
  processor: MarkdownProcessorLike | undefined,
  contentRoot: string,
): string | undefined {
  // No processor, no Markdown rendering (only in tests that hand the hook a bare config).
  if (!processor) return undefined;
  const options = processor.options;
  if (processor.name === 'satteri' && Array.isArray(options?.hastPlugins)) {
    options.hastPlugins.unshift(satteriContentPolicy(contentRoot));
    return processor.name;
  }
  if (processor.name === 'unified' && Array.isArray(options?.rehypePlugins)) {
    options.rehypePlugins.unshift([rehypeContentPolicy, { contentRoot }]);
    return processor.name;
  }
  throw new Error(
    `contract-docs cannot apply its content policy with the \`${processor.name}\` Markdown processor; use Sätteri (the default) or unified.`,
  );
}
