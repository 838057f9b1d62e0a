import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { repoRoot } from '../helpers/content.ts';

/** `verify-pin` against the producer's own release handoff JSON (not our generated payload). */
const dir = mkdtempSync(join(tmpdir(), 'contract-docs-verify-handoff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const handoff = join(repoRoot, 'contracts/integration/v1/release-handoff.json');
const pin = {
  memorykernel_repo: 'https://git.example/memorykernel',
  release_tag: 'v0.3.2',
  commit_sha: 'cf331449e1589581a5dcbb3adecd3e9ae4509277',
  expected_service_contract_version: 'service.v2',
  expected_api_contract_version: 'api.v1',
  expected_integration_baseline: 'integration/v1',
  expected_producer_manifest_sha256: '0'.repeat(64),
  default_base_url: 'http://127.0.0.1:4010',
  default_timeout_ms: 5000,
};

function verify(pinValue: object) {
  const path = join(dir, 'pin.json');
  writeFileSync(path, `${JSON.stringify(pinValue, null, 2)}\n`);
  let stdout = '';
  let stderr = '';
  const code = run(
    ['verify-pin', '--payload', handoff, '--pin', path],
    (text) => (stdout += text),
    (text) => (stderr += text),
  );
  return { code, stdout, stderr, path };
}

describe('verify-pin with a release handoff JSON as --payload', () => {
  it('passes a pin that is the handoff’s active runtime baseline, and says what it did not compare', () => {
    const result = verify(pin);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `✔ ${result.path} matches the active runtime baseline in ${handoff}: v0.3.2 cf331449e1589581a5dcbb3adecd3e9ae4509277 service.v2`,
    );
    expect(result.stderr).toContain('records no producer manifest digest');
  });

  it('fails a mismatching pin naming the field and both values with their origins', () => {
    const result = verify({ ...pin, release_tag: 'v0.3.1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `release_tag: v0.3.1 (${result.path} release_tag), expected v0.3.2 (${handoff} active_runtime_baseline.release_tag)`,
    );
    expect(result.stdout).toContain('1 mismatch');
  });
});
