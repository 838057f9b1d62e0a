import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * A crawl of a built `dist/`: every internal `href`/`src` of every HTML page must name a file that was
 * built, and every `#fragment` an element id on the target page. No server and no browser: URL paths
 * map to files the way a static host maps them (`/x/` → `x/index.html`).
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

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };
const decode = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_m, name: string) => entities[name] ?? '');

/** Every `id` (and `name`) attribute value of a page. */
export function elementIds(html: string): Set<string> {
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((match) => decode(match[1] ?? '')));
}

/** Internal URLs of a page's `href` and `src` attributes, resolved against the page's URL. */
export function internalUrls(html: string, pageUrl: string): { href: string; url: URL }[] {
  const out: { href: string; url: URL }[] = [];
  const origin = 'http://site.invalid';
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const href = decode(match[1] ?? '');
    if (href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
    const url = new URL(href, `${origin}${pageUrl}`);
    if (url.origin === origin) out.push({ href, url });
  }
  return out;
}

/** Fragments Starlight links to that name no element on purpose (`#_top`: the top of the page). */
const implicitFragments = new Set(['_top', 'top']);

export function crawlDist(dist: string, base = '/'): { pages: BuiltPage[]; checked: number; broken: BrokenLink[] } {
  const pages = builtPages(dist, base);
  const idsByFile = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let ids = idsByFile.get(file);
    if (!ids) idsByFile.set(file, (ids = elementIds(readFileSync(file, 'utf8'))));
    return ids;
  };
  const broken: BrokenLink[] = [];
  let checked = 0;
  for (const page of pages) {
    const html = readFileSync(page.file, 'utf8');
    for (const { href, url } of internalUrls(html, page.url)) {
      checked += 1;
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(base)) {
        broken.push({ page: page.url, href, problem: `outside the base ${base}` });
        continue;
      }
      path = path.slice(base.length);
      let file = join(dist, path);
      if (path === '' || path.endsWith('/')) file = join(file, 'index.html');
      if (!existsSync(file) || statSync(file).isDirectory()) {
        broken.push({ page: page.url, href, problem: 'no such file in dist/' });
        continue;
      }
      const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
      if (fragment && file.endsWith('.html') && !implicitFragments.has(fragment) && !idsOf(file).has(fragment)) {
        broken.push({ page: page.url, href, problem: `no element with id "${fragment}"` });
      }
    }
  }
  return { pages, checked, broken };
}
