import { z } from 'zod';

/**
 * `contract-docs.config.json` at the project root (the folder holding `content/`): where the project sits
 * in the producer's repository and where the producer's machine-readable files are. Every key is optional.
 */
export const projectConfigSchema = z.strictObject({
  /** Optional `$schema` reference for editors. */
  $schema: z.string().optional(),
  /**
   * The repository root, relative to the project root, e.g. `..` when the docs live in `docs/` of the
   * producer's repository. Source files, release handoff and evidence bundle paths are relative to it.
   * Default: the git top level of the project, or the project root outside git.
   */
  repositoryRoot: z.string().min(1).optional(),
  /**
   * Where the producer's release handoff JSON files are, as repository-relative globs (`*`, `**`), e.g.
   * `contracts/integration/v1/release-handoff*.json`. Default: `**\/release-handoff*.json`.
   */
  releaseHandoffs: z.array(z.string().min(1)).optional(),
  /**
   * Where evidence bundles (JSON lists of `path` + `sha256` pairs) are, as repository-relative globs.
   * Default: `**\/evidence-bundle*.json`.
   */
  evidenceBundles: z.array(z.string().min(1)).optional(),
});
export type ProjectConfig = z.output<typeof projectConfigSchema>;

/** The file name of the project config. */
export const projectConfigFileName = 'contract-docs.config.json';
