import type { SourceFile } from '../../src/core/corpus.ts';
import { replaceOnce, withEdit } from '../helpers/content.ts';

const migration = 'content/migrations/service-v3';

/**
 * For every rule, one edit of the shipped content that must produce the rule's documented example
 * message. The docs page shows that message; this table is what keeps it true.
 */
export const ruleExamples: Record<string, (files: SourceFile[]) => SourceFile[]> = {
  syntax: (files) =>
    withEdit(files, `${migration}/tracker.mdx`, replaceOnce('status: active\n', 'status: active: yes\n')),
  schema: (files) =>
    withEdit(
      files,
      `${migration}/tracker.mdx`,
      replaceOnce(/( {4})waitsOn: \[\]\n( {4}deliverables: \[\]\n---)/, '$1waitOn: []\n$2'),
    ),
  'unique-ids': (files) =>
    withEdit(
      files,
      `${migration}/gates.mdx`,
      replaceOnce('  - id: consumer-suite-green\n', '  - id: producer-suite-green\n'),
    ),
  references: (files) =>
    withEdit(
      files,
      `${migration}/tracker.mdx`,
      replaceOnce(/( {4})waitsOn: \[\]\n( {4}deliverables: \[\]\n---)/, '$1waitsOn: [joint-signoff]\n$2'),
    ),
  'pins-agree': (files) =>
    withEdit(
      files,
      `${migration}/plan.mdx`,
      replaceOnce(
        '- `commit_sha`: `cf331449e1589581a5dcbb3adecd3e9ae4509277`',
        '- commit `0000000000000000000000000000000000000000`',
      ),
    ),
  'envelope-policy': (files) =>
    withEdit(
      files,
      `${migration}/plan.mdx`,
      replaceOnce(
        '- `service.v2`: requires `service_contract_version`, `error.code`, `error.message`, `legacy_error`;',
        '- `service.v2`: requires `service_contract_version`, `error.code`, `error.message`;',
      ),
    ),
  'contract-change': (files) =>
    withEdit(
      files,
      'content/contracts/service.v3.yaml',
      replaceOnce(
        '  optional:\n    - error.details\n  forbidden:\n    - legacy_error\n',
        '  optional:\n    - error.details\n    - legacy_error\n  forbidden:\n',
      ),
    ),
  'legacy-guard': (files) =>
    withEdit(files, 'content/contracts/service.v2.yaml', replaceOnce('    - legacy_error\n', '')),
  deliverables: (files) => addNotes(files),
  'commands-agree': (files) =>
    withEdit(
      files,
      `${migration}/plan.mdx`,
      replaceOnce(/\ncargo test --workspace --all-targets --all-features\n(?=[\s\S]*```)/, '\n'),
    ),
  'lists-agree': (files) =>
    withEdit(
      files,
      `${migration}/rfc.mdx`,
      replaceOnce('- Critical rehearsal incident with an unresolved root cause.\n', ''),
    ),
  'numbers-agree': (files) =>
    withEdit(files, `${migration}/rfc.mdx`, replaceOnce('overlap window of 14 days', 'overlap window of 21 days')),
  'error-codes-agree': (files) => withEdit(files, `${migration}/rfc.mdx`, replaceOnce('`write_failed`, ', '')),
  parties: (files) =>
    withEdit(files, `${migration}/gates.mdx`, replaceOnce('is owned by MemoryKernel.', 'is owned by AssistSupport.')),
  'payload-fresh': (files) =>
    withEdit(
      files,
      `${migration}/handoff-candidate.json`,
      replaceOnce(/("id": "consumer-suite-green",[\s\S]*?"status": )"pending"/, '$1"passed"'),
    ),
  'restated-fields': (files) =>
    withEdit(files, `${migration}/tracker.mdx`, replaceOnce(/(id: P4\n[^\n]*\n {4}status: )ready/, '$1in-progress')),
  links: (files) =>
    withEdit(
      files,
      `${migration}/tracker.mdx`,
      replaceOnce(
        'Three of the four tasks are done.',
        'Three of the four tasks are done ([gates](gate.mdx#gate-producer-suite-green)).',
      ),
    ),
  'safe-content': (files) =>
    withEdit(
      files,
      `${migration}/rfc.mdx`,
      (text) => `${text}\n[Open the console](javascript:alert(document.cookie)).\n`,
    ),
  'status-coherence': (files) =>
    withEdit(
      files,
      `${migration}/gates.mdx`,
      replaceOnce(
        '    status: pending\n    evidence:\n      commands: []\n      checklist: [go-no-go-decision-log, known-risk-acknowledgements]',
        '    status: passed\n    evidence:\n      commands: []\n      checklist: []',
      ),
    ),
  'evidence-records': (files) =>
    withEdit(
      files,
      `${migration}/gates.mdx`,
      replaceOnce(/(id: producer-suite-green\n[^\n]*\n[^\n]*\n {4}status: )pending/, '$1passed'),
    ),
  'decision-evidence': (files) =>
    withRecords(files, [
      'decisions:',
      '  - id: rehearsal-entry-go',
      '    title: Go for the joint rehearsal entry.',
      '    scope: rehearsal',
      '    outcome: go',
      '    decidedAt: 2026-02-20T13:00:00Z',
      '    approvers: [MemoryKernel, AssistSupport]',
      '    evidence: [record:consumer-ci-run]',
      'events: []',
      'windows: []',
      'evidence:',
      '  - id: consumer-ci-run',
      '    title: AssistSupport CI ran its three checks against the payload.',
      '    recordedAt: 2026-02-20T13:40:00Z',
      '    by: consumer',
      '    for: [evidence:consumer-suite-results]',
      '    ci: https://ci.example/assistsupport/runs/1207',
    ]),
  'status-claims': (files) => withP4Done(files),
  'runtime-moved': (files) => withRecords(files, cutoverRecords),
  'time-windows': (files) =>
    withRecords(files, [
      'decisions: []',
      'events:',
      '  - { id: stabilization-opened, title: Stabilization starts., type: window-opened, window: stabilization, at: 2026-03-02T15:05:00Z }',
      '  - { id: stabilization-closed, title: Stabilization ends., type: window-closed, window: stabilization, at: 2026-03-02T15:30:00Z }',
      'windows:',
      '  - { id: stabilization, title: Post-cutover stabilization, days: 7 }',
    ]),
};

/** Task P4 done in the data, its table row, its task section and an evidence record; the prose left as it was. */
export function withP4Done(files: SourceFile[]): SourceFile[] {
  let edited = withEdit(files, `${migration}/tracker.mdx`, (text) =>
    replaceOnce(
      /(id: P4\n[^\n]*\n {4}status: )ready/,
      '$1done',
    )(text)
      .replace(
        '| `task:P4` | Joint rehearsal entry handshake | joint | ready |',
        '| `task:P4` | Joint rehearsal entry handshake | joint | done |',
      )
      .replace(
        '### Task P4: Joint rehearsal entry handshake\n\n- Status: ready',
        '### Task P4: Joint rehearsal entry handshake\n\n- Status: done',
      ),
  );
  edited = withRecords(edited, [
    'evidence:',
    '  - id: p4-handshake',
    '    title: AssistSupport ran its three checks against the payload; both teams confirmed.',
    '    recordedAt: 2026-02-20T10:00:00Z',
    '    by: joint',
    '    for: [task:P4]',
    '    ci: https://ci.example/assistsupport/runs/1207',
  ]);
  return edited;
}

/** A go decision on the runtime cutover and the executed cutover it authorised, nothing else moved. */
export const cutoverRecords = [
  'decisions:',
  '  - id: cutover-go',
  '    title: Go for the service.v3 runtime cutover.',
  '    scope: runtime-cutover',
  '    outcome: go',
  '    decidedAt: 2026-03-02T13:00:00Z',
  '    approvers: [MemoryKernel, AssistSupport]',
  '    evidence: [task:P4]',
  'events:',
  '  - id: cutover-executed',
  '    title: The runtime serves service.v3.',
  '    type: cutover-executed',
  '    at: 2026-03-02T14:05:00Z',
  '    authorisedBy: cutover-go',
  'windows: []',
];

/** The shipped records file with its decisions, events and windows replaced (evidence records are kept unless given). */
export function withRecords(files: SourceFile[], lines: readonly string[]): SourceFile[] {
  return withEdit(files, `${migration}/records.yaml`, (text) => {
    const replaced = text.replace(/decisions: \[\]\nevents: \[\]\nwindows: \[\]\n/, '');
    if (replaced === text) throw new Error('records.yaml no longer has empty decisions, events and windows');
    const body = lines.join('\n');
    return body.includes('\nevidence:') || body.startsWith('evidence:')
      ? replaced.replace(/evidence:\n/, `${body}\n`)
      : `${replaced}${body}\n`;
  });
}

/** A well-formed tracker the plan does not list: a document the deliverables rule must notice. */
function addNotes(files: SourceFile[]): SourceFile[] {
  const tracker = files.find((file) => file.path === `${migration}/tracker.mdx`);
  if (!tracker) throw new Error('no tracker');
  return [...files, { path: `${migration}/notes.mdx`, text: tracker.text }];
}
