import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';

/**
 * The consumer CLI's edges: a body naming another contract, error codes of the wrong type, contract
 * names that are also names of Object's properties, pin files with the consumer's own keys, the contract
 * facts digest, and inputs that are not regular files.
 */
const consumer = mkdtempSync(join(tmpdir(), 'assistsupport-kit-'));
afterAll(() => rmSync(consumer, { recursive: true, force: true }));

const payloadPath = join(repoRoot, 'content/migrations/service-v3/handoff-candidate.json');
const payload = JSON.parse(readFileSync(payloadPath, 'utf8')) as {
  digests: { contractFacts: string; producerManifest: { path: string; sha256: string } };
};
const manifestSha = createHash('sha256')
  .update(readFileSync(join(repoRoot, payload.digests.producerManifest.path)))
  .digest('hex');
const pin = {
  memorykernel_repo: 'https://git.example/memorykernel',
  release_tag: 'v0.3.2',
  commit_sha: 'cf331449e1589581a5dcbb3adecd3e9ae4509277',
  expected_service_contract_version: 'service.v2',
  expected_api_contract_version: 'api.v1',
  expected_integration_baseline: 'integration/v1',
  expected_producer_manifest_sha256: manifestSha,
  expected_contract_facts_sha256: payload.digests.contractFacts,
  default_base_url: 'http://127.0.0.1:4010',
  default_timeout_ms: 5000,
};
const v3 = { service_contract_version: 'service.v3', error: { code: 'write_conflict', message: 'Changed.' } };

function write(name: string, value: unknown): string {
  const path = join(consumer, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
  return name;
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/contract-docs.mjs'), ...args], {
    cwd: consumer,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const envelope = (contract: string, ...files: string[]) =>
  cli('verify-envelope', '--payload', payloadPath, '--contract', contract, ...files);

describe('verify-envelope', () => {
  it('refuses a body whose service_contract_version is not the contract checked', () => {
    const file = write('fixtures/says-v2.json', { ...v3, service_contract_version: 'service.v2' });
    const result = envelope('service.v3', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'fixtures/says-v2.json: service_contract_version: wrong-contract-version: `service_contract_version` is `service.v2`, expected `service.v3`, the contract being checked',
        '✖ 1 of 1 response breaks the service.v3 envelope policy',
        '',
      ].join('\n'),
    );
  });

  it('checks error.code whatever its type: a number, null or a list is not an error code', () => {
    const files = [42, null, ['write_conflict']].map((code, index) =>
      write(`fixtures/code-${index}.json`, { ...v3, error: { ...v3.error, code } }),
    );
    const result = envelope('service.v3', ...files);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([
      "fixtures/code-0.json: error.code: unknown-error-code: `42` (a number) is not one of the producer's 10 error codes",
      "fixtures/code-1.json: error.code: unknown-error-code: `null` is not one of the producer's 10 error codes",
      "fixtures/code-2.json: error.code: unknown-error-code: a list is not one of the producer's 10 error codes",
      '✖ 3 of 3 responses break the service.v3 envelope policy',
    ]);
  });

  it('looks contracts up by own property: constructor, __proto__ and toString are unknown contracts', () => {
    const file = write('fixtures/v3.json', v3);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const result = envelope(name, file);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `contract-docs verify-envelope: Unexpected contract \`${name}\`, expected one of service.v2, service.v3 (from ${payloadPath})\n`,
      );
    }
  });

  it('refuses a FIFO or a device instead of waiting on it forever', () => {
    const fifo = join(consumer, 'fixtures/pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const started = Date.now();
    const fromFifo = envelope('service.v3', 'fixtures/pipe.json');
    const fromZero = envelope('service.v3', '/dev/zero');
    const asPayload = cli('verify-pin', '--payload', 'fixtures/pipe.json', '--pin', write('pin.json', pin));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect([fromFifo.code, fromZero.code, asPayload.code]).toEqual([2, 2, 2]);
    expect(fromFifo.stderr).toContain('cannot read response fixtures/pipe.json: not a regular file (a FIFO)');
    expect(fromZero.stderr).toContain('cannot read response /dev/zero: not a regular file (a device)');
    expect(asPayload.stderr).toContain('cannot read handoff payload fixtures/pipe.json: not a regular file (a FIFO)');
  });
});

describe('verify-pin', () => {
  it('accepts a pin file with keys of the consumer’s own, with a warning that names them', () => {
    const file = write('pin-extra.json', { ...pin, owner_team: 'assist', notes: 'mirrors MemoryKernel' });
    const result = cli('verify-pin', '--payload', payloadPath, '--pin', file);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: pin-extra.json: 2 keys the pin format does not define, left alone: `owner_team`, `notes`\n',
    );
    expect(result.stdout).toContain('✔ pin-extra.json matches the live pin');
    const json = cli('verify-pin', '--payload', payloadPath, '--pin', file, '--format', 'json');
    expect(JSON.parse(json.stdout).warnings).toEqual([
      'pin-extra.json: 2 keys the pin format does not define, left alone: `owner_team`, `notes`',
    ]);
  });

  it('compares the pinned contract facts digest, recomputed from the payload', () => {
    expect(cli('verify-pin', '--payload', payloadPath, '--pin', write('pin-facts.json', pin)).stdout).toContain(
      'the contract facts digest matches',
    );
    const stale = write('pin-stale-facts.json', { ...pin, expected_contract_facts_sha256: 'f'.repeat(64) });
    const result = cli('verify-pin', '--payload', payloadPath, '--pin', stale);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe(
      `expected_contract_facts_sha256: ${'f'.repeat(64)} (pin-stale-facts.json expected_contract_facts_sha256), expected ${payload.digests.contractFacts} (contract facts of ${payloadPath})`,
    );
  });

  it('a pin whose manifest digest is stale names both values and where each came from', () => {
    const stale = write('pin-stale-manifest.json', { ...pin, expected_producer_manifest_sha256: '0'.repeat(64) });
    const result = cli('verify-pin', '--payload', payloadPath, '--pin', stale);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `expected_producer_manifest_sha256: ${'0'.repeat(64)} (pin-stale-manifest.json expected_producer_manifest_sha256), expected ${payload.digests.producerManifest.sha256} (${payloadPath} digests.producerManifest.sha256)`,
        `✖ pin-stale-manifest.json does not match ${payloadPath}: 1 mismatch`,
        '',
      ].join('\n'),
    );
  });
});

/**
 * The same hostile inputs through the published one-file bundle (`public/tools/contract-docs-consumer.mjs`),
 * which is what a consumer's CI actually runs: it must behave as the CLI above does.
 */
describe('the published consumer bundle, on the same hostile inputs', () => {
  const bundle = (...args: string[]) => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'public/tools/contract-docs-consumer.mjs'), ...args], {
      cwd: consumer,
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const bundleEnvelope = (contract: string, ...files: string[]) =>
    bundle('verify-envelope', '--payload', payloadPath, '--contract', contract, ...files);

  it('error.code of 42, null or a list fails', () => {
    const files = [42, null, ['write_conflict']].map((code, index) =>
      write(`bundle/code-${index}.json`, { ...v3, error: { ...v3.error, code } }),
    );
    const result = bundleEnvelope('service.v3', ...files);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✖ 3 of 3 responses break the service.v3 envelope policy');
  });

  it('constructor, __proto__ and toString are unknown contracts, a clean usage error', () => {
    const file = write('bundle/v3.json', v3);
    for (const name of ['constructor', '__proto__', 'toString']) {
      const result = bundleEnvelope(name, file);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Unexpected contract \`${name}\`, expected one of service.v2, service.v3`);
    }
  });

  it('a FIFO or /dev/zero is refused, not waited on', () => {
    const fifo = join(consumer, 'bundle/pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const fromFifo = bundleEnvelope('service.v3', 'bundle/pipe.json');
    const fromZero = bundleEnvelope('service.v3', '/dev/zero');
    expect([fromFifo.code, fromZero.code]).toEqual([2, 2]);
    expect(fromFifo.stderr).toContain('cannot read response bundle/pipe.json: not a regular file (a FIFO)');
    expect(fromZero.stderr).toContain('cannot read response /dev/zero: not a regular file (a device)');
  });
});
