import { z } from 'zod';
import { repositoryPathSchema } from './value-source.ts';

/** A lower-case hex sha256 digest, e.g. `9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`. */
const digestSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 digest of 64 lower-case hex digits');

/** One artifact of an evidence bundle: a file of the repository and the digest it must have. */
export const evidenceArtifactSchema = z.looseObject({
  /** Repository-relative path of the artifact, e.g. `evidence/consumer-suite-results.json`. */
  path: repositoryPathSchema,
  /** sha256 of the file's bytes, lower-case hex. */
  sha256: digestSchema,
});

/**
 * An evidence bundle (found by the `evidenceBundles` globs of `contract-docs.config.json`): the artifacts
 * a gate's evidence consists of, each with the digest it had when it was recorded. Objects are loose:
 * a bundle may carry more than paths and digests (who recorded it, when).
 */
export const evidenceBundleSchema = z.looseObject({
  /** The artifacts, each a `path` + `sha256` pair. */
  artifacts: z.array(evidenceArtifactSchema).min(1),
});
export type EvidenceBundle = z.output<typeof evidenceBundleSchema>;
