import { z } from 'zod';
import { contractPolicySchema } from './contract-policy.ts';
import { gatesSchema } from './gates.ts';
import { migrationSchema } from './migration.ts';
import { planSchema } from './plan.ts';
import { producerManifestSchema } from './producer-manifest.ts';
import { recordsSchema } from './records.ts';
import { rfcSchema } from './rfc.ts';
import { runtimePinSchema } from './runtime-pin.ts';
import { trackerSchema } from './tracker.ts';

export * from './common.ts';
export * from './contract-policy.ts';
export * from './evidence-bundle.ts';
export * from './gates.ts';
export * from './migration.ts';
export * from './payload.ts';
export * from './plan.ts';
export * from './producer-manifest.ts';
export * from './records.ts';
export * from './references.ts';
export * from './project-config.ts';
export * from './release-handoff.ts';
export * from './rfc.ts';
export * from './runtime-pin.ts';
export * from './tracker.ts';
export * from './value-source.ts';

/** Data files (YAML/JSON), keyed by their `kind`. */
export const dataSchemas = {
  'runtime-pin': runtimePinSchema,
  'producer-manifest': producerManifestSchema,
  'contract-policy': contractPolicySchema,
  migration: migrationSchema,
  records: recordsSchema,
} as const;

/** Prose documents (MDX/Markdown frontmatter), keyed by their `kind`. */
export const documentSchemas = {
  plan: planSchema,
  tracker: trackerSchema,
  rfc: rfcSchema,
  gates: gatesSchema,
} as const;

export type DataKind = keyof typeof dataSchemas;
export type DocumentKind = keyof typeof documentSchemas;
export type Kind = DataKind | DocumentKind;
export const schemasByKind = { ...dataSchemas, ...documentSchemas } as const;
export type DataByKind = { [K in Kind]: z.output<(typeof schemasByKind)[K]> };

/** One schema for every content data file; Astro's content collection uses it. */
export const anyDataSchema = z.discriminatedUnion('kind', [
  runtimePinSchema,
  producerManifestSchema,
  contractPolicySchema,
  migrationSchema,
  recordsSchema,
]);
/** One schema for every prose document's frontmatter; Astro's content collection uses it. */
export const anyDocumentSchema = z.discriminatedUnion('kind', [planSchema, trackerSchema, rfcSchema, gatesSchema]);
