import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifyPackage, migrationIdFromName } from '../../src/core/adopt/classify.ts';
import { importPackage, ImportInputError, type ProducerFile } from '../../src/core/adopt/import.ts';
import { fixture } from './helpers.ts';

function filesOf(folder: string): ProducerFile[] {
  const out: ProducerFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(folder, full), text: readFileSync(full, 'utf8') });
    }
  };
  walk(folder);
  return out;
}

const drift = join(import.meta.dirname, '../drift/fixtures');
const checklist = {
  path: 'docs/implementation/CUTOVER_DAY_CHECKLIST.md',
  text: '# Cutover day\n\n## Go/No-Go\n\n1. Everyone is online.\n\n## Exit criteria\n\n1. The day ends.\n',
};

describe('sorting a producer folder into the package', () => {
  it('a file named for a slot wins over a cutover-day checklist that reads like one, which is reported', () => {
    const files = [...filesOf(fixture('clean')), checklist];
    const sorted = classifyPackage(files);
    expect(sorted.documents.get('gates')?.path).toBe('docs/implementation/SERVICE_V3_CUTOVER_GATES.md');
    expect(sorted.documents.get('plan')?.path).toBe('docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md');
    expect(sorted.others).toContainEqual({
      path: checklist.path,
      reason:
        'reads like a gates document, but docs/implementation/SERVICE_V3_CUTOVER_GATES.md is named as the gates; not imported (check it with `contract-docs check --scan`)',
    });
  });

  it('two files named for one slot are an ambiguity that names both, reported by the import', () => {
    const files = filesOf(fixture('clean'));
    const plan = files.find((file) => file.path.endsWith('_PLAN.md'));
    if (!plan) throw new Error('the clean fixture has a plan');
    files.push({ path: 'docs/implementation/SERVICE_V3_ROLLBACK_PLAN.md', text: plan.text });
    const result = importPackage(files);
    expect(result.unmapped.map((entry) => entry.reason)).toContain(
      'ambiguous plan: `docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md` and `docs/implementation/SERVICE_V3_ROLLBACK_PLAN.md` both match it by name; imported `docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md` (first in path order): rename the other or pass only one',
    );
  });

  it('takes the migration id from the file names, never service-v0', () => {
    expect(migrationIdFromName('docs/SERVICE_V3_REHEARSAL_PLAN.md')).toBe('service-v3');
    expect(migrationIdFromName('BILLING-V12_PLAN.md')).toBe('billing-v12');
    expect(migrationIdFromName('PLAN.md')).toBeUndefined();
    // The tables package states no envelope policy line, so the target is known only from names and data.
    const tables = importPackage(filesOf(join(drift, 'tables/clean')));
    expect(tables.migration).toBe('service-v3');
    // Nothing names a candidate at all: an input error, not a migration called service-v0.
    const bare = [
      { path: 'PLAN.md', text: '# Plan\n\nUpdated: 2026-02-08\nOwner: Team\n\n## Exit criteria\n\n1. Done.\n' },
    ];
    expect(() => importPackage(bare)).toThrow(ImportInputError);
    expect(() => importPackage(bare)).toThrow(/no candidate contract found/);
  });

  it('reads the snake_case release handoff JSON as the machine-readable source, not as a stray JSON', () => {
    const result = importPackage(filesOf(join(drift, 'bold-labels/clean')));
    const reasons = result.unmapped.map((entry) => `${entry.source.file}: ${entry.reason}`);
    expect(reasons).toContain(
      "docs/implementation/release-handoff.json: release handoff JSON (the producer's machine-readable source): its values are the reference where the documents disagree; it stays where it is and is not copied into content",
    );
    expect(reasons.join('\n')).not.toMatch(/not a handoff payload|no handoff JSON in the folder/);
  });

  it('every disagreement is a finding at the producer line; the pin takes the reference value', () => {
    const result = importPackage(filesOf(join(drift, 'bold-labels/drifted')));
    const findings = result.unmapped.filter((entry) => / disagrees between the producer's files: /.test(entry.reason));
    // One finding per disagreement, at the first line that differs from the value taken, naming every place.
    expect(findings).toContainEqual({
      source: { file: 'docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md', line: 8 },
      reason:
        'release_tag of the live pin disagrees between the producer\'s files: "v0.3.2" at docs/implementation/release-handoff.json:3, docs/implementation/release-handoff.json:7; "v0.3.3" at docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md:8; imported "v0.3.2" (the machine-readable source\'s value); correct whichever lines are wrong',
    });
    expect(findings).toHaveLength(result.disagreements.length);
    expect(findings.length).toBeGreaterThanOrEqual(8);
    const pin = result.files.find((file) => file.path === 'content/runtime/pin.yaml');
    expect(pin?.text).toContain('release_tag: v0.3.2');
  });

  it('reads RFC stages written as `## Stage N: title` headings', () => {
    const result = importPackage(filesOf(join(drift, 'tables/clean')));
    const rfc = result.files.find((file) => file.path.endsWith('/rfc.mdx'));
    const frontmatter = parse(/^---\n([\s\S]*?)\n---/.exec(rfc?.text ?? '')?.[1] ?? '') as {
      stages: { title: string; status: string }[];
    };
    expect(frontmatter.stages.map((stage) => `${stage.title}: ${stage.status}`)).toEqual([
      'Preparation: current',
      'RFC finalization: upcoming',
      'Pre-release artifacts: upcoming',
      'Cutover: upcoming',
      'Post-cutover stabilization: upcoming',
    ]);
    expect(result.unmapped.map((entry) => entry.reason)).not.toContain(
      'no migration stages (a list under “Migration Stages”, or `## Stage N: title` headings)',
    );
  });
});
