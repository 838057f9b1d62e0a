import type { Corpus, MigrationBundle } from './corpus.ts';
import { definingKind, referenceKinds, type ReferenceKind } from './ids.ts';

/**
 * What a corpus would define if every file had loaded. When a file fails to load, its `syntax` or
 * `schema` report says why; rules must treat what it defines as unknown, not as wrong, or one broken
 * file turns into dozens of misleading reports elsewhere.
 */

/** The id kinds a migration defines in documents that did not load, when some file of it failed to load. */
export function unloadedKinds(corpus: Corpus, bundle: MigrationBundle): Set<ReferenceKind> {
  const kinds = new Set<ReferenceKind>();
  if (!corpus.loadProblems.some((problem) => problem.file.startsWith(`${bundle.dir}/`))) return kinds;
  for (const kind of referenceKinds) if (!bundle[definingKind(kind)]) kinds.add(kind);
  return kinds;
}

/** Contract versions whose file (`contracts/<version>.yaml`) exists but did not load. */
export function unloadedContractVersions(corpus: Corpus): Set<string> {
  const loaded = new Set(corpus.contracts.map((contract) => contract.file));
  const versions = new Set<string>();
  for (const problem of corpus.loadProblems) {
    const match = /(?:^|\/)contracts\/([^/]+)\.(?:ya?ml|json)$/.exec(problem.file);
    if (match?.[1] && !loaded.has(problem.file)) versions.add(match[1]);
  }
  return versions;
}

/** Files that were read but did not load (a `syntax` or `schema` report says why): their facts are unknown. */
export function unloadedFiles(corpus: Corpus): Set<string> {
  const loaded = new Set([...corpus.documents, ...corpus.data].map((entry) => entry.file));
  return new Set(corpus.loadProblems.map((problem) => problem.file).filter((file) => !loaded.has(file)));
}

/**
 * Whether a migration's document of kind `slot` is unknown rather than absent: the slot is empty, but
 * a file of the migration failed to load and may well be that document. A rule must then stay silent
 * about the slot; "add a plan" for a plan that exists but has a typo is advice that leads nowhere.
 */
export function slotUnknown(
  corpus: Corpus,
  bundle: MigrationBundle,
  slot: 'meta' | 'plan' | 'tracker' | 'rfc' | 'gates',
): boolean {
  if (bundle[slot]) return false;
  for (const file of unloadedFiles(corpus)) if (file.startsWith(`${bundle.dir}/`)) return true;
  return false;
}
