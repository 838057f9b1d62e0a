import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { afterAll, describe, expect, it } from 'vitest';
import { siteMap } from '../../src/core/links/site-map.ts';
import { loadCorpus } from '../../src/core/read.ts';
import type { ContractChange } from '../../src/core/diff/contract-diff.ts';
import {
  deployModeFromEnv,
  lastBuildFileName,
  normalizeBase,
  readLastBuild,
  robotsTxt,
  writeLastBuild,
} from '../../src/astro/deploy.ts';
import { contractDocs } from '../../src/astro/integration.ts';
import { changeHref, computeReview, ReviewBaseError, reviewSections } from '../../src/astro/review.ts';
import { contractSidebar } from '../../src/astro/sidebar.ts';
import { resolveReplacement } from '../../src/astro/view.ts';
import { repoRoot } from '../build/project-copy.ts';

/** Preview mode, robots.txt, the review page's data and links, and `supersededBy`: the logic without a build. */

const scratch = mkdtempSync(join(tmpdir(), 'contract-docs-deploy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('deployModeFromEnv', () => {
  it('is production with no environment', () => {
    expect(deployModeFromEnv({})).toEqual({
      site: 'https://contracts.internal.example',
      base: '/',
      preview: undefined,
      reviewRef: undefined,
    });
  });

  it('a non-root PREVIEW_BASE is a preview named after its base', () => {
    expect(deployModeFromEnv({ PREVIEW_BASE: 'pr-42', SITE_URL: 'https://previews.example' })).toEqual({
      site: 'https://previews.example',
      base: '/pr-42/',
      preview: { name: '/pr-42/', base: '/pr-42/' },
      reviewRef: undefined,
    });
  });

  it('a PREVIEW_NAME alone makes a preview at the root; REVIEW_BASE is the review ref', () => {
    const mode = deployModeFromEnv({ PREVIEW_NAME: ' PR #42 (rfc-envelope-details) ', REVIEW_BASE: 'origin/main' });
    expect(mode.base).toBe('/');
    expect(mode.preview).toEqual({ name: 'PR #42 (rfc-envelope-details)', base: '/' });
    expect(mode.reviewRef).toBe('origin/main');
  });

  it('empty values count as unset', () => {
    expect(deployModeFromEnv({ PREVIEW_BASE: '', PREVIEW_NAME: ' ', REVIEW_BASE: '', SITE_URL: '' }).preview).toBe(
      undefined,
    );
  });

  it('normalizes the base to leading and trailing slashes', () => {
    expect(['', '/', '//', 'pr-7', '/pr-7', 'pr-7/', '/preview//rfc-x/'].map(normalizeBase)).toEqual([
      '/',
      '/',
      '/',
      '/pr-7/',
      '/pr-7/',
      '/pr-7/',
      '/preview/rfc-x/',
    ]);
  });
});

describe('robotsTxt', () => {
  it('a preview disallows everything', () => {
    expect(robotsTxt({ preview: true, sitemapUrl: 'https://x.example/sitemap-index.xml' })).toMatch(
      /^# .*\nUser-agent: \*\nDisallow: \/\n$/,
    );
  });

  it('production allows everything and names the sitemap', () => {
    expect(robotsTxt({ preview: false, sitemapUrl: 'https://x.example/sitemap-index.xml' })).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://x.example/sitemap-index.xml\n',
    );
    expect(robotsTxt({ preview: false })).toBe('User-agent: *\nAllow: /\n');
  });
});

describe('the last build, for astro preview', () => {
  it('is written and read back; a damaged record reads as none', () => {
    const file = join(scratch, 'cache', lastBuildFileName);
    expect(readLastBuild(file)).toBeUndefined();
    writeLastBuild(file, { base: '/pr-7/', site: 'https://p.example', outDir: '/x/dist/' });
    expect(readLastBuild(file)).toEqual({ base: '/pr-7/', site: 'https://p.example', outDir: '/x/dist/' });
    writeLastBuild(file, { base: 1 } as never);
    expect(readLastBuild(file)).toBeUndefined();
  });

  it('astro preview takes the base and site of the last build into the config', () => {
    const cacheDir = join(scratch, 'preview-cache');
    const outDir = join(scratch, 'dist');
    writeLastBuild(join(cacheDir, lastBuildFileName), { base: '/pr-7/', site: 'https://p.example', outDir });
    const updates: unknown[] = [];
    const info: string[] = [];
    (contractDocs().hooks['astro:config:setup'] as (options: unknown) => void)({
      config: {
        root: pathToFileURL(`${repoRoot}/`),
        base: '/',
        cacheDir: pathToFileURL(`${cacheDir}/`),
        outDir: pathToFileURL(`${outDir}/`),
      },
      command: 'preview',
      updateConfig: (update: unknown) => updates.push(update),
      logger: { info: (text: string) => info.push(text) } as unknown as AstroIntegrationLogger,
    });
    expect(updates).toEqual([{ base: '/pr-7/', site: 'https://p.example' }]);
    expect(info).toEqual(['serving the last build under its base /pr-7/']);
  });
});

describe('review data and links', () => {
  // The pages of the shipped content, as the site map gives them (what computeReview puts in ReviewData.pages).
  const options = { base: '/pr-7/', pages: siteMap(loadCorpus(repoRoot)).filePaths() };
  const change = (fields: Partial<ContractChange>): ContractChange => ({
    area: 'task',
    subject: 'P4',
    change: 'changed',
    ...fields,
  });

  it('links each change to its page under the base, at the item when it still exists', () => {
    expect(
      changeHref(change({ migration: 'service-v3', file: 'content/migrations/service-v3/tracker.mdx' }), options),
    ).toBe('/pr-7/migrations/service-v3/tracker/#task-P4');
    expect(
      changeHref(
        change({ migration: 'service-v3', change: 'removed', file: 'content/migrations/service-v3/tracker.mdx' }),
        options,
      ),
    ).toBe('/pr-7/migrations/service-v3/tracker/');
    expect(changeHref(change({ area: 'pin', subject: 'release_tag', file: 'content/runtime/pin.yaml' }), options)).toBe(
      '/pr-7/runtime/',
    );
    expect(
      changeHref(
        change({ area: 'payload', subject: 'x', file: 'content/migrations/service-v3/handoff-candidate.json' }),
        options,
      ),
    ).toBe('/pr-7/handoff/service-v3/');
    expect(
      changeHref(
        change({ area: 'migration', subject: 'mode', file: 'content/migrations/service-v3/migration.yaml' }),
        options,
      ),
    ).toBe('/pr-7/#migration-service-v3');
    // A page this build does not have (a removed document) gets no link.
    expect(
      changeHref(change({ area: 'file', change: 'removed', file: 'content/migrations/service-v3/notes.mdx' }), options),
    ).toBeUndefined();
    // The manifest is a section of the runtime page, as the links rule and the handoff page also say.
    expect(changeHref(change({ area: 'file', file: 'content/runtime/producer-manifest.yaml' }), options)).toBe(
      '/pr-7/runtime/#producer-manifest',
    );
  });

  it('groups changes with the markdown report’s headings and wording', () => {
    const sections = reviewSections(
      [
        change({ area: 'pin', subject: 'release_tag', from: 'v0.3.2', to: 'v0.3.3', file: 'content/runtime/pin.yaml' }),
        change({
          area: 'policy',
          subject: 'service.v2 legacy_error',
          from: 'required',
          to: 'forbidden',
          file: 'content/contracts/service.v2.yaml',
        }),
        change({ migration: 'm', from: 'ready', to: 'in-progress', file: 'content/migrations/m/tracker.mdx' }),
      ],
      options,
    );
    expect(sections.map((section) => [section.area, section.heading, section.items.map((item) => item.text)])).toEqual([
      ['pin', 'Live pin', ['`release_tag`: `v0.3.2` → `v0.3.3`']],
      ['policy', 'Envelope policies', ['`service.v2 legacy_error` moved from required to forbidden']],
      ['task', 'Tracker tasks', ['m: `P4`: `ready` → `in-progress`']],
    ]);
    expect(sections[1]?.items[0]?.href).toBe('/pr-7/contracts/service.v2/');
  });

  it('a ref git cannot read is a ReviewBaseError: one line, no stack, no Astro hint words in toString()', () => {
    const notARepo = mkdtempSync(join(tmpdir(), 'contract-docs-norepo-'));
    try {
      let error: unknown;
      try {
        computeReview(notARepo, 'main');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ReviewBaseError);
      const { message, stack } = error as ReviewBaseError;
      expect(message).toMatch(/^REVIEW_BASE `main` cannot be read from git: \S/);
      expect(message).not.toContain('\n');
      expect(stack).toBe('');
      expect(String(error)).not.toMatch(/document|window/);
    } finally {
      rmSync(notARepo, { recursive: true, force: true });
    }
    expect(() => computeReview(repoRoot, 'no-such-ref-anywhere')).toThrow(
      'REVIEW_BASE `no-such-ref-anywhere` cannot be read from git: no commit of that name in this repository',
    );
  });

  it('the sidebar names the review page only in review builds', () => {
    const links = (review: boolean) => JSON.stringify(contractSidebar({ review })).includes('"link":"/review/"');
    expect(links(true)).toBe(true);
    expect(links(false)).toBe(false);
  });
});

describe('resolveReplacement (supersededBy)', () => {
  // The site map's answer for two documents of a migration `m` (what `pageOfFile` gives pages).
  const pageOf = (file: string) =>
    ({ 'content/migrations/m/plan.mdx': '/migrations/m/plan/', 'content/migrations/m/rfc.mdx': '/migrations/m/rfc/' })[
      file
    ];
  const documents = [
    { path: '/migrations/m/plan/', title: 'The plan' },
    { path: '/migrations/m/rfc/', title: 'The RFC' },
  ];
  it('accepts a content path, the same path without content/, or a site path', () => {
    for (const value of [
      'content/migrations/m/plan.mdx',
      'migrations/m/plan.mdx',
      './content/migrations/m/plan.mdx',
      '/migrations/m/plan/',
      'migrations/m/plan',
    ])
      expect(resolveReplacement(value, documents, pageOf), value).toEqual({
        value,
        path: '/migrations/m/plan/',
        title: 'The plan',
      });
  });

  it('names a target that is not a page without linking it', () => {
    expect(resolveReplacement('content/migrations/m/gone.mdx', documents, pageOf)).toEqual({
      value: 'content/migrations/m/gone.mdx',
      path: undefined,
      title: undefined,
    });
  });
});
