// How the CLI starts fast. Running the TypeScript sources directly costs ~0.5 s of CPU, nearly all of it
// loading and compiling ~150 modules, which is too slow for a pre-commit hook or a check on save. Two things
// take most of that away, and both are caches, never artifacts that could drift from the code:
//   1. Node's module compile cache (V8 code cache on disk), for whatever is loaded;
//   2. the CLI bundled into one file with esbuild, keyed by a hash of the sources it is made from, so an
//      edited rule is rebuilt on the next run and a stale bundle is never used.
// Without esbuild (a production install) or with CONTRACT_DOCS_NO_BUNDLE=1 the sources run as they are.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/**
 * A hash of the bytes of every file the bundle is made from (~2 ms): an edit anywhere makes a new bundle.
 * @param {string} root the project folder
 */
export function sourceFingerprint(root = projectRoot) {
  const hash = createHash('sha256');
  const files = sourceFolders.flatMap((folder) => listFiles(join(root, folder), []));
  for (const file of [...files.sort(), ...versionFiles.map((name) => join(root, name))]) {
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

/**
 * Sätteri's JavaScript is bundled (one file instead of ~35 modules to resolve and load); only its napi-rs
 * loader, which picks the native addon for the platform at run time, stays a file of its own, imported
 * by absolute URL since the bundle lives in the cache folder.
 */
const nativeAddonsExternal = {
  name: 'native-addons-external',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, async (args) => {
      if (!/[\\/]satteri[\\/]dist[\\/]/.test(args.importer)) return undefined;
      return { path: pathToFileURL(join(args.resolveDir, '..', 'index.js')).href, external: true };
    });
  },
};

async function bundledCliPath() {
  const path = join(cacheDir, `cli-${sourceFingerprint()}.mjs`);
  try {
    if (statSync(path).isFile()) return path;
  } catch {
    // Not built for these sources yet.
  }
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  // A unique temporary name and a rename: two runs building at once each write whole files, and a reader
  // never sees half a bundle.
  const temporary = join(cacheDir, `.cli-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(projectRoot, 'src/cli/main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Less source to read and scan on every start: no comments or indentation (names are kept, so stack
    // traces stay readable), and only ASCII, because one non-ASCII character in a comment makes V8 hold
    // the whole 2 MB source as two-byte characters.
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    legalComments: 'none',
    plugins: [nativeAddonsExternal],
    // CommonJS packages inside an ESM bundle still call require() for Node's built-in modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  renameSync(temporary, path);
  for (const name of readdirSync(cacheDir))
    if (/^cli-[0-9a-f]+\.mjs$/.test(name) && join(cacheDir, name) !== path)
      rmSync(join(cacheDir, name), { force: true });
  return path;
}

/** The CLI module (`run`), from the cached bundle when it can be had, else from the sources. */
export async function loadCli() {
  module.enableCompileCache?.(join(cacheDir, 'compile'));
  if (process.env['CONTRACT_DOCS_NO_BUNDLE'] !== '1') {
    try {
      return await import(pathToFileURL(await bundledCliPath()).href);
    } catch {
      // No esbuild (dependencies installed without devDependencies) or a read-only folder: run the sources.
    }
  }
  return import('../src/cli/main.ts');
}
