import { z } from 'zod';

/**
 * Building blocks shared by every document kind. Each field carries JSDoc because these schemas are
 * the one definition of the input: editors show it as help, and the JSON Schemas are generated from it.
 */

/** A stable, human-typed id: lower-case kebab-case or an upper-case tracker key such as `P1`. */
export const idSchema = z
  .string()
  .regex(
    /^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[A-Z]+[0-9]+)$/,
    'a kebab-case id such as `producer-suite-green` or a tracker key such as `P1`',
  );

/** A calendar date written `YYYY-MM-DD`. YAML loaders that turn dates into `Date` objects are normalised back. */
export const isoDateSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD, such as 2026-02-08')
    // `2026-02-30` has the shape of a date but is none: JavaScript would roll it over into March.
    // (Only for the right shape: a wrong shape is the regex's report alone.)
    .refine(
      (text) => !/^\d{4}-\d{2}-\d{2}$/.test(text) || isCalendarDate(text),
      'expected a real calendar date written YYYY-MM-DD, such as 2026-02-08',
    ),
);

/** Whether `YYYY-MM-DD` names a day that exists (month 1-12, day within the month, leap years counted). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Which side of the contract owns a gate, task, prerequisite or piece of evidence. */
export const ownerSchema = z.enum(['producer', 'consumer', 'joint']);
export type Owner = z.output<typeof ownerSchema>;

/** A release tag such as `v0.3.2`. */
export const releaseTagSchema = z.string().regex(/^v\d+\.\d+\.\d+$/, 'a release tag such as v0.3.2');
/** A full 40-character lower-case git commit sha. */
export const commitShaSchema = z.string().regex(/^[0-9a-f]{40}$/, 'a commit sha of 40 lower-case hex digits');
/** A service contract version such as `service.v2`. */
export const serviceContractVersionSchema = z
  .string()
  .regex(/^service\.v\d+$/, 'a service contract version such as service.v2');
/** An API contract version such as `api.v1`. */
export const apiContractVersionSchema = z.string().regex(/^api\.v\d+$/, 'an API contract version such as api.v1');
/** An integration baseline such as `integration/v1`. */
export const integrationBaselineSchema = z
  .string()
  .regex(/^integration\/v\d+$/, 'an integration baseline such as integration/v1');

/** The five values that pin a consumer to one producer build. Field names match the consumer's pin file. */
export const pinSchema = z.strictObject({
  /** Release tag of the producer build, e.g. `v0.3.2`. */
  release_tag: releaseTagSchema,
  /** Commit the release tag points at, e.g. `cf331449e1589581a5dcbb3adecd3e9ae4509277`. */
  commit_sha: commitShaSchema,
  /** Service contract the build serves, e.g. `service.v2`. */
  service_contract_version: serviceContractVersionSchema,
  /** API contract the build serves, e.g. `api.v1`. */
  api_contract_version: apiContractVersionSchema,
  /** Integration baseline both sides test against, e.g. `integration/v1`. */
  integration_baseline: integrationBaselineSchema,
});
export type Pin = z.output<typeof pinSchema>;
/** The pin field names, in the order the consumer's pin file uses. */
export const pinFields = [
  'release_tag',
  'commit_sha',
  'service_contract_version',
  'api_contract_version',
  'integration_baseline',
] as const;
export type PinField = (typeof pinFields)[number];

/** An item of a list that other places refer to by id: a trigger, an action, a prerequisite ... */
export const listedItemSchema = z.strictObject({
  /** Stable id other documents use to refer to this item, e.g. `consumer-suite-fails`. */
  id: idSchema,
  /** One sentence that states the item, e.g. `Consumer contract suite fails after the candidate repin.` */
  title: z.string().min(1),
});

/** Status a document declares about itself. */
export const documentStatusSchema = z.enum([
  'active',
  'draft',
  'review',
  'accepted',
  'implemented',
  'superseded',
  'historical',
]);

/** Fields every prose document (plan, tracker, RFC, gates ...) carries in its frontmatter. */
export const documentBaseShape = {
  /** Page title, e.g. `Service.v3 rehearsal plan`. */
  title: z.string().min(1),
  /** One-line summary shown under the title and in search results. */
  description: z.string().min(1).optional(),
  /** Day the document was last reviewed for accuracy, e.g. `2026-02-08`. */
  updated: isoDateSchema,
  /** Team accountable for the document, e.g. `MemoryKernel`. */
  owner: z.string().min(1),
  /**
   * Lifecycle of the document itself: `active` for living documents, `draft`/`review`/`accepted`/`implemented`
   * for RFCs (`implemented` once the runtime runs what it proposed), `superseded`/`historical` once it is kept
   * only for the record.
   */
  status: documentStatusSchema,
  /** For a `superseded` or `historical` document: the path of the document that replaces it. */
  supersededBy: z.string().min(1).optional(),
};
