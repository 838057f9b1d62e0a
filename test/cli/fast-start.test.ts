import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replaceOnce, repoRoot, shippedFiles, withEdit } from '../helpers/content.ts';

// bin/load-cli.mjs starts the CLI from a cached bundle of the sources. The bundle must behave exactly as the
// sources do, and must be rebuilt, never reused, when the sources change.
const bin = join(repoRoot, 'bin/contract-docs.mjs');
const cacheDir = join(repoRoot, 'node_modules/.cache/contract-docs');

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const broken = mkdtempSync(join(tmpdir(), 'contract-docs-fast-start-'));
for (const file of withEdit(
  shippedFiles(),
  'content/migrations/service-v3/rfc.mdx',
  replaceOnce('  release_tag: v0.3.2\n', '  release_tag: v0.3.9\n'),
)) {
  mkdirSync(join(broken, dirname(file.path)), { recursive: true });
  writeFileSync(join(broken, file.path), file.text);
}
afterAll(() => rmSync(broken, { recursive: true, force: true }));

describe('the bundled CLI', () => {
  it('gives the same report and exit code as the sources, clean and broken', () => {
    for (const root of [repoRoot, broken]) {
      const bundled = cli(['check', '--root', root, '--format', 'json']);
      const sources = cli(['check', '--root', root, '--format', 'json'], { CONTRACT_DOCS_NO_BUNDLE: '1' });
      expect(bundled).toEqual(sources);
    }
    expect(cli(['check', '--root', broken]).code).toBe(1);
  });

  it('gives the same usage, errors and other commands as the sources (the check has a bundle of its own)', () => {
    const cases: [string[], string][] = [
      [['check', '--help'], 'Usage: contract-docs'],
      [['check', '--bogus'], 'Usage: contract-docs'],
      [['check', '--format', 'xml'], 'Unexpected format `xml`'],
      [['nope'], 'Unknown command `nope`'],
      [['verify-pin', '--help'], 'Usage: contract-docs verify-pin'],
      [[], 'Usage: contract-docs'],
    ];
    for (const [args, says] of cases) {
      const bundled = cli(args);
      expect(bundled).toEqual(cli(args, { CONTRACT_DOCS_NO_BUNDLE: '1' }));
      expect(bundled.stdout + bundled.stderr).toContain(says);
    }
  });

  it('is kept in the cache under a name made from the sources, one build at a time', () => {
    cli(['check', '--root', repoRoot]);
    const bundles = readdirSync(cacheDir).filter((name) => /^cli-[0-9a-f]{16}-(main|check)\.cjs$/.test(name));
    // The whole CLI and the check alone, from the same sources.
    expect(bundles.map((name) => name.slice(21)).sort()).toEqual(['check.cjs', 'main.cjs']);
    const fingerprint = bundles[0]!.slice(0, 20);
    expect(bundles.every((name) => name.startsWith(fingerprint))).toBe(true);
    // Code caches (one per bundle and command) sit beside them under the same name; none of another build is left.
    const caches = readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache'));
    expect(caches).toContain(`${fingerprint}-check-check.v8cache`);
    for (const name of caches) expect(name.startsWith(`${fingerprint}-`)).toBe(true);
  });

  it('runs the same with a damaged code cache, and replaces it', () => {
    cli(['check', '--root', repoRoot]);
    const [cache] = readdirSync(cacheDir).filter((name) => name.endsWith('-check.v8cache'));
    const path = join(cacheDir, cache!);
    writeFileSync(path, 'not a V8 code cache');
    const damaged = cli(['check', '--root', repoRoot, '--format', 'json']);
    expect(damaged).toEqual(cli(['check', '--root', repoRoot, '--format', 'json'], { CONTRACT_DOCS_NO_BUNDLE: '1' }));
    expect(readFileSync(path, 'utf8')).not.toBe('not a V8 code cache');
  });
});

describe('the bundle cache key', () => {
  it('changes when any source byte changes, and only then', async () => {
    const { sourceFingerprint } = (await import('../../bin/source-fingerprint.mjs')) as {
      sourceFingerprint(root: string): string;
    };
    const root = mkdtempSync(join(tmpdir(), 'contract-docs-fingerprint-'));
    try {
      for (const folder of ['src/cli', 'src/core/rules', 'src/schemas'])
        mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, 'package.json'), '{}\n');
      writeFileSync(join(root, 'src/core/rules/a-rule.ts'), 'export const a = 1;\n');
      const before = sourceFingerprint(root);
      expect(sourceFingerprint(root)).toBe(before);
      writeFileSync(join(root, 'src/core/rules/a-rule.ts'), 'export const a = 2;\n');
      expect(sourceFingerprint(root)).not.toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is taken from the recorded file stats only while no file changed since it was hashed', async () => {
    const { currentFingerprint, sourceFingerprint } = (await import('../../bin/source-fingerprint.mjs')) as {
      currentFingerprint(root: string, dir: string): string;
      sourceFingerprint(root: string): string;
    };
    const root = mkdtempSync(join(tmpdir(), 'contract-docs-fingerprint-'));
    const dir = join(root, 'cache');
    const rule = join(root, 'src/core/rules/a-rule.ts');
    try {
      for (const folder of ['src/cli', 'src/core/rules', 'src/schemas'])
        mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, 'package.json'), '{}\n');
      writeFileSync(rule, 'export const a = 1;\n');
      expect(currentFingerprint(root, dir)).toBe(sourceFingerprint(root));
      // Just hashed files are too recent to vouch for their bytes: an edit of the same size, in the same
      // clock tick, is still seen.
      writeFileSync(rule, 'export const a = 2;\n');
      expect(currentFingerprint(root, dir)).toBe(sourceFingerprint(root));
      // Recorded long enough ago, the stats are trusted (shown with a marker in place of the hash)...
      const manifestPath = join(dir, 'sources.json');
      const recordedLongAgo = () => {
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as object;
        const future = String(BigInt(Date.now() + 60_000) * 1_000_000n);
        writeFileSync(manifestPath, JSON.stringify({ ...manifest, fingerprint: 'f'.repeat(16), hashedAtNs: future }));
      };
      recordedLongAgo();
      expect(currentFingerprint(root, dir)).toBe('f'.repeat(16));
      // ...until any file changes, is added or is removed.
      writeFileSync(rule, 'export const a = 3;\n');
      expect(currentFingerprint(root, dir)).toBe(sourceFingerprint(root));
      recordedLongAgo();
      writeFileSync(join(root, 'src/cli/new.ts'), 'export {};\n');
      expect(currentFingerprint(root, dir)).toBe(sourceFingerprint(root));
      recordedLongAgo();
      rmSync(join(root, 'src/cli/new.ts'));
      expect(currentFingerprint(root, dir)).toBe(sourceFingerprint(root));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
