import { z } from 'zod';

/**
 * Where an entry's values live when the producer's repository already holds them in a machine-readable
 * file: the loader reads each value from there, and every rule then uses it as if it were written here.
 */

/** A repository-relative POSIX path: no leading slash, no `..` segment, no backslash or drive letter. */
export const repositoryPathSchema = z
  .string()
  .regex(
    /^(?![/\\])(?!-)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\\:\0]+$/,
    'a repository-relative path such as contracts/integration/v1/producer-contract-manifest.json',
  );

/** A JSON Pointer (RFC 6901): `/` then keys separated by `/`, with `~1` for `/` and `~0` for `~` in a key. */
export const jsonPointerSchema = z
  .string()
  .regex(/^(?:\/(?:[^~/]|~[01])*)+$/, 'a JSON Pointer such as /release_tag or /additive_notice/emergency_hours');

/** A field of the declaring file as a dotted path, e.g. `pin.release_tag` or `errorCodes.codes`. */
export const sourcedFieldSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted field path such as pin.release_tag');

/** `source:` in a runtime pin, producer manifest or contract policy. */
export const valueSourceSchema = z.strictObject({
  /**
   * The file the values are read from, relative to the repository root (see `repositoryRoot` in
   * `contract-docs.config.json`), JSON or YAML, e.g. `contracts/integration/v1/producer-contract-manifest.json`.
   */
  file: repositoryPathSchema,
  /**
   * Optional sha256 of the file's bytes: the `artifact-digests` rule then notices any change of the file,
   * even one that leaves every sourced value valid.
   */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a sha256 digest of 64 lower-case hex digits')
    .optional(),
  /**
   * For each sourced field of this file (dotted path, e.g. `pin.commit_sha`), the JSON Pointer of its value
   * in `file`, e.g. `/commit_sha`. A sourced field must not also be written by hand.
   */
  values: z.record(sourcedFieldSchema, jsonPointerSchema).refine((values) => Object.keys(values).length > 0, {
    message: 'at least one field, such as pin.release_tag: /release_tag',
  }),
});
export type ValueSource = z.output<typeof valueSourceSchema>;
