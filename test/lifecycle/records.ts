import type { SourceFile } from '../../src/core/corpus.ts';
import { replaceOnce, withEdit } from '../helpers/content.ts';

/** Edits of the shipped records file and tracker that the lifecycle and status-claims tests share. */
const migration = 'content/migrations/service-v3';

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
