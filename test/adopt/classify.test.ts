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
        'release_tag of the live pin disagrees between the producer\'s files: "v0.3.2" at docs/implementation/SERVICE_V3_RFC_DRAFT.md:13, docs/implementation/release-handoff.json:3, docs/implementation/release-handoff.json:7; "v0.3.3" at docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md:8; imported "v0.3.2" (the machine-readable source\'s value); correct whichever lines are wrong',
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

  describe('by content, when no file is named like a plan', () => {
    const runbook = join(drift, 'runbook/clean');
    const dir = 'docs/runbooks/envelope-v3';

    it('takes the file stating the most of the plan’s facts, says why, and names the one it passed over', () => {
      const sorted = classifyPackage(filesOf(runbook));
      expect(sorted.documents.get('plan')?.path).toBe(`${dir}/README.md`);
      expect(sorted.ambiguities).toEqual([]);
      expect(sorted.chosen).toEqual([
        {
          path: `${dir}/README.md`,
          kind: 'plan',
          reason:
            "no file is named like a plan (`*_PLAN.md`): taken as the plan by its content, it states 9 of the plan's facts (live release_tag, live commit_sha, live service_contract_version, candidate contract, live api_contract_version, live integration_baseline, mode, rollback triggers, evidence checklist); pass --plan <file> to take another",
        },
      ]);
      expect(sorted.others).toContainEqual({
        path: `${dir}/cutover.md`,
        reason: `reads like a plan too (5 of the plan's facts (live release_tag, live commit_sha, producer verification commands, rollback triggers, rollback actions)), but ${dir}/README.md states more (9); not imported as the plan (check it with \`contract-docs check --scan\`; --plan <file> takes it instead)`,
      });
      expect(sorted.others).toContainEqual({
        path: `${dir}/envelope.md`,
        reason: 'not a document of the package (plan, tracker, RFC, gates); check it with `contract-docs check --scan`',
      });
    });

    it('a file named by --plan wins over the content, and the file that reads like a plan is listed', () => {
      const sorted = classifyPackage(filesOf(runbook), { plan: `${dir}/cutover.md` });
      expect(sorted.documents.get('plan')?.path).toBe(`${dir}/cutover.md`);
      expect(sorted.chosen).toEqual([
        { path: `${dir}/cutover.md`, kind: 'plan', reason: 'the plan, as named by --plan' },
      ]);
      expect(sorted.others.find((other) => other.path === `${dir}/README.md`)?.reason).toMatch(
        /^reads like a plan \(9 of the plan's facts .*\), but docs\/runbooks\/envelope-v3\/cutover\.md is named by --plan; not imported/,
      );
    });

    it('a file named like a plan that --plan passes over is listed, not dropped', () => {
      const files = filesOf(fixture('clean'));
      const other = files.find((file) => file.path.endsWith('_RFC_DRAFT.md'))?.path ?? '';
      const sorted = classifyPackage(files, { plan: other });
      expect(sorted.documents.get('plan')?.path).toBe(other);
      expect(sorted.others).toContainEqual({
        path: 'docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md',
        reason: `named like a plan, but --plan names ${other}; not imported (check it with \`contract-docs check --scan\`)`,
      });
    });

    it('two files stating as many of the plan’s facts are an ambiguity naming both', () => {
      const text = (tag: string) =>
        `# Runbook\n\n| Field | Value |\n|---|---|\n| Live release | \`${tag}\` |\n| API contract | \`api.v1\` |\n| Integration baseline | \`integration/v1\` |\n`;
      const sorted = classifyPackage([
        { path: 'a/README.md', text: text('v0.3.2') },
        { path: 'b/README.md', text: text('v0.3.2') },
      ]);
      expect(sorted.ambiguities).toEqual([
        { slot: 'plan', taken: 'a/README.md', others: ['b/README.md'], by: 'content' },
      ]);
    });

    it('refuses a folder where nothing qualifies, saying what it looked for and how to name the plan', () => {
      const files = [
        { path: 'notes.md', text: '# Notes\n\nThe live pin is `v0.3.2`.\n' },
        { path: 'envelope.md', text: '# Envelope\n\n- required: `error.code`\n' },
      ];
      expect(() => importPackage(files)).toThrow(
        new ImportInputError(
          "no plan document found: no file is named like a plan (`*_PLAN.md`, e.g. `SERVICE_V3_PLAN.md`), and the Markdown files read (`envelope.md`, `notes.md`) are not a plan by content either (a plan by content states the live pin or the candidate contract and at least 3 of the plan's facts: pin fields, candidate contract, mode, command lists, rollback triggers and actions, evidence checklist, prerequisites, as `contract-docs drift` reads them); name the plan with `--plan <file>`, or rename it `<SERVICE>_V<N>_PLAN.md`",
        ),
      );
      expect(() => importPackage(files, { plan: 'missing.md' })).toThrow(
        /^Unexpected --plan `missing\.md`: no Markdown file of the folder has that path \(paths are relative to the folder: `envelope\.md`, `notes\.md`\); expected one of them$/,
      );
    });

    it('reads the producer’s own front matter as header lines; front matter with our `kind:` is content already', () => {
      const plan = [
        '---',
        'title: Billing v2 rehearsal',
        'owner: MemoryKernel',
        'last_reviewed: 2026-03-02',
        '---',
        '',
        '# Billing v2 rehearsal',
        '',
        '- `service.v3` candidate: requires `error.code`; forbids `legacy_error`.',
        '',
      ].join('\n');
      const result = importPackage([
        { path: 'SERVICE_V3_PLAN.md', text: plan },
        { path: 'content.md', text: '---\nkind: plan\ntitle: Ours\n---\n\n# Ours\n' },
      ]);
      const written = result.files.find((file) => file.path.endsWith('/plan.mdx'))?.text ?? '';
      expect(written).toMatch(/^updated: 2026-03-02$/m);
      expect(written).toMatch(/^owner: MemoryKernel$/m);
      expect(result.unmapped.map((entry) => `${entry.source.file}:${entry.source.line} ${entry.reason}`)).toContain(
        'content.md:1 has frontmatter with a `kind:`, so it is content already; not imported',
      );
    });
  });
});
