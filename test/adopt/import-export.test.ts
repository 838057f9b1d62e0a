import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftAtSource, runExport, runImport, type ImportRun } from '../../src/core/adopt/run.ts';
import { formatImportText } from '../../src/core/adopt/report.ts';
import { checkProject } from '../../src/core/check.ts';
import { isFinding } from '../../src/core/diagnostic.ts';
import { loadCorpus } from '../../src/core/read.ts';
import { repoRoot } from '../helpers/content.ts';
import { fixture, lineOf, readTree, removeTemporaryFolders, tempFolder, tempRoot } from './helpers.ts';

afterAll(removeTemporaryFolders);

const producerFile = (name: string) => join(fixture('clean'), 'docs/implementation', name);

describe('import of a clean producer package', () => {
  let root: string;
  let run: ImportRun;
  beforeAll(() => {
    root = tempRoot();
    run = runImport(fixture('clean'), { root, contentDir: 'content' });
  });

  it('writes the content entries of the package', () => {
    expect(run.refused).toEqual([]);
    expect(run.writes.map((write) => write.path)).toEqual([
      'content/runtime/pin.yaml',
      'content/runtime/producer-manifest.yaml',
      'content/contracts/service.v2.yaml',
      'content/contracts/service.v3.yaml',
      'content/migrations/service-v3/migration.yaml',
      'content/migrations/service-v3/plan.mdx',
      'content/migrations/service-v3/tracker.mdx',
      'content/migrations/service-v3/rfc.mdx',
      'content/migrations/service-v3/gates.mdx',
      'content/migrations/service-v3/handoff-candidate.json',
    ]);
    expect(run.writes.every((write) => write.status === 'written')).toBe(true);
  });

  it('checks clean with `checkProject`, like any other content', () => {
    const diagnostics = checkProject(root).diagnostics;
    expect(diagnostics.filter(isFinding).map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.reason}`)).toEqual([]);
    // The scratch folder imported into is no git repository: the git rules say once that they were skipped.
    expect(diagnostics.filter((d) => !isFinding(d)).map((d) => `${d.ruleId} ${d.reason}`)).toEqual([
      expect.stringMatching(
        /^tag-commit Skipped the git rules \(tag-commit, commit-exists\): the repository root is not in a git repository/,
      ),
    ]);
    expect(driftAtSource(run)).toEqual([]);
    expect(run.result.unmapped).toEqual([]);
  });

  it('does not count the info line of the skipped git rules as drift, and shows it apart', () => {
    expect(run.diagnostics.filter(({ diagnostic }) => !isFinding(diagnostic))).toHaveLength(1);
    const text = formatImportText(run, { folder: 'producer' });
    expect(text).toContain("Check of the imported content (0 problems, at the producer's lines):");
    expect(text).toMatch(
      /Notes on the check \(1\):\n {2}content\/runtime\/pin\.yaml:\d+:\d+ {2}info {2}tag-commit\n {4}Skipped the git rules/,
    );
    expect(text).toContain('the content checks clean');
  });

  it('imports the facts of the producer conventions', () => {
    const corpus = loadCorpus(root);
    const bundle = corpus.migrations[0];
    expect(corpus.runtimePin?.data.pin.release_tag).toBe('v0.3.2');
    // The `v0.3.1` in the RFC's snapshot section is declared as historical, not reported.
    expect(corpus.runtimePin?.data.snapshots).toMatchObject([
      { id: 'history', reason: 'historical', release_tag: 'v0.3.1' },
    ]);
    expect(bundle?.meta?.data).toMatchObject({
      id: 'service-v3',
      from: 'service.v2',
      to: 'service.v3',
      mode: 'rehearsal',
    });
    expect(corpus.contracts.map((contract) => [contract.data.version, contract.data.status])).toEqual([
      ['service.v2', 'live'],
      ['service.v3', 'candidate'],
    ]);
    const tracker = bundle?.tracker?.data;
    expect(tracker?.tasks.map((task) => [task.id, task.status, task.owner])).toEqual([
      ['P1', 'done', 'producer'],
      ['P2', 'done', 'producer'],
      ['P3', 'done', 'producer'],
      ['P4', 'ready', 'joint'],
    ]);
    expect(tracker?.tasks[3]?.waitsOn).toEqual(['joint-sign-off-recorded-producer-consumer']);
    const plan = bundle?.plan?.data;
    expect(plan?.commands.filter((command) => command.owner === 'producer')).toHaveLength(8);
    expect(plan?.commands.filter((command) => command.owner === 'consumer').map((command) => command.id)).toEqual([
      'check-memorykernel-pin',
      'test-memorykernel-contract',
      'test-ci',
    ]);
    expect(plan?.exitCriteria.map((criterion) => [criterion.status, criterion.tasks])).toEqual([
      ['met', ['P3']],
      ['met', ['P2']],
      ['unmet', ['P4']],
      ['met', ['P1']],
    ]);
    const gates = bundle?.gates?.data;
    expect(gates?.gates.map((gate) => gate.id)).toEqual([
      'producer-suite-green',
      'consumer-suite-green',
      'non-2xx-envelope-assertions-pass-candidate',
      'joint-sign-off-recorded-producer-consumer',
    ]);
    expect(gates?.gates[0]?.evidence.commands).toHaveLength(8);
    expect(gates?.gates[2]?.evidence.envelope?.contract).toBe('service.v3');
    expect(gates?.rollbackActions.map((action) => action.owner)).toEqual(['consumer', 'producer', 'joint']);
    expect(bundle?.rfc?.data.stages.map((stage) => stage.status)).toEqual([
      'current',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(bundle?.rfc?.data.stages[3]?.requiresGates).toHaveLength(4);
  });

  it('reports each recognised fact with the producer line and the content line', () => {
    const trigger = run.result.recognised.find((fact) =>
      fact.what.startsWith('rollback trigger `consumer-contract-suite'),
    );
    expect(trigger?.source).toEqual({
      file: 'docs/implementation/SERVICE_V3_CUTOVER_GATES.md',
      line: lineOf(producerFile('SERVICE_V3_CUTOVER_GATES.md'), '1. Consumer contract suite fails'),
    });
    const gates = readFileSync(join(root, 'content/migrations/service-v3/gates.mdx'), 'utf8').split('\n');
    expect(gates[(trigger?.target.line ?? 0) - 1]).toBe('  - id: consumer-contract-suite-fails-after-candidate');
    const pin = run.result.recognised.find((fact) => fact.what.startsWith('live pin `commit_sha`'));
    expect(pin?.source.file).toBe('docs/implementation/SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE.json');
    expect(pin?.target).toEqual({ file: 'content/runtime/pin.yaml', line: 8 });
  });

  it('keeps a line map from every imported line back to the producer line', () => {
    const path = 'content/migrations/service-v3/tracker.mdx';
    const text = readFileSync(join(root, path), 'utf8').split('\n');
    const map = run.result.lineMaps.get(path) ?? [];
    const statusFrontmatter = text.findIndex((line) => line === '    status: ready');
    const statusProse = text.findIndex((line) => line === '- Status: Ready');
    const source = lineOf(producerFile('SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md'), '- Status: Ready');
    expect(map[statusFrontmatter]?.line).toBe(source);
    expect(map[statusProse]).toMatchObject({
      file: 'docs/implementation/SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md',
      line: source,
    });
  });
});

describe('export', () => {
  let root: string;
  let out: string;
  beforeAll(() => {
    root = tempRoot();
    runImport(fixture('clean'), { root, contentDir: 'content' });
    out = tempFolder();
  });

  it('writes the package at the plan deliverables’ producer paths', () => {
    const run = runExport(out, { root, contentDir: 'content' });
    expect(run.blocking).toEqual([]);
    const plan = loadCorpus(root).migrations[0]?.plan?.data;
    const documentsAndPayload =
      plan?.deliverables.filter((deliverable) => deliverable.path.startsWith('content/')) ?? [];
    expect(run.files.map((file) => file.path)).toEqual(
      documentsAndPayload.map((deliverable) => deliverable.producerPath),
    );
    expect([...readTree(out).keys()]).toEqual([
      // What this export wrote, so the next one may replace exactly those files.
      '.contract-docs-export.json',
      'docs/implementation/SERVICE_V3_CUTOVER_GATES.md',
      'docs/implementation/SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md',
      'docs/implementation/SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE.json',
      'docs/implementation/SERVICE_V3_REHEARSAL_PLAN.md',
      'docs/implementation/SERVICE_V3_RFC_DRAFT.md',
    ]);
  });

  it('is deterministic: same content, same bytes, LF and one final newline', () => {
    const first = readTree(out);
    const again = tempFolder();
    runExport(again, { root, contentDir: 'content' });
    expect(readTree(again)).toEqual(first);
    for (const [path, text] of first) {
      expect(text.includes('\r'), path).toBe(false);
      expect(text.endsWith('\n') && !text.endsWith('\n\n'), path).toBe(true);
    }
  });

  it('gives back the producer’s Markdown byte for byte when it follows the conventions', () => {
    const exported = readTree(out);
    for (const [path, text] of readTree(fixture('clean'))) {
      if (path.endsWith('.md')) expect(exported.get(path), path).toBe(text);
    }
  });

  it('round trip: import → export → re-import gives byte-identical content', () => {
    const again = tempRoot();
    const reimport = runImport(out, { root: again, contentDir: 'content' });
    expect(driftAtSource(reimport)).toEqual([]);
    const before = readTree(join(root, 'content'));
    const after = readTree(join(again, 'content'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, text] of before) expect(after.get(path), path).toBe(text);
  });

  it('refuses while the content has errors, and writes nothing', () => {
    const drifted = tempRoot();
    runImport(fixture('drifted'), { root: drifted, contentDir: 'content' });
    const target = tempFolder();
    const run = runExport(target, { root: drifted, contentDir: 'content' });
    expect(run.blocking.length).toBeGreaterThan(0);
    expect(run.files).toEqual([]);
    expect(readTree(target).size).toBe(0);
  });

  it('exports the shipped content, and importing that back keeps every fact', () => {
    const target = tempFolder();
    const exported = runExport(target, { root: repoRoot, contentDir: 'content' });
    expect(exported.blocking).toEqual([]);
    const again = tempRoot();
    const reimport = runImport(target, { root: again, contentDir: 'content' });
    expect(driftAtSource(reimport).map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.reason}`)).toEqual([]);
    const facts = (folder: string) => {
      const corpus = loadCorpus(folder);
      const bundle = corpus.migrations[0];
      return {
        // Where a value was read from (`source:`) is not a fact the producer's layout carries; the values are.
        pin: corpus.runtimePin && { ...corpus.runtimePin.data, source: undefined, repo: undefined },
        manifest: corpus.manifest && { ...corpus.manifest.data, source: undefined },
        // The producer's layout has no place for a contract's example body.
        contracts: corpus.contracts.map(({ data: { example: _example, ...data } }) => data),
        migration: bundle?.meta?.data,
        plan: bundle?.plan?.data,
        tracker: bundle?.tracker?.data,
        rfc: bundle?.rfc?.data,
        gates: bundle?.gates?.data,
      };
    };
    const shipped = facts(repoRoot);
    const roundTripped = facts(again);
    for (const key of Object.keys(shipped) as (keyof typeof shipped)[])
      expect(isDeepStrictEqual(roundTripped[key], shipped[key]), key).toBe(true);
    expect(roundTripped).toEqual(shipped);
  });
});

describe('overwriting', () => {
  it('never replaces a different existing file unless forced', () => {
    const root = tempRoot();
    runImport(fixture('clean'), { root, contentDir: 'content' });
    const pin = join(root, 'content/runtime/pin.yaml');
    const edited = readFileSync(pin, 'utf8').replace('title: Live runtime pin', 'title: Edited by hand');
    writeFileSync(pin, edited);

    const refused = runImport(fixture('clean'), { root, contentDir: 'content' });
    expect(refused.refused).toEqual(['content/runtime/pin.yaml']);
    expect(refused.writes).toEqual([]);
    expect(readFileSync(pin, 'utf8')).toBe(edited);

    const forced = runImport(fixture('clean'), { root, contentDir: 'content', force: true });
    expect(forced.refused).toEqual([]);
    expect(forced.writes.find((write) => write.path === 'content/runtime/pin.yaml')?.status).toBe('written');
    expect(forced.writes.filter((write) => write.status === 'unchanged')).toHaveLength(9);
    expect(readFileSync(pin, 'utf8')).not.toBe(edited);
  });

  it('leaves no temporary files behind', () => {
    const root = tempRoot();
    runImport(fixture('clean'), { root, contentDir: 'content' });
    expect([...readTree(root).keys()].filter((path) => path.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(root, 'content/migrations/service-v3/handoff-candidate.json'))).toBe(true);
  });
});
