import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../generate/write.ts';

/**
 * Every file the tool writes goes through here: `import` (content files), `export` (producer files),
 * the generators (payload, schemas, bundle). A path is built from data (a JSON key, a deliverable's
 * `producerPath`, an id), so before anything is written the resolved path must stay inside the target
 * folder, also after resolving the symbolic links of the parents that exist. Anything else is refused,
 * with the data it came from named.
 */

/** A write that would land outside its folder. Input to fix, never a crash: the CLIs exit 2 with the message. */
export class ConfinedWriteError extends Error {
  /** The path as the data gave it. */
  readonly path: string;
  /** Where the path came from: `handoff.json: candidate.migration`, `plan.mdx:12:5 producerPath`. */
  readonly origin: string;

  constructor(path: string, origin: string, reason: string) {
    super(`refused to write ${JSON.stringify(path)} (from ${origin}): ${reason}`);
    this.name = 'ConfinedWriteError';
    this.path = path;
    this.origin = origin;
  }
}

/**
 * Refuses a value from data that is about to become a file or folder name unless `isValid` accepts it
 * (the id schema, or a contract version's schema): `../../x` never gets near the file system.
 */
export function assertFileNameValue(
  value: string,
  isValid: (value: string) => boolean,
  expected: string,
  origin: string,
): void {
  if (!isValid(value)) throw new ConfinedWriteError(value, origin, `expected ${expected} as a file name`);
}

/** One file to write: a path relative to the folder, its text, and where the path came from. */
export interface ConfinedFile {
  path: string;
  text: string;
  /** Names the data the path was built from, for a refusal. Defaults to the path itself. */
  origin?: string | undefined;
}

/**
 * The absolute path `path` (relative to `folder`) resolves to, or a `ConfinedWriteError` when it is
 * absolute, holds a NUL, climbs out with `..`, or reaches out through a symbolic link of an existing
 * parent (or is itself a link).
 */
export function confinedPath(folder: string, path: string, origin = path): string {
  if (path === '' || path.includes('\0')) throw new ConfinedWriteError(path, origin, 'not a file name');
  if (isAbsolute(path) || /^[a-zA-Z]:|^[\\/]/.test(path))
    throw new ConfinedWriteError(path, origin, 'an absolute path; expected a path inside the target folder');
  const base = resolve(folder);
  const target = resolve(base, path);
  if (!isInside(base, target)) throw new ConfinedWriteError(path, origin, `it resolves outside ${base}`);
  const realBase = realExistingPrefix(base);
  // The nearest parent that exists decides where the bytes really go.
  let existing = dirname(target);
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  const realParent = realExistingPrefix(existing);
  const realTarget = join(realParent, relative(existing, target));
  if (!isInside(realBase, realTarget))
    throw new ConfinedWriteError(path, origin, `a symbolic link leads it outside ${base}`);
  if (existsSync(target) || isDanglingLink(target)) {
    if (lstatSync(target).isSymbolicLink())
      throw new ConfinedWriteError(path, origin, 'the file is a symbolic link; remove it or write elsewhere');
    if (!lstatSync(target).isFile()) throw new ConfinedWriteError(path, origin, 'it exists and is not a regular file');
  }
  return target;
}

/**
 * Checks every path first (so a refused batch writes nothing), then creates missing folders and writes
 * each file atomically, removing the temporary files a killed earlier run left beside it.
 */
export function writeConfined(folder: string, files: readonly ConfinedFile[]): string[] {
  const targets = files.map((file) => confinedPath(folder, file.path, file.origin ?? file.path));
  files.forEach((file, index) => {
    const target = targets[index] as string;
    mkdirSync(dirname(target), { recursive: true });
    removeStaleTemporaries(target);
    writeFileAtomic(target, file.text);
  });
  return targets;
}

/**
 * Deletes `.<name>.<pid>.<random>.tmp` files beside `target` whose writer process is gone: what
 * `writeFileAtomic` leaves when its process is killed between creating and renaming the file. A live
 * writer's temporary file is left alone.
 */
export function removeStaleTemporaries(target: string): string[] {
  const dir = dirname(target);
  if (!existsSync(dir)) return [];
  const prefix = `.${basename(target)}.`;
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length));
    if (!match || isAlive(Number(match[1]))) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(join(dir, name));
    } catch {
      // Gone already, or not ours to remove: the write itself does not depend on it.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function realExistingPrefix(path: string): string {
  let existing = path;
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, path));
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' ? false : !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
