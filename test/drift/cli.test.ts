import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { formatDriftHtml } from '../../src/core/drift/report.ts';
import { runDrift } from '../../src/core/drift/run.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

function cli(args: string[], cwd?: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = run(
      args,
      (text) => (out += `${text}\n`),
      (text) => (err += `${text}\n`),
    );
    return { code, out, err };
  } finally {
    process.chdir(previous);
  }
}

/** A producer repository: the post-cutover package copied into a temporary root. */
function repository(variant: 'clean' | 'drifted'): string {
  const root = mkdtempSync(join(tmpdir(), 'contract-docs-drift-'));
  made.push(root);
  cpSync(join(fixtures, 'post-cutover', variant), root, { recursive: true });
  return root;
}

describe('contract-docs drift', () => {
  it('exits 0 on a clean package and 1 on a drifted one, printing paths relative to --root', () => {
    const clean = repository('clean');
    expect(cli(['drift', join(clean, 'docs'), '--root', clean])).toMatchObject({ code: 0, err: '' });
    const drifted = repository('drifted');
    const result = cli(['drift', join(drifted, 'docs/implementation'), '--root', drifted]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('release_tag of the live pin: 2 values in 2 statements');
    expect(result.out).toContain('    docs/implementation/SERVICE_V3_RFC.md:14');
    expect(result.out).not.toContain(drifted);
  });

  it('names paths from the root whatever folder is given, also from another working directory', () => {
    const drifted = repository('drifted');
    const result = cli(['drift', 'docs/implementation', '--root', '.', '--format', 'json'], drifted);
    const report = JSON.parse(result.out) as {
      folder: string;
      files: string[];
      drift: { values: { places: { file: string }[] }[] }[];
    };
    expect(report.folder).toBe('docs/implementation');
    expect(report.files.every((file) => file.startsWith('docs/implementation/'))).toBe(true);
    expect(
      report.drift.flatMap((fact) => fact.values.flatMap((value) => value.places.map((place) => place.file))),
    ).toContain('docs/implementation/SERVICE_V3_RFC.md');
  });

  it('writes one self-contained HTML page atomically, with every producer text escaped', () => {
    const drifted = repository('drifted');
    const plan = join(drifted, 'docs/implementation/SERVICE_V3_MIGRATION_PLAN.md');
    writeFileSync(
      plan,
      readFileSync(plan, 'utf8').replace(
        '4. Run `./scripts/verify_service',
        '4. Run `<script>alert(1)</script>` and `./scripts/verify_service',
      ),
    );
    const html = join(drifted, 'drift.html');
    expect(cli(['drift', join(drifted, 'docs'), '--root', drifted, '--html', html]).code).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<h2>release_tag of the live pin</h2>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script');
    expect(page).not.toMatch(/(src|href)=/);
    expect(readdirSync(drifted).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('escapes HTML in every value it shows', () => {
    const report = runDrift({ folder: join(fixtures, 'tables', 'drifted') });
    const first = report.findings[0];
    if (!first?.values[0]) throw new Error('expected drift in the tables fixture');
    first.values[0].shown = '"><img src=x onerror=alert(1)>';
    first.values[0].items = undefined;
    const page = formatDriftHtml(report);
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
  });

  it('exits 2 with one line for a folder that does not exist or a bad flag', () => {
    expect(cli(['drift', join(tmpdir(), 'no-such-folder-drift')])).toMatchObject({ code: 2 });
    const bad = cli(['drift', fixtures, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('contract-docs drift: Unexpected format `xml`, expected one of text, json.\n');
  });
});
