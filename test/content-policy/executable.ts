import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { urlScheme } from '../../src/core/content-policy/url.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements that run, load, embed or submit something, or hide a second parse (raw text, foreign content). */
const executableElements = new Set([
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'form',
  'style',
  'noscript',
  'template',
  'textarea',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  'svg',
  'math',
  'portal',
  'button',
  'animate',
  'set',
  'use',
  'video',
  'audio',
  'source',
]);
/** Attributes a browser follows as a URL (or a document, for `srcdoc`). */
const urlAttributes = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'cite',
  'codebase',
  'srcset',
  'ping',
  'lowsrc',
  'dynsrc',
  'values',
  'to',
  'from',
]);

/**
 * Everything executable in an HTML fragment as a browser's parser (parse5, scripting enabled, the way a
 * browser parses a page) reads it: elements that run or load something, event handlers, `style`, `srcdoc`,
 * Astro directives and URLs with a scheme other than http, https or mailto. Empty when the markup is inert.
 */
export function executableIn(html: string, options: { document?: boolean } = {}): string[] {
  const root = options.document ? parse(html) : parseFragment(html);
  const found: string[] = [];
  const stack: Node[] = [root as Node];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if ('tagName' in node) inspect(node as Element, found);
    if ('childNodes' in node) stack.push(...(node.childNodes as Node[]));
    if ('content' in node && node.content) stack.push(node.content as unknown as Node);
  }
  return found;
}

function inspect(element: Element, found: string[]): void {
  const tag = element.tagName.toLowerCase();
  if (executableElements.has(tag)) found.push(`<${tag}>`);
  for (const { name, value, prefix } of element.attrs) {
    const attribute = (prefix ? `${prefix}:${name}` : name).toLowerCase();
    if (attribute.startsWith('on')) found.push(`${tag}[${attribute}]`);
    else if (attribute === 'style' || attribute === 'srcdoc' || (attribute.includes(':') && attribute !== 'xlink:href'))
      found.push(`${tag}[${attribute}]`);
    else if (urlAttributes.has(attribute)) {
      const scheme = urlScheme(value);
      if (scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme))
        found.push(`${tag}[${attribute}=${scheme}:]`);
    }
  }
}
