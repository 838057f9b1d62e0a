import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';

/**
 * The CLI as a user calls it in a fresh clone: `pnpm exec contract-docs` and `pnpm contract-docs`.
 * pnpm links the bins of dependencies, never the root package's own; the `contract-docs: link:.`
 * devDependency is what puts the bin on `node_modules/.bin`. The clone is of the committed HEAD; the
 * install comes from the local pnpm store (nothing is downloaded when the store has the packages).
 */
const clone = mkdtempSync(join(tmpdir(), 'contract-docs-clone-'));
afterAll(() => rmSync(clone, { recursive: true, force: true }), 120_000);

describe('a fresh clone', () => {
  it('runs `pnpm exec contract-docs --help` and `pnpm contract-docs check` after `pnpm install`', () => {
    execFileSync('git', ['clone', '--quiet', repoRoot, clone]);
    const install = spawnSync('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--ignore-scripts'], {
      cwd: clone,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);
    const help = spawnSync('pnpm', ['exec', 'contract-docs', '--help'], { cwd: clone, encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: contract-docs <command> [options]');
    const check = spawnSync('pnpm', ['contract-docs', 'check'], { cwd: clone, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('✔ contract check clean');
  }, 300_000);
});
