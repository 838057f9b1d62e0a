import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ContractChange } from '../core/diff/contract-diff.ts';

/**
 * Where and as what the site is built, from the environment `astro.config.mjs` is evaluated in. Plain
 * module (no Astro import): the config, the integration, the pages and the tests share it.
 *
 * - `SITE_URL`: the origin (and optional path) the site is served from; production's when unset.
 * - `PREVIEW_BASE`: the base path of a preview deploy, e.g. `/pr-42/`; `/` when unset.
 * - `PREVIEW_NAME`: what the preview shows, e.g. `PR #42 (rfc-envelope-details)`.
 * - `REVIEW_BASE`: a git ref; the build publishes `/review/`, the contract diff of the working tree against it.
 *
 * A build is a preview when its base is not `/` or when it is given a `PREVIEW_NAME`. A preview carries
 * a banner on every page, `noindex` on every page and a robots.txt that disallows everything; a
 * production build carries none of them.
 */

export const productionSiteUrl = 'https://contracts.internal.example';

export interface PreviewInfo {
  /** What the banner names: `PREVIEW_NAME`, or the base path when no name was given. */
  name: string;
  base: string;
}

export interface DeployMode {
  site: string;
  /** Always with a leading and a trailing slash: `/`, `/pr-42/`. */
  base: string;
  /** Set for preview builds only. */
  preview: PreviewInfo | undefined;
  /** The git ref `/review/` compares the working tree with, when `REVIEW_BASE` is set. */
  reviewRef: string | undefined;
}

/** `pr-42` → `/pr-42/`, `/pr-42` → `/pr-42/`, `` → `/`. */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim();
  if (trimmed === '' || trimmed === '/') return '/';
  const parts = trimmed.split('/').filter((part) => part !== '');
  return parts.length ? `/${parts.join('/')}/` : '/';
}

export function deployModeFromEnv(env: Readonly<Record<string, string | undefined>>): DeployMode {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const base = normalizeBase(value('PREVIEW_BASE'));
  const name = value('PREVIEW_NAME');
  const isPreview = base !== '/' || name !== undefined;
  return {
    site: value('SITE_URL') ?? productionSiteUrl,
    base,
    preview: isPreview ? { name: name ?? base, base } : undefined,
    reviewRef: value('REVIEW_BASE'),
  };
}

/** The `<meta name="robots">` every page of a preview carries. */
export const noindexMeta = { tag: 'meta' as const, attrs: { name: 'robots', content: 'noindex, nofollow' } };

/**
 * robots.txt of a build: a preview disallows everything; production allows everything and names the
 * sitemap when there is one.
 */
export function robotsTxt(options: { preview: boolean; sitemapUrl?: string | undefined }): string {
  if (options.preview)
    return [
      '# Preview build: not the published contract docs. Keep it out of every index.',
      'User-agent: *',
      'Disallow: /',
      '',
    ].join('\n');
  return ['User-agent: *', 'Allow: /', ...(options.sitemapUrl ? ['', `Sitemap: ${options.sitemapUrl}`] : []), ''].join(
    '\n',
  );
}

/** The review page's data: the contract diff of the working tree against `ref`, or why it could not be made. */
export interface ReviewData {
  ref: string;
  changes: ContractChange[];
  /** The page of each content file of the built content, from the site map (`SiteMap.filePaths`). */
  pages: Record<string, string>;
  /** Only in `astro dev`, where a bad ref is reported on the page instead of stopping the server. */
  error?: string | undefined;
}

/** What `virtual:contract-docs/deploy` exports to pages and components. Plain JSON. */
export interface DeployInfo {
  preview: PreviewInfo | null;
  review: ReviewData | null;
}

/**
 * The base and site of the last `astro build`, kept in Astro's cache folder so that `astro preview`
 * serves that build under its base even when run without the environment it was built with.
 */
export interface LastBuild {
  base: string;
  site: string;
  /** Absolute path of the output folder the build wrote. */
  outDir: string;
}

export const lastBuildFileName = 'contract-docs-last-build.json';

export function writeLastBuild(file: string, build: LastBuild): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(build, null, 2)}\n`);
}

export function readLastBuild(file: string): LastBuild | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LastBuild>;
    if (typeof parsed.base === 'string' && typeof parsed.site === 'string' && typeof parsed.outDir === 'string')
      return { base: parsed.base, site: parsed.site, outDir: parsed.outDir };
  } catch {
    // A damaged record only means `astro preview` falls back to the configured base.
  }
  return undefined;
}
