import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { contractDataLoader } from './astro/data-loader.ts';
import { regularFilesPattern } from './core/fs/special-files.ts';
import { anyDataSchema, anyDocumentSchema } from './schemas/index.ts';

/**
 * Entry ids are the file's path inside `content/` without its extension (`migrations/service-v3/plan`,
 * `contracts/service.v2`), not Astro's default slug, which would drop the dot in `service.v2`.
 */
const pathId = ({ entry }: { entry: string }) => entry.replace(/\.[^/.]+$/, '');

export const collections = {
  /** Starlight's own collection: hand-written site pages such as the diagnostics guide. */
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  /**
   * Starlight 0.42 always reads an `i18n` collection and Astro 7 warns on every build when it is missing
   * or empty. One empty English entry overrides no UI string and keeps the build log for real warnings.
   */
  i18n: defineCollection({ loader: () => [{ id: 'en' }], schema: i18nSchema() }),
  /**
   * Prose documents (plan, tracker, RFC, gates). The frontmatter schema is the project's own zod schema,
   * the same one the checker uses; the checker has already failed the build if an entry does not match.
   */
  contractDocuments: defineCollection({
    // FIFOs and other special files are left out, as the check leaves them out: reading one never ends.
    loader: glob({ base: './content', pattern: regularFilesPattern('content', '**/*.{md,mdx}'), generateId: pathId }),
    schema: anyDocumentSchema,
  }),
  /**
   * Data files (runtime pin, producer manifest, contract policies, migration metadata) as the checker
   * loaded them: values a file reads from the producer's repository (`source:`) are filled in.
   */
  contractData: defineCollection({ loader: contractDataLoader('content'), schema: anyDataSchema }),
};
