import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryReader } from '../../src/core/read.ts';
import {
  checkFiles,
  positionOf,
  replaceOnce,
  repoRoot,
  shippedFiles,
  textOf,
  where,
  withEdit,
} from '../helpers/content.ts';

const pinPath = 'content/runtime/pin.yaml';
const manifestPath = 'contracts/integration/v1/producer-contract-manifest.json';
const manifest = readFileSync(join(repoRoot, manifestPath), 'utf8');
const pinText = textOf(shippedFiles(), pinPath);
const lineIn = (text: string, needle: string) => positionOf(text, needle).line;

/** Every report as `file:line:column rule reason`. */
function reports(files = shippedFiles(), manifestText = manifest) {
  return checkFiles(files, [{ path: manifestPath, text: manifestText }]).map((d) => `${where(d)} ${d.reason}`);
}

describe('sourced facts', () => {
  it('reads the shipped pin from the manifest, and the shipped content is clean', () => {
    expect(reports()).toEqual([]);
  });

  it('after a release moves the manifest, reports the prose that still states the old pin, not the manifest', () => {
    const released = manifest
      .replace('"release_tag": "v0.3.2"', '"release_tag": "v0.3.3"')
      .replace('cf331449e1589581a5dcbb3adecd3e9ae4509277', 'ab331449e1589581a5dcbb3adecd3e9ae4509277');
    const found = reports(shippedFiles(), released).filter((line) => line.includes('pins-agree'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((line) => line.startsWith(manifestPath) || line.startsWith(pinPath))).toEqual([]);
    const rfc = textOf(shippedFiles(), 'content/migrations/service-v3/rfc.mdx');
    expect(found).toContain(
      `content/migrations/service-v3/rfc.mdx:${lineIn(rfc, 'release_tag: v0.3.2')}:3 pins-agree Unexpected \`release_tag\` \`v0.3.2\`, expected the live pin's \`v0.3.3\``,
    );
  });

  it('reports a missing source file at the declaration, naming the file', () => {
    const files = withEdit(shippedFiles(), pinPath, replaceOnce('v1/producer-contract-manifest.json', 'v1/nope.json'));
    const line = lineIn(textOf(files, pinPath), 'file: contracts');
    expect(reports(files).filter((l) => l.startsWith(pinPath))).toEqual([
      `${pinPath}:${line}:3 syntax Unexpected source file \`contracts/integration/v1/nope.json\`: missing file, expected it at contracts/integration/v1/nope.json under the repository root`,
    ]);
  });

  it('reports an unparsable source file at the declaration, with the position inside the source file', () => {
    const broken = manifest.replace('"producer": "MemoryKernel",', '"producer": "MemoryKernel"');
    const line = lineIn(pinText, 'file: contracts');
    const found = reports(shippedFiles(), broken).filter((l) => l.startsWith(pinPath));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(
        `^${pinPath}:${line}:3 syntax Unexpected unparsable source file \`${manifestPath}\` \\(${manifestPath}:4:3: .*\\), expected JSON$`,
      ),
    );
  });

  it('reports a pointer the source file lacks at the pointer line', () => {
    const files = withEdit(
      shippedFiles(),
      pinPath,
      replaceOnce('pin.commit_sha: /commit_sha', 'pin.commit_sha: /commit'),
    );
    const line = lineIn(textOf(files, pinPath), 'pin.commit_sha');
    expect(reports(files).filter((l) => l.startsWith(pinPath))).toEqual([
      `${pinPath}:${line}:5 schema Missing \`commit\` for pointer \`/commit\` in source file \`${manifestPath}\` (its top level has no such key), expected a value for \`pin.commit_sha\``,
    ]);
  });

  it('reports a sourced value of the wrong shape at its pointer, naming the file and pointer', () => {
    const bad = manifest.replace('"release_tag": "v0.3.2"', '"release_tag": "0.3.2"');
    const line = lineIn(pinText, 'pin.release_tag');
    expect(reports(shippedFiles(), bad).filter((l) => l.startsWith(pinPath))).toEqual([
      `${pinPath}:${line}:5 schema Unexpected \`0.3.2\` at \`pin.release_tag\`, expected a release tag such as v0.3.2 (read from \`${manifestPath}\` at \`/release_tag\`)`,
    ]);
  });

  it('refuses a value written by hand and sourced too', () => {
    const files = withEdit(
      shippedFiles(),
      pinPath,
      replaceOnce('snapshots: []', 'pin:\n  release_tag: v0.3.2\nsnapshots: []'),
    );
    const line = lineIn(textOf(files, pinPath), '  release_tag: v0.3.2');
    expect(reports(files).filter((l) => l.startsWith(pinPath))).toEqual([
      `${pinPath}:${line}:3 schema Unexpected hand-written \`pin.release_tag\` that is also read from \`${manifestPath}\` at \`/release_tag\`, expected it in one place`,
    ]);
  });

  it('refuses a source path that leaves the repository, before reading anything', () => {
    const files = withEdit(shippedFiles(), pinPath, replaceOnce('file: contracts/', 'file: ../contracts/'));
    const found = reports(files).filter((l) => l.startsWith(pinPath));
    expect(found).toEqual([
      expect.stringMatching(
        /schema Unexpected `\.\.\/contracts\/.*` at `source\.file`, expected a repository-relative path/,
      ),
    ]);
  });
});

describe('repository reader: the limits content files have', () => {
  const root = mkdtempSync(join(tmpdir(), 'contract-docs-sources-'));
  const outside = mkdtempSync(join(tmpdir(), 'contract-docs-sources-outside-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  mkdirSync(join(root, 'folder.json'));
  writeFileSync(join(outside, 'secret.json'), '{}');
  symlinkSync(join(outside, 'secret.json'), join(root, 'link.json'));
  writeFileSync(join(root, 'binary.json'), Buffer.from([0x7b, 0x00, 0x7d]));
  writeFileSync(join(root, 'huge.json'), Buffer.alloc(5 * 2 ** 20, 0x20));
  writeFileSync(join(root, 'fine.json'), '{"a": 1}');
  const read = repositoryReader(root);
  const reason = (path: string) => {
    const result = read(path);
    return result.ok ? 'ok' : result.reason;
  };

  it('refuses a folder, a symlink out of the repository, binary content and an oversize file', () => {
    expect(reason('folder.json')).toBe('Unexpected folder, expected a file');
    expect(reason('link.json')).toBe('Unexpected symlink pointing outside the repository, expected a file inside it');
    expect(reason('binary.json')).toBe('Unexpected binary content (a NUL byte), expected UTF-8 text');
    expect(reason('huge.json')).toBe('Unexpected file of 5.0 MB, expected at most 4 MB (the content file size limit)');
    expect(reason('missing.json')).toBe('Missing file, expected it at missing.json under the repository root');
    expect(reason('fine.json')).toBe('ok');
  });
});
