import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtPages } from '../build/dist-crawl.ts';
import { launchChromium, serveStatic } from './browser.ts';
import { screenshotName, screenshotWidths } from './screenshot-names.ts';

/**
 * Screenshots of a built site at the two widths the browser tests use, for before/after comparisons by
 * hand: `node test/browser/capture-screenshots.ts --dist dist --out test-results/screenshots/before
 * [--page /contracts/ ...]`. Without `--page` it takes every built page. Not a test: it asserts nothing.
 */

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string', default: 'test-results/screenshots/before' },
    page: { type: 'string', multiple: true },
  },
});
const dist = resolve(values.dist);
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const urls = values.page ?? builtPages(dist).map((page) => page.url);
const server = await serveStatic(dist);
const browser = await launchChromium();
try {
  for (const [label, width] of Object.entries(screenshotWidths)) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 800 });
    for (const url of urls) {
      await page.goto(`${server.origin}${url}`, { waitUntil: 'load' });
      const file = join(out, `${screenshotName(url)}.${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
