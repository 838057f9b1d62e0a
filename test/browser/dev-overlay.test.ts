import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroDev, copyProject, devCopiesRoot, type PreviewServer, type ProjectCopy } from '../build/project-copy.ts';
import { hasChromium, launchChromium, type LaunchedBrowser } from './browser.ts';

/**
 * `astro dev` as an author uses it: a content edit that breaks the contract shows the located report in
 * the terminal and in the browser's error overlay; fixing it clears both. The figures are printed, not
 * asserted against a budget (timing belongs to `pnpm bench`); the assertions are about what is shown.
 * Skipped without Chromium, like the other browser tests (site.test.ts says so, or fails under
 * CONTRACT_DOCS_REQUIRE_BROWSER=1).
 */
const tracker = 'content/migrations/service-v3/tracker.mdx';

describe.skipIf(!hasChromium)('astro dev feedback in Chromium', () => {
  let copy: ProjectCopy;
  let dev: PreviewServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    copy = copyProject('dev', devCopiesRoot);
    dev = await astroDev(copy.dir);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
    copy?.remove();
  });

  it('shows a broken edit in the terminal and the overlay, and clears both when fixed', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${dev.origin}/migrations/service-v3/tracker/`);
    await page.waitForLoadState('networkidle');
    const original = copy.read(tracker);
    const logBefore = dev.output().length;

    const broke = performance.now();
    // The edited line, wherever the tracker has it: the report must point at it.
    const at = `${tracker}:${original.slice(0, original.indexOf('    status: ready\n')).split('\n').length}:5`;
    copy.replaceOnce(tracker, '    status: ready\n', '    status: redy\n');
    await page.waitForSelector('vite-error-overlay', { timeout: 15_000 });
    const overlayMs = performance.now() - broke;
    const overlay = await page.evaluate(
      () => document.querySelector('vite-error-overlay')?.shadowRoot?.textContent ?? '',
    );
    expect(overlay).toContain('Unexpected `redy` at `tasks[3].status`');
    expect(overlay).toContain(at);
    const terminal = dev.output().slice(logBefore);
    expect(terminal).toContain(`${at}  error  schema`);

    const fixed = performance.now();
    copy.write(tracker, original);
    await page.waitForSelector('vite-error-overlay', { state: 'detached', timeout: 15_000 });
    const clearMs = performance.now() - fixed;
    expect(dev.output().slice(logBefore)).toContain('contract check clean');
    console.log(
      `[contract-docs] dev overlay shown after ${overlayMs.toFixed(0)} ms, cleared after ${clearMs.toFixed(0)} ms`,
    );
    await page.close();
  }, 60_000);
});
