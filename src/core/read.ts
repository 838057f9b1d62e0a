import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Corpus, LoadProblem, ReadRepositoryBytes, SourceFile } from './corpus.ts';
import { openRepositoryGit } from './git.ts';
import { readBoundedFile, type BoundedRead } from './fs/read-bounded.ts';
import { contentLimits, limitMessages } from './limits.ts';
import { loadCorpusFromFiles } from './load.ts';
import { decodeSource } from './parse/source.ts';
import { resolveProjectLayout } from './project.ts';
import { findRepositoryFiles, globToRegExp } from './repository-files.ts';
import { releaseHandoffSchema } from '../schemas/index.ts';
import type { ReadRepositoryFile } from './sources.ts';

const contentFile = /\.(md|mdx|ya?ml|json)$/;

/**
 * Reads every content file under `root/contentDir`, in a stable order. Symlinks may point inside the
 * content folder only; each real directory is walked once (a link cycle cannot loop); anything that is
 * not a regular file (a FIFO, a socket) is skipped rather than read, so nothing can hang the check.
 */
export function readContentFiles(
  root: string,
  contentDir = 'content',
): { files: SourceFile[]; problems: LoadProblem[] } {
  const listing = listContentFiles(root, contentDir);
  const read = readListedFiles(root, listing.paths);
  return { files: read.files, problems: [...listing.problems, ...read.problems] };
}

/** The content files under `root/contentDir` (repository-relative paths, stable order), without reading them. */
export function listContentFiles(root: string, contentDir = 'content'): { paths: string[]; problems: LoadProblem[] } {
  const paths: string[] = [];
  const problems: LoadProblem[] = [];
  const start = { start: { line: 1, column: 1 } };
  const problem = (file: string, reason: string, hint: string) =>
    problems.push({ stage: 'syntax', file, place: start, reason, hint });
  const base = join(root, contentDir);
  const baseStat = statOrUndefined(base);
  if (!baseStat?.isDirectory()) {
    problem(
      contentDir,
      baseStat
        ? `Unexpected file at \`${contentDir}\`, expected the folder that holds the documents`
        : `Missing content folder \`${contentDir}\`, expected the folder that holds the documents`,
      'Run the check from the repository root, or pass --root.',
    );
    return { paths, problems };
  }
  const realBase = realpathSync(base);
  const inside = (target: string) => target === realBase || target.startsWith(realBase + sep);
  const visited = new Set<string>();
  const walk = (dir: string) => {
    const real = realpathOrUndefined(dir);
    if (!real || visited.has(real)) return;
    visited.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      problem(
        relative(root, dir).split(sep).join('/'),
        `Unexpected unreadable folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        'Fix the folder permissions.',
      );
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      const path = relative(root, full).split(sep).join('/');
      const link = lstatSync(full).isSymbolicLink();
      const target = link ? realpathOrUndefined(full) : full;
      if (link && (!target || !inside(target))) {
        problem(
          path,
          'Unexpected symlink pointing outside the content folder, expected content to live inside it',
          'Copy the file into the content folder instead of linking to it.',
        );
        continue;
      }
      const stat = statOrUndefined(full);
      if (stat?.isDirectory()) walk(full);
      else if (stat?.isFile() && contentFile.test(name)) {
        paths.push(path);
      }
    }
  };
  walk(base);
  return { paths, problems };
}

/** Reads listed files; one that cannot be read or is not text becomes a located problem. */
export function readListedFiles(
  root: string,
  paths: readonly string[],
): { files: SourceFile[]; problems: LoadProblem[] } {
  const files: SourceFile[] = [];
  const problems: LoadProblem[] = [];
  const start = { start: { line: 1, column: 1 } };
  for (const path of paths) {
    const read = readBoundedFile(join(root, path), contentLimits.fileBytes);
    if (!read.ok) {
      problems.push({ file: path, place: start, ...unreadProblem(read, path) });
      continue;
    }
    const bytes = read.bytes;
    const decoded = decodeSource(bytes);
    if (decoded.ok) files.push(decoded.bom ? { path, text: decoded.text, bom: true } : { path, text: decoded.text });
    else
      problems.push({
        stage: 'syntax',
        file: path,
        place: decoded.place ? { start: decoded.place } : start,
        reason: decoded.reason,
        hint: 'Save the file as UTF-8 text without NUL bytes, or remove it if it is not a text file.',
      });
  }
  return { files, problems };
}

/** Why a listed content file has no text, as a load problem of that file. */
function unreadProblem(
  read: Exclude<BoundedRead, { ok: true }>,
  path: string,
): Pick<LoadProblem, 'stage' | 'reason' | 'hint' | 'actual' | 'expected'> {
  switch (read.problem) {
    case 'too-large':
      return {
        stage: 'content-limits',
        reason: limitMessages.fileBytes.reason(read.size),
        actual: `${read.size} bytes`,
        expected: [`at most ${contentLimits.fileBytes} bytes`],
        hint: limitMessages.fileBytes.hint,
      };
    case 'missing':
      return {
        stage: 'syntax',
        reason: `Missing file \`${path}\`: it was removed after the content folder was listed, expected it to stay while the check reads it`,
        hint: 'Run the check again once nothing is moving or deleting content files.',
      };
    case 'special':
      return {
        stage: 'syntax',
        reason:
          'Unexpected special file (a FIFO, socket or device) where a content file was listed, expected a regular file',
        hint: 'Replace it with a regular file, or remove it from the content folder.',
      };
    case 'unreadable':
      return {
        stage: 'syntax',
        reason: `Unexpected unreadable file (${read.code})`,
        hint: 'Fix the file permissions.',
      };
  }
}

/** Reads and loads the content of a repository. The only I/O of the checker lives here. */
export function loadCorpus(root: string, contentDir = 'content'): Corpus {
  return loadListedCorpus(root, contentDir, listContentFiles(root, contentDir));
}

/**
 * `loadCorpus` from a listing already made: the listing and the reads are two steps, and whatever
 * happens to the folder between them (a file removed, replaced by a FIFO, grown past the size limit)
 * becomes a located problem of that file. Tests change the folder between the two steps through this.
 */
export function loadListedCorpus(
  root: string,
  contentDir: string,
  listing: { paths: readonly string[]; problems: readonly LoadProblem[] },
): Corpus {
  const layout = resolveProjectLayout(root);
  const read = readListedFiles(root, listing.paths);
  const files = read.files;
  const problems = [...listing.problems, ...read.problems];
  const readRepository = repositoryReader(layout.repositoryRoot);
  // One walk of the repository for both kinds of producer files.
  const handoffPatterns = layout.config.releaseHandoffs ?? defaultReleaseHandoffGlobs;
  const bundlePatterns = layout.config.evidenceBundles ?? defaultEvidenceBundleGlobs;
  const found = findRepositoryFiles(layout.repositoryRoot, [...handoffPatterns, ...bundlePatterns]);
  const readFound = (patterns: readonly string[], keep: (text: string) => boolean = () => true) => {
    const matchers = patterns.map(globToRegExp);
    const out: SourceFile[] = [];
    for (const path of found.filter((candidate) => matchers.some((matcher) => matcher.test(candidate)))) {
      const result = readRepository(path);
      if (result.ok) {
        if (keep(result.text)) out.push({ path, text: result.text });
      } else
        problems.push({
          stage: 'syntax',
          file: path,
          place: { start: { line: 1, column: 1 } },
          reason: result.reason,
          hint: result.hint,
        });
    }
    return out;
  };
  const corpus = loadCorpusFromFiles(files, {
    contentDir,
    exists: (path) => existsSync(join(root, path)),
    readRepositoryFile: readRepository,
    git: openRepositoryGit(layout.repositoryRoot),
    // Found by the default name only, a JSON stating none of a release handoff's keys is another file of the
    // producer's (a handoff in its own shape), not one to validate; a configured path is always validated.
    releaseHandoffs: readFound(handoffPatterns, layout.config.releaseHandoffs ? undefined : mayBeReleaseHandoff),
    evidenceBundles: readFound(bundlePatterns),
    readRepositoryBytes: repositoryBytesReader(layout.repositoryRoot),
  });
  corpus.loadProblems.unshift(...layout.problems, ...problems);
  return corpus;
}

const releaseHandoffKeys = Object.keys(releaseHandoffSchema.shape);

/**
 * Whether a JSON file found by the default release handoff name can be one: it does not parse (the syntax
 * problem is reported), is not an object, or states at least one top-level key of the release handoff schema
 * (a release handoff with keys missing is still one, and the schema says which).
 */
function mayBeReleaseHandoff(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return true;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  return releaseHandoffKeys.some((key) => Object.hasOwn(value, key));
}

/** Where release handoff JSON files are looked for when the config does not say (repository-relative). */
export const defaultReleaseHandoffGlobs = ['**/release-handoff*.json'];
/** Where evidence bundles are looked for when the config does not say (repository-relative). */
export const defaultEvidenceBundleGlobs = ['**/evidence-bundle*.json'];

/** Reads bytes of repository files for digests, confined like `repositoryReader`. */
export function repositoryBytesReader(repositoryRoot: string): ReadRepositoryBytes {
  let realRoot: string | undefined;
  return (path) => {
    realRoot ??= realpathOrUndefined(repositoryRoot) ?? repositoryRoot;
    const full = join(repositoryRoot, path);
    const target = realpathOrUndefined(full);
    if (!target) return { ok: false, reason: `Missing file, expected it at ${path} under the repository root` };
    if (target !== realRoot && !target.startsWith(realRoot + sep))
      return { ok: false, reason: 'Unexpected symlink pointing outside the repository, expected a file inside it' };
    const stat = statOrUndefined(full);
    if (!stat?.isFile()) return { ok: false, reason: 'Unexpected folder or special file, expected a regular file' };
    try {
      return { ok: true, bytes: readFileSync(full) };
    } catch (error) {
      return { ok: false, reason: `Unexpected unreadable file (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  };
}

/** The repository reader for a project root: relative to its repository root (config, git top level, or itself). */
export function repositoryReaderFor(root: string): ReadRepositoryFile {
  return repositoryReader(resolveProjectLayout(root).repositoryRoot);
}

/**
 * Reads files of the repository by repository-relative path, with the same limits content files have:
 * the path must stay inside the repository (also through symlinks), name a regular file, hold text, and
 * be no larger than a content file may be.
 */
export function repositoryReader(repositoryRoot: string): ReadRepositoryFile {
  let realRoot: string | undefined;
  return (path) => {
    realRoot ??= realpathOrUndefined(repositoryRoot) ?? repositoryRoot;
    const full = join(repositoryRoot, path);
    try {
      lstatSync(full);
    } catch {
      return {
        ok: false,
        reason: `Missing file, expected it at ${path} under the repository root`,
        hint: 'Correct the path (it is relative to the repository root, see repositoryRoot in contract-docs.config.json), or add the file.',
      };
    }
    // The real path, so a symlink (or a symlinked folder on the way) cannot lead out of the repository.
    const target = realpathOrUndefined(full);
    if (!target || (target !== realRoot && !target.startsWith(realRoot + sep)))
      return {
        ok: false,
        reason: 'Unexpected symlink pointing outside the repository, expected a file inside it',
        hint: 'Point at the file inside the repository instead of a link to elsewhere.',
      };
    const stat = statOrUndefined(full);
    if (stat?.isDirectory())
      return { ok: false, reason: 'Unexpected folder, expected a file', hint: 'Name the JSON or YAML file itself.' };
    if (!stat?.isFile())
      return {
        ok: false,
        reason: 'Unexpected special file (not a regular file), expected a JSON or YAML file',
        hint: 'Name a regular file.',
      };
    const read = readBoundedFile(full, contentLimits.fileBytes);
    if (!read.ok) {
      if (read.problem === 'too-large')
        return {
          ok: false,
          reason: limitMessages.fileBytes.reason(read.size),
          hint: 'A source of contract facts is a small JSON or YAML file, not a log or a dump.',
        };
      if (read.problem === 'missing')
        return {
          ok: false,
          reason: `Missing file, expected it at ${path} under the repository root (it was removed while the check ran)`,
          hint: 'Run the check again once nothing is moving or deleting files.',
        };
      if (read.problem === 'special')
        return {
          ok: false,
          reason: 'Unexpected special file (not a regular file), expected a JSON or YAML file',
          hint: 'Name a regular file.',
        };
      return { ok: false, reason: `Unexpected unreadable file (${read.code})`, hint: 'Fix the file permissions.' };
    }
    const bytes = read.bytes;
    const decoded = decodeSource(bytes);
    if (!decoded.ok) return { ok: false, reason: decoded.reason, hint: 'Name a JSON or YAML text file.' };
    return { ok: true, text: decoded.text };
  };
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
