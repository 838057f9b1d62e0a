import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * A crawl of a built `dist/`: every internal `href`/`src`/`srcset` of every HTML page (links, `<link>`
 * stylesheets and icons, `<script src>`, `<img>`), every absolute URL on the site's own origin anywhere in
 * a page (canonical, `og:url`, copy-paste commands in code blocks), every `url()` of the CSS and every
 * relative `import` of the JS must name a file that was built, under the base; every `#fragment` an
 * element id on the target page. No server and no browser: URL paths map to files the way a static host
 * maps them (`/x/` → `x/index.html`).
 */

export interface BuiltPage {
  /** Site path with the base, e.g. `/migrations/service-v3/gates/`. */
  url: string;
  file: string;
}

export function builtPages(dist: string, base = '/'): BuiltPage[] {
  const pages: BuiltPage[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const rel = relative(dist, path).split(sep).join('/');
        const url = rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
        pages.push({ url: `${base}${url}`, file: path });
      }
    }
  };
  walk(dist);
  return pages;
}

export interface BrokenLink {
  page: string;
  href: string;
  problem: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Decodes the character references an HTML attribute value or text may hold. */
export const decodeEntities = (value: string): string =>
  value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, name: string) => {
    if (name[0] !== '#') return entities[name.toLowerCase()] ?? '';
    return String.fromCodePoint(
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
    );
  });

/** Every fragment target of a page: `id` attributes, and `name` on `<a>` (not `<meta name>` or form fields). */
export function elementIds(html: string): Set<string> {
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] ?? '');
  const anchors = [...html.matchAll(/<a\s[^>]*?\bname="([^"]*)"/g)].map((match) => match[1] ?? '');
  return new Set([...ids, ...anchors].map(decodeEntities));
}

const localOrigin = 'http://site.invalid';

/**
 * Internal URLs of a page's `href`, `src` and `srcset` attributes, resolved against the page's URL, and
 * (given the site's origin) every absolute URL on that origin anywhere in the page, as paths.
 */
export function internalUrls(html: string, pageUrl: string, siteOrigin?: string): { href: string; url: URL }[] {
  const out: { href: string; url: URL }[] = [];
  const add = (href: string) => {
    if (href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return;
    const url = new URL(href, `${localOrigin}${pageUrl}`);
    if (url.origin === localOrigin) out.push({ href, url });
  };
  for (const match of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    const value = decodeEntities(match[2] ?? '');
    if (match[1] === 'srcset') for (const candidate of value.split(',')) add(candidate.trim().split(/\s+/)[0] ?? '');
    else add(value);
  }
  if (siteOrigin) {
    // Code blocks keep their text in a `data-code` attribute with lines joined by U+007F, as well as in spans.
    const escaped = siteOrigin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const match of decodeEntities(html).matchAll(new RegExp(`${escaped}(/[^\\s"'<>\`\u007f]*)?`, 'g'))) {
      const path = (match[1] ?? '/').replace(/[.,;:)]+$/, '');
      out.push({ href: `${siteOrigin}${path}`, url: new URL(path, localOrigin) });
    }
  }
  return out;
}

/**
 * Files a CSS or JS file of `dist/` refers to: `url()` in CSS, relative `import`s in JS (static and
 * dynamic, the way Vite writes them), resolved against the file's own URL.
 */
export function assetUrls(text: string, fileUrl: string, kind: 'css' | 'js'): { href: string; url: URL }[] {
  const refs =
    kind === 'css'
      ? [...text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((match) => match[2] ?? '')
      : [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(["'`])(\.{1,2}\/[^"'`$]+)\1/g)].map(
          (match) => match[2] ?? '',
        );
  return refs
    .filter((href) => href !== '' && !/^(data|https?):/i.test(href) && !href.startsWith('#'))
    .map((href) => ({ href, url: new URL(href, `${localOrigin}${fileUrl}`) }));
}

/** Fragments Starlight links to that name no element on purpose (`#_top`: the top of the page). */
const implicitFragments = new Set(['_top', 'top']);

export interface CrawlOptions {
  /** The site's origin (`SITE_URL`): absolute URLs on it are checked like internal ones. */
  siteUrl?: string;
}

export interface CrawlResult {
  pages: BuiltPage[];
  /** Internal references checked in HTML pages. */
  checked: number;
  /** References checked in CSS and JS files. */
  assetsChecked: number;
  broken: BrokenLink[];
}

export function crawlDist(dist: string, base = '/', options: CrawlOptions = {}): CrawlResult {
  const pages = builtPages(dist, base);
  const idsByFile = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let ids = idsByFile.get(file);
    if (!ids) idsByFile.set(file, (ids = elementIds(readFileSync(file, 'utf8'))));
    return ids;
  };
  const broken: BrokenLink[] = [];
  /** The built file a URL names, or a problem. */
  const resolve = (url: URL): { file: string } | { problem: string } => {
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) return { problem: `outside the base ${base}` };
    path = path.slice(base.length);
    let file = join(dist, path);
    if (path === '' || path.endsWith('/')) file = join(file, 'index.html');
    if (!existsSync(file) || statSync(file).isDirectory()) return { problem: 'no such file in dist/' };
    return { file };
  };
  const siteOrigin = options.siteUrl ? new URL(options.siteUrl).origin : undefined;
  let checked = 0;
  for (const page of pages) {
    const html = readFileSync(page.file, 'utf8');
    for (const { href, url } of internalUrls(html, page.url, siteOrigin)) {
      checked += 1;
      const target = resolve(url);
      if ('problem' in target) {
        broken.push({ page: page.url, href, problem: target.problem });
        continue;
      }
      const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
      if (
        fragment &&
        target.file.endsWith('.html') &&
        !implicitFragments.has(fragment) &&
        !idsOf(target.file).has(fragment)
      ) {
        broken.push({ page: page.url, href, problem: `no element with id "${fragment}"` });
      }
    }
  }
  let assetsChecked = 0;
  for (const file of filesUnder(dist)) {
    const kind = file.endsWith('.css') ? 'css' : file.endsWith('.js') || file.endsWith('.mjs') ? 'js' : undefined;
    if (!kind) continue;
    const fileUrl = `${base}${relative(dist, file).split(sep).join('/')}`;
    for (const { href, url } of assetUrls(readFileSync(file, 'utf8'), fileUrl, kind)) {
      assetsChecked += 1;
      const target = resolve(url);
      if ('problem' in target) broken.push({ page: fileUrl, href, problem: target.problem });
    }
  }
  return { pages, checked, assetsChecked, broken };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * What Starlight's search needs under a base: Pagefind's bundle and its language index in `dist/pagefind/`,
 * every indexed page a built page (Pagefind records URLs relative to `dist/`, the UI puts the base in
 * front), and the search script configured with the base as both `baseUrl` and bundle path.
 */
export function pagefindProblems(dist: string, base = '/'): string[] {
  const problems: string[] = [];
  const dir = join(dist, 'pagefind');
  for (const name of ['pagefind.js', 'pagefind-entry.json', 'pagefind-ui.js'])
    if (!existsSync(join(dir, name))) problems.push(`missing pagefind/${name}`);
  if (problems.length) return problems;
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string; page_count: number }>;
  };
  for (const [language, { hash, page_count: count }] of Object.entries(entry.languages)) {
    if (!existsSync(join(dir, `pagefind.${hash}.pf_meta`))) problems.push(`missing index of language ${language}`);
    if (count < 1) problems.push(`no page indexed for language ${language}`);
  }
  const fragments = join(dir, 'fragment');
  for (const name of existsSync(fragments) ? readdirSync(fragments) : []) {
    const text = gunzipSync(readFileSync(join(fragments, name)))
      .toString('utf8')
      .replace(/^pagefind_dcd/, '');
    const { url } = JSON.parse(text) as { url: string };
    const file = join(dist, url.replace(/^\//, ''), url.endsWith('/') ? 'index.html' : '');
    if (!existsSync(file)) problems.push(`indexed page ${url} has no file in dist/`);
  }
  const scripts = filesUnder(join(dist, '_astro')).filter((file) => file.endsWith('.js'));
  const configured = scripts.some((file) => {
    const text = readFileSync(file, 'utf8');
    return text.includes(`baseUrl:\`${base}\``) && text.includes(`bundlePath:\`${base}\``);
  });
  if (!configured) problems.push(`no search script configured with baseUrl and bundlePath ${base}`);
  return problems;
}
