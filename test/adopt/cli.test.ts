import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.ts';
import { repoRoot } from '../helpers/content.ts';
import { fixture, removeTemporaryFolders, runCli, tempFolder, tempRoot } from './helpers.ts';

afterAll(removeTemporaryFolders);

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('contract-docs import / export / check --scan exit codes', () => {
  it('import: 0 when the imported content checks clean, with the report on stdout', () => {
    const root = tempRoot();
    const result = runCli(cli, 'import', fixture('clean'), '--root', root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Recognised (');
    expect(result.stdout).toContain('✔ imported 10 files');
  });

  it('import: 1 when the check of the imported content finds drift', () => {
    const root = tempRoot();
    const result = runCli(cli, 'import', fixture('drifted'), '--root', root, '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      drift: { ruleId: string; file: string; line: number }[];
      lineMaps: Record<string, (string | null)[]>;
    };
    expect(report.drift.map((entry) => entry.ruleId).sort()).toEqual([
      'commands-agree',
      'gates-need-accepted-rfc',
      'lists-agree',
      'pins-agree',
      'status-coherence',
    ]);
    expect(report.drift.every((entry) => entry.file.startsWith(fixture('drifted').replace(/\\/g, '/')))).toBe(true);
    expect(report.lineMaps['content/runtime/pin.yaml']?.[7]).toMatch(/SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE\.json:8$/);
  });

  it('import: 2 and nothing written when it would overwrite, until --force', () => {
    const root = tempRoot();
    expect(runCli(cli, 'import', fixture('clean'), '--root', root).code).toBe(0);
    const plan = join(root, 'content/migrations/service-v3/plan.mdx');
    writeFileSync(plan, `${readFileSync(plan, 'utf8')}\nA note added by hand.\n`);
    const refused = runCli(cli, 'import', fixture('clean'), '--root', root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('import refused');
    expect(refused.stderr).toContain('content/migrations/service-v3/plan.mdx');
    expect(readFileSync(plan, 'utf8')).toContain('A note added by hand.');
    expect(runCli(cli, 'import', fixture('clean'), '--root', root, '--force').code).toBe(0);
    expect(readFileSync(plan, 'utf8')).not.toContain('A note added by hand.');
  });

  it('import: --into another content folder and --migration', () => {
    const root = tempRoot();
    const result = runCli(
      cli,
      'import',
      fixture('clean'),
      '--root',
      root,
      '--into',
      join(root, 'docs-content'),
      '--migration',
      'rehearsal',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('written    docs-content/migrations/rehearsal/plan.mdx');
    expect(readFileSync(join(root, 'docs-content/migrations/rehearsal/migration.yaml'), 'utf8')).toContain(
      'id: rehearsal',
    );
  });

  it('export: 0 and the producer layout; 1 and nothing written while the content has errors', () => {
    const root = tempRoot();
    runCli(cli, 'import', fixture('clean'), '--root', root);
    const out = tempFolder();
    const exported = runCli(cli, 'export', out, '--root', root);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(
      'docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md  (from content/migrations/service-v3/plan.mdx)',
    );
    const drifted = tempRoot();
    runCli(cli, 'import', fixture('drifted'), '--root', drifted);
    const refused = runCli(cli, 'export', tempFolder(), '--root', drifted);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('export refused');
  });

  it('2 on usage errors and unreadable input, without a stack trace', () => {
    const root = tempRoot();
    for (const argv of [
      ['import'],
      ['import', fixture('clean'), 'extra'],
      ['import', join(root, 'no-such-folder'), '--root', root],
      ['import', tempFolder(), '--root', root],
      ['import', fixture('clean'), '--root', root, '--format', 'xml'],
      ['import', fixture('clean'), '--nope'],
      ['import', fixture('clean'), '--root', root, '--into', '../outside'],
      ['export'],
      ['export', tempFolder(), '--root', root],
      ['check', '--scan'],
      ['check', '--scan', join(root, 'no-such-folder'), '--root', repoRoot],
      ['check', '--scan', fixture('scan'), '--root', repoRoot, '--migration', 'nope'],
    ]) {
      const result = runCli(cli, ...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(/^contract-docs (import|export|check): /);
      noStack(result.stderr);
    }
  });

  it('--help prints the usage and exits 0', () => {
    for (const command of ['import', 'export']) {
      const result = runCli(cli, command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: contract-docs ${command}`);
    }
    expect(runCli(cli, 'check', '--scan', '.', '--help').stdout).toContain('Usage: contract-docs check --scan');
  });

  it('the real bin: exit codes of a separate process', () => {
    const root = tempRoot();
    const node = join(repoRoot, 'node_modules/.bin/node');
    const bin = join(repoRoot, 'bin/contract-docs.mjs');
    const status = (args: string[]) => {
      try {
        execFileSync(node, [bin, ...args], { cwd: root, stdio: 'pipe' });
        return 0;
      } catch (error) {
        const failure = error as { status: number; stderr: Buffer };
        noStack(failure.stderr.toString());
        return failure.status;
      }
    };
    expect(status(['import', fixture('clean')])).toBe(0);
    expect(status(['export', join(root, 'out')])).toBe(0);
    expect(status(['check', '--scan', join(root, 'out')])).toBe(0);
    expect(status(['check', '--scan', fixture('scan')])).toBe(1);
    expect(status(['import', fixture('clean')])).toBe(0);
    expect(status(['import', join(root, 'missing')])).toBe(2);
  });
});
