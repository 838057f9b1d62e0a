import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import type { StarlightPlugin } from '@astrojs/starlight/types';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Corpus } from '../core/corpus.ts';
import { plural } from '../core/text/plural.ts';
import { createCrossLinkIndex, type CrossLinkIndex } from '../core/links/cross-links.ts';
import { buildSiteIndex } from '../core/links/site-index.ts';
import { escapeHtml } from '../core/text/escape.ts';
import { loadCorpus } from '../core/read.ts';
import {
  lastBuildFileName,
  readLastBuild,
  writeLastBuild,
  type DeployInfo,
  type DeployMode,
  type ReviewData,
} from './deploy.ts';
import { shareCheckedCorpus } from './checked-corpus.ts';
import { registerContentPolicy, registerCrossLinks } from './markdown.ts';
import { computeReview, ReviewBaseError } from './review.ts';
import { reviewPath } from './routes.ts';
import { contractSidebar } from './sidebar.ts';
import { ContractCheckError, failureSummary, runContractCheck, type ContractCheckOutcome } from './run-check.ts';

/** The module pages import the checker's backlinks and link report from (see `src/astro/virtual.d.ts`). */
export const siteIndexModuleId = 'virtual:contract-docs/site-index';
const resolvedSiteIndexModuleId = `\0${siteIndexModuleId}`;
/** The module the preview banner, robots.txt and `/review/` read the deploy mode from (see `virtual.d.ts`). */
export const deployModuleId = 'virtual:contract-docs/deploy';
const resolvedDeployModuleId = `\0${deployModuleId}`;

/** Editors write a file in several events; one re-check per burst is enough. */
export const recheckDebounceMs = 80;

export interface ContractDocsOptions {
  /** Content folder relative to the project root. */
  contentDir?: string;
  /**
   * Preview or production, and the git ref of `/review/`: `deployModeFromEnv(process.env)` in
   * `astro.config.mjs`, which also sets `base` and `site` from it. Production without a review when unset.
   */
  deploy?: DeployMode;
}

/** Minimal view of Vite's dev server that the dev hook uses; keeps this module free of a Vite import. */
interface DevServer {
  watcher: {
    add(paths: string | readonly string[]): unknown;
    on(event: 'add' | 'change' | 'unlink', listener: (path: string) => void): unknown;
  };
  hot?: HotChannel;
  environments?: { client?: { hot?: HotChannel } } & Record<string, { moduleGraph?: ModuleGraphLike } | undefined>;
}
interface ModuleGraphLike {
  getModuleById(id: string): unknown;
  invalidateModule(module: never): void;
}
interface HotChannel {
  send(payload: unknown): void;
  on?(event: string, listener: (...args: unknown[]) => void): void;
}

/**
 * The consistency gate as an Astro integration. It only wires hooks; the check itself is
 * `runContractCheck`, the same core `pnpm check` runs, so the two can never disagree.
 *
 * - `astro build`: any error-level diagnostic fails the build with the located report.
 * - `astro dev`: never fails; re-checks on every change under `content/`, prints the report and shows
 *   errors in the browser overlay until they are fixed.
 */
export interface ContractDocsIntegration extends AstroIntegration {
  /**
   * The Starlight plugin that sets the sidebar from the corpus this integration checked (list the
   * integration before Starlight, so its `astro:config:setup` has run when Starlight runs its plugins).
   */
  starlightPlugin(): StarlightPlugin;
}

export function contractDocs(options: ContractDocsOptions = {}): ContractDocsIntegration {
  const contentDir = options.contentDir ?? 'content';
  let root = process.cwd();
  let last: ContractCheckOutcome | undefined;
  let base = '/';
  let corpus: Corpus | undefined;
  let crossLinks: CrossLinkIndex | undefined;
  const deploy = options.deploy;
  let review: ReviewData | undefined;
  /** Set when the config is resolved; `astro:build:done` records the build there for `astro preview`. */
  let lastBuildFile: string | undefined;
  let resolvedBase = '/';
  let resolvedSite = '';
  const deployInfo = (): DeployInfo => ({ preview: deploy?.preview ?? null, review: review ?? null });
  /** Points the cross-link plugin and the site-index module at a freshly loaded corpus. */
  const useCorpus = (next: Corpus) => {
    corpus = next;
    crossLinks = createCrossLinkIndex(next, { root, base });
  };

  return {
    name: 'contract-docs',
    starlightPlugin: () => ({
      name: 'contract-docs-sidebar',
      hooks: {
        'config:setup': ({ updateConfig, logger }) => {
          // `astro preview` loads no corpus: it serves pages already built.
          if (!corpus) return;
          const sidebar = contractSidebar({ review: deploy?.reviewRef !== undefined });
          updateConfig({ sidebar: sidebar as NonNullable<Parameters<typeof updateConfig>[0]['sidebar']> });
          logger.debug('global sidebar set; migration groups come from the route middleware');
        },
      },
    }),
    hooks: {
      'astro:config:setup': ({ config, command, addWatchFile, updateConfig, injectRoute, logger }) => {
        root = fileURLToPath(config.root);
        base = config.base ?? '/';
        if (command === 'preview') {
          // `astro preview` serves dist/ as the last build made it, under that build's base and site.
          const last = readLastBuild(join(fileURLToPath(config.cacheDir), lastBuildFileName));
          if (last && resolve(last.outDir) === resolve(fileURLToPath(config.outDir)) && last.base !== config.base) {
            updateConfig({ base: last.base, site: last.site });
            logger.info(`serving the last build under its base ${last.base}`);
          }
          return;
        }
        // Cross-links and backlinks come from the checker's corpus, so pages and `pnpm check` see the same ids.
        registerCrossLinks(config.markdown?.processor, () => crossLinks);
        // The render-time line of the content policy: pages are built from what it keeps, check or no check.
        // INTERNAL, the control of the browser test only: with the check also skipped, a build without the
        // policy shows the hostile fixture does execute, so the test's "inert" cannot pass vacuously.
        if (
          process.env['CONTRACT_DOCS_SKIP_CHECK'] === '1' &&
          process.env['CONTRACT_DOCS_TEST_WITHOUT_RENDER_POLICY'] === '1'
        )
          logger.warn(
            'content policy NOT applied (CONTRACT_DOCS_TEST_WITHOUT_RENDER_POLICY=1): a test control, unsafe',
          );
        else registerContentPolicy(config.markdown?.processor, resolve(root, contentDir));
        updateConfig?.({
          vite: {
            plugins: [
              siteIndexPlugin(() => corpus),
              deployPlugin(deployInfo),
              ...(command === 'dev'
                ? [
                    unreadableContentPlugin(
                      () => last,
                      () => root,
                      contentDir,
                    ),
                  ]
                : []),
            ],
          },
        });
        /** `/review/`: only when REVIEW_BASE is given, after the check so content problems are reported first. */
        const setupReview = () => {
          if (!deploy?.reviewRef || command === 'sync') return;
          try {
            review = computeReview(root, deploy.reviewRef, contentDir);
          } catch (error) {
            // A build stops with one line naming the ref; dev keeps running and shows the problem on /review/.
            if (command === 'build' || !(error instanceof ReviewBaseError)) throw error;
            logger.error(error.message);
            review = { ref: deploy.reviewRef, changes: [], pages: {}, error: error.message };
          }
          injectRoute({
            pattern: reviewPath.replace(/\/$/, ''),
            entrypoint: new URL('./pages/review.astro', import.meta.url),
            prerender: true,
          });
        };
        // INTERNAL, never for a real build: `pnpm bench` (what the check adds to a build) and the browser test
        // that proves the render-time content policy alone stops every script vector. Loud, so it is never silent.
        if (process.env['CONTRACT_DOCS_SKIP_CHECK'] === '1') {
          logger.warn('contract check SKIPPED (CONTRACT_DOCS_SKIP_CHECK=1): this build is not a consistency gate');
          const loaded = loadCorpus(root, contentDir);
          useCorpus(loaded);
          shareCheckedCorpus(root, contentDir, loaded);
          setupReview();
          return;
        }
        const outcome = runContractCheck(root, { contentDir, color: useColor() });
        last = outcome;
        useCorpus(outcome.corpus);
        // The content loader's first sync reads the same files: it takes this corpus instead of loading them again.
        shareCheckedCorpus(root, contentDir, outcome.corpus);
        if (command === 'build' && outcome.errorCount > 0) {
          // The thrown message carries the report; logging it as well would print it twice.
          dropHookFailureLine(logger);
          throw new ContractCheckError(outcome);
        }
        logOutcome(logger, outcome);
        setupReview();
        if (command === 'dev') {
          // `addWatchFile` restarts the dev server when that exact file changes: worth it for the files the
          // route middleware's migration group titles come from (it reads them once per server). Everything else under content/ is re-checked
          // without a restart (below), and Astro's content layer reloads the pages itself.
          for (const bundle of outcome.corpus.migrations)
            addWatchFile(join(root, bundle.meta?.file ?? `${bundle.dir}/migration.yaml`));
        }
      },
      'astro:config:done': ({ config }) => {
        lastBuildFile = join(fileURLToPath(config.cacheDir), lastBuildFileName);
        resolvedBase = config.base;
        resolvedSite = config.site ?? '';
      },
      'astro:build:done': ({ dir }) => {
        if (lastBuildFile)
          writeLastBuild(lastBuildFile, { base: resolvedBase, site: resolvedSite, outDir: fileURLToPath(dir) });
      },
      'astro:server:setup': ({ server, logger }) => {
        const dev = server as unknown as DevServer;
        const hot = dev.environments?.client?.hot ?? dev.hot;
        const contentRoot = resolve(root, contentDir);
        dev.watcher.add(contentRoot);

        let timer: ReturnType<typeof setTimeout> | undefined;
        const recheck = () => {
          timer = undefined;
          const wasFailing = (last?.errorCount ?? 0) > 0;
          let outcome: ContractCheckOutcome;
          try {
            outcome = runContractCheck(root, { contentDir, color: useColor() });
          } catch (error) {
            // The checker promises never to throw; if it does, dev keeps running and says so.
            logger.error(`contract check crashed: ${(error as Error).message}`);
            return;
          }
          last = outcome;
          useCorpus(outcome.corpus);
          if (review && deploy?.reviewRef) {
            try {
              review = computeReview(root, deploy.reviewRef, contentDir);
            } catch (error) {
              review = { ref: deploy.reviewRef, changes: [], pages: {}, error: (error as Error).message };
            }
          }
          invalidateSiteIndex(dev);
          logOutcome(logger, outcome);
          if (outcome.errorCount > 0) sendOverlay(hot, outcome);
          else if (wasFailing) {
            if (outcome.warningCount > 0)
              logger.info(`contract check clean: no errors left (${plural(outcome.warningCount, 'warning')})`);
            // Reloading the page is what closes Vite's error overlay.
            hot?.send({ type: 'full-reload', path: '*' });
          }
        };
        const onContentEvent = (path: string) => {
          if (!isInside(contentRoot, path)) return;
          // Editors write a file in several steps; one check per burst is enough.
          if (timer) clearTimeout(timer);
          timer = setTimeout(recheck, recheckDebounceMs);
        };
        dev.watcher.on('change', onContentEvent);
        dev.watcher.on('add', onContentEvent);
        dev.watcher.on('unlink', onContentEvent);

        // A browser that connects while the content is broken sees the overlay straight away.
        hot?.on?.('vite:client:connect', (_payload, client) => {
          if (last && last.errorCount > 0) sendOverlay(isHotChannel(client) ? client : hot, last);
        });
      },
    },
  };
}

/**
 * A Vite plugin serving `virtual:contract-docs/site-index`: backlinks and the external-link report as
 * JSON, computed from the corpus the check loaded. Plain data, so it crosses into the page bundle as is.
 */
function siteIndexPlugin(getCorpus: () => Corpus | undefined) {
  // Built once per corpus: the build loads the module in more than one Vite environment.
  let cached: { corpus: Corpus; code: string } | undefined;
  return {
    name: 'contract-docs:site-index',
    resolveId(id: string) {
      return id === siteIndexModuleId ? resolvedSiteIndexModuleId : undefined;
    },
    load(id: string) {
      if (id !== resolvedSiteIndexModuleId) return undefined;
      const current = getCorpus();
      if (current && cached?.corpus === current) return cached.code;
      const index = current
        ? buildSiteIndex(current)
        : { migrations: {}, externalLinks: [], filePages: {}, fileDownloads: {}, documentPages: {}, navigation: [] };
      // A string for JSON.parse, not an object literal: the index grows with the corpus (about 7 KB of
      // backlinks per document), and one string literal costs the bundler and V8 far less to parse than
      // the same data as code.
      const code = `export default JSON.parse(${JSON.stringify(JSON.stringify(index))});`;
      if (current) cached = { corpus: current, code };
      return code;
    },
  };
}

/**
 * In dev, a page that renders a content file the check could not read (a YAML slip in its frontmatter,
 * say) would make Astro's Markdown pipeline parse it again and fail with the YAML library's stack trace,
 * which replaces our overlay. This plugin answers first: loading such a file fails with the contract
 * report (the same the overlay and the terminal show), so the author sees one explanation, ours.
 */
function unreadableContentPlugin(
  getLast: () => ContractCheckOutcome | undefined,
  getRoot: () => string,
  contentDir: string,
) {
  return {
    name: 'contract-docs:unreadable-content',
    enforce: 'pre' as const,
    load(id: string) {
      const last = getLast();
      if (!last || last.errorCount === 0) return undefined;
      const file = relative(getRoot(), id.replace(/[?#].*$/, ''))
        .split(sep)
        .join('/');
      if (!file.startsWith(`${contentDir}/`)) return undefined;
      const unreadable = last.diagnostics.some(
        (diagnostic) => diagnostic.file === file && (diagnostic.ruleId === 'syntax' || diagnostic.ruleId === 'schema'),
      );
      if (!unreadable) return undefined;
      throw Object.assign(new Error(), overlayError(last), { id: file });
    },
  };
}

/** Serves `virtual:contract-docs/deploy`: the preview banner's name and the review diff, as JSON. */
function deployPlugin(getInfo: () => DeployInfo) {
  return {
    name: 'contract-docs:deploy',
    resolveId(id: string) {
      return id === deployModuleId ? resolvedDeployModuleId : undefined;
    },
    load(id: string) {
      return id === resolvedDeployModuleId ? `export default ${JSON.stringify(getInfo())};` : undefined;
    },
  };
}

/**
 * After a content change in dev, pages must re-read the site index and the review diff; Astro's content
 * layer reloads the rest.
 */
function invalidateSiteIndex(server: DevServer): void {
  for (const environment of Object.values(server.environments ?? {})) {
    const graph = (environment as { moduleGraph?: ModuleGraphLike } | undefined)?.moduleGraph;
    for (const id of [resolvedSiteIndexModuleId, resolvedDeployModuleId]) {
      const module = graph?.getModuleById(id);
      if (graph && module) graph.invalidateModule(module as never);
    }
  }
}

function isHotChannel(value: unknown): value is HotChannel {
  return typeof (value as HotChannel | undefined)?.send === 'function';
}

function logOutcome(logger: AstroIntegrationLogger, outcome: ContractCheckOutcome): void {
  if (outcome.diagnostics.length === 0) {
    logger.info(
      `contract check clean (${plural(outcome.corpus.files.length, 'file')}, ${Math.round(outcome.durationMs)} ms)`,
    );
    return;
  }
  // Only info lines (the git rules skipped outside a repository) are no cause for a warning.
  const log =
    outcome.errorCount > 0
      ? logger.error.bind(logger)
      : outcome.warningCount > 0
        ? logger.warn.bind(logger)
        : logger.info.bind(logger);
  log(`\n${outcome.report}`);
}

/**
 * Astro logs "An unhandled error occurred while running the "astro:config:setup" hook" through the
 * integration's own logger before it prints any error a hook throws. For a failed contract check that
 * line is wrong (nothing unhandled happened: the check did its job) and it comes before the report, so
 * a content problem reads as a crash. The next error line Astro logs for us is dropped if it is that
 * one; anything else goes through.
 */
function dropHookFailureLine(logger: AstroIntegrationLogger): void {
  const error = logger.error.bind(logger);
  logger.error = (message: string) => {
    logger.error = error;
    if (!/^An unhandled error occurred while running the /.test(stripVTControlCharacters(message))) error(message);
  };
}

function sendOverlay(hot: HotChannel | undefined, outcome: ContractCheckOutcome): void {
  hot?.send({ type: 'error', err: overlayError(outcome) });
}

/**
 * The error Astro's dev overlay shows. The overlay writes `message` and `hint` as HTML and the report
 * quotes content (a title such as `<img src=x onerror=…>`), so both go in escaped; no ANSI colours either.
 */
export function overlayError(outcome: Pick<ContractCheckOutcome, 'errorCount' | 'report'>) {
  return {
    name: 'ContractCheckError',
    title: failureSummary(outcome.errorCount),
    message: escapeHtml(`${failureSummary(outcome.errorCount)}\n\n${stripVTControlCharacters(outcome.report)}`),
    hint: escapeHtml(
      'Fix the content and save; the overlay closes when the check is clean. `pnpm check` prints the same report.',
    ),
    stack: '',
  };
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/** Colours only for a terminal, and never when NO_COLOR or FORCE_COLOR=0 asks otherwise. */
function useColor(): boolean {
  if (process.env['NO_COLOR'] || process.env['FORCE_COLOR'] === '0') return false;
  return Boolean(process.stdout.isTTY);
}

export default contractDocs;
