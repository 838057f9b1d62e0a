import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExport, runImport } from '../../src/core/adopt/run.ts';
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

const seeds = [{ name: 'the rehearsal (content/)', root: repoRoot }];

/** Exports the content under `root` into a new folder: its files by path (the export record aside). */
function exported(root: string): Map<string, string> {
  const folder = tempFolder();
  const run = runExport(folder, { root, contentDir: 'content' });
  expect(run.blocking.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.reason}`)).toEqual([]);
  const files = readTree(folder);
  files.delete('.contract-docs-export.json');
  return files;
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
    const first = exported(root);
    expect([...first.keys()].filter((path) => path.endsWith('.md'))).toHaveLength(4);
    const second = exported(imported(first));
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
