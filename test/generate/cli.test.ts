import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { payloadPath, repoRoot, runScript, tempRepo } from './helpers.ts';

const committed = readFileSync(join(repoRoot, payloadPath), 'utf8');
const stalePayload = committed.replace(
  /("id": "consumer-suite-green",\n\s*"title": [^\n]*\n\s*"owner": [^\n]*\n\s*"status": )"pending"/,
  '$1"passed"',
);

describe('scripts/generate-payload.ts', () => {
  it('writes the committed bytes from another cwd, in another time zone and locale, and again on a second run', () => {
    const repo = tempRepo();
    try {
      rmSync(join(repo.root, payloadPath));
      const env = { TZ: 'Pacific/Kiritimati', LC_ALL: 'C', LANG: 'C' };
      const first = runScript('scripts/generate-payload.ts', ['--root', repo.root], { cwd: tmpdir(), env });
      expect([first.status, first.stderr]).toEqual([0, '']);
      expect(first.stdout).toBe(`wrote ${payloadPath} (${Buffer.byteLength(committed)} bytes)\n`);
      const written = readFileSync(join(repo.root, payloadPath), 'utf8');
      expect(written).toBe(committed);

      const second = runScript('scripts/generate-payload.ts', [`--root=${repo.root}`], {
        cwd: '/',
        env: { TZ: 'America/St_Johns', LC_ALL: 'tr_TR.UTF-8' },
      });
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(`${payloadPath} is up to date (${Buffer.byteLength(committed)} bytes)\n`);
      expect(readFileSync(join(repo.root, payloadPath), 'utf8')).toBe(committed);
    } finally {
      repo.cleanup();
    }
  });

  it('--check on a stale payload exits 1 with a one-line summary naming the field, and writes nothing', () => {
    const repo = tempRepo();
    try {
      const target = join(repo.root, payloadPath);
      writeFileSync(target, stalePayload);
      const before = statSync(target, { bigint: true });
      const result = runScript('scripts/generate-payload.ts', ['--check', '--root', repo.root]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `${payloadPath} is stale: gates[1].status: committed "passed", generated "pending". Run \`pnpm generate\` to update it.\n`,
      );
      const after = statSync(target, { bigint: true });
      expect(after.mtimeNs).toBe(before.mtimeNs);
      expect(readFileSync(target, 'utf8')).toBe(stalePayload);
    } finally {
      repo.cleanup();
    }
  });

  it('--check on a missing payload exits 1 and creates nothing', () => {
    const repo = tempRepo();
    try {
      rmSync(join(repo.root, payloadPath));
      const result = runScript('scripts/generate-payload.ts', ['--check', '--root', repo.root]);
      expect([result.status, result.stderr]).toEqual([
        1,
        `${payloadPath} is missing. Run \`pnpm generate\` to update it.\n`,
      ]);
      expect(() => statSync(join(repo.root, payloadPath))).toThrow(/ENOENT/);
    } finally {
      repo.cleanup();
    }
  });

  it('--check on the shipped repository passes, through the bash wrapper too', () => {
    const direct = runScript('scripts/generate-payload.ts', ['--check']);
    expect([direct.status, direct.stderr]).toEqual([0, '']);
    const wrapped = runScript('scripts/generate_service_v3_rehearsal_payload.sh', ['--check'], { cwd: tmpdir() });
    expect([wrapped.status, wrapped.stderr, wrapped.stdout]).toEqual([0, '', direct.stdout]);
  });

  it('exits 2 with a message, never a stack trace, on bad usage or content it cannot generate from', () => {
    const usage = runScript('scripts/generate-payload.ts', ['--frobnicate']);
    expect([usage.status, usage.stderr]).toEqual([
      2,
      'generate-payload: Unexpected argument `--frobnicate`, expected --check or --root <dir>\nusage: generate-payload [--check] [--root <dir>]\n',
    ]);
    const noValue = runScript('scripts/generate-payload.ts', ['--root']);
    expect(noValue.status).toBe(2);

    const repo = tempRepo();
    try {
      const tracker = join(repo.root, 'content/migrations/service-v3/tracker.mdx');
      writeFileSync(tracker, readFileSync(tracker, 'utf8').replace('owner: MemoryKernel\n', 'owner: [MemoryKernel\n'));
      const broken = runScript('scripts/generate-payload.ts', ['--root', repo.root]);
      expect(broken.status).toBe(2);
      expect(broken.stderr).toMatch(
        /^generate-payload: cannot generate from content with 1 load problem; run `pnpm check` for all of them\.\n {2}content\/migrations\/service-v3\/tracker\.mdx:\d+:\d+: Unexpected YAML: /,
      );
      expect(readFileSync(join(repo.root, payloadPath), 'utf8')).toBe(committed);

      writeFileSync(tracker, readFileSync(join(repoRoot, 'content/migrations/service-v3/tracker.mdx'), 'utf8'));
      const badEpoch = runScript('scripts/generate-payload.ts', ['--root', repo.root], {
        env: { SOURCE_DATE_EPOCH: 'soon' },
      });
      expect([badEpoch.status, badEpoch.stderr]).toEqual([
        2,
        'generate-payload: cannot generate the payload:\n  Unexpected SOURCE_DATE_EPOCH `soon`, expected whole seconds since 1970-01-01 UTC, e.g. 1770508800\n',
      ]);
      for (const result of [usage, noValue, broken, badEpoch]) expect(result.stderr).not.toMatch(/\n\s+at /);

      const missingRoot = runScript('scripts/generate-payload.ts', ['--root', join(repo.root, 'nowhere')]);
      expect(missingRoot.status).toBe(2);
      expect(missingRoot.stderr).toContain('Missing content folder `content`');
    } finally {
      repo.cleanup();
    }
  });
});

describe('scripts/export-schemas.ts', () => {
  it('--check passes on the shipped schemas', () => {
    const result = runScript('scripts/export-schemas.ts', ['--check']);
    expect([result.status, result.stderr, result.stdout]).toEqual([
      0,
      '',
      '4 schemas in public/schemas are up to date\n',
    ]);
  });

  it('--check names a stale envelope schema after a policy change and writes nothing; a run rewrites it', () => {
    const repo = tempRepo({ schemas: true });
    try {
      const policy = join(repo.root, 'content/contracts/service.v3.yaml');
      writeFileSync(policy, readFileSync(policy, 'utf8').replace('  closed: false', '  closed: true'));
      const schema = join(repo.root, 'public/schemas/envelope-service.v3.schema.json');
      const before = readFileSync(schema, 'utf8');
      const check = runScript('scripts/export-schemas.ts', ['--check', '--root', repo.root], {
        env: { TZ: 'Asia/Kathmandu', LC_ALL: 'C' },
      });
      expect([check.status, check.stderr]).toEqual([
        1,
        'public/schemas/envelope-service.v3.schema.json is stale. Run `pnpm schemas` to update it.\n',
      ]);
      expect(readFileSync(schema, 'utf8')).toBe(before);

      const write = runScript('scripts/export-schemas.ts', ['--root', repo.root]);
      expect(write.status).toBe(0);
      expect(write.stdout).toMatch(/^wrote public\/schemas\/envelope-service\.v3\.schema\.json \(\d+ bytes\)\n$/);
      expect(JSON.parse(readFileSync(schema, 'utf8')).additionalProperties).toBe(false);
    } finally {
      repo.cleanup();
    }
  });
});
