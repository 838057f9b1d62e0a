import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, copyProject, repoRoot, type ProjectCopy } from '../build/project-copy.ts';
import { builtPages } from '../build/dist-crawl.ts';
import { hasChromium, launchChromium, serveStatic, type LaunchedBrowser, type StaticServer } from './browser.ts';
import { screenshotName, screenshotWidths } from './screenshot-names.ts';
import { layoutReport } from './layout-checks.ts';

/**
 * Every built page at the two widths readers use (1280 px desktop, 390 px phone): it loads with no console
 * error, nothing sticks out sideways outside a scroll container, no id or command breaks inside a token,
 * and the dependency picture's text is at least 12 px. A screenshot of each page at each width goes to
 * test-results/screenshots/ (`<page>.desktop.png`, `<page>.phone.png`), which CI keeps as an artifact.
 * The checks are shown to fail on a fixture page with a too-wide table and an id that breaks mid-token.
 * (When Chromium is missing, site.test.ts reports the skip or, in CI, the failure.)
 */

const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

describe.skipIf(!hasChromium)('every page at 1280 and 390 px', () => {
  let copy: ProjectCopy;
  let server: StaticServer;
  let browser: LaunchedBrowser;
  let urls: string[];

  beforeAll(async () => {
    copy = copyProject('layout');
    const build = await astroBuild(copy.dir);
    if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
    server = await serveStatic(join(copy.dir, 'dist'));
    browser = await launchChromium();
    urls = builtPages(join(copy.dir, 'dist'))
      .map((page) => page.url)
      .filter((url) => url !== '/404.html');
    mkdirSync(screenshotDir, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    copy?.remove();
  });

  async function openAt(width: number, path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 800 });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    return { page, errors };
  }

  for (const [label, width] of Object.entries(screenshotWidths)) {
    it(`at ${width} px (${label}): no console error, no sideways overflow, no id broken mid-token; screenshots`, async () => {
      expect(urls.length).toBeGreaterThan(20);
      const problems: string[] = [];
      let pictureSizes: number[] = [];
      for (const url of urls) {
        const { page, errors } = await openAt(width, url);
        const report = await layoutReport(page);
        problems.push(
          ...[...errors, ...report.overflow, ...report.midTokenBreaks].map((problem) => `${url}: ${problem}`),
        );
        if (url.startsWith('/dependencies/')) pictureSizes = pictureSizes.concat(report.pictureTextSizes);
        const file = join(screenshotDir, `${screenshotName(url)}.${label}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(statSync(file).size, file).toBeGreaterThan(5_000);
        await page.close();
      }
      expect(problems).toEqual([]);
      // The picture is drawn at 1280 px; on a phone it may give way to its list, but what is drawn stays readable.
      if (label === 'desktop') expect(pictureSizes.length).toBeGreaterThan(20);
      expect(
        Math.min(...pictureSizes, 12),
        `smallest text of the dependency picture at ${width} px`,
      ).toBeGreaterThanOrEqual(12);
    }, 240_000);
  }

  it('the checks fail on a page with a too-wide table and an id broken mid-token (a test of the test)', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.setContent(`<!doctype html><html><body style="margin:0"><main>
      <table id="wide-table" style="width:700px"><tr><td style="width:350px">id</td><td>this column is off-screen</td></tr></table>
      <div style="overflow-x:auto"><table style="width:700px"><tr><td>scrolls inside its own box: fine</td></tr></table></div>
      <p style="width:120px">gate <code id="broken-id" style="word-break:break-all">producer-suite-green-and-more</code></p>
      <p style="width:120px">run <code><span style="white-space:nowrap">cargo</span> <span style="white-space:nowrap">test</span> <span style="white-space:nowrap">--workspace</span></code></p>
      <pre style="width:120px;overflow-x:auto;white-space:pre"><code>cargo test --workspace --all-targets</code></pre>
      <p style="width:120px">path <code><span style="white-space:nowrap">content/</span><wbr><span style="white-space:nowrap">migrations/</span><wbr><span style="white-space:nowrap">service-v3/</span><wbr>plan.mdx</code></p>
      <svg class="dependency-graph" viewBox="0 0 800 100" width="390"><text x="0" y="50" style="font-size:12px">scaled to 390/800 of 12 px</text></svg>
    </main></body></html>`);
    const report = await layoutReport(page);
    expect(report.overflow).toEqual([
      'the page scrolls sideways: 700px wide in a 390px viewport',
      '<table#wide-table> "idthis column is off-screen" spans 0..700px, outside the 390px viewport and not in a scroll container',
    ]);
    expect(report.midTokenBreaks).toHaveLength(1);
    expect(report.midTokenBreaks[0]).toMatch(
      /^<p> "gate producer-suite-green-and-more": `producer-suite-green-and-more` breaks inside a token between ".+" and ".+"$/,
    );
    expect(report.pictureTextSizes).toEqual([5.9]);

    // The same checks on a real page, made to break ids the way the site did before (`word-break: break-all`).
    await page.goto(`${server.origin}/migrations/service-v3/gates/`);
    expect((await layoutReport(page)).midTokenBreaks).toEqual([]);
    await page.addStyleTag({
      content: 'main code { word-break: break-all !important; white-space: normal !important }',
    });
    expect((await layoutReport(page)).midTokenBreaks.length).toBeGreaterThan(0);
    await page.close();
  });
});
