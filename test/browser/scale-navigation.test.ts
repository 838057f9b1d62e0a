import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCorpus, writeCorpus } from '../../scripts/bench/corpus.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { htmlFiles } from '../../scripts/bench/sites.ts';
import {
  astroBuild,
  copyProject,
  htmlText,
  repoRoot,
  type CommandResult,
  type ProjectCopy,
} from '../build/project-copy.ts';
import { shippedFiles } from '../helpers/content.ts';
import { hasChromium, launchChromium, serveStatic, type LaunchedBrowser, type StaticServer } from './browser.ts';

/**
 * Navigation at organisation scale: a real build of a generated corpus of 1,000 content files (the bench's
 * 1,000 size: 142 migrations, 568 document pages, 1,051 pages in all). Each document page carries its own
 * migration's pages and the migrations index, never another migration's; the index reaches every
 * migration; and a reader in Chromium moves from a page to a sibling, to the index and into another
 * migration through those links alone.
 */
const corpusFiles = syntheticCorpus(shippedFiles(), 1000, repoRoot);
const corpus = loadCorpusFromFiles(corpusFiles);
const migrationIds = corpus.migrations.map((bundle) => bundle.id).sort();
const documentsOf = (id: string) =>
  corpusFiles
    .filter((file) => file.path.startsWith(`content/migrations/${id}/`) && file.path.endsWith('.mdx'))
    .map((file) => `/${file.path.replace(/^content\//, '').replace(/\.mdx$/, '')}/`);

describe('navigation at 1,000 content files', () => {
  let copy: ProjectCopy;
  let build: CommandResult;
  const page = (path: string) => readFileSync(join(copy.dir, 'dist', path, 'index.html'), 'utf8');
  const sidebarLinks = (path: string) =>
    [...(page(path).match(/<nav[^>]*aria-label="Main"[\s\S]*?<\/nav>/)?.[0] ?? '').matchAll(/href="([^"]*)"/g)].map(
      (match) => match[1],
    );

  beforeAll(async () => {
    copy = copyProject('scale-navigation');
    rmSync(copy.path('content'), { recursive: true, force: true });
    writeCorpus(copy.dir, corpusFiles, repoRoot);
    build = await astroBuild(copy.dir);
  }, 900_000);
  afterAll(() => copy?.remove());

  it('builds every page of the corpus', () => {
    expect(build.code, build.output.slice(-3000)).toBe(0);
    expect(migrationIds.length).toBeGreaterThan(140);
    expect(corpusFiles.length).toBeGreaterThanOrEqual(990);
  });

  it("a document page links to its migration's documents and the migrations index, not to other migrations", () => {
    const samples = [migrationIds[0], migrationIds[Math.floor(migrationIds.length / 2)], migrationIds.at(-1)];
    for (const id of samples) {
      const own = documentsOf(id ?? '');
      expect(own.length).toBe(4);
      for (const path of own) {
        const links = sidebarLinks(path);
        expect(links, path).toEqual(expect.arrayContaining([...own, '/migrations/', `/handoff/${id}/`]));
        const foreign = links.filter((link) => /^\/(migrations|handoff|dependencies)\/[^/]+\//.test(link ?? ''));
        expect(
          foreign.filter((link) => !link?.includes(`/${id}/`)),
          path,
        ).toEqual([]);
      }
    }
  });

  it('the migrations index reaches every migration', () => {
    const index = page('migrations');
    for (const id of migrationIds) expect(index).toContain(`href="/migrations/${id}/plan/"`);
  });

  it('pages stay small: at most 100 KB of HTML on average, a document page under 100 KB', () => {
    const html = htmlFiles(join(copy.dir, 'dist'));
    expect(html.count).toBeGreaterThan(1000);
    expect(html.bytes / html.count / 1024).toBeLessThan(100);
    const middle = migrationIds[Math.floor(migrationIds.length / 2)] ?? '';
    expect(page(`migrations/${middle}/gates`).length / 1024).toBeLessThan(100);
  });

  describe.skipIf(!hasChromium)('in Chromium', () => {
    let server: StaticServer;
    let browser: LaunchedBrowser;
    let context: BrowserContext;
    beforeAll(async () => {
      server = await serveStatic(join(copy.dir, 'dist'));
      browser = await launchChromium();
      context = browser.context;
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('moves from a page to a sibling, to the index and into another migration by the sidebar', async () => {
      const [first, other] = [migrationIds[1] ?? '', migrationIds.at(-2) ?? ''];
      const tab = await context.newPage();
      await tab.goto(`${server.origin}/migrations/${first}/plan/`);
      const sidebar = tab.locator('nav[aria-label="Main"]');
      await sidebar.locator(`a[href="/migrations/${first}/tracker/"]`).click();
      await tab.waitForURL(`**/migrations/${first}/tracker/`);
      expect(await sidebar.locator('a[aria-current="page"]').getAttribute('href')).toBe(
        `/migrations/${first}/tracker/`,
      );
      await sidebar.locator('a[href="/migrations/"]').click();
      await tab.waitForURL('**/migrations/');
      await tab.locator(`main a[href="/migrations/${other}/plan/"]`).first().click();
      await tab.waitForURL(`**/migrations/${other}/plan/`);
      const text = htmlText(await sidebar.innerHTML());
      expect(await sidebar.locator(`a[href="/migrations/${other}/gates/"]`).count()).toBe(1);
      expect(await sidebar.locator(`a[href="/migrations/${first}/plan/"]`).count()).toBe(0);
      expect(text).toContain('Migrations');
      await tab.close();
    });
  });
});
