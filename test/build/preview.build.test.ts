import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlDist } from './dist-crawl.ts';
import {
  astroBuild,
  copyProject,
  htmlText,
  mainOf,
  runNode,
  type CommandResult,
  type ProjectCopy,
} from './project-copy.ts';

/**
 * A preview build under a sub-path, from content whose strings try to inject markup. Content strings
 * must come out as text everywhere (page body, sidebar, meta tags), every internal link must carry the
 * base, and the preview must be marked noindex.
 */
describe('preview build under a sub-path, with hostile content strings', () => {
  const base = '/preview/rfc-x/';
  const hostileDescription = '<script>window.__pwned = 1</script> & <img src=x onerror="alert(1)">';
  const hostileMigrationTitle = 'service.v2 → service.v3 <b>bold</b>';
  /** A gate title reaches the gates page, the home page, the payload (and so the handoff page), the SVG and tooltips. */
  const hostileGateTitle = `<script>window.__pwned = 2</script> Producer suite green <img src=x onerror="alert(2)"> '&'`;
  let copy: ProjectCopy;
  let generate: CommandResult;
  let result: CommandResult;
  const page = (path: string) => readFileSync(join(copy.dir, 'dist', path, 'index.html'), 'utf8');

  beforeAll(async () => {
    copy = copyProject('preview');
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
    // The payload records the sha256 of every source document, so it is regenerated for the edited copy.
    generate = await runNode(['scripts/generate-payload.ts', '--root', copy.dir], copy.dir);
    result = await astroBuild(copy.dir, { PREVIEW_BASE: base, SITE_URL: 'https://preview.contracts.internal.example' });
  });
  afterAll(() => copy?.remove());

  it('builds', () => {
    expect(generate.code, generate.output).toBe(0);
    expect(result.code, result.output).toBe(0);
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

  it('renders a hostile gate title as text on every page it reaches: gates, home, handoff, SVG, tooltips', () => {
    const pages = [
      'migrations/service-v3/plan',
      'migrations/service-v3/gates',
      '',
      'handoff/service-v3',
      'dependencies/service-v3',
      'migrations/service-v3/tracker',
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
    const payload = readFileSync(join(copy.dir, 'dist/handoff/service-v3/handoff-candidate.json'), 'utf8');
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

  it('has no broken internal link or anchor under the base', () => {
    expect(crawlDist(join(copy.dir, 'dist'), base).broken).toEqual([]);
  });

  it('prefixes every internal link and asset with the base', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.html')) {
          for (const [, url] of readFileSync(path, 'utf8').matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
            if (!url!.startsWith(base)) offenders.push(`${path.slice(copy.dir.length)}: ${url}`);
          }
        }
      }
    };
    walk(join(copy.dir, 'dist'));
    expect(offenders).toEqual([]);
    expect(page('migrations/service-v3/gates')).toContain(
      `href="${base}migrations/service-v3/plan/#command-cargo-fmt-check"`,
    );
  });

  it('marks the preview noindex', () => {
    expect(page('')).toMatch(/<meta name="robots" content="noindex, nofollow"/);
  });
});
