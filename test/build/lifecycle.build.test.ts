import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { astroBuild, copyProject, lineOf, type ProjectCopy } from './project-copy.ts';

/**
 * The lifecycle rules gate a real `astro build`: a recorded cutover that nothing else followed, and a
 * stabilization window closed early, each fail the build before any page is generated, located.
 */

const records = 'content/migrations/service-v3/records.yaml';
const emptyLog = 'decisions: []\nevents: []\nwindows: []\n';

function expectLocatedFailure(output: string, code: number | null, copy: ProjectCopy, location: RegExp): void {
  expect(code, output).not.toBe(0);
  expect(output).toMatch(/contract check failed: \d+ errors?/);
  expect(existsSync(copy.path('dist/index.html'))).toBe(false);
  expect(output).toMatch(location);
  expect(output).not.toMatch(/^\s+at .+\(file:\/\//m);
}

describe('astro build fails on lifecycle inconsistencies', () => {
  it.concurrent(
    'a go cutover decision and an executed cutover while the tracker, RFC, mode and pin stayed put',
    async () => {
      const copy = copyProject('cutover-stale');
      try {
        copy.replaceOnce(
          records,
          emptyLog,
          [
            'decisions:',
            '  - { id: cutover-go, title: Go., scope: runtime-cutover, outcome: go, decidedAt: 2026-03-02T13:00:00Z, approvers: [MemoryKernel, AssistSupport], evidence: [task:P4] }',
            'events:',
            '  - { id: cutover-executed, title: Cut over., type: cutover-executed, at: 2026-03-02T14:05:00Z, authorisedBy: cutover-go }',
            'windows: []',
            '',
          ].join('\n'),
        );
        const decisionLine = lineOf(copy.read(records), '  - { id: cutover-go');
        const result = await astroBuild(copy.dir);
        expectLocatedFailure(
          result.output,
          result.code,
          copy,
          /content\/migrations\/service-v3\/migration\.yaml:8:1\s+error\s+runtime-moved/,
        );
        expect(result.output).toMatch(/content\/migrations\/service-v3\/rfc\.mdx:7:1\s+error\s+runtime-moved/);
        expect(result.output).toMatch(
          /content\/migrations\/service-v3\/tracker\.mdx:\d+:\d+\s+error\s+decision-evidence/,
        );
        expect(result.output).toContain(`${records}:${decisionLine}`);
      } finally {
        copy.remove();
      }
    },
  );

  it.concurrent('a one-week stabilization window closed 25 minutes after it opened', async () => {
    const copy = copyProject('window-early');
    try {
      copy.replaceOnce(
        records,
        emptyLog,
        [
          'decisions: []',
          'events:',
          '  - { id: stabilization-opened, title: Starts., type: window-opened, window: stabilization, at: 2026-03-02T15:05:00Z }',
          '  - { id: stabilization-closed, title: Ends., type: window-closed, window: stabilization, at: 2026-03-02T15:30:00Z }',
          'windows:',
          '  - { id: stabilization, title: Post-cutover stabilization, days: 7 }',
          '',
        ].join('\n'),
      );
      const line = lineOf(copy.read(records), '  - { id: stabilization-closed');
      const result = await astroBuild(copy.dir);
      expectLocatedFailure(
        result.output,
        result.code,
        copy,
        new RegExp(`${records.replace(/\./g, '\\.')}:${line}:\\d+\\s+error\\s+time-windows`),
      );
      expect(result.output).toContain('25 minutes after it opened');
    } finally {
      copy.remove();
    }
  });
});
