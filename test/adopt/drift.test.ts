import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatImportText } from '../../src/core/adopt/report.ts';
import { driftAtSource, runImport, type ImportRun } from '../../src/core/adopt/run.ts';
import { checkProject } from '../../src/core/check.ts';
import { fixture, lineOf, removeTemporaryFolders, tempRoot } from './helpers.ts';

afterAll(removeTemporaryFolders);

const folder = 'docs/implementation';
const file = (name: string) => join(fixture('drifted'), folder, name);

/** The drift planted in test/adopt/fixtures/drifted (a copy of the clean package with four edits). */
const planted = [
  {
    what: 'a stale pin in one file (the RFC restates an older commit)',
    ruleId: 'pins-agree',
    file: `${folder}/SERVICE_V3_RFC_DRAFT.md`,
    line: () => lineOf(file('SERVICE_V3_RFC_DRAFT.md'), '9d0b4c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c'),
    reason:
      "Unexpected `commit_sha` `9d0b4c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c`, expected the live pin's `cf331449e1589581a5dcbb3adecd3e9ae4509277`",
  },
  {
    what: 'a trigger list that differs between the gates document and the handoff JSON',
    ruleId: 'lists-agree',
    file: `${folder}/SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE.json`,
    line: () => lineOf(file('SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE.json'), '"triggers"'),
    reason:
      'Unexpected rollback triggers list: missing `critical-rehearsal-incident-unresolved-root-cause` (“Critical rehearsal incident with an unresolved root cause.”), expected the rollback triggers defined in content/migrations/service-v3/gates.mdx (4 items)',
  },
  {
    what: 'a task still open whose gate has passed',
    ruleId: 'status-coherence',
    file: `${folder}/SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md`,
    line: () => lineOf(file('SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md'), '- Status: Ready'),
    reason:
      'Unexpected ready task `P4` whose gates have all passed (`joint-sign-off-recorded-producer-consumer`), expected `done`',
  },
  {
    what: 'a command list that differs (the tracker’s copy of the suite)',
    ruleId: 'commands-agree',
    file: `${folder}/SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md`,
    line: () => lineOf(file('SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md'), 'cargo test --workspace') - 3,
    reason:
      'Unexpected producer command list: missing `cargo test --workspace --all-targets --all-features`; unexpected `cargo test --workspace` (did you mean `cargo test --workspace --all-targets --all-features`?), expected the 8 producer commands declared in content/migrations/service-v3/plan.mdx',
  },
];

describe('import of a package with planted drift', () => {
  let root: string;
  let run: ImportRun;
  beforeAll(() => {
    root = tempRoot();
    run = runImport(fixture('drifted'), { root, contentDir: 'content' });
  });

  for (const drift of planted) {
    it(`reports ${drift.what} at the producer's file and line`, () => {
      const found = driftAtSource(run).filter(
        (diagnostic) => diagnostic.ruleId === drift.ruleId && diagnostic.file === drift.file,
      );
      expect(found.map((diagnostic) => ({ line: diagnostic.line, reason: diagnostic.reason }))).toContainEqual({
        line: drift.line(),
        reason: drift.reason,
      });
    });
  }

  it('reports the same drift on the imported content, where `pnpm check` sees it', () => {
    const { diagnostics } = checkProject(root);
    const ids = diagnostics.map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.file}:${diagnostic.line}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pins-agree content\/migrations\/service-v3\/rfc\.mdx:\d+$/),
        expect.stringMatching(/^status-coherence content\/migrations\/service-v3\/tracker\.mdx:\d+$/),
        expect.stringMatching(/^commands-agree content\/migrations\/service-v3\/tracker\.mdx:\d+$/),
      ]),
    );
    // Every diagnostic on an imported file traces back to a producer line.
    for (const { diagnostic, source } of run.diagnostics)
      expect(source, `${diagnostic.file}:${diagnostic.line}`).toBeDefined();
  });

  it('reports nothing else than the planted drift and what follows from it', () => {
    expect(
      driftAtSource(run).map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.ruleId}`),
    ).toEqual([
      // The passed gate is also wrong on its own: no gate may pass while the RFC is a draft.
      `${folder}/SERVICE_V3_CUTOVER_GATES.md:${lineOf(file('SERVICE_V3_CUTOVER_GATES.md'), '- Status: Passed')} gates-need-accepted-rfc`,
      `${planted[3]?.file}:${planted[3]?.line()} commands-agree`,
      `${planted[2]?.file}:${planted[2]?.line()} status-coherence`,
      `${planted[1]?.file}:${planted[1]?.line()} lists-agree`,
      `${planted[0]?.file}:${planted[0]?.line()} pins-agree`,
    ]);
  });

  it('prints each drift at the producer line, with the imported line next to it', () => {
    const text = formatImportText(run, { folder: 'test/adopt/fixtures/drifted' });
    const pin = planted[0];
    expect(text).toContain(`test/adopt/fixtures/drifted/${pin?.file}:${pin?.line()}:18  error  pins-agree`);
    expect(text).toMatch(/imported as: content\/migrations\/service-v3\/rfc\.mdx:\d+:\d+/);
    expect(text).toContain('✖ imported 10 files; the check of the imported content found 5 errors');
  });
});
