import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { loadCorpus } from '../core/read.ts';
import { takeCheckedCorpus } from './checked-corpus.ts';

/**
 * The `contractData` collection: the data files as the checker loaded them, not as written. A runtime
 * pin or manifest may read its values from the producer's files (`source:`), so the raw YAML does not
 * hold them; the corpus does, already validated by the same schemas the collection uses.
 */
export function contractDataLoader(contentDir = 'content'): Loader {
  return {
    name: 'contract-docs-data',
    load: async ({ store, parseData, generateDigest, config, watcher, logger }) => {
      const root = fileURLToPath(config.root);
      // The first sync takes the corpus the integration's check has just loaded; later ones (dev) read again.
      const sync = async () => {
        const corpus = takeCheckedCorpus(root, contentDir) ?? loadCorpus(root, contentDir);
        store.clear();
        for (const entry of corpus.data) {
          // Ids as the glob loader made them: the path inside content/ without its extension.
          const id = entry.file.slice(contentDir.length + 1).replace(/\.[^/.]+$/, '');
          const data = await parseData({ id, data: structuredClone(entry.data) as Record<string, unknown> });
          store.set({ id, data, digest: generateDigest(JSON.stringify(entry.data)), filePath: entry.file });
        }
      };
      await sync();
      // In dev, a change to a content file or to any file a `source:` reads from reloads the collection.
      watcher?.on('change', (path) => {
        const inside = relative(root, resolve(path));
        if (inside.startsWith('..') || inside.split(sep).includes('node_modules')) return;
        if (!/\.(ya?ml|json)$/.test(inside)) return;
        sync().catch((error: unknown) => logger.error(`contract data reload failed: ${(error as Error).message}`));
      });
    },
  };
}
