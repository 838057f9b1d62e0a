import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerLayout, consumerScripts, examplePinFile } from '../../src/core/consumer/recipes.ts';
import type { Payload } from '../../src/schemas/payload.ts';
import { repoRoot } from '../helpers/content.ts';

/**
 * The recipes of the "For consumers" page, run as a consumer runs them: a throwaway project with the
 * page's `package.json` scripts and pin file, the published CLI bundle and payload as
 * `fetch:memorykernel-payload` would download them, a mirrored manifest and fixtures. Nothing is
 * installed: `pnpm run` only runs the scripts, which run the bundle with Node.
 */
const project = mkdtempSync(join(tmpdir(), 'consumer-recipe-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const payloadFile = join(repoRoot, 'content/migrations/service-v3/handoff-candidate.json');
const payload = JSON.parse(readFileSync(payloadFile, 'utf8')) as Payload;
const contracts = Object.keys(payload.envelopePolicies);
const scripts = consumerScripts(
  { payload: 'https://contracts.example/handoff.json', tool: 'https://contracts.example/tool.mjs' },
  contracts,
);

const put = (path: string, text: string) => {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), text);
};
put('package.json', `${JSON.stringify({ name: 'assistsupport', private: true, scripts }, null, 2)}\n`);
// What `fetch:memorykernel-payload` downloads, copied instead of fetched (the test has no site to fetch from).
mkdirSync(join(project, 'memorykernel'), { recursive: true });
copyFileSync(payloadFile, join(project, consumerLayout.payload));
copyFileSync(join(repoRoot, 'public/tools/contract-docs-consumer.mjs'), join(project, consumerLayout.tool));
copyFileSync(join(repoRoot, payload.digests.producerManifest.path), join(project, consumerLayout.manifest));
put(consumerLayout.pin, `${JSON.stringify(examplePinFile(payload), null, 2)}\n`);
for (const contract of contracts) {
  const policy = payload.envelopePolicies[contract]!;
  const body: Record<string, unknown> = {
    service_contract_version: contract,
    error: { code: payload.errorCodes.codes[0], message: 'Something failed.' },
  };
  if (policy.required.includes('legacy_error')) body['legacy_error'] = 'Something failed.';
  put(`${consumerLayout.fixtures(contract)}/write-failed.json`, `${JSON.stringify(body, null, 2)}\n`);
}

function run(script: string) {
  const result = spawnSync('pnpm', ['run', '--silent', script], { cwd: project, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the consumer recipes in a throwaway project that installs nothing', () => {
  it('check:memorykernel-pin passes with the page’s pin file and the mirrored manifest', () => {
    const result = run('check:memorykernel-pin');
    expect(result.output).toContain(
      `✔ ${consumerLayout.pin} matches the live pin in ${consumerLayout.payload}: v0.3.2 cf331449e1589581a5dcbb3adecd3e9ae4509277 service.v2; the mirrored manifest matches the producer manifest the payload records; the contract facts digest matches`,
    );
    expect(result.code).toBe(0);
  });

  it('test:memorykernel-contract passes with one conforming fixture per contract', () => {
    const result = run('test:memorykernel-contract');
    for (const contract of contracts)
      expect(result.output).toContain(`✔ 1 response conforms to the ${contract} envelope policy`);
    expect(result.code).toBe(0);
  });

  it('both fail when the consumer drifts: a stale mirrored manifest, a fixture carrying a forbidden field', () => {
    put(
      consumerLayout.manifest,
      `${readFileSync(join(repoRoot, payload.digests.producerManifest.path), 'utf8')}# edited\n`,
    );
    const pin = run('check:memorykernel-pin');
    expect(pin.code).toBe(1);
    expect(pin.output).toContain(`mirrored manifest: `);
    expect(pin.output).toContain(
      `(sha256 of ${consumerLayout.manifest}), expected ${payload.digests.producerManifest.sha256}`,
    );
    put(
      `${consumerLayout.fixtures('service.v3')}/with-legacy.json`,
      JSON.stringify({
        service_contract_version: 'service.v3',
        error: { code: 'write_failed', message: 'x' },
        legacy_error: 'x',
      }),
    );
    const contract = run('test:memorykernel-contract');
    expect(contract.code).toBe(1);
    expect(contract.output).toContain(
      'with-legacy.json: legacy_error: forbidden-present: service.v3 forbids `legacy_error`',
    );
  });
});
