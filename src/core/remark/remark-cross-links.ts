import type { Link, Root } from 'mdast';
import { visitParents, SKIP } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { crossLinkClass, type CrossLinkIndex } from '../links/cross-links.ts';

/**
 * Cross-links as a remark (unified) plugin, for a site configured with `markdown.processor: unified()`.
 * Same decisions as the Sätteri adapter: they both ask the core's `DocumentLinker`.
 */
export function remarkCrossLinks(options: { getIndex: () => CrossLinkIndex | undefined }) {
  return (tree: Root, file: VFile): void => {
    const index = options.getIndex();
    if (!index || !file.path) return;
    const linker = index.linkerFor(file.path);
    if (!linker) return;
    visitParents(tree, (node, ancestors) => {
      if (node.type === 'inlineCode') {
        const parent = ancestors.at(-1);
        // A live token renders the value it names, as plain text: the prose never restates it.
        const live = linker.liveValue(node.value);
        if (live !== undefined && parent && 'children' in parent) {
          const at = (parent.children as unknown[]).indexOf(node);
          parent.children[at] = { type: 'text', value: live } as (typeof parent.children)[number];
          return SKIP;
        }
        const link = linker.reference(node.value);
        // Never a link inside a link, at any depth.
        if (!link || !parent || !('children' in parent)) return undefined;
        if (ancestors.some((ancestor) => ancestor.type === 'link' || ancestor.type === 'linkReference'))
          return undefined;
        const position = (parent.children as unknown[]).indexOf(node);
        const replacement: Link = {
          type: 'link',
          url: link.href,
          title: link.title,
          data: { hProperties: { id: link.id, className: [crossLinkClass] } },
          children: [{ type: 'inlineCode', value: node.value }],
        };
        parent.children[position] = replacement as (typeof parent.children)[number];
        return SKIP;
      }
      if (node.type === 'link' || node.type === 'definition') {
        const url = linker.link(node.url);
        if (url !== undefined) node.url = url;
      }
      return undefined;
    });
  };
}
