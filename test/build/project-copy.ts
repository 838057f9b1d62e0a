import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository under test. */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** What a copy needs to build: the config, the code, the content, and the files the content lists as deliverables. */
const copiedPaths = [
  'astro.config.mjs',
  'tsconfig.json',
  'package.json',
  'src',
  'content',
  'contracts',
  'contract-docs.config.json',
  'scripts',
  'public',
];

/**
 * Caches that must not be shared between concurrent builds: Astro keeps its content data store and
 * Vite its dependency cache inside `node_modules/`, so the copy gets its own `node_modules/` folder
 * whose entries link to the repository's packages, except these.
 */
const privateCaches = new Set(['.astro', '.vite', '.cache']);

export interface ProjectCopy {
  dir: string;
  path(relative: string): string;
  read(relative: string): string;
  write(relative: string, text: string): void;
  /** Replaces exactly one occurrence of `from`; throws if there is none, so a drifted fixture fails loudly. */
  replaceOnce(relative: string, from: string, to: string): void;
  remove(): void;
}

/**
 * Copies live under `test-results/` of the repository, not in the OS temp folder: Astro 7 treats a module
 * path that shares no top-level folder with the project root as root-relative (`isPathInRoot`), so a
 * copy in `/tmp` whose packages resolve to `/work/...` fails to build.
 */
const copiesRoot = join(repoRoot, 'test-results', 'build-copies');

/**
 * Copies for `astro dev` cannot live under `test-results/`: Vite's file watcher ignores that folder, so
 * an edit would never reach the dev server. They get their own top-level folder (ignored by git, tsc,
 * ESLint and Prettier).
 */
export const devCopiesRoot = join(repoRoot, 'dev-copies');

/** Copies the project into a fresh folder, with `node_modules` linked package by package. */
export function copyProject(label: string, under: string = copiesRoot): ProjectCopy {
  mkdirSync(under, { recursive: true });
  removeStaleCopies(under);
  const dir = mkdtempSync(join(under, `${label}-`));
  for (const path of copiedPaths) {
    try {
      cpSync(join(repoRoot, path), join(dir, path), { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (!privateCaches.has(name)) symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name));
  }
  const path = (relative: string) => join(dir, relative);
  return {
    dir,
    path,
    read: (relative) => readFileSync(path(relative), 'utf8'),
    write: (relative, text) => writeFileSync(path(relative), text),
    replaceOnce(relative, from, to) {
      const text = readFileSync(path(relative), 'utf8');
      const at = text.indexOf(from);
      if (at === -1) throw new Error(`fixture drift: \`${from}\` not found in ${relative}`);
      writeFileSync(path(relative), text.slice(0, at) + to + text.slice(at + from.length));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Copies left behind by an interrupted run would be type-checked and linted as part of the repository;
 * any older than the longest test run goes. Younger ones may belong to a test file running right now.
 */
function removeStaleCopies(under: string, maxAgeMs = 30 * 60_000): void {
  for (const name of readdirSync(under)) {
    const path = join(under, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > maxAgeMs) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by a concurrent run in the meantime.
    }
  }
}

export interface CommandResult {
  code: number | null;
  /** stdout and stderr interleaved in arrival order. */
  output: string;
  durationMs: number;
}

/**
 * The environment a child build gets: this process's, minus what vitest adds. Vitest mirrors Vite's
 * `import.meta.env` into `process.env` (`BASE_URL=/`, `MODE=test`, `NODE_ENV=test` ...), and a child
 * Astro build would take those over its own config: `BASE_URL=/` silently drops `PREVIEW_BASE`.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const vitestKeys = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !vitestKeys.has(key) && !key.startsWith('VITEST')),
  );
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true', ...extra };
}

/** Runs a Node entry point with this process's Node (24, from the `node` devDependency), never the system one. */
export function runNode(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output, durationMs: performance.now() - started }));
  });
}

/** A running `astro preview` of a project folder's last build. */
export interface PreviewServer {
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const address = server.address();
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * `astro preview` (what `pnpm preview` runs) in a project folder, with only `env` added: the base it
 * serves under must come from the last build, not from the environment.
 */
export function astroPreview(cwd: string, env: Record<string, string> = {}): Promise<PreviewServer> {
  return startAstroServer('preview', cwd, env);
}

/** `astro dev` in a project folder: the contract check re-runs on every content edit. */
export function astroDev(cwd: string, env: Record<string, string> = {}): Promise<PreviewServer> {
  return startAstroServer('dev', cwd, env);
}

async function startAstroServer(
  command: 'preview' | 'dev',
  cwd: string,
  env: Record<string, string>,
): Promise<PreviewServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'),
      command,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolvePromise) => child.on('close', () => resolvePromise()));
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`astro ${command} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Local\s+http/.test(output)) {
        clearTimeout(timer);
        resolvePromise();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`astro ${command} exited:\n${output}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `astro build` in a project folder. */
export function astroBuild(cwd: string, env?: Record<string, string>): Promise<CommandResult> {
  return runNode([join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], cwd, env);
}

/**
 * Makes a copy its own git repository with one commit of `paths` (by default the content and the files its
 * facts are sourced from, so the base loads as the working tree does), so that `REVIEW_BASE=HEAD` and
 * `contract-docs diff HEAD` read that commit and not the repository around the copy.
 */
export function commitCopy(
  dir: string,
  paths: readonly string[] = ['content', 'contracts', 'contract-docs.config.json'],
  message = 'base',
): string {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-C',
        dir,
        '-c',
        'user.name=Test',
        '-c',
        'user.email=test@example.invalid',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  git('init', '-q', '-b', 'main');
  git('add', '--', ...paths);
  git('commit', '-q', '--no-verify', '-m', message);
  return git('rev-parse', 'HEAD').trim();
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`fixture drift: \`${needle}\` not found`);
  return text.slice(0, at).split('\n').length;
}

/** The visible text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_match, entity: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (entity[0] !== '#') return named[entity.toLowerCase()] ?? '';
      return String.fromCodePoint(
        entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
      );
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The `<main>` element of a built page, where the page's own content is. */
export function mainOf(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start === -1 || end === -1) throw new Error('no <main> in page');
  return html.slice(start, end);
}
