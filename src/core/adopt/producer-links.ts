/**
 * Links in a producer's Markdown, as they must read once the text lives in content/. A producer links its
 * files to each other (`[go/no-go](go-no-go.md)`, `See [the cutover runbook](./cutover.md)`); imported, the
 * text moves to `content/migrations/<id>/<kind>.mdx`, where those paths name nothing, and the `links` rule
 * (rightly) reports each one. The import decides, per link, line for line (line maps stay valid):
 *
 * - to a producer file imported as a document: the link names that document (`gates.mdx`), anchor kept;
 * - to any other file of the repository (a runbook, an index, the handoff JSON: not content, so not a page
 *   of the site): the link is kept as its text, with a note at its producer line saying so. Rewriting it to
 *   a repository path would still point at no page (the `links` rule accepts only published content), and a
 *   web address of the repository is not known to the import;
 * - a link that already resolves from where the text is written (an exported package re-imported, a path
 *   into content/), a same-page `#anchor`, a site path (`/runtime/`) or an external URL: unchanged.
 *
 * Inline links and images only; a reference definition (`[id]: cutover.md`) is left as written.
 */

import { posix } from 'node:path';
import { isExternalUrl } from '../links/resolve.ts';
import { fencePattern } from './mdx-text.ts';

export interface LinkPlace {
  file: string;
  line: number;
}

export interface ProducerLinkContext {
  /** Where the imported text is written (`content/migrations/service-v3/plan.mdx`). */
  contentFile: string;
  /** Producer file → the content file it was imported as. */
  imported: ReadonlyMap<string, string>;
  /** Whether a repository path exists once the import is written (content written, or already there). */
  existsAfterImport: (path: string) => boolean;
  /** A note (not a finding) at the producer line of a link kept as its text. */
  inform: (place: LinkPlace, reason: string) => void;
}

// `[text](url "title")` or `![alt](url)`; the text may hold one level of brackets and code spans.
const inlineLink = /(!?)\[((?:[^[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*<?([^\s()<>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;

/** The line's code spans, as [start, end) offsets: a link-looking text inside one is code, not a link. */
function codeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  let index = 0;
  while (index < line.length) {
    const tick = line.indexOf('`', index);
    if (tick === -1) break;
    const run = /^`+/.exec(line.slice(tick))?.[0] ?? '`';
    const close = line.indexOf(run, tick + run.length);
    if (close === -1) break;
    spans.push([tick, close + run.length]);
    index = close + run.length;
  }
  return spans;
}

/**
 * Rewrites the links of `lines` (a document body as imported; `origins[i]` is the producer place of line
 * i + 1) for their place in content. Returns new lines, as many as given.
 */
export function rewriteProducerLinks(
  lines: readonly string[],
  origins: readonly (LinkPlace | undefined)[],
  context: ProducerLinkContext,
): string[] {
  let open: string | undefined;
  return lines.map((line, index) => {
    const marker = fencePattern.exec(line)?.[1];
    if (open) {
      if (marker && marker[0] === open[0] && marker.length >= open.length && !line.trim().slice(marker.length))
        open = undefined;
      return line;
    }
    if (marker) {
      open = marker;
      return line;
    }
    const origin = origins[index];
    if (!origin || !line.includes('](')) return line;
    const spans = codeSpans(line);
    return line.replace(inlineLink, (whole: string, bang: string, text: string, url: string, offset: number) => {
      if (spans.some(([start, end]) => offset >= start && offset < end)) return whole;
      const rewritten = rewriteUrl(url, origin, context);
      if (rewritten === url) return whole;
      if (rewritten !== undefined) return whole.replace(`(${url}`, `(${rewritten}`).replace(`<${url}>`, rewritten);
      context.inform(
        origin,
        `link \`${url}\` kept as its text${bang ? ' (an image)' : ''}: \`${posix.normalize(posix.join(posix.dirname(origin.file), url.split('#')[0] ?? ''))}\` is not imported into content, so the site has no page for it; link it by its full web address if readers need it`,
      );
      return text;
    });
  });
}

/** The link's URL in content: unchanged, the imported document's, or undefined (keep the text only). */
function rewriteUrl(url: string, origin: LinkPlace, context: ProducerLinkContext): string | undefined {
  if (isExternalUrl(url) || url.startsWith('#') || url.startsWith('/')) return url;
  const [pathPart = '', ...hash] = url.split('#');
  const fragment = hash.length ? `#${hash.join('#')}` : '';
  const path = decode(pathPart.split('?')[0] ?? '');
  // Already right where the text is written (an exported package coming back, a path into content/).
  const fromContent = posix.normalize(posix.join(posix.dirname(context.contentFile), path));
  if (!fromContent.startsWith('../') && context.existsAfterImport(fromContent)) return url;
  const target = posix.normalize(posix.join(posix.dirname(origin.file), path));
  const document = context.imported.get(target);
  if (document === undefined) return undefined;
  if (document === context.contentFile) return fragment || `#`;
  return `${posix.relative(posix.dirname(context.contentFile), document)}${fragment}`;
}

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
