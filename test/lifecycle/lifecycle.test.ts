import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/core/corpus.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import {
  checkRegenerated,
  positionOf,
  replaceOnce,
  shippedFiles,
  textOf,
  where,
  withEdit,
} from '../helpers/content.ts';
import { cutoverRecords, withRecords } from './records.ts';

/** The scenarios of issue 13, each on a copy of the shipped content, with rule id, file and line asserted. */
const migration = 'content/migrations/service-v3';
const records = `${migration}/records.yaml`;
const tracker = `${migration}/tracker.mdx`;
const gates = `${migration}/gates.mdx`;
const plan = `${migration}/plan.mdx`;
const lifecycleRules = new Set(['evidence-records', 'decision-evidence', 'runtime-moved', 'time-windows']);

function lineOf(files: readonly SourceFile[], path: string, needle: string, occurrence = 1): number {
  return positionOf(textOf(files, path), needle, occurrence).line;
}

function seeOf(diagnostic: Diagnostic): string {
  const cause = diagnostic.cause as { file?: string; line?: number } | undefined;
  return `${cause?.file}:${cause?.line}`;
}

describe('a go cutover decision and an executed cutover while nothing else moved', () => {
  const files = withRecords(shippedFiles(), cutoverRecords);
  const reports = checkRegenerated(files).filter((diagnostic) => lifecycleRules.has(diagnostic.ruleId));
  const decisionLine = lineOf(files, records, '  - id: cutover-go');

  it('reports the ready task, the draft RFC, the rehearsal mode, the old pin and the rehearsal documents, once each', () => {
    expect(reports.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.ruleId}`)).toEqual([
      `${gates}:${lineOf(files, gates, 'status: pending', 1)} decision-evidence`,
      `${gates}:${lineOf(files, gates, 'status: pending', 2)} decision-evidence`,
      `${gates}:${lineOf(files, gates, 'status: pending', 3)} decision-evidence`,
      `${gates}:${lineOf(files, gates, 'status: pending', 4)} decision-evidence`,
      `${migration}/migration.yaml:8 runtime-moved`,
      `${plan}:${lineOf(files, plan, 'status: active')} runtime-moved`,
      `${migration}/rfc.mdx:7 runtime-moved`,
      `${tracker}:${lineOf(files, tracker, 'status: active')} runtime-moved`,
      `${tracker}:${lineOf(files, tracker, 'status: ready')} decision-evidence`,
      `content/runtime/pin.yaml:${lineOf(files, 'content/runtime/pin.yaml', 'service_contract_version')} runtime-moved`,
    ]);
    const places = reports.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}`);
    expect(new Set(places).size).toBe(places.length);
  });

  it('points every report at the decision', () => {
    for (const diagnostic of reports) expect(seeOf(diagnostic)).toBe(`${records}:${decisionLine}`);
  });

  it('says what is stale and what is expected', () => {
    const byFile = (file: string) => reports.find((diagnostic) => diagnostic.file === file)?.reason;
    expect(byFile(tracker)).toBe(
      'Unexpected active tracker whose header says `rehearsal` after the runtime cut over to `service.v3` (event `cutover-executed`, 2026-03-02T14:05:00Z), expected `historical` or `superseded`',
    );
    expect(
      reports.find((diagnostic) => diagnostic.ruleId === 'decision-evidence' && diagnostic.file === tracker)?.reason,
    ).toBe(
      'Unexpected ready task `P4` relied on by go decision `cutover-go` (2026-03-02T13:00:00Z), expected `done` with an evidence record by then',
    );
    expect(byFile('content/runtime/pin.yaml')).toBe(
      'Unexpected live pin on `service.v2` after the runtime cut over to `service.v3` (event `cutover-executed`, 2026-03-02T14:05:00Z), expected `service.v3`',
    );
  });

  it('reports nothing of the kind without the executed event, except the go decision on unfinished work', () => {
    const decided = withRecords(
      shippedFiles(),
      cutoverRecords.slice(0, cutoverRecords.indexOf('events:')).concat(['events: []', 'windows: []']),
    );
    const rules = checkRegenerated(decided).filter((diagnostic) => lifecycleRules.has(diagnostic.ruleId));
    expect(new Set(rules.map((diagnostic) => diagnostic.ruleId))).toEqual(new Set(['decision-evidence']));
  });

  it('refuses a cutover event that no go decision authorised', () => {
    const unauthorised = withRecords(shippedFiles(), [
      'decisions: []',
      'events:',
      '  - { id: cutover-executed, title: Cut over., type: cutover-executed, at: 2026-03-02T14:05:00Z }',
      'windows: []',
    ]);
    const [diagnostic] = checkRegenerated(unauthorised).filter((d) => d.ruleId === 'runtime-moved');
    expect(where(diagnostic!)).toBe(
      `${records}:${lineOf(unauthorised, records, 'type: cutover-executed')}:${positionOf(textOf(unauthorised, records), 'type: cutover-executed').column} runtime-moved`,
    );
    expect(diagnostic?.reason).toBe(
      'Unexpected cutover event `cutover-executed` authorised by no decision, expected a `go` decision on `runtime-cutover`',
    );
  });
});

describe('time windows', () => {
  it('refuses a one-week stabilization window closed 25 minutes after it opened', () => {
    const files = withRecords(shippedFiles(), [
      'decisions: []',
      'events:',
      '  - id: stabilization-opened',
      '    title: Stabilization starts.',
      '    type: window-opened',
      '    window: stabilization',
      '    at: 2026-03-02T15:05:00Z',
      '  - id: stabilization-closed',
      '    title: Stabilization ends.',
      '    type: window-closed',
      '    window: stabilization',
      '    at: 2026-03-02T15:30:00Z',
      'windows:',
      '  - { id: stabilization, title: Post-cutover stabilization, days: 7 }',
    ]);
    const found = checkRegenerated(files).filter((diagnostic) => diagnostic.ruleId === 'time-windows');
    expect(found.map(where)).toEqual([
      `${records}:${lineOf(files, records, 'at: 2026-03-02T15:30:00Z')}:5 time-windows`,
    ]);
    expect(found[0]?.reason).toBe(
      'Unexpected `window-closed` for `stabilization` at 2026-03-02T15:30:00Z, 25 minutes after it opened, expected no earlier than 2026-03-09T15:05:00Z (7 days after 2026-03-02T15:05:00Z)',
    );
    expect(seeOf(found[0]!)).toBe(`${records}:${lineOf(files, records, '  - id: stabilization-opened')}`);
  });

  it('accepts the same window closed after its week', () => {
    const files = withRecords(shippedFiles(), [
      'decisions: []',
      'events:',
      '  - { id: stabilization-opened, title: Starts., type: window-opened, window: stabilization, at: 2026-03-02T15:05:00Z }',
      '  - { id: stabilization-closed, title: Ends., type: window-closed, window: stabilization, at: 2026-03-09T15:05:00Z }',
      'windows:',
      '  - { id: stabilization, title: Post-cutover stabilization, days: 7 }',
    ]);
    expect(checkRegenerated(files).filter((diagnostic) => diagnostic.ruleId === 'time-windows')).toEqual([]);
  });

  it('refuses legacy_error removed inside the overlap window, a cutover before its not-before day, and a decision dated after its event', () => {
    let files = withRecords(shippedFiles(), [
      'decisions:',
      '  - { id: cutover-go, title: Go., scope: runtime-cutover, outcome: no-go, decidedAt: 2026-03-02T15:00:00Z, approvers: [MemoryKernel] }',
      'events:',
      '  - { id: cutover-executed, title: Cut over., type: cutover-executed, at: 2026-03-02T14:05:00Z, authorisedBy: cutover-go }',
      '  - { id: legacy-gone, title: legacy_error removed., type: legacy-error-removed, at: 2026-03-10T09:00:00Z }',
      'windows: []',
    ]);
    files = withEdit(
      files,
      `${migration}/migration.yaml`,
      replaceOnce('started: 2026-02-08\n', 'started: 2026-02-08\nnotBefore: 2026-03-05\n'),
    );
    const found = checkRegenerated(files).filter((diagnostic) => diagnostic.ruleId === 'time-windows');
    expect(found.map((diagnostic) => `${diagnostic.line} ${diagnostic.reason}`)).toEqual([
      `${lineOf(files, records, 'decidedAt: 2026-03-02T15:00:00Z')} Unexpected decision \`cutover-go\` dated 2026-03-02T15:00:00Z, after the event \`cutover-executed\` it authorised (2026-03-02T14:05:00Z), expected 2026-03-02T14:05:00Z or earlier`,
      `${lineOf(files, records, 'at: 2026-03-02T14:05:00Z')} Unexpected cutover \`cutover-executed\` at 2026-03-02T14:05:00Z, before the declared not-before day 2026-03-05, expected 2026-03-05T00:00:00Z or later`,
      `${lineOf(files, records, 'at: 2026-03-10T09:00:00Z')} Unexpected \`legacy_error\` removal at 2026-03-10T09:00:00Z, inside the 14-day overlap window that opened with the cutover, expected 2026-03-16T14:05:00Z or later`,
    ]);
  });
});

describe('evidence records', () => {
  const passed = withEdit(
    shippedFiles(),
    gates,
    replaceOnce(/(id: producer-suite-green\n[^\n]*\n[^\n]*\n {4}status: )pending/, '$1passed'),
  );

  it('refuses a passed gate without an evidence record', () => {
    const found = checkRegenerated(passed).filter((diagnostic) => diagnostic.ruleId === 'evidence-records');
    expect(found.map(where)).toEqual([`${gates}:${lineOf(passed, gates, 'status: passed')}:5 evidence-records`]);
  });

  it('accepts it with one', () => {
    const recorded = withRecords(passed, [
      'evidence:',
      '  - id: producer-suite-rc-run',
      '    title: The eight producer commands ran green on the release candidate.',
      '    recordedAt: 2026-03-01T10:00:00Z',
      '    by: producer',
      '    for: [gate:producer-suite-green]',
      '    ci: https://ci.example/memorykernel/runs/4812',
    ]);
    expect(checkRegenerated(recorded).filter((diagnostic) => diagnostic.ruleId === 'evidence-records')).toEqual([]);
  });

  it('refuses an exit criterion met while one of its gates is pending', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce(
        /(id: exit-consumer-ci-checks\n[^\n]*\n {4}status: )unmet\n {4}gates: \[\]/,
        '$1met\n    gates: [consumer-suite-green]',
      ),
    );
    const line = lineOf(files, plan, 'status: met');
    const found = checkRegenerated(files).filter((diagnostic) => diagnostic.line === line && diagnostic.file === plan);
    expect(found.map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.reason}`)).toEqual([
      'evidence-records Unexpected met exit criterion `exit-consumer-ci-checks` without an evidence record, expected a record in content/migrations/service-v3/records.yaml whose `for` names `exit:exit-consumer-ci-checks`',
      'exit-criteria-status Unexpected met exit criterion `exit-consumer-ci-checks` with gate `consumer-suite-green` (pending), task `P4` (ready), expected its gates passed and tasks done',
    ]);
  });

  it('refuses a decision dated before the evidence it relies on was recorded', () => {
    const files = withRecords(shippedFiles(), [
      'decisions:',
      '  - id: entry-go',
      '    title: Go for the joint rehearsal entry.',
      '    scope: rehearsal',
      '    outcome: go',
      '    decidedAt: 2026-02-20T13:00:00Z',
      '    approvers: [MemoryKernel, AssistSupport]',
      '    evidence: [task:P3, record:consumer-ci-run]',
      'events: []',
      'windows: []',
      'evidence:',
      '  - id: consumer-ci-run',
      '    title: AssistSupport CI ran its three checks against the payload.',
      '    recordedAt: 2026-02-21T08:00:00Z',
      '    by: consumer',
      '    for: [evidence:consumer-suite-results]',
      '    ci: https://ci.example/assistsupport/runs/1207',
    ]);
    const found = checkRegenerated(files).filter((diagnostic) => diagnostic.ruleId === 'decision-evidence');
    const cited = positionOf(textOf(files, records), 'record:consumer-ci-run]');
    expect(found.map(where)).toEqual([`${records}:${cited.line}:${cited.column} decision-evidence`]);
    expect(found[0]?.reason).toBe(
      'Unexpected go decision `entry-go` at 2026-02-20T13:00:00Z citing `record:consumer-ci-run`, recorded later at 2026-02-21T08:00:00Z, expected the evidence recorded no later than the decision',
    );
    expect(seeOf(found[0]!)).toBe(`${records}:${lineOf(files, records, 'recordedAt: 2026-02-21T08:00:00Z')}`);
  });
});

describe('the overlap window keeps both contracts live', () => {
  const bothLive = (lines: readonly string[]) =>
    withEdit(
      withRecords(shippedFiles(), lines),
      'content/contracts/service.v3.yaml',
      replaceOnce('status: candidate\n', 'status: live\n'),
    );

  it('accepts service.v2 and service.v3 both live after the recorded cutover, until the overlap closes', () => {
    const open = checkRegenerated(bothLive(cutoverRecords)).filter((d) => d.ruleId === 'single-live-contract');
    expect(open).toEqual([]);
    const closedLines = [
      ...cutoverRecords.slice(0, -1),
      '  - { id: overlap-closed, title: Overlap ends., type: window-closed, window: overlap, at: 2026-03-16T14:05:00Z }',
      'windows: []',
    ];
    const closed = checkRegenerated(bothLive(closedLines)).filter((d) => d.ruleId === 'single-live-contract');
    expect(closed.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([
      'content/contracts/service.v3.yaml:4 single-live-contract',
    ]);
  });
});
