import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, runScan } from '../../src/core/adopt/run.ts';
import { run as cli } from '../../src/cli/main.ts';
import { fixture, lineOf, removeTemporaryFolders, runCli, tempRoot } from './helpers.ts';

afterAll(removeTemporaryFolders);

const notes = `${fixture('scan')}/REHEARSAL_NOTES.md`;
const shown = 'test/adopt/fixtures/scan';

describe('check --scan of plain Markdown', () => {
  let root: string;
  beforeAll(() => {
    // The facts to check against: the clean package, imported.
    root = tempRoot();
    runImport(fixture('clean'), { root, contentDir: 'content' });
  });

  it('reports each contradiction with file and line, with the checker’s rule ids', () => {
    const { diagnostics } = runScan(fixture('scan'), { root, contentDir: 'content', display: shown });
    expect(diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.ruleId}`)).toEqual([
      `${shown}/REHEARSAL_NOTES.md:${lineOf(notes, '`v0.3.3`')} pins-agree`,
      `${shown}/REHEARSAL_NOTES.md:${lineOf(notes, '`service.v3` candidate')} envelope-policy`,
      `${shown}/REHEARSAL_NOTES.md:${lineOf(notes, '1. Consumer contract suite')} lists-agree`,
      `${shown}/REHEARSAL_NOTES.md:${lineOf(notes, '## Consumer checks') + 1} commands-agree`,
      `${shown}/REHEARSAL_NOTES.md:${lineOf(notes, '- Status: Done')} restated-fields`,
    ]);
    expect(diagnostics[0]?.reason).toBe("Unexpected `release_tag` `v0.3.3`, expected the live pin's `v0.3.2`");
    expect(diagnostics[3]?.reason).toContain('missing `pnpm run test:ci`');
  });

  it('honours the snapshot marker: a marked section, and a whole file marked before its H1', () => {
    const { diagnostics, scanned, skipped } = runScan(fixture('scan'), { root, contentDir: 'content', display: shown });
    const snapshotStart = lineOf(notes, '## Before the rehearsal');
    const snapshotEnd = lineOf(notes, '## Still current');
    expect(
      diagnostics.filter((diagnostic) => diagnostic.line > snapshotStart && diagnostic.line < snapshotEnd),
    ).toEqual([]);
    expect(scanned).toContain(`${shown}/ARCHIVED_PLAN_2026_01.md`);
    expect(diagnostics.filter((diagnostic) => diagnostic.file.endsWith('ARCHIVED_PLAN_2026_01.md'))).toEqual([]);
    // Files with frontmatter are content, not the producer's plain Markdown.
    expect(skipped).toEqual([`${shown}/ALREADY_CONTENT.md`]);
  });

  it('finds nothing in the package the content was imported from', () => {
    expect(runScan(fixture('clean'), { root, contentDir: 'content', display: '' }).diagnostics).toEqual([]);
  });

  it('finds the drift of a drifted package, the handoff JSON included, at its own lines', () => {
    const { diagnostics } = runScan(fixture('drifted'), { root, contentDir: 'content', display: '' });
    const json = `${fixture('drifted')}/docs/implementation/SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE.json`;
    expect(diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.ruleId}`)).toEqual([
      `docs/implementation/SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md:39 commands-agree`,
      `docs/implementation/SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE.json:${lineOf(json, '"triggers"')} lists-agree`,
      `docs/implementation/SERVICE_V3_RFC_DRAFT.md:13 pins-agree`,
    ]);
  });

  it('runs from the CLI with the check reporters and exit codes', () => {
    const pretty = runCli(cli, 'check', '--scan', shown, '--root', root);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain(`${shown}/REHEARSAL_NOTES.md:${lineOf(notes, '`v0.3.3`')}:19  error  pins-agree`);
    const json = runCli(cli, 'check', '--scan', shown, '--root', root, '--format', 'json');
    expect((JSON.parse(json.stdout) as { ruleId: string }[]).map((entry) => entry.ruleId)).toHaveLength(5);
    const github = runCli(cli, 'check', '--scan', shown, '--root', root, '--format', 'github');
    expect(github.stdout).toMatch(
      /^::error file=test\/adopt\/fixtures\/scan\/REHEARSAL_NOTES\.md,line=\d+,col=\d+,title=pins-agree::/m,
    );
    const clean = runCli(cli, 'check', '--scan', 'test/adopt/fixtures/clean', '--root', root);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('✔ contract check clean');
  });
});
