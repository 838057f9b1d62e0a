import { resolve } from 'node:path';
import type { Corpus } from '../core/corpus.ts';

/**
 * The corpus the integration's check loaded, handed to the content loader of the same process so a build
 * reads and parses `content/` once, not twice (at 3,000 documents the second load cost about 1.7 s of CPU).
 *
 * Astro loads `astro.config.mjs` (the integration) and `src/content.config.ts` (the loader) through
 * separate module graphs, so a module-level variable is not shared between them; a registry on
 * `globalThis` under a `Symbol.for` key is. It holds the latest corpus per content folder only, and a
 * taker asks for the folder it reads, so a loader never gets another project's content.
 */
const registryKey = Symbol.for('contract-docs.checked-corpus');

type Registry = Map<string, Corpus>;

function registry(): Registry {
  const holder = globalThis as { [registryKey]?: Registry };
  holder[registryKey] ??= new Map();
  return holder[registryKey];
}

const keyOf = (root: string, contentDir: string) => resolve(root, contentDir);

/** Records the corpus the check just loaded for `root`/`contentDir` (replacing any earlier one). */
export function shareCheckedCorpus(root: string, contentDir: string, corpus: Corpus): void {
  registry().set(keyOf(root, contentDir), corpus);
}

/**
 * The corpus the check loaded for `root`/`contentDir`, removed from the registry: the first taker (the
 * content loader's first sync) gets it, and any later sync (a file changed in dev) reads the files afresh,
 * so it never sees a corpus older than the change.
 */
export function takeCheckedCorpus(root: string, contentDir: string): Corpus | undefined {
  const key = keyOf(root, contentDir);
  const corpus = registry().get(key);
  registry().delete(key);
  return corpus;
}
