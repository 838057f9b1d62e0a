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
 * `reimportErrors`: what the check says about the re-imported content. The records (decisions, events,
 * evidence records) have no place in the producer's layout yet, so the export does not write them: after
 * the cutover, the re-imported package states a moved runtime (and two live contracts in an overlap window)
 * with no cutover recorded, and the check says exactly that, nothing else.
 */
const seeds = [
  { name: 'the rehearsal (content/)', root: repoRoot, reimportErrors: [], fromRecords: [] },
  {
    name: 'the package after the cutover (examples/after-cutover)',
    root: join(repoRoot, 'examples/after-cutover'),
    reimportErrors: [
      'content/contracts/service.v3.yaml single-live-contract Unexpected second live `service` contract `service.v3`, expected at most one live version of a family (`service.v2` is live)',
      'content/migrations/service-v3/migration.yaml runtime-moved Unexpected mode `stabilization` while no runtime cutover to `service.v3` is recorded, expected `rehearsal` or `cutover`',
      'content/migrations/service-v3/rfc.mdx runtime-moved Unexpected RFC status `implemented` while no runtime cutover to `service.v3` is recorded, expected `accepted` at most',
      'content/runtime/pin.yaml runtime-moved Unexpected live pin on `service.v3` while no runtime cutover to `service.v3` is recorded, expected `service.v2`',
    ],
    // The overlap window opens with the recorded cutover: without the records its times are unknown.
    fromRecords: ['opensAt', 'closesAt'],
  },
];

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

describe.each(seeds)('export round trip of $name', ({ root, reimportErrors, fromRecords }) => {
  it('export → import → export: the second export is the first, byte for byte', () => {
    expect(errorsOf(root)).toEqual([]);
    const first = exported(root);
    expect([...first.keys()].filter((path) => path.endsWith('.md'))).toHaveLength(4);
    const again = imported(first);
    expect(errorsOf(again)).toEqual(reimportErrors);
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
        const { sources, digests, overlap, ...payload } = JSON.parse(json) as Record<string, unknown>;
        const { producerManifest: _file, ...contractDigests } = digests as Record<string, unknown>;
        const window = Object.fromEntries(
          Object.entries(overlap as Record<string, unknown>).filter(([key]) => !fromRecords.includes(key)),
        );
        return { payload: { ...payload, overlap: window }, contractDigests, sources };
      };
      const before = facts(text);
      const after = facts(second.get(path) ?? '{}');
      expect(after.payload, path).toEqual(before.payload);
      expect(after.contractDigests, path).toEqual(before.contractDigests);
      // Two sources are not there again: the manifest file the shipped content points at (`source:`; the
      // re-import takes the manifest from the payload), and the records (decisions, events), which have no
      // place in the producer's layout yet: the export does not write them. Every other source is.
      const paths = (sources: unknown) => (sources as { path: string }[]).map((source) => source.path);
      expect(paths(after.sources), path).toEqual(
        paths(before.sources).filter((source) => source.startsWith('content/') && !source.endsWith('/records.yaml')),
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
