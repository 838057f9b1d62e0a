import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPackage } from '../../src/core/adopt/export.ts';
import { runImport } from '../../src/core/adopt/run.ts';
import { checkCorpus } from '../../src/core/check.ts';
import { isError } from '../../src/core/diagnostic.ts';
import { loadCorpus } from '../../src/core/read.ts';
import { repoRoot } from '../helpers/content.ts';
import { readTree, removeTemporaryFolders, tempFolder, tempRoot } from './helpers.ts';

/**
 * The exporter writes through remark-stringify, the importer reads through remark-parse: on the shipped
 * content (the rehearsal under content/ and the package after the cutover under examples/after-cutover),
 * export → import → export gives the first export back byte for byte, and import → export → import gives
 * the same content. A writer that normalised differently on each pass, or a reader that lost a fact the
 * writer states, breaks one of the two.
 */

afterAll(removeTemporaryFolders);

/**
 * Both seeds keep a `records.yaml`: the export writes it as dated checkpoints (`export-records.ts`), the
 * importer reads them back, so the re-imported content checks clean (after the cutover: the go decision and
 * the cutover event make the moved runtime and the two live contracts of the overlap window legitimate).
 */
const seeds = [
  { name: 'the rehearsal (content/)', root: repoRoot },
  { name: 'the package after the cutover (examples/after-cutover)', root: join(repoRoot, 'examples/after-cutover') },
];

/**
 * What a checkpoint states of the records, and so what must come back: each decision's scope, outcome,
 * moment and approvers; each execution event's type, moment and decision; each evidence record's proof (a
 * CI link, or that it is an artifact), who recorded it, its day, and everything it is `for`. Not compared,
 * because a checkpoint does not state it (the importer derives or leaves it): ids and titles, a decision's
 * `evidence` and `supersedes`, window events and windows, an evidence record's time of day (read back as
 * the moment of the decision it was held for, else the day's start) and an artifact's content path (read
 * back as the producer's path).
 */
function statedRecords(root: string) {
  const records = loadCorpus(root).migrations.find((bundle) => bundle.records)?.records?.data;
  if (!records) return undefined;
  const ids = new Map(records.decisions.map((decision, index) => [decision.id, index]));
  return {
    decisions: records.decisions.map(({ scope, outcome, decidedAt, approvers }) => ({
      scope,
      outcome,
      decidedAt,
      approvers,
    })),
    executions: records.events
      .filter((event) => event.type === 'cutover-executed' || event.type === 'rollback-executed')
      .map((event) => ({
        type: event.type,
        at: event.at,
        decision: event.authorisedBy === undefined ? undefined : ids.get(event.authorisedBy),
      })),
    evidence: records.evidence
      .map((record) => ({
        proof: record.ci ?? 'artifact',
        by: record.by,
        day: record.recordedAt.slice(0, 10),
        for: [...record.for].sort(),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

/** Exports the content under `root` (the exporter itself: the CLI refuses content with errors): its files by path. */
function exported(root: string): Map<string, string> {
  const corpus = loadCorpus(root);
  return new Map(exportPackage(corpus).files.map((file) => [file.path, file.text]));
}

/** The errors of the content under `root` (what `export` checks first), without their positions. */
function errorsOf(root: string): string[] {
  return checkCorpus(loadCorpus(root))
    .filter(isError)
    .map((d) => `${d.file} ${d.ruleId} ${d.reason}`);
}

/** Imports an exported folder into a new repository root; returns the root. */
function imported(folder: Map<string, string>): string {
  const producer = tempFolder('contract-docs-producer-');
  for (const [path, text] of folder) writeFile(join(producer, path), text);
  const root = tempRoot();
  runImport(producer, { root, contentDir: 'content' });
  return root;
}

describe.each(seeds)('export round trip of $name', ({ root }) => {
  it('export → import → export: the second export is the first, byte for byte', () => {
    expect(errorsOf(root)).toEqual([]);
    const first = exported(root);
    const markdown = [...first.keys()].filter((path) => path.endsWith('.md'));
    expect(markdown.filter((path) => !path.includes('/checkpoints/'))).toHaveLength(4);
    expect(markdown.filter((path) => /\/checkpoints\/CHECKPOINT_[\d-]+[^/]*\.md$/.test(path)).length).toBeGreaterThan(
      0,
    );
    const again = imported(first);
    expect(errorsOf(again)).toEqual([]);
    expect(statedRecords(again)).toEqual(statedRecords(root));
    const second = exported(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, text] of first) {
      if (!path.endsWith('.json')) {
        expect(second.get(path), path).toBe(text);
        continue;
      }
      // The payload names the files it was generated from, with their sha256 (`sources`, and the manifest
      // file under `digests`): the imported content is other files (the import writes its own YAML, the
      // manifest comes from the payload), so those differ; every fact, and the digest of the contract
      // facts, is the same.
      const facts = (json: string) => {
        const { sources, digests, ...payload } = JSON.parse(json) as Record<string, unknown>;
        const { producerManifest: _file, ...contractDigests } = digests as Record<string, unknown>;
        return { payload, contractDigests, sources };
      };
      const before = facts(text);
      const after = facts(second.get(path) ?? '{}');
      expect(after.payload, path).toEqual(before.payload);
      expect(after.contractDigests, path).toEqual(before.contractDigests);
      // One source is not there again: the manifest file the shipped content points at (`source:`; the
      // re-import takes the manifest from the payload). Every other source is, the records included.
      const paths = (sources: unknown) => (sources as { path: string }[]).map((source) => source.path);
      expect(paths(after.sources), path).toEqual(
        paths(before.sources).filter((source) => source.startsWith('content/')),
      );
    }
  });

  it('import → export → import: the same content, file for file', () => {
    const once = imported(exported(root));
    const twice = imported(exported(once));
    const before = readTree(join(once, 'content'));
    const after = readTree(join(twice, 'content'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, text] of before) expect(after.get(path), path).toBe(text);
    // And the same data, loaded: the documents of the migration, with every field.
    const data = (folder: string) =>
      loadCorpus(folder).documents.map((document) => ({ file: document.file, data: document.data }));
    expect(data(twice)).toEqual(data(once));
  });
});

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
