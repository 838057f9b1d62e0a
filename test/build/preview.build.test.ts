import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { chromiumPath, hasChromium, launchChromium, serveStatic } from '../browser/browser.ts';
import { builtPages, crawlDist, decodeEntities, pagefindProblems } from './dist-crawl.ts';
import {
  astroBuild,
  astroPreview,
  commitCopy,
  copyProject,
  htmlText,
  mainOf,
  runNode,
  type CommandResult,
  type ProjectCopy,
} from './project-copy.ts';

/**
 * One preview build, the way the pull request workflow makes it: base `/pr-7/`, a `PREVIEW_NAME`, a
 * `SITE_URL`, and `REVIEW_BASE=HEAD` in a copy that is its own git repository. The committed content is
 * the shipped one; the working tree then changes it (a task status, the RFC status, a retired tracker,
 * and content strings that try to inject markup), so the `/review/` page has changes to list.
 *
 * Content strings must come out as text everywhere (page body, sidebar, meta tags, review page), every
 * internal link and asset must carry the base, and the preview must be marked: banner, noindex, robots.txt.
 */
describe('preview build under /pr-7/ with a review of the working tree against HEAD', () => {
  const base = '/pr-7/';
  const siteUrl = 'https://preview.contracts.internal.example';
  const previewName = 'PR #7 (rfc-envelope-details)';
  const hostileDescription = '<script>window.__pwned = 1</script> & <img src=x onerror="alert(1)">';
  const hostileMigrationTitle = 'service.v2 → service.v3 <b>bold</b>';
  /** A gate title reaches the gates page, the home page, the payload (and so the handoff page), the SVG and tooltips. */
  const hostileGateTitle = `<script>window.__pwned = 2</script> Producer suite green <img src=x onerror="alert(2)"> '&'`;
  const tracker = 'content/migrations/service-v3/tracker.mdx';
  const rfc = 'content/migrations/service-v3/rfc.mdx';
  let copy: ProjectCopy;
  let badRef: CommandResult;
  let generate: CommandResult;
  let result: CommandResult;
  const page = (path: string) => readFileSync(join(copy.dir, 'dist', path, 'index.html'), 'utf8');
  /** Visible text as a sentence reads: no space that a closing tag left before punctuation. */
  const prose = (html: string) => htmlText(html).replace(/\s+([.,:;)])/g, '$1');
  const dist = () => join(copy.dir, 'dist');
  const buildEnv = { PREVIEW_BASE: base, PREVIEW_NAME: previewName, REVIEW_BASE: 'HEAD', SITE_URL: siteUrl };

  beforeAll(async () => {
    copy = copyProject('preview');
    commitCopy(copy.dir);
    // A ref git cannot read stops the build at config time, before anything is written.
    badRef = await astroBuild(copy.dir, { ...buildEnv, REVIEW_BASE: 'no-such-branch' });

    copy.replaceOnce(
      'content/migrations/service-v3/gates.mdx',
      'description: The go/no-go gates, prerequisites, rollback triggers and actions, and evidence checklist for the service.v3 cutover.',
      `description: ${JSON.stringify(hostileDescription)}`,
    );
    copy.replaceOnce(
      'content/migrations/service-v3/migration.yaml',
      'title: service.v2 → service.v3',
      `title: ${JSON.stringify(hostileMigrationTitle)}`,
    );
    copy.replaceOnce(
      'content/migrations/service-v3/gates.mdx',
      '    title: Producer suite green\n',
      `    title: ${JSON.stringify(hostileGateTitle)}\n`,
    );
    // Task P4 starts: its status in the data, the status table and its task section.
    copy.replaceOnce(
      tracker,
      '    title: Joint rehearsal entry handshake\n    status: ready\n',
      '    title: Joint rehearsal entry handshake\n    status: in-progress\n',
    );
    copy.replaceOnce(
      tracker,
      '| Joint rehearsal entry handshake | joint | ready |',
      '| Joint rehearsal entry handshake | joint | in-progress |',
    );
    copy.replaceOnce(tracker, '\n- Status: ready\n', '\n- Status: in-progress\n');
    // The tracker is retired in favour of the plan; the RFC goes to review.
    copy.replaceOnce(
      tracker,
      '\nstatus: active\n',
      '\nstatus: historical\nsupersededBy: content/migrations/service-v3/plan.mdx\n',
    );
    copy.replaceOnce(rfc, '\nstatus: draft\n', '\nstatus: review\n');
    // The payload records the sha256 of every source document, so it is regenerated for the edited copy.
    generate = await runNode(['scripts/generate-payload.ts', '--root', copy.dir], copy.dir);
    result = await astroBuild(copy.dir, buildEnv);
  });
  afterAll(() => copy?.remove());

  /** `contract-docs diff HEAD` on the copy, in process. */
  const cliDiff = (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = run(
      ['diff', 'HEAD', '--root', copy.dir, ...args],
      (text) => (stdout += text),
      (text) => (stderr += text),
    );
    expect(code, stderr).toBe(0);
    return stdout;
  };

  it('builds', () => {
    expect(generate.code, generate.output).toBe(0);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('[contract-docs] contract check clean');
  });

  it('a REVIEW_BASE git cannot read fails the build with one line naming it, no stack trace', () => {
    expect(badRef.code, badRef.output).not.toBe(0);
    expect(badRef.output).toContain('REVIEW_BASE `no-such-branch` cannot be read from git');
    expect(badRef.output).not.toContain('Browser APIs are not available');
    expect(badRef.output).not.toMatch(/^\s+at .+[(:]/m);
    expect(badRef.output.split('\n').filter((line) => line.includes('REVIEW_BASE `no-such-branch`'))).toHaveLength(1);
  });

  it('renders content strings as text in the body, the sidebar and attributes', () => {
    // A static build has no base folder in dist/; the base is in the URLs only.
    const html = page('migrations/service-v3/gates');
    // Inside a double-quoted attribute only `"` and `&` are special, and both come out escaped, so
    // dropping every attribute value leaves exactly the markup a browser would parse as elements.
    const markup = html.replace(/="[^"]*"/g, '=""');
    expect(markup).not.toContain('<script>window.__pwned');
    expect(markup).not.toContain('<img src=x');
    expect(markup).not.toContain('<b>bold</b>');
    expect(html).not.toContain('onerror="alert');
    expect(htmlText(html)).toContain(hostileDescription);
    expect(htmlText(html)).toContain(hostileMigrationTitle);
    expect(html).toContain(
      '<meta name="description" content="<script>window.__pwned = 1</script> &amp; <img src=x onerror=&quot;alert(1)&quot;>"',
    );
  });

  it('renders a hostile gate title as text on every page it reaches: gates, home, handoff, SVG, tooltips, review', () => {
    const pages = [
      'migrations/service-v3/plan',
      'migrations/service-v3/gates',
      '',
      'handoff/service-v3',
      'dependencies/service-v3',
      'migrations/service-v3/tracker',
      'review',
    ];
    for (const path of pages) {
      const html = page(path);
      const markup = html.replace(/="[^"]*"/g, '=""');
      expect(markup, path).not.toContain('<script>window.__pwned = 2');
      expect(markup, path).not.toMatch(/<img src=x/);
      expect(html, path).not.toContain('onerror="alert(2)"');
    }
    for (const path of ['migrations/service-v3/gates', '', 'handoff/service-v3', 'dependencies/service-v3'])
      expect(htmlText(mainOf(page(path))), path).toContain(hostileGateTitle);
    // The payload carries the title as a JSON string, served as application/json bytes, never as HTML.
    const payload = readFileSync(join(dist(), 'handoff/service-v3/handoff-candidate.json'), 'utf8');
    expect(JSON.parse(payload).gates[0].title).toBe(hostileGateTitle);
    // In the SVG the title is escaped text inside <text> and <title>, and no attribute value breaks out.
    const svg =
      /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="dependency-graph"[\s\S]*?<\/svg>/.exec(
        page('dependencies/service-v3'),
      )?.[0] ?? '';
    expect(svg).toContain('&lt;script&gt;window.__pwned = 2&lt;/script&gt;');
    for (const tag of svg.match(/<[^>]+>/g) ?? []) expect(tag.split('"').length % 2, tag).toBe(1);
    // The tooltip of a cross-link to the gate is a quoted attribute value that decodes to the title.
    const plan = page('migrations/service-v3/plan');
    const tooltip = /<a href="[^"]*#gate-producer-suite-green" title="([^"]*)" id="ref-/.exec(plan)?.[1] ?? '';
    expect(htmlText(`<p>${tooltip.replace(/</g, '&lt;')}</p>`)).toBe(hostileGateTitle);
  });

  it('a crawl under the base finds no broken link, asset, anchor or own-origin URL', () => {
    const { pages, checked, assetsChecked, broken } = crawlDist(dist(), base, { siteUrl });
    expect(broken).toEqual([]);
    expect(pages.map((built) => built.url)).toContain(`${base}review/`);
    expect(pages.map((built) => built.url)).toContain(`${base}404.html`);
    expect(checked).toBeGreaterThan(1000);
    expect(assetsChecked).toBeGreaterThan(0);
  });

  it('prefixes every internal link, stylesheet, script, image and schema link with the base', () => {
    const offenders: string[] = [];
    const kinds = new Set<string>();
    for (const { file } of builtPages(dist(), base)) {
      const html = readFileSync(file, 'utf8');
      for (const [, url] of html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g))
        if (!url!.startsWith(base)) offenders.push(`${file.slice(copy.dir.length)}: ${url}`);
      for (const [, tag, attribute] of html.matchAll(/<(a|link|script|img)\b[^>]*?\s(href|src)="\//g))
        kinds.add(`${tag} ${attribute}`);
    }
    expect(offenders).toEqual([]);
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['a href', 'link href', 'script src']));
    expect(page('migrations/service-v3/gates')).toContain(
      `href="${base}migrations/service-v3/plan/#command-cargo-fmt-check"`,
    );
    const consumers = page('consumers');
    for (const schema of readdirSync(join(copy.dir, 'public/schemas'))) {
      expect(consumers).toContain(`href="${base}schemas/${schema}"`);
      expect(existsSync(join(dist(), 'schemas', schema))).toBe(true);
      // The copy-paste recipes name the schemas by their absolute URL on this deploy.
      expect(htmlText(consumers)).toContain(`${siteUrl}${base}schemas/${schema}`);
    }
    expect(page('')).toContain(`<link rel="canonical" href="${siteUrl}${base}"`);
  });

  it('search: Pagefind under the base, the search script pointed at it, every indexed page built', () => {
    expect(pagefindProblems(dist(), base)).toEqual([]);
  });

  it('every page, the 404 page included, carries the preview banner and noindex; robots.txt disallows all', () => {
    const pages = builtPages(dist(), base);
    expect(pages.length).toBeGreaterThan(25);
    for (const { url, file } of pages) {
      const html = readFileSync(file, 'utf8');
      expect(html.match(/<meta name="robots" content="noindex, nofollow"\/?>/g), url).toHaveLength(1);
      const banner = /<div class="preview-banner"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
      expect(prose(banner), url).toBe(
        `Preview of ${previewName}: a build for review, not the published contract docs. Search engines are asked not to index it. Contract changes against HEAD`,
      );
      expect(banner, url).toContain(`href="${base}review/"`);
      // Not part of any search result text.
      expect(banner, url).toContain('data-pagefind-ignore');
    }
    expect(readFileSync(join(dist(), 'robots.txt'), 'utf8')).toMatch(/^User-agent: \*\nDisallow: \/\n$/m);
    expect(readFileSync(join(dist(), 'robots.txt'), 'utf8')).not.toMatch(/Allow: \/|Sitemap:/);
  });

  it('review page: the same changes as `contract-docs diff HEAD`, each linked to its page under the base', () => {
    const html = page('review');
    const expected = JSON.parse(cliDiff('--format', 'json')) as {
      changes: { area: string; change: string; subject: string; page?: string }[];
    };
    const rows = [
      ...html.matchAll(/<tr data-area="([^"]*)" data-change="([^"]*)" data-subject="([^"]*)"[^>]*>([\s\S]*?)<\/tr>/g),
    ].map(([, area, change, subject, cells = '']) => ({
      area,
      change,
      subject: htmlText(`<p>${subject}</p>`),
      href: /<a href="([^"]*)"/.exec(cells)?.[1],
      // The change as the markdown report words it, inline code marks dropped.
      text: htmlText((/<td>([\s\S]*?)<\/td>/.exec(cells)?.[1] ?? '').replace(/<\/?(?:code|span|wbr)\b[^>]*>/g, '')),
    }));
    // The CLI groups by area in the same order as the page.
    expect(rows.map(({ area, change, subject }) => ({ area, change, subject }))).toEqual(
      expected.changes.map(({ area, change, subject }) => ({ area, change, subject })),
    );
    const facts = rows.filter((row) => row.area !== 'file');
    expect(facts.filter((row) => row.area !== 'payload')).toEqual([
      {
        area: 'task',
        change: 'changed',
        subject: 'P4',
        href: `${base}migrations/service-v3/tracker/#task-P4`,
        text: 'service-v3: P4: ready → in-progress',
      },
      {
        area: 'rfc',
        change: 'changed',
        subject: 'status',
        href: `${base}migrations/service-v3/rfc/`,
        text: 'service-v3: status: draft → review',
      },
    ]);
    // The payload's source digests and gate title changed; each links to the handoff page.
    const payload = facts.filter((row) => row.area === 'payload');
    expect(payload.map((row) => row.subject)).toEqual(
      expect.arrayContaining([
        'gates[0].title',
        'sources.content/migrations/service-v3/gates.mdx',
        'sources.content/migrations/service-v3/rfc.mdx',
      ]),
    );
    for (const row of payload) expect(row.href).toBe(`${base}handoff/service-v3/`);
    expect(rows.filter((row) => row.area === 'file').map((row) => [row.subject, row.href])).toEqual([
      ['content/migrations/service-v3/gates.mdx', `${base}migrations/service-v3/gates/`],
      ['content/migrations/service-v3/handoff-candidate.json', `${base}handoff/service-v3/`],
      ['content/migrations/service-v3/migration.yaml', `${base}#migration-service-v3`],
      ['content/migrations/service-v3/rfc.mdx', `${base}migrations/service-v3/rfc/`],
      ['content/migrations/service-v3/tracker.mdx', `${base}migrations/service-v3/tracker/`],
    ]);
    // The markdown for a pull request comment is what the CLI prints, links pointing at this deploy.
    const markdown = cliDiff('--site-url', `${siteUrl}${base}`);
    expect(markdown).toContain(`(page [/migrations/service-v3/rfc/](${siteUrl}${base}migrations/service-v3/rfc/))`);
    const copyButton = /data-code="([^"]*## Contract changes[^"]*)"/.exec(html)?.[1] ?? '';
    // Expressive Code keeps the code for its copy button with lines joined by U+007F.
    expect(decodeEntities(copyButton).replace(/\u007f/g, '\n')).toBe(markdown.trimEnd());
  });

  it('status banners: an RFC in review names its approvers; a historical document links what replaces it', () => {
    const rfcPage = prose(mainOf(page('migrations/service-v3/rfc')));
    expect(rfcPage).toContain('Status review');
    expect(rfcPage).toContain(
      'RFC in review: awaiting approval This RFC is in review, not an accepted decision. It becomes accepted when every approver has signed off: MemoryKernel (producer) and AssistSupport (consumer).',
    );
    const trackerHtml = page('migrations/service-v3/tracker');
    expect(htmlText(mainOf(trackerHtml))).toContain('Status historical');
    const banner = /<div class="status-banner" data-status="historical">[\s\S]*?<\/aside>/.exec(trackerHtml)?.[0] ?? '';
    expect(prose(banner)).toContain('Historical Replaced by service.v3 rehearsal plan.');
    expect(banner).toContain(`href="${base}migrations/service-v3/plan/"`);
    // The header names it as well.
    expect(htmlText(/<dl class="document-header"[\s\S]*?<\/dl>/.exec(trackerHtml)?.[0] ?? '')).toContain(
      'Replaced by service.v3 rehearsal plan',
    );
  });

  it('`astro preview` (pnpm preview) serves the last build under its base, without the build environment', async () => {
    const server = await astroPreview(copy.dir);
    try {
      expect(server.output()).toContain(`serving the last build under its base ${base}`);
      const get = (path: string) => fetch(`${server.origin}${path}`);
      const home = await get(base);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('class="preview-banner"');
      for (const path of [
        `${base}review/`,
        `${base}robots.txt`,
        `${base}pagefind/pagefind.js`,
        `${base}schemas/handoff-payload.schema.json`,
        `${base}handoff/service-v3/handoff-candidate.json`,
      ])
        expect((await get(path)).status, path).toBe(200);
      expect((await get('/')).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!hasChromium)(
    `in Chromium (${chromiumPath}): pages and assets load under the base, search links carry it`,
    async () => {
      const server = await serveStatic(dist(), { base });
      const browser = await launchChromium();
      try {
        const problems: string[] = [];
        const open = async (path: string) => {
          const tab = await browser.context.newPage();
          tab.on('pageerror', (error) => problems.push(`${path}: page error: ${error.message}`));
          tab.on('requestfailed', (request) => problems.push(`${path}: request failed: ${request.url()}`));
          tab.on('response', (response) => {
            if (response.status() >= 400) problems.push(`${path}: HTTP ${response.status()}: ${response.url()}`);
          });
          await tab.goto(`${server.origin}${path}`, { waitUntil: 'load' });
          return tab;
        };
        for (const path of ['', 'review/', 'migrations/service-v3/gates/', 'consumers/'])
          await (await open(`${base}${path}`)).close();
        const tab = await open(base);
        await tab.locator('site-search button[data-open-modal]').click();
        const input = tab.locator('dialog[open] #starlight__search input');
        await input.waitFor();
        await input.fill('Joint rehearsal entry handshake');
        await expect
          .poll(
            () =>
              tab
                .locator('dialog[open] .pagefind-ui__result-link')
                .evaluateAll((elements) => elements.map((element) => element.getAttribute('href') ?? '')),
            { timeout: 15_000 },
          )
          .toContainEqual(expect.stringContaining(`${base}migrations/service-v3/tracker/`));
        await tab.close();
        expect(problems).toEqual([]);
        expect(server.notFound).toEqual([]);
      } finally {
        await browser.close();
        await server.close();
      }
    },
  );
});
