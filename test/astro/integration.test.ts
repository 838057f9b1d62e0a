import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contractDocs } from '../../src/astro/integration.ts';
import { anchorId, withBase } from '../../src/astro/routes.ts';
import { referenceHref } from '../../src/core/links/site-map.ts';
import { ContractCheckError, failureSummary, runContractCheck } from '../../src/astro/run-check.ts';
import { contractSidebar } from '../../src/astro/sidebar.ts';
import { migrationNavigation } from '../../src/core/links/navigation.ts';
import { loadCorpus } from '../../src/core/read.ts';
import { modeLabel, policyMatrix, splitInlineCode } from '../../src/astro/view.ts';
import type { ContractPolicy } from '../../src/schemas/index.ts';
import { copyProject, repoRoot, type ProjectCopy } from '../build/project-copy.ts';

/** The integration's logic without Astro: the check runner, the hooks with fake arguments, the sidebar. */

const copies: ProjectCopy[] = [];
function contentCopy(label: string): ProjectCopy {
  const copy = copyProject(label);
  copies.push(copy);
  return copy;
}
afterEach(() => {
  for (const copy of copies.splice(0)) copy.remove();
  vi.useRealTimers();
});

function fakeLogger() {
  const lines: { level: string; text: string }[] = [];
  const logger = {
    info: (text: string) => lines.push({ level: 'info', text }),
    warn: (text: string) => lines.push({ level: 'warn', text }),
    error: (text: string) => lines.push({ level: 'error', text }),
    debug: () => undefined,
  };
  return { logger: logger as unknown as AstroIntegrationLogger, lines };
}

type SetupHook = (options: unknown) => void;
function configSetup(root: string, command: 'build' | 'dev') {
  const integration = contractDocs();
  const { logger, lines } = fakeLogger();
  const watched: string[] = [];
  const run = () =>
    (integration.hooks['astro:config:setup'] as SetupHook)({
      config: { root: pathToFileURL(`${root}/`) },
      command,
      addWatchFile: (path: string) => watched.push(path),
      logger,
    });
  return { integration, run, lines, watched };
}

const breakLegacyError = (copy: ProjectCopy) =>
  copy.replaceOnce(
    'content/contracts/service.v2.yaml',
    '    - error.message\n    - legacy_error\n',
    '    - error.message\n',
  );

describe('runContractCheck', () => {
  it('is clean on the shipped content', () => {
    const outcome = runContractCheck(repoRoot);
    expect(outcome.errorCount, outcome.report).toBe(0);
    expect(outcome.report).toContain('contract check clean');
  });

  it('counts errors and formats a located report', () => {
    const copy = contentCopy('unit-check');
    breakLegacyError(copy);
    const outcome = runContractCheck(copy.dir);
    expect(outcome.errorCount).toBeGreaterThan(0);
    expect(outcome.report).toMatch(/content\/contracts\/service\.v2\.yaml:7:3 {2}error {2}legacy-guard/);
  });
});

describe('ContractCheckError', () => {
  it('carries the report and the summary, and keeps words that trigger Astro hints out of toString()', () => {
    const report = 'content/x.mdx:1:1  error  lists-agree\n  the cutover gates document reopens the overlap window';
    const error = new ContractCheckError({ report, errorCount: 2 });
    expect(error.message).toBe(`${report}\n\ncontract check failed: 2 errors`);
    expect(error.toString()).toBe('ContractCheckError: contract check failed: 2 errors');
    expect(error.toString()).not.toMatch(/document|window/);
    expect(error.stack).toBe('');
    expect(failureSummary(1)).toBe('contract check failed: 1 error');
  });
});

describe('contractDocs integration', () => {
  it('build: throws with the report when the content has errors', () => {
    const copy = contentCopy('unit-build');
    breakLegacyError(copy);
    const { run, lines } = configSetup(copy.dir, 'build');
    expect(run).toThrow(ContractCheckError);
    expect(run).toThrow(/legacy-guard[\s\S]*contract check failed: \d+ errors/);
    // The thrown message is the report; it is not logged a second time.
    expect(lines).toEqual([]);
  });

  it('build: logs "contract check clean" and does not throw on clean content', () => {
    const { run, lines } = configSetup(repoRoot, 'build');
    expect(run).not.toThrow();
    expect(lines).toEqual([
      { level: 'info', text: expect.stringMatching(/^contract check clean \(\d+ files, \d+ ms\)$/) },
    ]);
  });

  it('registers the cross-link plugin with the Sätteri processor and serves the site index module', async () => {
    const integration = contractDocs();
    const { logger } = fakeLogger();
    const processor = { name: 'satteri', options: { mdastPlugins: [] as unknown[], hastPlugins: [] as unknown[] } };
    const plugins: { resolveId(id: string): string | undefined; load(id: string): string | undefined }[] = [];
    (integration.hooks['astro:config:setup'] as SetupHook)({
      config: { root: pathToFileURL(`${repoRoot}/`), base: '/', markdown: { processor } },
      command: 'build',
      addWatchFile: () => undefined,
      updateConfig: (update: { vite: { plugins: typeof plugins } }) => plugins.push(...update.vite.plugins),
      logger,
    });
    // The cross-links, then the code-token break points (every Markdown file).
    expect(processor.options.mdastPlugins).toHaveLength(2);
    expect((processor.options.mdastPlugins[1] as { name: string }).name).toBe('contract-docs-code-tokens');
    const factory = processor.options.mdastPlugins[0] as (context: { fileURL: URL }) => { name: string } | undefined;
    expect(factory({ fileURL: pathToFileURL(join(repoRoot, 'content/migrations/service-v3/plan.mdx')) })?.name).toBe(
      'contract-docs-cross-links',
    );
    expect(factory({ fileURL: pathToFileURL(join(repoRoot, 'node_modules/x/README.md')) })).toBe(undefined);
    // The content policy runs first among the HTML-tree plugins, for content files only.
    expect(processor.options.hastPlugins).toHaveLength(1);
    const policy = processor.options.hastPlugins[0] as (context: { fileURL: URL }) => { name: string } | undefined;
    expect(policy({ fileURL: pathToFileURL(join(repoRoot, 'content/migrations/service-v3/plan.mdx')) })?.name).toBe(
      'contract-docs-content-policy',
    );
    expect(policy({ fileURL: pathToFileURL(join(repoRoot, 'src/content/docs/guides/linking.mdx')) })).toBe(undefined);
    const plugin = plugins[0]!;
    const id = plugin.resolveId('virtual:contract-docs/site-index')!;
    const code = plugin.load(id)!;
    // The module hands the index to JSON.parse as one string literal.
    const literal = /^export default JSON\.parse\((".*")\);$/s.exec(code)?.[1];
    const index = JSON.parse(JSON.parse(literal ?? 'null') as string) as {
      migrations: Record<string, { backlinks: Record<string, unknown[]> }>;
    };
    expect(Object.keys(index.migrations)).toEqual(['service-v3']);
    expect(index.migrations['service-v3']!.backlinks['gate:producer-suite-green']!.length).toBeGreaterThan(3);
  });

  it('dev: never throws, logs the report, and restarts only for the files the sidebar titles come from', () => {
    const copy = contentCopy('unit-dev');
    breakLegacyError(copy);
    const { run, lines, watched } = configSetup(copy.dir, 'dev');
    expect(run).not.toThrow();
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.text).toContain('legacy-guard');
    expect(watched).toEqual([join(copy.dir, 'content/migrations/service-v3/migration.yaml')]);
  });

  it('dev: re-checks on content changes, shows errors in the overlay, reloads and logs clean when fixed', async () => {
    const copy = contentCopy('unit-server');
    const { integration, run } = configSetup(copy.dir, 'dev');
    run();
    const watcher = Object.assign(new EventEmitter(), { add: vi.fn() });
    const sent: { type: string; err?: { message: string } }[] = [];
    const hot = { send: (payload: (typeof sent)[number]) => sent.push(payload), on: vi.fn() };
    const { logger, lines } = fakeLogger();
    (integration.hooks['astro:server:setup'] as SetupHook)({
      server: { watcher, environments: { client: { hot } } },
      logger,
    });
    expect(watcher.add).toHaveBeenCalledWith(join(copy.dir, 'content'));

    const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
    const policy = copy.path('content/contracts/service.v2.yaml');
    const original = copy.read('content/contracts/service.v2.yaml');

    breakLegacyError(copy);
    watcher.emit('change', policy);
    watcher.emit('change', policy);
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.type).toBe('error');
    expect(sent[0]?.err?.message).toMatch(
      /^contract check failed: \d+ errors\n\n[\s\S]*content\/contracts\/service\.v2\.yaml:7:3 {2}error {2}legacy-guard/,
    );

    // Files outside content/ do not trigger a check.
    watcher.emit('change', copy.path('src/pages/index.astro'));
    await settle();
    expect(sent).toHaveLength(1);

    copy.write('content/contracts/service.v2.yaml', original);
    watcher.emit('change', policy);
    await settle();
    expect(sent.at(-1)?.type).toBe('full-reload');
    expect(lines.at(-1)).toEqual({ level: 'info', text: expect.stringMatching(/^contract check clean/) });
  });
});

describe('sidebar', () => {
  it('a migration without a loadable migration.yaml is titled by its folder in its navigation', () => {
    const copy = contentCopy('unit-sidebar');
    copy.write('content/migrations/service-v3/migration.yaml', 'title: [unclosed\n');
    expect(migrationNavigation(loadCorpus(copy.dir)).map((migration) => migration.title)).toEqual(['service-v3']);
    expect(migrationNavigation(loadCorpus(join(copy.dir, 'nowhere')))).toEqual([]);
  });

  it('is what the integration hands Starlight through its plugin: the global links', () => {
    const integration = contractDocs();
    const logger = fakeLogger().logger;
    (integration.hooks['astro:config:setup'] as (options: unknown) => void)({
      config: { root: pathToFileURL(`${repoRoot}/`), base: '/', markdown: {} },
      command: 'sync',
      addWatchFile: () => {},
      updateConfig: () => {},
      injectRoute: () => {},
      logger,
    });
    const updates: unknown[] = [];
    (integration.starlightPlugin().hooks['config:setup'] as (options: unknown) => void)({
      updateConfig: (update: unknown) => updates.push(update),
      logger,
    });
    expect(updates).toEqual([{ sidebar: contractSidebar() }]);
  });
});

describe('view helpers', () => {
  it('splits backtick code spans like CommonMark', () => {
    expect(splitInlineCode('use `a` and `` `b`: `c` `` now')).toEqual([
      { text: 'use ', code: false },
      { text: 'a', code: true },
      { text: ' and ', code: false },
      { text: '`b`: `c`', code: true },
      { text: ' now', code: false },
    ]);
    expect(splitInlineCode('a ` lone backtick')).toEqual([{ text: 'a ` lone backtick', code: false }]);
  });

  it('lines up envelope policies field by field', () => {
    const policy = (version: string, required: string[], optional: string[], forbidden: string[]) =>
      ({ version, envelope: { required, optional, forbidden, closed: false } }) as unknown as ContractPolicy;
    const matrix = policyMatrix([
      policy('service.v2', ['error.code', 'legacy_error'], [], []),
      policy('service.v3', ['error.code'], ['error.details'], ['legacy_error']),
    ]);
    expect(matrix.rows).toEqual([
      { field: 'error.code', rules: ['required', 'required'] },
      { field: 'legacy_error', rules: ['required', 'forbidden'] },
      { field: 'error.details', rules: [undefined, 'optional'] },
    ]);
  });

  it('builds links with and without a deploy base', () => {
    expect(withBase('/', '/rules/')).toBe('/rules/');
    expect(withBase('/preview/rfc-x/', '/rules/')).toBe('/preview/rfc-x/rules/');
    expect(withBase('/preview/rfc-x', 'rules/')).toBe('/preview/rfc-x/rules/');
    expect(referenceHref('command', 'cargo-test', 'service-v3', { plan: 'plan' })).toBe(
      '/migrations/service-v3/plan/#command-cargo-test',
    );
    expect(referenceHref('gate', 'x', 'service-v3', { plan: 'plan' })).toBeUndefined();
    expect(anchorId('evidence', 'migration-notes')).toBe('evidence-migration-notes');
    expect(modeLabel('rehearsal')).toBe('rehearsal — no runtime cutover');
  });
});
