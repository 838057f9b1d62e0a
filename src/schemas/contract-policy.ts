import { z } from 'zod';
import { valueSourceSchema } from './value-source.ts';
import { isoDateSchema, serviceContractVersionSchema } from './common.ts';

/** A field of a non-2xx error envelope as a dotted path, e.g. `error.code`. */
export const envelopeFieldSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*$/, 'a dotted snake_case field path such as error.code');

/** Which fields a non-2xx envelope must, may and must not carry. The three sets are disjoint. */
export const envelopePolicySchema = z.strictObject({
  /** Fields every non-2xx body must carry, e.g. `error.code`. */
  required: z.array(envelopeFieldSchema),
  /** Fields a body may carry, e.g. `error.details`. */
  optional: z.array(envelopeFieldSchema).default([]),
  /** Fields a body must not carry, e.g. `api_contract_version`. */
  forbidden: z.array(envelopeFieldSchema).default([]),
  /** When true, any field not listed as required or optional is rejected too. */
  closed: z.boolean().default(false),
});
export type EnvelopePolicy = z.output<typeof envelopePolicySchema>;

/** `content/contracts/<version>.yaml`: one service contract version and its error-envelope policy. */
export const contractPolicySchema = z.strictObject({
  /** Always `contract-policy`. */
  kind: z.literal('contract-policy'),
  /** The contract version, equal to the file name, e.g. `service.v2`. */
  version: serviceContractVersionSchema,
  /** Page title, e.g. `service.v2 error envelope`. */
  title: z.string().min(1),
  /** `live` is served today, `candidate` is rehearsed, `retired` is no longer served. */
  status: z.enum(['live', 'candidate', 'retired']),
  /** Day the policy was last confirmed, e.g. `2026-02-08`. */
  updated: isoDateSchema,
  /**
   * Fields read from a file of the producer's repository instead of written here (file + JSON Pointer per
   * field), e.g. the pin from `contracts/integration/v1/producer-contract-manifest.json`.
   */
  source: valueSourceSchema.optional(),
  /** The non-2xx error envelope policy. */
  envelope: envelopePolicySchema,
  /** An example non-2xx body that satisfies the policy, shown on the site. */
  example: z.record(z.string(), z.unknown()).optional(),
});
export type ContractPolicy = z.output<typeof contractPolicySchema>;
