// The fingerprint of the CLI's sources: what names its cached bundle (bin/load-cli.mjs) and its check server
// (bin/check-server.mjs). A module of its own because the check client (bin/check-client.mjs) needs it too and
// must not load the bundler's machinery to get it.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project the CLI belongs to (this file's parent folder). */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
/** The CLI's caches: bundles, code caches, the recorded source stats. */
export const cacheDir = join(projectRoot, 'node_modules', '.cache', 'contract-docs');

/**
 * Everything the CLI's import graph can reach inside the project, what pins its packages' versions, and the
 * files that say how the CLI is built and served: an edited build option must not reuse an old bundle, and an
 * edited check server must not keep answering (its socket is named after this fingerprint).
 */
const sourceFolders = ['src/cli', 'src/core', 'src/schemas'];
const versionFiles = [
  'package.json',
  'pnpm-lock.yaml',
  'bin/load-cli.mjs',
  'bin/source-fingerprint.mjs',
  'bin/check-server.mjs',
  'bin/check-client.mjs',
];

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
