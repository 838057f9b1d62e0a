import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, copyProject, htmlText, runNode, type CommandResult, type ProjectCopy } from './project-copy.ts';

/**
 * A preview build under a sub-path, from content whose strings try to inject markup. Content strings
 * must come out as text everywhere (page body, sidebar, meta tags), every internal link must carry the
 * base, and the preview must be marked noindex.
 */
describe('preview build under a sub-path, with hostile content strings', () => {
  const base = '/preview/rfc-x/';
  const hostileDescription = '<script>window.__pwned = 1</script> & <img src=x onerror="alert(1)">';
  const hostileMigrationTitle = 'service.v2 → service.v3 <b>bold</b>';
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
