import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, copyProject, repoRoot, type CommandResult, type ProjectCopy } from '../build/project-copy.ts';
import { builtPages } from '../build/dist-crawl.ts';
import {
  browserRequired,
  chromiumPath,
  hasChromium,
  launchChromium,
  serveStatic,
  type LaunchedBrowser,
  type StaticServer,
} from './browser.ts';

/**
 * The built site in a real browser (Debian's Chromium, driven by playwright-core): pages load cleanly,
 * cross-links and backlinks navigate, search finds gates, and the contract matrix shows the v2/v3
 * difference. Screenshots of key pages go to test-results/screenshots/.
 */

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

if (!hasChromium) {
  const message = `browser tests SKIPPED: no Chromium at ${chromiumPath} (install it with \`apt-get install -y chromium\`)`;
  if (browserRequired) {
    describe('browser tests', () => {
      it('need Chromium (CONTRACT_DOCS_REQUIRE_BROWSER=1)', () => {
        throw new Error(`${message}; CONTRACT_DOCS_REQUIRE_BROWSER=1 makes this a failure`);
      });
    });
  } else console.warn(`\n[contract-docs] ${message}\n`);
}

describe.skipIf(!hasChromium)('the built site in Chromium', () => {
  let copy: ProjectCopy;
  let build: CommandResult;
  let server: StaticServer;
  let browser: LaunchedBrowser;
  let context: BrowserContext;

  beforeAll(async () => {
    copy = copyProject('browser');
    build = await astroBuild(copy.dir);
    if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
    server = await serveStatic(join(copy.dir, 'dist'));
    browser = await launchChromium();
    context = browser.context;
    mkdirSync(screenshotDir, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    copy?.remove();
  });

  /** Opens a page and records console errors, page errors and failed or non-2xx requests. */
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    return { page, problems };
  }

  it('every built page loads with no console error and no failed request', async () => {
    const pages = builtPages(join(copy.dir, 'dist')).filter((page) => page.url !== '/404.html');
    expect(pages.length).toBeGreaterThan(20);
    const report: string[] = [];
    for (const { url } of pages) {
      const { page, problems } = await open(url);
      report.push(...problems.map((problem) => `${url}: ${problem}`));
      await page.close();
    }
    expect(report).toEqual([]);
  });

  it('clicking a gate id in the tracker lands on the gate, and its backlink leads back', async () => {
    const { page, problems } = await open('/migrations/service-v3/tracker/');
    const reference = page.locator('.document-body a.id-ref[href*="#gate-joint-signoff-recorded"]').first();
    const citingId = await reference.getAttribute('id');
    expect(citingId).toBe('ref-gate-joint-signoff-recorded');
    await reference.click();
    await page.waitForURL('**/migrations/service-v3/gates/#gate-joint-signoff-recorded');
    const gateRow = page.locator('#gate-joint-signoff-recorded');
    await expect.poll(() => gateRow.evaluate((element) => element.matches(':target'))).toBe(true);
    expect(await gateRow.isVisible()).toBe(true);
    expect(await inViewport(page, '#gate-joint-signoff-recorded')).toBe(true);

    const backlink = gateRow.locator(`a.backlink[href$="/tracker/#${citingId}"]`);
    expect(await backlink.count()).toBe(1);
    await gateRow.locator('details.backlinks > summary').click();
    await backlink.click();
    await page.waitForURL(`**/migrations/service-v3/tracker/#${citingId}`);
    expect(await inViewport(page, `#${citingId}`)).toBe(true);
    expect(await page.locator(`#${citingId}`).textContent()).toBe('gate:joint-signoff-recorded');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('search finds a gate, a task and a command by name', async () => {
    const { page, problems } = await open('/');
    await page.locator('site-search button[data-open-modal]').click();
    const input = page.locator('dialog[open] #starlight__search input');
    await input.waitFor();
    const queries = {
      'Producer suite green': '/migrations/service-v3/gates/',
      'Joint rehearsal entry handshake': '/migrations/service-v3/tracker/',
      'cargo-clippy': '/migrations/service-v3/plan/',
    };
    for (const [query, expected] of Object.entries(queries)) {
      await input.fill(query);
      await expect
        .poll(
          () =>
            page
              .locator('dialog[open] .pagefind-ui__result-link')
              .evaluateAll((elements) => elements.map((element) => element.getAttribute('href') ?? '')),
          { timeout: 15_000 },
        )
        .toContainEqual(expect.stringContaining(expected));
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an exact id search lands on its definition first; backlink text is not indexed', async () => {
    const { page, problems } = await open('/');
    /** Pagefind's own JS API, as the search box uses it: pages in rank order with their best sections. */
    // Passed as source text: vitest would rewrite a dynamic import() inside a function it compiles.
    const search = (query: string): Promise<PagefindResult[]> =>
      page.evaluate(`(async () => {
        const pagefind = await import(location.origin + '/pagefind/pagefind.js');
        const found = await pagefind.search(${JSON.stringify(query)});
        return Promise.all(found.results.map((result) => result.data()));
      })()`);
    const [first] = await search('producer-suite-green');
    expect(first?.url).toBe('/migrations/service-v3/gates/');
    // Its best section is the gates' facts, where the id is defined, and the match is the id itself.
    expect(first?.sub_results[0]?.url).toBe('/migrations/service-v3/gates/#facts-gates');
    expect(first?.sub_results[0]?.excerpt).toContain('<mark>producer-suite-green');
    const [command] = await search('cargo-clippy');
    expect(command?.url).toBe('/migrations/service-v3/plan/');
    expect(command?.sub_results[0]?.url).toBe('/migrations/service-v3/plan/#facts-commands');
    // "Referenced by 7" and the backlink labels repeat other pages' words: left out of the index, so no
    // document page matches (the linking guide, which explains backlinks in prose, may).
    const referenced = await search('Referenced');
    expect(referenced.map((result) => result.url).filter((url) => url.startsWith('/migrations/'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the RFC's summary paragraph is on the first screen at 1280 × 800, and its facts wait in collapsed panels", async () => {
    const { page, problems } = await open('/migrations/service-v3/rfc/');
    await page.setViewportSize({ width: 1280, height: 800 });
    const summary = page.locator('.document-body h2#summary + p');
    expect(await summary.textContent()).toContain('MemoryKernel proposes to move its consumer');
    const box = await summary.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y, 'top of the summary paragraph').toBeLessThan(800 - 40);
    // The table of contents lists each heading once, and none of the facts panels.
    const toc = await page.locator('starlight-toc a').allTextContents();
    expect(toc.length).toBe(new Set(toc).size);
    expect(toc).not.toContain('Stages');
    expect(await page.locator('details.facts-panel[open]').count()).toBe(0);
    // A link to an item in a closed panel opens the panel.
    await page.goto(`${server.origin}/migrations/service-v3/rfc/#stage-stage-cutover`);
    await expect.poll(() => page.locator('#stage-stage-cutover').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the dependency picture zooms and goes full screen; on a phone its list stands in for it', async () => {
    const { page, problems } = await open('/dependencies/service-v3/');
    await page.setViewportSize({ width: 1280, height: 800 });
    const svg = page.locator('svg.dependency-graph');
    const width = async () => (await svg.boundingBox())?.width ?? 0;
    const natural = await width();
    expect(natural).toBeGreaterThan(500);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await width()).toBeCloseTo(natural * 1.25, 0);
    await page.getByRole('button', { name: 'Actual size' }).click();
    expect(await width()).toBeCloseTo(natural, 0);
    await page.getByRole('button', { name: 'Full screen' }).click();
    await expect
      .poll(() => page.evaluate(() => document.fullscreenElement?.classList.contains('dependency-figure') ?? false))
      .toBe(true);
    await page.evaluate(() => document.exitFullscreen());
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await svg.isVisible()).toBe(false);
    const listLinks = page.locator('.dependency-list a[href*="#gate-producer-suite-green"]');
    expect(await listLinks.first().isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the contract matrix shows legacy_error required in service.v2 and forbidden in service.v3, highlighted', async () => {
    const { page, problems } = await open('/contracts/');
    const row = page.locator('tr[data-field="legacy_error"]');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 2).map((text) => text.trim())).toEqual(['required', 'forbidden']);
    expect(cells[2]).toContain('changed');
    expect(await row.getAttribute('class')).toContain('policy-changed');
    const background = await row.locator('th').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('writes screenshots of home, gates, matrix, handoff, the dependency picture and the timeline', async () => {
    const shots = {
      home: '/',
      gates: '/migrations/service-v3/gates/',
      matrix: '/contracts/',
      handoff: '/handoff/service-v3/',
      dependencies: '/dependencies/service-v3/',
      timeline: '/timeline/service-v3/',
    };
    for (const [name, path] of Object.entries(shots)) {
      const { page, problems } = await open(path);
      const file = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // A picture of a broken page is worse than none: the page loaded cleanly and the file is a real image.
      expect(problems, path).toEqual([]);
      expect(statSync(file).size, file).toBeGreaterThan(10_000);
      await page.close();
    }
  });
});

/** The part of a Pagefind result's data these tests read. */
interface PagefindResult {
  url: string;
  excerpt: string;
  sub_results: { url: string; excerpt: string }[];
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  });
}
