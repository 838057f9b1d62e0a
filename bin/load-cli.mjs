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
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(projectRoot, 'node_modules', '.cache', 'contract-docs');
/** Everything the CLI's import graph can reach inside the project, what pins its packages' versions, and this
 * file, which says how the bundle is built (an edited build option must not reuse an old bundle). */
const sourceFolders = ['src/cli', 'src/core', 'src/schemas'];
const versionFiles = ['package.json', 'pnpm-lock.yaml', 'bin/load-cli.mjs'];

function listFiles(dir, into) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, into);
    else if (entry.isFile()) into.push(path);
  }
  return into;
}

/** @param {string} root the project folder */
function fingerprintedFiles(root) {
  const files = sourceFolders.flatMap((folder) => listFiles(join(root, folder), []));
  return [...files.sort(), ...versionFiles.map((name) => join(root, name))];
}

/**
 * A hash of the bytes of every file the bundle is made from: an edit anywhere makes a new bundle.
 * @param {string} root the project folder
 */
export function sourceFingerprint(root = projectRoot) {
  // Loaded here, not at the top: a start whose sources did not change never hashes (see currentFingerprint).
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  for (const file of fingerprintedFiles(root)) {
    hash.update(file.slice(root.length));
    hash.update('\0');
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('(missing)');
    }
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** A file's identity and last change as the file system has it: size, inode, mtime and ctime in ns. */
function statKey(file) {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.size}:${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return '(missing)';
  }
}

/**
 * How long before the hash a file must have last changed for its recorded stat to vouch for its bytes.
 * Timestamps are coarse (a clock tick, or seconds on some file systems): a file written in the same tick
 * as it was hashed could change again without its stat changing. Such a file is hashed again.
 */
const racyMarginNs = 2_000_000_000n;

/**
 * `sourceFingerprint(root)`, without reading the ~180 source files when none of them changed since it
 * was last computed: the cache keeps each file's stat from then (`sources.json`), and while every file has
 * the same size, inode, mtime and ctime, and changed well before it was hashed, its bytes are the ones
 * hashed. The ctime cannot be set back by tools that restore an mtime (`touch -d`, `tar -x`, `cp -p`), so
 * any later write is seen. The same rule git uses for its index (racy-git). Anything else hashes again.
 * @param {string} root the project folder
 * @param {string} dir where the stats are kept
 */
export function currentFingerprint(root = projectRoot, dir = cacheDir) {
  const manifestPath = join(dir, 'sources.json');
  const files = fingerprintedFiles(root);
  const keys = files.map(statKey);
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const hashedAt = BigInt(manifest.hashedAtNs);
    const settled = (key) =>
      key === '(missing)' ||
      key
        .split(':')
        .slice(2)
        .every((ns) => BigInt(ns) < hashedAt - racyMarginNs);
    if (
      manifest.version === 1 &&
      /^[0-9a-f]{16}$/.test(manifest.fingerprint) &&
      manifest.files.length === files.length &&
      files.every(
        (file, index) => manifest.files[index] === file.slice(root.length) && manifest.keys[index] === keys[index],
      ) &&
      keys.every(settled)
    )
      return manifest.fingerprint;
  } catch {
    // No manifest yet, or not one this version wrote: hash.
  }
  // The stats were taken before the bytes are read: a file written meanwhile has a newer ctime than
  // recorded, so the next start hashes it again.
  const hashedAtNs = BigInt(Date.now()) * 1_000_000n;
  const fingerprint = sourceFingerprint(root);
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = join(dir, `.sources-${process.pid}-${Date.now()}.json`);
    const relative = files.map((file) => file.slice(root.length));
    writeFileSync(
      temporary,
      JSON.stringify({ version: 1, fingerprint, hashedAtNs: String(hashedAtNs), files: relative, keys }),
    );
    renameSync(temporary, manifestPath);
  } catch {
    // A read-only folder: every start hashes, which is only slower.
  }
  return fingerprint;
}

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
