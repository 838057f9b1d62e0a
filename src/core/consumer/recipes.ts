import type { Payload } from '../../schemas/payload.ts';

/**
 * The consumer recipes: the `package.json` scripts and the pin file a consumer copies from the
 * "For consumers" page. One definition, so the page shows exactly what the recipe test runs in a
 * throwaway consumer project.
 */

/** Where a consumer keeps the producer's files, relative to its repository root. */
export const consumerLayout = {
  payload: 'memorykernel/handoff-candidate.json',
  tool: 'memorykernel/contract-docs-consumer.mjs',
  pin: 'memorykernel/pin.json',
  manifest: 'memorykernel/producer-contract-manifest.json',
  fixtures: (contract: string) => `test/fixtures/memorykernel/${contract}`,
} as const;

export interface RecipeUrls {
  /** Absolute URL of the published payload, e.g. `https://contracts.internal.example/handoff/service-v3/handoff-candidate.json`. */
  payload: string;
  /** Absolute URL of the published consumer CLI bundle. */
  tool: string;
}

/** The scripts a consumer adds to its `package.json`; the names are the ones the cutover gates cite. */
export function consumerScripts(urls: RecipeUrls, contracts: readonly string[]): Record<string, string> {
  const cli = `node ${consumerLayout.tool}`;
  return {
    'fetch:memorykernel-payload': `mkdir -p memorykernel && curl -fsSL ${urls.payload} -o ${consumerLayout.payload} && curl -fsSL ${urls.tool} -o ${consumerLayout.tool}`,
    'check:memorykernel-pin': `${cli} verify-pin --payload ${consumerLayout.payload} --pin ${consumerLayout.pin} --manifest ${consumerLayout.manifest}`,
    'test:memorykernel-contract': contracts
      .map(
        (contract) =>
          `${cli} verify-envelope --payload ${consumerLayout.payload} --contract ${contract} ${consumerLayout.fixtures(contract)}/*.json`,
      )
      .join(' && '),
  };
}

/**
 * A pin file that matches `payload`: the values a consumer pinned to this producer build must have.
 * `expected_contract_facts_sha256` is the digest to pin (it changes only when a contract fact does);
 * the payload's own sha256 changes with every prose edit and is not worth pinning.
 */
export function examplePinFile(payload: Payload): Record<string, string | number> {
  return {
    memorykernel_repo: 'https://github.com/example/MemoryKernel',
    release_tag: payload.livePin.release_tag,
    commit_sha: payload.livePin.commit_sha,
    expected_service_contract_version: payload.livePin.service_contract_version,
    expected_api_contract_version: payload.livePin.api_contract_version,
    expected_integration_baseline: payload.livePin.integration_baseline,
    expected_producer_manifest_sha256: payload.digests.producerManifest.sha256,
    expected_contract_facts_sha256: payload.digests.contractFacts,
    default_base_url: 'http://127.0.0.1:4010',
    default_timeout_ms: 5000,
  };
}
