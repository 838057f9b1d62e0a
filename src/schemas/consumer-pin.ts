import { z } from 'zod';
import {
  apiContractVersionSchema,
  commitShaSchema,
  integrationBaselineSchema,
  releaseTagSchema,
  serviceContractVersionSchema,
} from './common.ts';
import { sha256Schema } from './payload.ts';

/**
 * The consumer's pin file, in the format AssistSupport already uses: which producer build it is pinned
 * to, and how it reaches the producer. `contract-docs verify-pin` compares it with a handoff payload's
 * `livePin`; the exported JSON Schema lets a consumer validate it with any standard validator.
 */
export const consumerPinSchema = z
  // The consumer's file is theirs: keys we do not know are allowed (verify-pin names them in a warning).
  .looseObject({
    /** Where the producer repository lives, as the consumer refers to it (a URL or a path), e.g. `https://github.com/example/MemoryKernel`. */
    memorykernel_repo: z.string().min(1),
    /** Release tag of the pinned producer build, e.g. `v0.3.2`; must equal the payload's `livePin.release_tag`. */
    release_tag: releaseTagSchema,
    /** Commit the release tag points at, e.g. `cf331449e1589581a5dcbb3adecd3e9ae4509277`; must equal `livePin.commit_sha`. */
    commit_sha: commitShaSchema,
    /** Service contract the consumer expects, e.g. `service.v2`; must equal `livePin.service_contract_version`. */
    expected_service_contract_version: serviceContractVersionSchema,
    /** API contract the consumer expects, e.g. `api.v1`; must equal `livePin.api_contract_version`. */
    expected_api_contract_version: apiContractVersionSchema,
    /** Integration baseline the consumer tests against, e.g. `integration/v1`; must equal `livePin.integration_baseline`. */
    expected_integration_baseline: integrationBaselineSchema,
    /** sha256 of the producer contract manifest the consumer mirrors, 64 lower-case hex digits. */
    expected_producer_manifest_sha256: sha256Schema,
    /**
     * sha256 of the producer's contract facts (the payload's `digests.contractFacts`), optional. Pin this
     * rather than the payload's own sha256: it changes only when a contract fact does, not with prose.
     */
    expected_contract_facts_sha256: sha256Schema.optional(),
    /** Base URL of the producer service the consumer calls by default, e.g. `http://127.0.0.1:4010`. */
    default_base_url: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/, 'a base URL such as http://127.0.0.1:4010'),
    /** Default request timeout in milliseconds, e.g. `5000`. */
    default_timeout_ms: z.number().int().positive(),
  })
  .meta({
    title: 'Consumer pin file',
    description: "The consumer's pin to one producer build; checked against the handoff payload's live pin.",
  });
export type ConsumerPin = z.output<typeof consumerPinSchema>;
