// How the CLI starts fast. Running the TypeScript sources directly costs ~0.5 s of CPU, nearly all of it
// loading and compiling ~150 modules, which is too slow for a pre-commit hook or a check on save. Three things
// take most of that away, and all are caches, never artifacts that could drift from the code:
//   1. the CLI bundled into one CommonJS file with esbuild, keyed by a hash of the sources it is made from,
//      so an edited rule is rebuilt on the next run and a stale bundle is never used;
//   2. a V8 code cache of that bundle written after a first run of the command, so it holds the bytecode of
//      every function the command needed, not only the top level (Node's own compile cache is made right
//      after compiling, before anything ran, and V8 compiles functions lazily: on a check that left ~40 ms
//      of compiling to every run);
//   3. Node's module compile cache, for whatever else is loaded (the sources, when they run unbundled).
// Without esbuild (a production install) or with CONTRACT_DOCS_NO_BUNDLE=1 the sources run as they are.
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { cacheDir, currentFingerprint, projectRoot } from './source-fingerprint.mjs';
/**
 * Sätteri's JavaScript is bundled (one file instead of ~35 modules to resolve and load); only its napi-rs
 * loader, which picks the native addon for the platform at run time, stays a file of its own, required
 * by absolute path since the bundle lives in the cache folder.
 */
const nativeAddonsExternal = {
  name: 'native-addons-external',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, async (args) => {
      if (!/[\\/]satteri[\\/]dist[\\/]/.test(args.importer)) return undefined;
      return { path: join(args.resolveDir, '..', 'index.js'), external: true };
    });
  },
};

/**
 * The bundles of the CLI, one per entry: `main` (every command) and `check` (only what `check` needs, about
 * a third less to load and evaluate). Both are built together, so they always come from the same sources.
 * @returns {Promise<Record<keyof typeof entries, string>>} the path of each
 */
async function bundledCliPaths() {
  const fingerprint = `cli-${currentFingerprint()}`;
  const paths = /** @type {Record<keyof typeof entries, string>} */ (
    Object.fromEntries(Object.keys(entries).map((name) => [name, join(cacheDir, `${fingerprint}-${name}.cjs`)]))
  );
  try {
    if (Object.values(paths).every((path) => statSync(path).isFile())) return paths;
  } catch {
    // Not built for these sources yet.
  }
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  // A unique temporary folder and a rename per file: two runs building at once each write whole files, and
  // a reader never sees half a bundle.
  const temporary = join(cacheDir, `.cli-${process.pid}-${Date.now()}`);
  await build({
    entryPoints: Object.entries(entries).map(([out, entry]) => ({ in: join(projectRoot, entry), out })),
    outdir: temporary,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    // CommonJS, so loadBundle can compile it with vm.Script, the one API that takes a code cache made after
    // running (vm.SourceTextModule is still experimental).
    format: 'cjs',
    target: 'node22',
    // Less source to read and scan on every start: no comments or indentation (names are kept, so stack
    // traces stay readable), and only ASCII, because one non-ASCII character in a comment makes V8 hold
    // the whole 2 MB source as two-byte characters.
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    legalComments: 'none',
    plugins: [nativeAddonsExternal],
    // The sources are ES modules: `import.meta.url` is the bundle's own URL (load-on-use.ts resolves packages
    // from it), and no module of the bundle is the process's main module.
    define: { 'import.meta.url': '__bundleUrl', 'import.meta.main': 'false' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'silent',
  });
  for (const [name, path] of Object.entries(paths)) renameSync(join(temporary, `${name}.cjs`), path);
  rmSync(temporary, { recursive: true, force: true });
  for (const name of readdirSync(cacheDir))
    if (/^cli-[0-9a-f]+[.-]/.test(name) && !name.startsWith(`${fingerprint}-`))
      rmSync(join(cacheDir, name), { force: true });
  return paths;
}

/** Commands with a code cache of their own; anything else (a typo, `--help`) shares `other`. */
const commands = new Set(['check', 'verify-pin', 'verify-envelope', 'diff', 'drift', 'import', 'export']);

/** The bundle entries, by name: what each exports is what `loadCli` calls. */
const entries = { main: 'src/cli/main.ts', check: 'src/cli/check.ts' };

/**
 * Runs the bundle as Node runs a CommonJS file, but through vm.Script so it can use, and after the command
 * ran, write, a code cache: one per command (`check` and `diff` need different functions), next to the
 * bundle and keyed like it. V8 checks a code cache against the source and its own version and flags, and
 * rejects one that does not match; a rejected or missing cache is simply written again.
 * @param {string} path the bundle
 * @param {string} command the command about to run, which names the code cache
 */
function loadBundle(path, command) {
  const codeCachePath = `${path.slice(0, -'.cjs'.length)}-${commands.has(command) ? command : 'other'}.v8cache`;
  const bytes = readFileSync(path);
  // The bundle is ASCII (see `charset`), for which latin1 is the exact and fastest decoding.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  let cachedData;
  try {
    cachedData = readFileSync(codeCachePath);
  } catch {
    // First run of this command on these sources.
  }
  // Node's own CommonJS wrapper, on the first line so line numbers in stack traces are the bundle's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: path,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(path), bundle, path, dirname(path));
  const cacheWanted = !cachedData || script.cachedDataRejected === true;
  return {
    exports: bundle.exports,
    /** After the command ran: writes the code cache if there was none that fitted (atomically, as above). */
    saveCodeCache() {
      if (!cacheWanted) return;
      try {
        const temporary = join(cacheDir, `.v8cache-${process.pid}-${Date.now()}`);
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, codeCachePath);
      } catch {
        // A read-only folder: the next run compiles lazily again, which is only slower.
      }
    },
  };
}

/**
 * The CLI's `run`, from the cached bundle when it can be had, else from the sources; and `saveCodeCache`,
 * to call once the command is done. `check` without `--scan` (the adopt commands' scan) runs from the
 * check bundle, exactly as main.ts's `run` would run it.
 * @param {readonly string[]} argv the command line after `contract-docs`
 * @returns {Promise<{ run: (argv: readonly string[], out: (text: string) => void, err: (text: string) => void) => number, saveCodeCache: () => void }>}
 */
export async function loadCli(argv = []) {
  module.enableCompileCache?.(join(cacheDir, 'compile'));
  if (process.env['CONTRACT_DOCS_NO_BUNDLE'] !== '1') {
    let paths;
    try {
      paths = await bundledCliPaths();
    } catch {
      // No esbuild (dependencies installed without devDependencies) or a read-only folder: run the sources.
    }
    if (paths)
      try {
        const [command = '', ...rest] = argv;
        if (command === 'check' && !rest.some((arg) => /^--scan(=|$)/.test(arg))) {
          const { exports, saveCodeCache } = loadBundle(paths.check, command);
          return { run: (args, out, err) => exports.checkCommand(args.slice(1), { out, err }), saveCodeCache };
        }
        const { exports, saveCodeCache } = loadBundle(paths.main, command);
        return { run: exports.run, saveCodeCache };
      } catch {
        // A bundle that cannot run here (it should not happen): the sources are the truth.
      }
  }
  const { run } = await import('../src/cli/main.ts');
  return { run, saveCodeCache() {} };
}

/**
 * Runs a command of the CLI as `contract-docs` does: each text written as a line, and an exception (a bug of
 * ours, never the content's) turned into one line and exit code 2, with no stack trace. The check server
 * (bin/check-server.mjs) runs its requests through this too, so its output is the same, byte for byte.
 * @param {(argv: readonly string[], out: (text: string) => void, err: (text: string) => void) => number} run
 * @param {readonly string[]} argv the command line after `contract-docs`
 * @param {(text: string) => void} writeOut where standard output goes
 * @param {(text: string) => void} writeErr where standard error goes
 * @returns {number} the exit code
 */
export function runCli(run, argv, writeOut, writeErr) {
  const line = (text) => (text.endsWith('\n') ? text : `${text}\n`);
  try {
    return run(
      argv,
      (text) => writeOut(line(text)),
      (text) => writeErr(line(text)),
    );
  } catch (error) {
    writeErr(`contract-docs: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
