import { posix } from 'node:path';
import type { Corpus } from '../corpus.ts';
import { closestMatch } from '../text/closest-match.ts';
import { siteMap, type SitePage } from './site-map.ts';

/**
 * How a link written in a content document resolves. Content links are either site paths
 * (`/runtime/`, `/contracts/service.v3/#example`), paths of content files relative to the document
 * (`gates.mdx#gate-producer-suite-green`, `../../runtime/pin.yaml`), same-page fragments (`#rollback`),
 * or external URLs, which are listed and never fetched.
 */
export type ResolvedLink =
  | { type: 'external'; url: string }
  | { type: 'page'; page: SitePage; fragment: string | undefined; href: string }
  | {
      type: 'broken';
      problem: LinkProblem;
      /** What was looked for: a site path or a repository-relative file path. */
      target: string;
      /** The closest existing target, when one is close enough to be a typo. */
      suggestion?: string | undefined;
    }
  | {
      type: 'missing-anchor';
      page: SitePage;
      fragment: string;
      href: string;
      suggestion?: string | undefined;
    };

/** Kinds of broken link, with the message each gets, in one table (used by the `links` rule). */
export const linkProblems = {
  'unknown-page': (url: string) => `Unexpected link \`${url}\`, expected a page of this site`,
  'missing-file': (url: string, target: string) =>
    `Unexpected link \`${url}\` to \`${target}\`, expected an existing content file`,
  'unpublished-file': (url: string, target: string) =>
    `Unexpected link \`${url}\` to \`${target}\`, expected a content file the site publishes`,
  'missing-anchor': (url: string, target: string) =>
    `Unexpected anchor in link \`${url}\`, expected a heading or item id on \`${target}\``,
} as const satisfies Record<string, (url: string, target: string) => string>;
export type LinkProblem = keyof typeof linkProblems;

const scheme = /^[a-z][a-z0-9+.-]*:/i;

/** Whether a URL leaves the site: it has a scheme (`https:`, `mailto:`) or is protocol-relative. */
export function isExternalUrl(url: string): boolean {
  return scheme.test(url) || url.startsWith('//');
}

/** Resolves `url` as written in the content file `from` (repository-relative). */
export function resolveContentLink(corpus: Corpus, from: string, url: string): ResolvedLink {
  if (isExternalUrl(url)) return { type: 'external', url };
  const map = siteMap(corpus);
  const [beforeHash, ...hashParts] = url.split('#');
  const fragment = hashParts.length ? decodeFragment(hashParts.join('#')) : undefined;
  const pathPart = (beforeHash ?? '').split('?')[0] ?? '';

  let page: SitePage | undefined;
  if (pathPart === '') {
    page = map.pageOfFile(from);
    if (!page) return { type: 'broken', problem: 'unpublished-file', target: from };
  } else if (pathPart.startsWith('/')) {
    const path = pathPart.endsWith('/') || /\.[a-z0-9]+$/i.test(pathPart) ? pathPart : `${pathPart}/`;
    page = map.pages.get(path) ?? staticPage(corpus, path);
    if (!page) {
      return {
        type: 'broken',
        problem: 'unknown-page',
        target: path,
        suggestion: closestMatch(path, [...map.pages.keys()]),
      };
    }
  } else {
    const target = posix.normalize(posix.join(posix.dirname(from), decodeFragment(pathPart)));
    if (target.startsWith('../') || !corpus.exists(target)) {
      const siblings = corpus.files.filter((file) => posix.dirname(file) === posix.dirname(target));
      const suggestion = closestMatch(target, siblings);
      return {
        type: 'broken',
        problem: 'missing-file',
        target,
        suggestion: suggestion ? posix.relative(posix.dirname(from), suggestion) : undefined,
      };
    }
    const published =
      map.downloadOfFile(target) ??
      map.pathOfFile(target) ??
      (target.startsWith('public/') ? target.slice('public'.length) : undefined);
    if (published === undefined) return { type: 'broken', problem: 'unpublished-file', target };
    const [path = '', defaultFragment] = published.split('#');
    page = map.pages.get(path) ?? { path, anchors: undefined };
    if (fragment === undefined && defaultFragment)
      return { type: 'page', page, fragment: defaultFragment, href: published };
  }

  const href = fragment === undefined ? page.path : `${page.path}#${encodeFragment(fragment)}`;
  if (fragment !== undefined && fragment !== '' && page.anchors && !page.anchors.has(fragment)) {
    return { type: 'missing-anchor', page, fragment, href, suggestion: closestMatch(fragment, [...page.anchors]) };
  }
  return { type: 'page', page, fragment, href };
}

/**
 * Site paths rendered by files outside the corpus: `src/content/docs/<path>.md(x)` (Starlight pages),
 * `src/pages/<path>.astro`, files in `public/`, and rule pages (`/rules/<id>/` for `src/core/rules/<id>.ts`).
 * Their fragment ids are not known here; the crawl of the built site checks those.
 */
function staticPage(corpus: Corpus, path: string): SitePage | undefined {
  const bare = path.replace(/^\/+|\/+$/g, '');
  const candidates = [
    `public/${bare}`,
    `src/content/docs/${bare}.md`,
    `src/content/docs/${bare}.mdx`,
    `src/content/docs/${bare}/index.md`,
    `src/content/docs/${bare}/index.mdx`,
    `src/pages/${bare}.astro`,
    `src/pages/${bare}/index.astro`,
  ];
  const rule = /^rules\/([a-z]+(?:-[a-z]+)*)$/.exec(bare)?.[1];
  if (rule) candidates.push(`src/core/rules/${rule}.ts`);
  return candidates.some((file) => corpus.exists(file)) ? { path, anchors: undefined } : undefined;
}

/** Percent-decodes a path or fragment; a malformed escape is kept as written (and then fails to resolve). */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function encodeFragment(fragment: string): string {
  return encodeURIComponent(fragment).replace(/%2F/gi, '/');
}
