import type { Root } from 'mdast';
import type { Corpus } from '../corpus.ts';
import type { Span } from '../diagnostic.ts';
import { nodesOfType } from '../mdast-index.ts';
import { spanOf } from '../prose.ts';
import { isExternalUrl } from './resolve.ts';

/** A URL written in a document's prose: a Markdown link, a link definition, an image, or an MDX `<a href>`. */
export interface ContentLink {
  url: string;
  place: Span;
}

interface JsxElementLike {
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: Parameters<typeof spanOf>[0]['position'];
}

/** Every URL in a Markdown tree, in document order by type. */
export function contentLinks(tree: Root): ContentLink[] {
  const out: ContentLink[] = [];
  for (const type of ['link', 'definition', 'image'] as const) {
    for (const node of nodesOfType(tree, type)) if (node.url) out.push({ url: node.url, place: spanOf(node) });
  }
  for (const type of ['mdxJsxTextElement', 'mdxJsxFlowElement'] as const) {
    for (const node of nodesOfType(tree, type) as unknown as JsxElementLike[]) {
      if (node.name !== 'a') continue;
      const href = node.attributes?.find(
        (attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'href',
      );
      if (typeof href?.value === 'string') out.push({ url: href.value, place: spanOf(node) });
    }
  }
  return out.sort((a, b) => a.place.start.line - b.place.start.line || a.place.start.column - b.place.start.column);
}

export interface ExternalLink {
  url: string;
  file: string;
  line: number;
}

/** External URLs the content cites, for the site's link report: listed, never fetched. */
export function externalLinks(corpus: Corpus): ExternalLink[] {
  const out: ExternalLink[] = [];
  for (const document of corpus.documents) {
    for (const link of contentLinks(document.body)) {
      if (isExternalUrl(link.url)) out.push({ url: link.url, file: document.file, line: link.place.start.line });
    }
  }
  return out;
}
