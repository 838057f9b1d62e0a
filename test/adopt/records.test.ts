import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allCommandsPattern } from '../../src/core/adopt/conventions.ts';
import { driftAtSource, runImport, type ImportRun } from '../../src/core/adopt/run.ts';
import { checkProject } from '../../src/core/check.ts';
import { runDrift } from '../../src/core/drift/run.ts';
import { loadCorpus } from '../../src/core/read.ts';
import { removeTemporaryFolders, tempRoot } from './helpers.ts';

/**
 * A package written after the cutover, imported with its records: the go/no-go decision, the cutover's
 * execution and the evidence of every finished gate and task come from what the producer's cutover record
 * and dated checkpoints state, in two house styles (bullets and sentences; tables, labels and a camelCase
 * JSON log). A status nothing backs (a passed gate, an accepted RFC, a decision nobody signed) is a finding
 * at the producer's line and an error of the check at the same line, never filled in.
 */

afterAll(removeTemporaryFolders);

const cleanPackage = join(import.meta.dirname, '../drift/fixtures/post-cutover/clean');
const homePath = /portable-commands Unexpected machine-specific path `\/Users\/d\/Projects\/MemoryKernel`/;

/** The clean package in a repository, with some files rewritten or added (`edit` gets the file's text, or ''), imported from docs/. */
function importVariant(edits: Record<string, (text: string) => string> = {}): { root: string; run: ImportRun } {
  const root = tempRoot('contract-docs-records-');
  cpSync(join(cleanPackage, 'docs'), join(root, 'docs'), { recursive: true });
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(root, path);
    writeFileSync(file, edit(existsSync(file) ? readFileSync(file, 'utf8') : ''));
  }
  return { root, run: runImport(join(root, 'docs'), { root, contentDir: 'content' }) };
}

const findingsOf = (run: ImportRun) =>
  run.result.unmapped
    .filter((entry) => !entry.note)
    .map((entry) => `${entry.source.file}:${entry.source.line} ${entry.reason}`);
const errorsOf = (run: ImportRun) =>
  driftAtSource(run)
    .filter((d) => d.fatal === true)
    .map((d) => `${d.file}:${d.line} ${d.ruleId}`);

/** Replaces one exact text of a file, failing when the fixture no longer holds it. */
const replacing = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return text.replace(from, to);
};

function recordsOf(root: string) {
  const bundle = loadCorpus(root).migrations[0];
  return { bundle, records: bundle?.records?.data };
}

describe('the records of the package after the cutover, as imported', () => {
  it('bullets and sentences: one go decision from the JSON record and the checkpoint, its event, an evidence record per link', () => {
    const { root, run } = importVariant();
    expect(findingsOf(run)).toEqual([]);
    const { bundle, records } = recordsOf(root);
    // The JSON states the outcome and the moment, the checkpoint who decided at the same moment: one decision.
    expect(records?.decisions).toEqual([
      {
        id: 'cutover-go',
        title: 'Go for the runtime cutover to service.v3.',
        scope: 'runtime-cutover',
        outcome: 'go',
        decidedAt: '2026-03-02T14:00:00Z',
        approvers: ['MemoryKernel', 'AssistSupport'],
        evidence: [
          'gate:producer-suite-green',
          'gate:consumer-suite-green',
          'gate:non-2xx-envelope-assertions-pass-candidate',
          'gate:joint-sign-off-recorded',
        ],
        supersedes: [],
      },
    ]);
    // The record puts the runtime on service.v3 at its moment; no other time for the execution is stated.
    expect(records?.events).toEqual([
      {
        id: 'cutover-executed',
        title: 'The runtime serves service.v3 from v0.4.0.',
        type: 'cutover-executed',
        at: '2026-03-02T14:00:00Z',
        authorisedBy: 'cutover-go',
      },
    ]);
    expect(records?.evidence.map((record) => [record.for, record.recordedAt, record.ci ?? record.artifact])).toEqual([
      [['task:P1'], '2026-02-08T00:00:00Z', 'docs/implementation/SERVICE_V3_MIGRATION_PLAN.md'],
      [['task:P2'], '2026-02-08T00:00:00Z', 'https://ci.example/memorykernel/runs/4702'],
      [['task:P3'], '2026-02-08T00:00:00Z', 'https://ci.example/memorykernel/runs/4711'],
      [
        ['gate:producer-suite-green', 'evidence:producer-suite-results'],
        '2026-03-02T14:00:00Z',
        'https://ci.example/memorykernel/runs/4812',
      ],
      [
        ['gate:consumer-suite-green', 'evidence:consumer-suite-results'],
        '2026-03-02T14:00:00Z',
        'https://ci.example/assistsupport/runs/1290',
      ],
      [
        ['gate:non-2xx-envelope-assertions-pass-candidate', 'evidence:contract-evidence-artifact'],
        '2026-03-02T14:00:00Z',
        'https://ci.example/assistsupport/runs/1291',
      ],
      [
        ['gate:joint-sign-off-recorded', 'evidence:go-no-go-decision-log'],
        '2026-03-02T14:00:00Z',
        'docs/implementation/cutover_record.json',
      ],
      [['task:P4'], '2026-03-02T14:00:00Z', 'https://ci.example/assistsupport/runs/1207'],
    ]);
    // The checkpoint's link texts name checklist items: the gates the gates document lists without evidence stand on them.
    expect(bundle?.gates?.data.gates.map((gate) => [gate.id, gate.evidence.checklist])).toEqual([
      ['producer-suite-green', ['producer-suite-results']],
      ['consumer-suite-green', ['consumer-suite-results']],
      ['non-2xx-envelope-assertions-pass-candidate', ['contract-evidence-artifact']],
      ['joint-sign-off-recorded', ['go-no-go-decision-log']],
    ]);
    expect(bundle?.rfc?.data.approvers).toEqual([
      { team: 'MemoryKernel', role: 'producer', decision: 'approved' },
      { team: 'AssistSupport', role: 'consumer', decision: 'approved' },
    ]);
  });

  // The same records in another house style: checkpoints as tables with labels, a camelCase JSON log with
  // who decided and when the cutover ran, the RFC's approvals as a table.
  const tableStyle = {
    'docs/checkpoints/CHECKPOINT_2026-02-08.md': () =>
      [
        '# Rehearsal handoff checkpoint',
        '',
        '**Date:** 2026-02-08',
        '',
        '## Tasks',
        '',
        '| Task | Title | Status | Evidence |',
        '| --- | --- | --- | --- |',
        '| P1 | Rehearsal planning package | Completed | [planning documents](../implementation/SERVICE_V3_MIGRATION_PLAN.md) |',
        '| P2 | Producer handoff candidate payload | Completed | https://ci.example/memorykernel/runs/4702 |',
        '| P3 | Producer verification suite | Completed | https://ci.example/memorykernel/runs/4711 |',
        '',
      ].join('\n'),
    'docs/checkpoints/CHECKPOINT_2026-03-02.md': () =>
      [
        '# Cutover checkpoint',
        '',
        '**Date:** 2026-03-02',
        '',
        '| Decision | Decided at | Approvers |',
        '| --- | --- | --- |',
        '| GO | 2026-03-02 14:00 UTC | MemoryKernel, AssistSupport |',
        '',
        'Cutover executed at 2026-03-02T14:05:00Z.',
        '',
        '## Runtime after the cutover',
        '',
        '| Field | Value |',
        '| --- | --- |',
        '| `release_tag` | `v0.4.0` |',
        '| `service_contract_version` | `service.v3` |',
        '',
        '## Go/no-go gates',
        '',
        '| Gate | Status | Evidence |',
        '| --- | --- | --- |',
        '| Producer suite green | Passed | [Producer suite results](https://ci.example/memorykernel/runs/4812) |',
        '| Consumer suite green | Passed | [Consumer suite results](https://ci.example/assistsupport/runs/1290) |',
        '| Non-2xx envelope assertions pass for the candidate shape | Passed | [Contract evidence artifact](https://ci.example/assistsupport/runs/1291) |',
        '| Joint sign-off recorded | Passed | [Go/no-go decision log](../implementation/cutover_record.json) |',
        '',
        '## Tasks',
        '',
        '| Task | Title | Status | Evidence |',
        '| --- | --- | --- | --- |',
        '| P4 | Joint rehearsal entry handshake | Completed | https://ci.example/assistsupport/runs/1207 |',
        '',
      ].join('\n'),
    'docs/implementation/cutover_record.json': () =>
      `${JSON.stringify(
        {
          decisions: [
            {
              outcome: 'GO',
              decidedAt: '2026-03-02T15:00:00+01:00',
              approvedBy: ['MemoryKernel', 'AssistSupport'],
              scope: 'runtime cutover',
              runtimePin: {
                releaseTag: 'v0.4.0',
                commitSha: '7d2e9b14c0a85f3e6d1b2c4a9e8f7d6c5b4a3f21',
                serviceContractVersion: 'service.v3',
              },
            },
          ],
        },
        null,
        2,
      )}\n`,
    'docs/implementation/SERVICE_V3_RFC.md': (text: string) =>
      `${replacing('Approved by: MemoryKernel (2026-02-20), AssistSupport (2026-02-21)\n', '')(text)}\n## Approvals\n\n| Team | Role | Decision |\n| --- | --- | --- |\n| MemoryKernel | producer | Approved |\n| AssistSupport | consumer | Approved |\n`,
  };

  it('tables, labels and a camelCase JSON log: the same decision, the execution time it states, no finding, a clean check', () => {
    const { root, run } = importVariant(tableStyle);
    expect(runDrift({ folder: join(root, 'docs'), root }).findings.map((finding) => finding.fact)).toEqual([]);
    expect(findingsOf(run)).toEqual([]);
    expect(errorsOf(run)).toEqual([]);
    const diagnostics = checkProject(root).diagnostics.filter((d) => d.fatal !== undefined);
    expect(diagnostics.filter((d) => !homePath.test(`${d.ruleId} ${d.reason}`))).toEqual([]);
    const { bundle, records } = recordsOf(root);
    // `+01:00` is the same moment as the table's `14:00 UTC`: one decision, signed in both records.
    expect(records?.decisions.map((decision) => [decision.id, decision.decidedAt, decision.approvers])).toEqual([
      ['cutover-go', '2026-03-02T14:00:00Z', ['MemoryKernel', 'AssistSupport']],
    ]);
    expect(records?.events.map((event) => [event.type, event.at, event.authorisedBy])).toEqual([
      ['cutover-executed', '2026-03-02T14:05:00Z', 'cutover-go'],
    ]);
    expect(records?.evidence.map((record) => [record.for[0], record.ci ?? record.artifact])).toEqual([
      ['task:P1', 'docs/implementation/SERVICE_V3_MIGRATION_PLAN.md'],
      ['task:P2', 'https://ci.example/memorykernel/runs/4702'],
      ['task:P3', 'https://ci.example/memorykernel/runs/4711'],
      ['gate:producer-suite-green', 'https://ci.example/memorykernel/runs/4812'],
      ['gate:consumer-suite-green', 'https://ci.example/assistsupport/runs/1290'],
      ['gate:non-2xx-envelope-assertions-pass-candidate', 'https://ci.example/assistsupport/runs/1291'],
      ['gate:joint-sign-off-recorded', 'docs/implementation/cutover_record.json'],
      ['task:P4', 'https://ci.example/assistsupport/runs/1207'],
    ]);
    expect(bundle?.rfc?.data.approvers.map((approver) => approver.decision)).toEqual(['approved', 'approved']);
  });
});

describe('evidence inside the JSON record', () => {
  it('a gate of the record with an evidence URL: an evidence record at the record’s moment', () => {
    const { root, run } = importVariant({
      'docs/checkpoints/CHECKPOINT_2026-03-02.md': replacing(
        '   - Evidence: [Producer suite results](https://ci.example/memorykernel/runs/4812)\n',
        '',
      ),
      'docs/implementation/cutover_record.json': replacing(
        '{ "name": "Producer suite green", "status": "passed" }',
        '{ "name": "Producer suite green", "status": "passed", "evidence_url": "https://ci.example/memorykernel/runs/4812" }',
      ),
    });
    expect(findingsOf(run)).toEqual([]);
    expect(errorsOf(run)).toEqual([]);
    const record = recordsOf(root).records?.evidence.find((entry) => entry.for.includes('gate:producer-suite-green'));
    expect(record).toMatchObject({
      recordedAt: '2026-03-02T14:00:00Z',
      by: 'producer',
      ci: 'https://ci.example/memorykernel/runs/4812',
    });
  });
});

describe('more than one decision', () => {
  it('a decision log: the no-go before the go is a decision of its own, with no event', () => {
    const { root, run } = importVariant({
      'docs/checkpoints/CHECKPOINT_2026-03-02.md': replacing(
        '## Pin after the cutover',
        [
          '## Decision log',
          '',
          '| When | Decision | Who |',
          '| --- | --- | --- |',
          '| 2026-02-27 15:00 UTC | No-go | MemoryKernel, AssistSupport |',
          '',
          '## Pin after the cutover',
        ].join('\n'),
      ),
    });
    expect(findingsOf(run)).toEqual([]);
    expect(errorsOf(run)).toEqual([]);
    const { records } = recordsOf(root);
    expect(records?.decisions.map((decision) => [decision.id, decision.outcome, decision.decidedAt])).toEqual([
      ['cutover-no-go', 'no-go', '2026-02-27T15:00:00Z'],
      ['cutover-go', 'go', '2026-03-02T14:00:00Z'],
    ]);
    expect(records?.events.map((event) => event.authorisedBy)).toEqual(['cutover-go']);
  });

  it('a rollback after the cutover: its decision and event are imported, and the check says what did not move back', () => {
    const { root, run } = importVariant({
      'docs/checkpoints/CHECKPOINT_2026-03-04.md': () =>
        [
          '# Checkpoint: rollback',
          '',
          'Date: 2026-03-04',
          '',
          'Go decision for the rollback recorded 2026-03-04T09:00:00Z by MemoryKernel and AssistSupport.',
          '',
          'The rollback ran at 2026-03-04T09:20:00Z.',
          '',
        ].join('\n'),
    });
    const { records } = recordsOf(root);
    expect(records?.decisions.map((decision) => [decision.id, decision.scope, decision.decidedAt])).toEqual([
      ['cutover-go', 'runtime-cutover', '2026-03-02T14:00:00Z'],
      ['rollback-go', 'rollback', '2026-03-04T09:00:00Z'],
    ]);
    expect(records?.events.map((event) => [event.type, event.at, event.authorisedBy])).toEqual([
      ['cutover-executed', '2026-03-02T14:00:00Z', 'cutover-go'],
      ['rollback-executed', '2026-03-04T09:20:00Z', 'rollback-go'],
    ]);
    expect(findingsOf(run)).toEqual([]);
    // The documents still say stabilization on service.v3: after the recorded rollback that is what the check reports.
    expect(errorsOf(run)).toContain('docs/implementation/SERVICE_V3_MIGRATION_PLAN.md:5 runtime-moved');
  });
});

describe('approvals written as a list under a sign-off heading', () => {
  const rfc = 'docs/implementation/SERVICE_V3_RFC.md';
  const signOff = (assistSupport: string) => (text: string) =>
    `${replacing('Approved by: MemoryKernel (2026-02-20), AssistSupport (2026-02-21)\n', '')(text)}\n## Sign-off\n\n- [x] MemoryKernel (producer)\n- AssistSupport: ${assistSupport} on 2026-02-21\n`;

  it('a checked box and a decision word record the approvals', () => {
    const { root, run } = importVariant({ [rfc]: signOff('approved') });
    expect(findingsOf(run)).toEqual([]);
    expect(errorsOf(run)).toEqual([]);
    expect(recordsOf(root).bundle?.rfc?.data.approvers.map((approver) => approver.decision)).toEqual([
      'approved',
      'approved',
    ]);
  });

  it('a rejection is recorded as such, and the accepted RFC is a finding', () => {
    const { run } = importVariant({ [rfc]: signOff('rejected') });
    expect(findingsOf(run)).toEqual([
      `${rfc}:4 the RFC is accepted but \`AssistSupport\` rejected (an \`Approved by:\` line, an approvals table with a team and a decision column, or a list under an “Approvals” heading); state each approval, or set the status back to review`,
    ]);
    expect(errorsOf(run)).toEqual([`${rfc}:4 approvals`]);
  });
});

describe('a status nothing backs is a finding at the producer line, and the check errs there', () => {
  const gates = 'docs/implementation/SERVICE_V3_CUTOVER_GATES.md';

  it('a gate passed with no evidence stated anywhere', () => {
    const { run } = importVariant({
      'docs/checkpoints/CHECKPOINT_2026-03-02.md': replacing(
        '   - Evidence: [Contract evidence artifact](https://ci.example/assistsupport/runs/1291)\n',
        '',
      ),
    });
    expect(findingsOf(run)).toEqual([
      `${gates}:14 gate \`non-2xx-envelope-assertions-pass-candidate\` is passed but names no evidence (a command, an evidence checklist item or an envelope assertion under \`Evidence:\`, here or in a dated checkpoint of the folder imported); state it, or set the status back to pending`,
      `${gates}:14 gate \`non-2xx-envelope-assertions-pass-candidate\` is passed but no evidence of it is stated (a CI run link or an artifact path under \`Evidence:\`, in its document or in a dated checkpoint of the folder imported); state it, or set the status back`,
    ]);
    expect(errorsOf(run)).toEqual([`${gates}:14 evidence-records`, `${gates}:14 gate-evidence`]);
  });

  it('an accepted RFC whose approvals are not stated', () => {
    const { run } = importVariant({
      'docs/implementation/SERVICE_V3_RFC.md': replacing(
        'Approved by: MemoryKernel (2026-02-20), AssistSupport (2026-02-21)\n',
        'Approved by: MemoryKernel (2026-02-20)\n',
      ),
    });
    expect(findingsOf(run)).toEqual([
      'docs/implementation/SERVICE_V3_RFC.md:4 the RFC is accepted but `AssistSupport` has no recorded approval (an `Approved by:` line, an approvals table with a team and a decision column, or a list under an “Approvals” heading); state each approval, or set the status back to review',
    ]);
    expect(errorsOf(run)).toEqual(['docs/implementation/SERVICE_V3_RFC.md:4 approvals']);
  });

  it('evidence stated only in a document dated after the decision that relied on it', () => {
    const link = '   - Evidence: [Producer suite results](https://ci.example/memorykernel/runs/4812)\n';
    const { run } = importVariant({
      'docs/checkpoints/CHECKPOINT_2026-03-02.md': replacing(link, ''),
      [gates]: replacing(
        '1. Producer suite green\n   - Status: Passed\n',
        `1. Producer suite green\n   - Status: Passed\n${link}`,
      ),
    });
    // The link names the checklist item and no command: the suite gate still stands on the producer's commands.
    expect(findingsOf(run)).toEqual([
      `${gates}:11 the evidence of \`gate:producer-suite-green\` is dated 2026-03-09T00:00:00Z (the \`Updated:\` day of ${gates}), after the go decision \`cutover-go\` of 2026-03-02T14:00:00Z that relies on it; state it in the dated checkpoint of the decision, or correct the date that is wrong`,
    ]);
    expect(errorsOf(run)).toEqual(['docs/checkpoints/CHECKPOINT_2026-03-02.md:6 decision-evidence']);
  });

  it('an approval by a team that is no approver, and a record citing a gate the package does not have', () => {
    const rfc = 'docs/implementation/SERVICE_V3_RFC.md';
    const { run } = importVariant({
      [rfc]: replacing('AssistSupport (2026-02-21)', 'AssistSupport (2026-02-21), Platform Security'),
      'docs/implementation/cutover_record.json': replacing(
        '{ "name": "Joint sign-off recorded", "status": "passed" }',
        '{ "name": "Joint sign-off recorded", "status": "passed" },\n    { "name": "Security review", "status": "passed" }',
      ),
    });
    expect(findingsOf(run)).toEqual([
      `${rfc}:6 approval by \`Platform Security\`, who is no approver of the RFC (MemoryKernel, AssistSupport); not recorded: name the approver as \`Approvers:\` does`,
      'docs/implementation/cutover_record.json:19 gate “Security review” of the go decision at 2026-03-02T14:00:00Z is no gate of the gates document; not cited',
    ]);
  });

  it('a go decision nobody is said to have taken: not imported, so nothing records the cutover', () => {
    const { run } = importVariant({
      'docs/checkpoints/CHECKPOINT_2026-03-02.md': replacing(' by MemoryKernel and AssistSupport.', '.'),
    });
    expect(findingsOf(run)).toEqual([
      'docs/checkpoints/CHECKPOINT_2026-03-02.md:6 the go decision recorded at 2026-03-02T14:00:00Z names nobody who took it (docs/checkpoints/CHECKPOINT_2026-03-02.md:6, docs/implementation/cutover_record.json:1); not imported: state who signed it (`by A and B`, `Approvers:`, or `"approvers"` in the record)',
    ]);
    // Without the decision the stabilization mode has no recorded cutover behind it.
    expect(errorsOf(run)).toEqual(['docs/implementation/SERVICE_V3_MIGRATION_PLAN.md:5 runtime-moved']);
  });

  it('records that disagree on the outcome of one decision', () => {
    const { run } = importVariant({
      'docs/checkpoints/CHECKPOINT_2026-03-02.md': replacing('Go/no-go decision recorded', 'No-go decision recorded'),
    });
    expect(findingsOf(run)).toEqual([
      'docs/implementation/cutover_record.json:3 the decision recorded at 2026-03-02T14:00:00Z is `no-go` and `go` in different records (docs/checkpoints/CHECKPOINT_2026-03-02.md:6, docs/implementation/cutover_record.json:3); not imported: correct the record that is wrong',
    ]);
    expect(errorsOf(run)).toEqual(['docs/implementation/SERVICE_V3_MIGRATION_PLAN.md:5 runtime-moved']);
  });
});

describe('evidence naming a side’s whole command list', () => {
  it('in the words producers use, never a single command or another list', () => {
    const side = (text: string) => allCommandsPattern.exec(text)?.[2]?.toLowerCase();
    expect(side('All producer verification commands')).toBe('producer');
    expect(side('the eight producer verification commands')).toBe('producer');
    expect(side('Output of the three consumer commands (1.1)')).toBe('consumer');
    expect(side('the producer verification commands ran on a laptop')).toBeUndefined();
    expect(side('the consumer prerequisites')).toBeUndefined();
  });
});
