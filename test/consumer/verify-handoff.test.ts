import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { repoRoot } from '../helpers/content.ts';

/** `verify-pin` and `verify-envelope` against the producer's own release handoff JSON (not our generated payload). */
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

/** Runs verify-envelope with `bodies` written as response files; returns the output and the file paths. */
function verifyEnvelope(handoffPath: string, contract: string, bodies: Record<string, object>) {
  const files = Object.entries(bodies).map(([name, body]) => {
    const path = join(dir, name);
    writeFileSync(path, `${JSON.stringify(body)}\n`);
    return path;
  });
  let stdout = '';
  let stderr = '';
  const code = run(
    ['verify-envelope', '--payload', handoffPath, '--contract', contract, ...files],
    (text) => (stdout += `${text}\n`),
    (text) => (stderr += `${text}\n`),
  );
  return { code, stdout, stderr, files };
}

const v2Body = {
  service_contract_version: 'service.v2',
  error: { code: 'write_conflict', message: 'The package changed; reload and retry.' },
  legacy_error: 'write_conflict',
};
const v3Body = {
  service_contract_version: 'service.v3',
  error: { code: 'write_conflict', message: 'The package changed; reload and retry.', details: { revision: 42 } },
};

describe('verify-envelope with a release handoff JSON as --payload', () => {
  it('passes bodies that conform to the live and to the candidate policy the handoff states', () => {
    const live = verifyEnvelope(handoff, 'service.v2', { 'v2.json': v2Body });
    expect(live.code).toBe(0);
    expect(live.stdout).toContain('✔ 1 response conforms to the service.v2 envelope policy');
    expect(live.stderr).toContain('the service.v2 policy comes from its non_2xx_envelope_policy');
    const candidate = verifyEnvelope(handoff, 'service.v3', { 'v3.json': v3Body });
    expect(candidate.code).toBe(0);
    expect(candidate.stdout).toContain('✔ 1 response conforms to the service.v3 envelope policy');
    expect(candidate.stderr).toContain(
      'the service.v3 policy comes from its rehearsal_candidate.non_2xx_envelope_policy',
    );
  });

  it('fails non-conforming bodies naming the field and the rule', () => {
    const { legacy_error: _dropped, ...withoutLegacy } = v2Body;
    const live = verifyEnvelope(handoff, 'service.v2', { 'v2-no-legacy.json': withoutLegacy });
    expect(live.code).toBe(1);
    expect(live.stdout).toContain(
      `${live.files[0]}: legacy_error: missing-required: service.v2 requires \`legacy_error\``,
    );
    const candidate = verifyEnvelope(handoff, 'service.v3', {
      'v3-legacy.json': { ...v3Body, legacy_error: null },
      'v3-ok.json': v3Body,
    });
    expect(candidate.code).toBe(1);
    expect(candidate.stdout.split('\n').filter((line) => line.includes(': '))).toEqual([
      `${candidate.files[0]}: legacy_error: forbidden-present: service.v3 forbids \`legacy_error\``,
    ]);
    expect(candidate.stdout).toContain('✖ 1 of 2 responses breaks the service.v3 envelope policy');
  });

  it('judges with the handoff’s policy, not the shipped one: a handoff requiring error.details fails a body without it', () => {
    const text = readFileSync(handoff, 'utf8').replace(
      '"required_fields": ["service_contract_version", "error.code", "error.message"],',
      '"required_fields": ["service_contract_version", "error.code", "error.message", "error.details"],',
    );
    expect(text).not.toBe(readFileSync(handoff, 'utf8'));
    const stricter = join(dir, 'release-handoff-stricter.json');
    writeFileSync(stricter, text);
    const { error, ...rest } = v3Body;
    const result = verifyEnvelope(stricter, 'service.v3', {
      'v3-no-details.json': { ...rest, error: { code: error.code, message: error.message } },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error.details: missing-required: service.v3 requires `error.details`');
  });

  it('refuses a contract the handoff does not describe, naming the ones it does', () => {
    const result = verifyEnvelope(handoff, 'service.v4', { 'v4.json': v3Body });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `Unexpected contract \`service.v4\`, expected one the release handoff ${handoff} describes: service.v2 (non_2xx_envelope_policy), service.v3 (rehearsal_candidate.non_2xx_envelope_policy)`,
    );
    // A stable handoff rehearses nothing: its candidate contract is not described.
    const stable = JSON.parse(readFileSync(handoff, 'utf8')) as Record<string, unknown>;
    delete stable['rehearsal_candidate'];
    const stablePath = join(dir, 'release-handoff-stable.json');
    writeFileSync(stablePath, JSON.stringify({ ...stable, handoff_mode: 'stable' }));
    const candidate = verifyEnvelope(stablePath, 'service.v3', { 'v3.json': v3Body });
    expect(candidate.code).toBe(2);
    expect(candidate.stderr).toContain(
      `Unexpected contract \`service.v3\`, expected one the release handoff ${stablePath} describes: service.v2 (non_2xx_envelope_policy)`,
    );
  });
});
