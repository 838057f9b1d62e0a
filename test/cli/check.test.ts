import { cpSync, mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { replaceOnce, repoRoot, shippedFiles, withEdit } from '../helpers/content.ts';

function runCli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(
    argv,
    (text) => (stdout += `${text}\n`),
    (text) => (stderr += `${text}\n`),
  );
  return { code, stdout, stderr };
}

const broken = mkdtempSync(join(tmpdir(), 'contract-docs-cli-'));
for (const file of withEdit(
  shippedFiles(),
  'content/migrations/service-v3/rfc.mdx',
  replaceOnce('  release_tag: v0.3.2\n', '  release_tag: v0.3.9\n'),
)) {
  mkdirSync(join(broken, dirname(file.path)), { recursive: true });
  writeFileSync(join(broken, file.path), file.text);
}
// The pin reads its values from the producer's manifest, which lives outside content/.
cpSync(join(repoRoot, 'contracts'), join(broken, 'contracts'), { recursive: true });
afterAll(() => rmSync(broken, { recursive: true, force: true }));

describe('contract-docs check', () => {
  it('exits 0 and says clean on the shipped content', () => {
    const result = runCli('check', '--root', repoRoot);
    expect(result.stdout).toContain('✔ contract check clean');
    expect(result.code).toBe(0);
  });

  it('gives the same verdict whatever SOURCE_DATE_EPOCH is set to', () => {
    const saved = process.env['SOURCE_DATE_EPOCH'];
    process.env['SOURCE_DATE_EPOCH'] = '1770508800';
    try {
      expect(runCli('check', '--root', repoRoot).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env['SOURCE_DATE_EPOCH'];
      else process.env['SOURCE_DATE_EPOCH'] = saved;
    }
  });

  it('exits 1 with file:line:column, rule id, message and hint', () => {
    const result = runCli('check', '--root', broken);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('content/migrations/service-v3/rfc.mdx:14:3  error  pins-agree');
    expect(result.stdout).toContain("Unexpected `release_tag` `v0.3.9`, expected the live pin's `v0.3.2`");
    expect(result.stdout).toContain('hint: ');
    expect(result.stdout).toContain(
      'see: contracts/integration/v1/producer-contract-manifest.json:4:3 The live pin is read from here (content/runtime/pin.yaml points at /release_tag)',
    );
  });

  it('prints JSON for machines', () => {
    const result = runCli('check', '--root', broken, '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      file: string;
      line: number;
      column: number;
      ruleId: string;
      severity: string;
      hint: string;
    }[];
    const pin = report.find((entry) => entry.ruleId === 'pins-agree');
    expect(pin).toMatchObject({
      file: 'content/migrations/service-v3/rfc.mdx',
      line: 14,
      column: 3,
      severity: 'error',
    });
    expect(pin?.hint).toBeTruthy();
  });

  it('prints GitHub workflow annotations', () => {
    const result = runCli('check', '--root', broken, '--format', 'github');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toContain(
      "::error file=content/migrations/service-v3/rfc.mdx,line=14,col=3,title=pins-agree::Unexpected `release_tag` `v0.3.9`, expected the live pin's `v0.3.2`%0ARestate the live pin exactly, or refer to the runtime pin page instead of restating it.",
    );
  });

  it('exits 2 on usage errors, without a stack trace', () => {
    for (const argv of [['frobnicate'], ['check', '--format', 'xml'], ['check', '--nope'], []]) {
      const result = runCli(...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reports a missing content folder as a diagnostic, not a crash', () => {
    const empty = mkdtempSync(join(tmpdir(), 'contract-docs-empty-'));
    const result = runCli('check', '--root', empty);
    rmSync(empty, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Missing content folder `content`');
  });
});
