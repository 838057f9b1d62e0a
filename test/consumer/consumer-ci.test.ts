import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';

/**
 * Plays AssistSupport's CI: a consumer repository with its pin file, a mirrored producer manifest and
 * envelope fixtures, running the published CLI against the committed handoff payload.
 */
const consumer = mkdtempSync(join(tmpdir(), 'assistsupport-'));
afterAll(() => rmSync(consumer, { recursive: true, force: true }));

const payload = join(repoRoot, 'content/migrations/service-v3/handoff-candidate.json');
// The producer manifest a consumer mirrors: the file the payload records under digests.producerManifest.
const manifestText = readFileSync(
  join(
    repoRoot,
    (JSON.parse(readFileSync(payload, 'utf8')) as { digests: { producerManifest: { path: string } } }).digests
      .producerManifest.path,
  ),
);
const manifestSha = createHash('sha256').update(manifestText).digest('hex');
const goodPin = {
  memorykernel_repo: 'https://git.example/memorykernel',
  release_tag: 'v0.3.2',
  commit_sha: 'cf331449e1589581a5dcbb3adecd3e9ae4509277',
  expected_service_contract_version: 'service.v2',
  expected_api_contract_version: 'api.v1',
  expected_integration_baseline: 'integration/v1',
  expected_producer_manifest_sha256: manifestSha,
  default_base_url: 'http://127.0.0.1:4010',
  default_timeout_ms: 5000,
};

function write(name: string, value: unknown): string {
  const path = join(consumer, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(
    path,
    typeof value === 'string' || Buffer.isBuffer(value) ? value : `${JSON.stringify(value, null, 2)}\n`,
  );
  return path;
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/contract-docs.mjs'), ...args], {
    cwd: consumer,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

write('memorykernel/manifest.yaml', manifestText);
write('memorykernel/pin.json', goodPin);
const v2 = {
  service_contract_version: 'service.v2',
  error: { code: 'write_conflict', message: 'Changed by another writer.' },
  legacy_error: 'Changed by another writer.',
};
const { legacy_error: _dropped, ...v2WithoutLegacy } = v2;
const v3 = {
  service_contract_version: 'service.v3',
  error: { code: 'write_conflict', message: 'Changed.', details: { revision: 42 } },
};
write('fixtures/v2.json', v2);
write('fixtures/v2-no-legacy.json', v2WithoutLegacy);
write('fixtures/v3.json', v3);
write('fixtures/v3-with-legacy.json', { ...v3, legacy_error: 'Changed.' });

describe('consumer CI against the published payload', () => {
  it('a matching pin and mirrored manifest pass', () => {
    const result = cli(
      'verify-pin',
      '--payload',
      payload,
      '--pin',
      'memorykernel/pin.json',
      '--manifest',
      'memorykernel/manifest.yaml',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('matches the live pin');
  });

  it('a pin with another release tag or commit sha fails, naming each field', () => {
    write('memorykernel/stale-pin.json', { ...goodPin, release_tag: 'v0.3.1', commit_sha: 'a'.repeat(40) });
    const result = cli('verify-pin', '--payload', payload, '--pin', 'memorykernel/stale-pin.json');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      `release_tag: v0.3.1 (memorykernel/stale-pin.json release_tag), expected v0.3.2 (${payload} livePin.release_tag)`,
      `commit_sha: ${'a'.repeat(40)} (memorykernel/stale-pin.json commit_sha), expected cf331449e1589581a5dcbb3adecd3e9ae4509277 (${payload} livePin.commit_sha)`,
    ]);
  });

  it('a stale mirrored manifest fails against the digest the payload records, each value labelled by origin', () => {
    write('memorykernel/edited-manifest.yaml', `${manifestText.toString()}# local edit\n`);
    const result = cli(
      'verify-pin',
      '--payload',
      payload,
      '--pin',
      'memorykernel/pin.json',
      '--manifest',
      'memorykernel/edited-manifest.yaml',
      '--format',
      'json',
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; mismatches: { field: string }[] };
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([
      {
        field: 'mirrored manifest',
        consumer: {
          value: createHash('sha256').update(`${manifestText.toString()}# local edit\n`).digest('hex'),
          from: 'sha256 of memorykernel/edited-manifest.yaml',
        },
        payload: { value: manifestSha, from: `${payload} digests.producerManifest.sha256` },
      },
    ]);
  });

  it('a v3 fixture carrying legacy_error fails under service.v3, and under service.v2 for naming service.v3', () => {
    const v3Run = cli(
      'verify-envelope',
      '--payload',
      payload,
      '--contract',
      'service.v3',
      'fixtures/v3.json',
      'fixtures/v3-with-legacy.json',
    );
    expect(v3Run.code).toBe(1);
    expect(v3Run.stdout).toContain(
      'fixtures/v3-with-legacy.json: legacy_error: forbidden-present: service.v3 forbids `legacy_error`',
    );
    expect(v3Run.stdout).not.toContain('fixtures/v3.json:');
    // The verb agrees with the count that breaks, the noun with the count checked.
    expect(v3Run.stdout).toContain('✖ 1 of 2 responses breaks the service.v3 envelope policy\n');
    const v2Run = cli(
      'verify-envelope',
      '--payload',
      payload,
      '--contract',
      'service.v2',
      'fixtures/v3-with-legacy.json',
    );
    expect(v2Run.stdout.split('\n').filter(Boolean)).toEqual([
      'fixtures/v3-with-legacy.json: service_contract_version: wrong-contract-version: `service_contract_version` is `service.v3`, expected `service.v2`, the contract being checked',
      '✖ 1 of 1 response breaks the service.v2 envelope policy',
    ]);
    expect(v2Run.code).toBe(1);
    const v2Fine = cli('verify-envelope', '--payload', payload, '--contract', 'service.v2', 'fixtures/v2.json');
    expect(v2Fine.stdout).toBe('✔ 1 response conforms to the service.v2 envelope policy\n');
    const v2Both = cli(
      'verify-envelope',
      '--payload',
      payload,
      '--contract',
      'service.v2',
      'fixtures/v2.json',
      'fixtures/v2.json',
    );
    expect(v2Both.stdout).toBe('✔ 2 responses conform to the service.v2 envelope policy\n');
  });

  it('a v2 fixture without legacy_error fails under service.v2', () => {
    const result = cli(
      'verify-envelope',
      '--payload',
      payload,
      '--contract',
      'service.v2',
      'fixtures/v2.json',
      'fixtures/v2-no-legacy.json',
      '--format',
      'json',
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      results: { file: string; violations: { field: string; rule: string }[] }[];
    };
    expect(report.results).toEqual([
      { file: 'fixtures/v2.json', violations: [] },
      {
        file: 'fixtures/v2-no-legacy.json',
        violations: [expect.objectContaining({ field: 'legacy_error', rule: 'missing-required' })],
      },
    ]);
  });

  it('an unknown error code is reported', () => {
    write('fixtures/v3-odd-code.json', { ...v3, error: { code: 'teapot', message: 'x' } });
    const result = cli(
      'verify-envelope',
      '--payload',
      payload,
      '--contract',
      'service.v3',
      'fixtures/v3-odd-code.json',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "error.code: unknown-error-code: `teapot` is not one of the producer's 10 error codes",
    );
  });

  it('the published single-file bundle gives the same answers, with no install', () => {
    const bundle = join(repoRoot, 'public/tools/contract-docs-consumer.mjs');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bundle, ...args], { cwd: consumer, encoding: 'utf8' });
    const pin = run(
      'verify-pin',
      '--payload',
      payload,
      '--pin',
      'memorykernel/pin.json',
      '--manifest',
      'memorykernel/manifest.yaml',
    );
    expect(pin.status).toBe(0);
    const envelope = run(
      'verify-envelope',
      '--payload',
      payload,
      '--contract',
      'service.v3',
      'fixtures/v3-with-legacy.json',
    );
    expect(envelope.status).toBe(1);
    expect(envelope.stdout).toContain(
      'fixtures/v3-with-legacy.json: legacy_error: forbidden-present: service.v3 forbids `legacy_error`',
    );
    expect(run('check').status).toBe(2);
  });

  it('bad input exits 2 with one clear message and no stack trace', () => {
    write('fixtures/broken.json', '{ "error": ');
    const { release_tag: _tag, ...pinWithoutTag } = goodPin;
    write('memorykernel/typo-pin.json', { ...pinWithoutTag, releas_tag: 'v0.3.2' });
    const cases = [
      cli('verify-envelope', '--payload', payload, '--contract', 'service.v9', 'fixtures/v3.json'),
      cli('verify-envelope', '--payload', payload, '--contract', 'service.v3', 'fixtures/broken.json'),
      cli('verify-envelope', '--payload', 'missing.json', '--contract', 'service.v3', 'fixtures/v3.json'),
      cli('verify-pin', '--payload', payload, '--pin', 'memorykernel/typo-pin.json'),
      cli('verify-pin', '--payload', payload),
    ];
    for (const result of cases) {
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cases[0]?.stderr).toContain('Unexpected contract `service.v9`, expected one of service.v2, service.v3');
    expect(cases[1]?.stderr).toContain('fixtures/broken.json:1:');
    expect(cases[2]?.stderr).toContain('cannot read handoff payload missing.json: no such file');
    expect(cases[3]?.stderr).toContain('memorykernel/typo-pin.json:1:1: Missing required key `release_tag`');
    expect(cases[4]?.stderr).toContain('missing --pin');
  });
});
