import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrift } from '../../src/core/drift/run.ts';

/**
 * Three producer packages, each in its own house style, each with a clean variant and a drifted variant
 * (a copy of the clean one with planted disagreements). On the clean variant the drift report is empty;
 * on the drifted one each planted disagreement is reported exactly once, with every place that states
 * the fact, and nothing else is reported.
 *
 * - tables: pins, tasks, prerequisites, triggers and the checklist as tables; `### Gate N:` headings with
 *   `**Status:**`; numbered lists of inline-code commands; a camelCase handoff JSON; a "Commands executed" log.
 * - bold-labels: setext headings, `**Label:** value` lines, `*` bullets, `P1 — title` task headings, shell
 *   blocks, separate checklist and protocol documents, a snake_case release handoff JSON (the reference).
 * - post-cutover: after the cutover, with dated checkpoint records, a history section, a snapshot marker,
 *   numbered lists everywhere, per-stage and per-task exit criteria and a snake_case cutover record.
 */

const fixtures = join(import.meta.dirname, 'fixtures');

/** `file#needle[#n]`: the (n-th, default first) line of `file` that contains `needle`, as `file:line`. */
function at(pkg: string, spec: string): string {
  const [file = '', needle = '', nth = '1'] = spec.split('#');
  const lines = readFileSync(join(fixtures, pkg, 'drifted', file), 'utf8').split('\n');
  const matches = lines.flatMap((line, index) => (line.includes(needle) ? [index] : []));
  const index = matches[Number(nth) - 1] ?? -1;
  if (index === -1) throw new Error(`fixture needle not found: ${spec}`);
  return `${file}:${index + 1}`;
}

interface Package {
  name: string;
  folder: string;
  /** Planted disagreement → every place of the fact that must be listed (`file#text on that line`). */
  planted: Record<string, string[]>;
  /** Facts whose history the drifted variant must list as history (not drift). */
  history?: string[];
}

const impl = 'docs/implementation';
const packages: Package[] = [
  {
    name: 'tables',
    folder: '.',
    planted: {
      'pin:live:release_tag': [
        `${impl}/SERVICE_V3_PLAN.md#release_tag`,
        `${impl}/SERVICE_V3_RFC.md#Release tag`,
        `${impl}/service_v3_handoff.json#releaseTag`,
      ],
      'pin:live:commit_sha': [
        `${impl}/SERVICE_V3_PLAN.md#commit_sha`,
        `${impl}/SERVICE_V3_RFC.md#Commit `,
        `${impl}/service_v3_handoff.json#commitSha`,
      ],
      'pin:live:api_contract_version': [
        `${impl}/SERVICE_V3_PLAN.md#api_contract_version`,
        `${impl}/service_v3_handoff.json#apiContractVersion`,
      ],
      'contract:candidate': [
        `${impl}/SERVICE_V3_PLAN.md#Candidate contract`,
        `${impl}/service_v3_handoff.json#"contract"`,
      ],
      mode: [`${impl}/SERVICE_V3_PLAN.md#| Mode`, `${impl}/service_v3_handoff.json#"mode"`],
      'status:gate:consumer-suite-green': [
        `${impl}/SERVICE_V3_GATES.md#**Status:** Pending#2`,
        `${impl}/service_v3_handoff.json#consumer-suite-green`,
      ],
      'list:rollbackTriggers': [`${impl}/SERVICE_V3_GATES.md#| Trigger `, `${impl}/service_v3_handoff.json#"triggers"`],
      'list:evidenceChecklist': [
        `${impl}/SERVICE_V3_GATES.md#| Side`,
        `${impl}/service_v3_handoff.json#"evidenceChecklist"`,
      ],
      'list:consumerCommands': [
        `${impl}/SERVICE_V3_PLAN.md#check:memorykernel-pin`,
        `${impl}/service_v3_handoff.json#"consumer": [`,
      ],
      'list:producerCommands': [
        `${impl}/SERVICE_V3_PLAN.md#cargo fmt`,
        `${impl}/service_v3_handoff.json#"producer": [`,
      ],
    },
  },
  {
    name: 'bold-labels',
    folder: '.',
    planted: {
      'pin:live:release_tag': [
        `${impl}/SERVICE_V3_REHEARSAL_PLAN.md#release baseline`,
        `${impl}/release-handoff.json#"release_tag"`,
        `${impl}/release-handoff.json#    "release_tag"`,
      ],
      'pin:live:commit_sha': [
        `${impl}/SERVICE_V3_REHEARSAL_PLAN.md#Baseline commit`,
        `${impl}/release-handoff.json#"commit_sha"`,
        `${impl}/release-handoff.json#    "commit_sha"`,
      ],
      'contract:candidate': [
        `${impl}/SERVICE_V3_REHEARSAL_PLAN.md#Target contract`,
        `${impl}/release-handoff.json#target_service_contract_version`,
      ],
      'handoff-mode': [
        `${impl}/SERVICE_V3_HANDOFF_PROTOCOL.md#Handoff mode`,
        `${impl}/release-handoff.json#handoff_mode`,
      ],
      'list:rollbackTriggers': [
        `${impl}/SERVICE_V3_HANDOFF_PROTOCOL.md#after the candidate repin`,
        `${impl}/release-handoff.json#"triggers"`,
      ],
      'list:rollbackActions': [
        `${impl}/SERVICE_V3_HANDOFF_PROTOCOL.md#last approved`,
        `${impl}/release-handoff.json#"actions"`,
      ],
      'list:producerCommands': [
        `${impl}/SERVICE_V3_HANDOFF_PROTOCOL.md#\`\`\`bash`,
        `${impl}/release-handoff.json#verification_commands`,
      ],
      'list:consumerCommands': [
        `${impl}/SERVICE_V3_HANDOFF_PROTOCOL.md#\`\`\`sh`,
        `${impl}/release-handoff.json#required_consumer_checks`,
      ],
    },
  },
  {
    name: 'post-cutover',
    folder: 'docs',
    planted: {
      'pin:live:release_tag': [`${impl}/SERVICE_V3_MIGRATION_PLAN.md#v0.4.0`, `${impl}/SERVICE_V3_RFC.md#v0.4.1`],
      'pin:live:commit_sha': [`${impl}/SERVICE_V3_MIGRATION_PLAN.md#7d2e9b14`, `${impl}/SERVICE_V3_RFC.md#8e3f0c25`],
      'pin:live:service_contract_version': [
        `${impl}/SERVICE_V3_MIGRATION_PLAN.md#3. \`service_contract_version\``,
        `${impl}/SERVICE_V3_RFC.md#- \`service_contract_version\`: \`service.v3\``,
      ],
      mode: [`${impl}/SERVICE_V3_MIGRATION_PLAN.md#Mode:`, `${impl}/SERVICE_V3_CUTOVER_GATES.md#Mode:`],
      'status:gate:joint-sign-off-recorded': [
        `${impl}/SERVICE_V3_CUTOVER_GATES.md#   - Status: Passed#4`,
        `${impl}/SERVICE_V3_EXECUTION_TRACKER.md#Status: Pending`,
      ],
      'list:rollbackTriggers': [
        `${impl}/SERVICE_V3_CUTOVER_GATES.md#1. Consumer contract suite`,
        `${impl}/SERVICE_V3_RFC.md#1. Consumer contract suite`,
      ],
      'list:consumerCommands': [
        `${impl}/SERVICE_V3_MIGRATION_PLAN.md#| Check`,
        `${impl}/SERVICE_V3_CUTOVER_GATES.md#1. \`pnpm run check`,
      ],
      'list:producerCommands': [
        `${impl}/SERVICE_V3_MIGRATION_PLAN.md#1. Run \`cargo fmt`,
        `${impl}/SERVICE_V3_EXECUTION_TRACKER.md#\`\`\`sh`,
      ],
    },
    history: [
      'mode',
      'pin:live:release_tag',
      'pin:live:commit_sha',
      'pin:live:service_contract_version',
      'status:gate:producer-suite-green',
      'status:task:P4',
    ],
  },
];

for (const pkg of packages) {
  describe(`drift on the ${pkg.name} package`, () => {
    const run = (variant: string) => {
      const root = join(fixtures, pkg.name, variant);
      return runDrift({ folder: join(root, pkg.folder), root });
    };

    it('reports nothing on the clean variant', () => {
      const report = run('clean');
      expect(report.problems).toEqual([]);
      expect(report.findings.map((finding) => finding.fact)).toEqual([]);
      expect(report.statements).toBeGreaterThan(30);
    });

    it('reports each planted disagreement once, with all its places, and nothing else', () => {
      const report = run('drifted');
      expect(Object.keys(pkg.planted).length).toBeGreaterThanOrEqual(8);
      const found = Object.fromEntries(
        report.findings.map((finding) => [
          finding.fact,
          finding.values.flatMap((value) => value.places.map((place) => `${place.file}:${place.line}`)).sort(),
        ]),
      );
      const expected = Object.fromEntries(
        Object.entries(pkg.planted).map(([fact, places]) => [fact, places.map((spec) => at(pkg.name, spec)).sort()]),
      );
      expect(found).toEqual(expected);
      expect(report.findings).toHaveLength(Object.keys(pkg.planted).length);
      for (const finding of report.findings) expect(finding.values).toHaveLength(2);
    });

    if (pkg.history)
      it('shows older checkpoints, history sections and snapshots as history, not drift', () => {
        const report = run('clean');
        const facts = new Set(report.history.map((entry) => entry.fact));
        for (const fact of pkg.history ?? []) expect(facts).toContain(fact);
        expect(report.history.every((entry) => entry.reason.length > 0)).toBe(true);
      });
  });
}
