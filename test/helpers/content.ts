import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCorpus } from '../../src/core/check.ts';
import { withGeneratedPayloads } from '../../src/core/generate/files.ts';
import type { SourceFile } from '../../src/core/corpus.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import type { RepositoryGit } from '../../src/core/git.ts';
import { loadCorpusFromFiles, type LoadOptions } from '../../src/core/load.ts';
import {
  defaultReleaseHandoffGlobs,
  readContentFiles,
  repositoryBytesReader,
  repositoryReader,
} from '../../src/core/read.ts';
import { resolveProjectLayout } from '../../src/core/project.ts';
import { findRepositoryFiles } from '../../src/core/repository-files.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let shipped: SourceFile[] | undefined;

/** The content this repository ships, read once per test file. */
export function shippedFiles(): SourceFile[] {
  shipped ??= readContentFiles(repoRoot).files;
  return shipped;
}

export function textOf(files: readonly SourceFile[], path: string): string {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`fixture has no ${path}`);
  return file.text;
}

/** A copy of `files` with one file edited. Throws when the edit changes nothing, so a fixture cannot silently rot. */
export function withEdit(files: readonly SourceFile[], path: string, edit: (text: string) => string): SourceFile[] {
  const before = textOf(files, path);
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${path} changed nothing`);
  return files.map((file) => (file.path === path ? { path, text: after } : file));
}

export function replaceOnce(search: string | RegExp, replacement: string): (text: string) => string {
  return (text) => {
    const matches =
      typeof search === 'string' ? text.split(search).length - 1 : (text.match(new RegExp(search, 'g')) ?? []).length;
    if (matches !== 1) throw new Error(`expected exactly one match of ${String(search)}, found ${matches}`);
    return text.replace(search, replacement);
  };
}

/**
 * A stand-in for a git repository with two releases, so the git rules run in in-memory checks (the
 * shipped pin is MemoryKernel's, declared with `repo:`, so it is not looked up here). Real git is
 * exercised by the tests that build a temporary repository.
 */
export const fixtureTags: Readonly<Record<string, string>> = {
  'v0.3.0': 'b7e2d4c1a0f9e8d7c6b5a4938271605f4e3d2c1b',
  'v0.3.1': 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
};
export const fixtureGit: RepositoryGit = {
  status: () => ({ available: true, shallow: false }),
  resolveCommits: (names) => {
    const commits = new Map<string, string | undefined>();
    const known = new Set(Object.values(fixtureTags));
    for (const name of names) {
      const tag = /^refs\/tags\/(.+)\^\{commit\}$/.exec(name)?.[1];
      const sha = /^([0-9a-f]{7,40})\^\{commit\}$/.exec(name)?.[1];
      if (tag !== undefined) commits.set(name, fixtureTags[tag]);
      else if (sha !== undefined)
        commits.set(
          name,
          [...known].find((commit) => commit.startsWith(sha)),
        );
      else commits.set(name, undefined);
    }
    return { ok: true, commits };
  },
};

/**
 * How a test loads files as the CLI would: paths outside the fixture (scripts/...) resolve against the
 * repository, and `source:` files are read from `repositoryFiles` first, then from the repository.
 */
export function loadOptionsFor(
  files: readonly SourceFile[],
  repositoryFiles: readonly SourceFile[] = [],
  /** Also load the repository's release handoff JSON files (off by default: most tests edit content alone). */
  withReleaseHandoffs = false,
): LoadOptions {
  const paths = new Set(files.map((file) => file.path));
  const overrides = new Map(repositoryFiles.map((file) => [file.path, file.text]));
  const fromRepository = repositoryReader(repoRoot);
  const bytesFromRepository = repositoryBytesReader(repoRoot);
  // The repository's release handoff JSON files, as the CLI finds them (contract-docs.config.json globs).
  const handoffGlobs = resolveProjectLayout(repoRoot).config.releaseHandoffs ?? defaultReleaseHandoffGlobs;
  const releaseHandoffs = (withReleaseHandoffs ? findRepositoryFiles(repoRoot, handoffGlobs) : []).map((path) => ({
    path,
    text: overrides.get(path) ?? readFileSync(join(repoRoot, path), 'utf8'),
  }));
  return {
    releaseHandoffs,
    git: fixtureGit,
    readRepositoryBytes: (path) => {
      const text = overrides.get(path);
      return text === undefined ? bytesFromRepository(path) : { ok: true, bytes: Buffer.from(text) };
    },
    exists: (path) => paths.has(path) || existsSync(join(repoRoot, path)),
    readRepositoryFile: (path) => {
      const text = overrides.get(path);
      return text === undefined ? fromRepository(path) : { ok: true, text };
    },
  };
}

/** The producer's contract manifest, outside content/: the shipped pin and manifest read their values from it. */
export const producerManifestJson = 'contracts/integration/v1/producer-contract-manifest.json';

/** The shipped content plus the producer's manifest JSON, so one edit list can change either. */
export function shippedWithManifest(): SourceFile[] {
  return [
    ...shippedFiles(),
    { path: producerManifestJson, text: readFileSync(join(repoRoot, producerManifestJson), 'utf8') },
  ];
}

/** Files under content/ are content; any other given file is a repository file `source:` may read. */
function splitRepositoryFiles(files: readonly SourceFile[], repositoryFiles: readonly SourceFile[]) {
  return {
    content: files.filter((file) => file.path.startsWith('content/')),
    repository: [...repositoryFiles, ...files.filter((file) => !file.path.startsWith('content/'))],
  };
}

/** Checks files as the CLI would (see `loadOptionsFor`). */
export function checkFiles(
  files: readonly SourceFile[],
  repositoryFiles: readonly SourceFile[] = [],
  withReleaseHandoffs = false,
): Diagnostic[] {
  const { content, repository } = splitRepositoryFiles(files, repositoryFiles);
  const corpus = loadCorpusFromFiles(content, loadOptionsFor(content, repository, withReleaseHandoffs));
  // A fixed "today", so rules that compare dates with the check date give the same result every day.
  corpus.checkDate = testCheckDate;
  return checkCorpus(corpus);
}

/** The check date tests run with (`checkProject` uses the real UTC day). */
export const testCheckDate = '2026-11-30';

/** 1-based line and column of the n-th occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** `file:line:column rule-id`, the part of a diagnostic every test asserts. */
export function where(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.ruleId}`;
}

/**
 * Checks files as they would be after the author ran `pnpm generate`: the payload is regenerated, so
 * the report shows the edit's own consequences rather than also "the payload is stale".
 */
export function checkRegenerated(
  files: readonly SourceFile[],
  repositoryFiles: readonly SourceFile[] = [],
): Diagnostic[] {
  const { content, repository } = splitRepositoryFiles(files, repositoryFiles);
  const regenerated = withGeneratedPayloads(content, loadOptionsFor(content, repository));
  return checkFiles(regenerated, repository);
}
