import { fileURLToPath } from 'node:url';
import type { MdastPluginDefinition, PluginFactoryContext } from 'satteri';
import { crossLinkClass, type CrossLinkIndex, type DocumentLinker } from '../links/cross-links.ts';

/**
 * Cross-links as a Sätteri mdast plugin (Astro 7's default Markdown processor, for `.md` and `.mdx`):
 * each `kind:id` inline code becomes a link to its definition, and links to content files become site
 * URLs. `getIndex` is read per document, so the dev server can swap in a fresh index after an edit.
 */
export function satteriCrossLinks(
  getIndex: () => CrossLinkIndex | undefined,
): (context: PluginFactoryContext) => MdastPluginDefinition | undefined {
  return ({ fileURL }) => {
    const index = getIndex();
    if (!index || !fileURL || fileURL.protocol !== 'file:') return undefined;
    const linker = index.linkerFor(fileURLToPath(fileURL));
    return linker ? documentPlugin(linker) : undefined;
  };
}

function documentPlugin(linker: DocumentLinker): MdastPluginDefinition {
  return {
    name: 'contract-docs-cross-links',
    inlineCode(node, context) {
      // A live token renders the value it names, as plain text: the prose never restates it.
      const live = linker.liveValue(node.value);
      if (live !== undefined) return { type: 'text', value: live };
      const link = linker.reference(node.value);
      // Never a link inside a link, at any depth (`[the **`gate:x`** gate](…)`): the reference is
      // counted above, and stays code.
      if (!link || insideLink(node, context)) return undefined;
      return {
        type: 'link',
        url: link.href,
        title: link.title,
        data: { hProperties: { id: link.id, className: [crossLinkClass] } },
        children: [{ type: 'inlineCode', value: node.value }],
      };
    },
    link(node, context) {
      const url = linker.link(node.url);
      if (url !== undefined && url !== node.url) context.setProperty(node, 'url', url);
      return undefined;
    },
    definition(node, context) {
      const url = linker.link(node.url);
      if (url !== undefined && url !== node.url) context.setProperty(node, 'url', url);
      return undefined;
    },
  };
}

function insideLink(node: object, context: { parent(node: never): { type: string } | null | undefined }): boolean {
  let current = context.parent(node as never);
  for (let depth = 0; current && depth < 64; depth++) {
    if (current.type === 'link' || current.type === 'linkReference') return true;
    current = context.parent(current as never);
  }
  return false;
}
