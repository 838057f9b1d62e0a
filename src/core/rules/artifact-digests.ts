import { createHash } from 'node:crypto';
import type { Span } from '../diagnostic.ts';
import { walkData, type Locate } from '../parse/data-path.ts';
import { defineRule } from '../rule.ts';

/** A `path` + `sha256` pair declared somewhere: content data, an evidence bundle, a release handoff JSON. */
interface DeclaredDigest {
  path: string;
  sha256: string;
  file: string;
  place: Span;
}

const digestPattern = /^[0-9a-f]{64}$/;

export const artifactDigestsRule = defineRule(
  {
    id: 'artifact-digests',
    description: 'Every sha256 declared next to a repository path equals the digest of that file’s bytes.',
    docs: {
      checks:
        'Any mapping that holds a `path` (or, in a `source:` declaration, a `file`) and a `sha256` (64 lower-case hex digits) declares the digest of a repository file: in content data and frontmatter (evidence records, artifact lists, `source:` declarations), in evidence bundles (JSON files matched by `evidenceBundles` in `contract-docs.config.json`, default `**/evidence-bundle*.json`, with an `artifacts` list of such pairs) and in release handoff JSON files. The digest of the file’s bytes, as they are on disk, must equal it. A missing file is reported at the declaration too. (The generated handoff payload’s `sources` are checked by `payload-fresh`, against the text the generator read.)',
      fix: 'If the file changed on purpose, record the new digest (`sha256sum <path>`); if not, restore the file the digest was recorded for. A wrong path is fixed in the declaration.',
      examples: [
        {
          title: 'The pin pins its source file to a digest the file no longer has',
          file: 'content/runtime/pin.yaml',
          ok: '  file: contracts/integration/v1/producer-contract-manifest.json\n',
          notOk:
            '  file: contracts/integration/v1/producer-contract-manifest.json\n  sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n',
          reports: [
            'content/runtime/pin.yaml:12:3 Unexpected sha256 `e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855` of `contracts/integration/v1/producer-contract-manifest.json`, expected `868fe391219d5261c8ecd9270d05585b1fb667157b9d06d9107c6053e18a2a91`, the digest of the file’s bytes',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const read = corpus.readRepositoryBytes;
    if (!read) return;
    const declared: DeclaredDigest[] = [];
    const collect = (file: string, data: unknown, locate: Locate) =>
      walkData(data, [], (object, path) => {
        // `path` in artifact lists and bundles, `artifact` in evidence records, `file` in a `source:` declaration.
        const target = ['path', 'artifact', 'file']
          .map((key) => object[key])
          .find((value) => typeof value === 'string');
        const sha256 = object['sha256'];
        if (typeof target !== 'string' || typeof sha256 !== 'string' || !digestPattern.test(sha256)) return;
        declared.push({ path: target, sha256, file, place: locate([...path(), 'sha256']) });
      });
    for (const entry of [...corpus.data, ...corpus.documents]) collect(entry.file, entry.data, entry.locate);
    for (const bundle of corpus.evidenceBundles) collect(bundle.file, bundle.data, bundle.locate);
    for (const handoff of corpus.releaseHandoffs) collect(handoff.file, handoff.data, handoff.locate);

    const digests = new Map<string, { ok: true; sha256: string } | { ok: false; reason: string }>();
    for (const item of declared) {
      let actual = digests.get(item.path);
      if (!actual) {
        const bytes = read(item.path);
        actual = bytes.ok
          ? { ok: true, sha256: createHash('sha256').update(bytes.bytes).digest('hex') }
          : { ok: false, reason: bytes.reason };
        digests.set(item.path, actual);
      }
      if (!actual.ok) {
        report({
          file: item.file,
          place: item.place,
          reason: `Unexpected digest of \`${item.path}\`, which cannot be read (${lowerFirst(actual.reason)}), expected a repository file`,
          actual: item.path,
          hint: 'Correct the path (repository-relative), or add the file the digest was recorded for.',
        });
        continue;
      }
      if (actual.sha256 === item.sha256) continue;
      report({
        file: item.file,
        place: item.place,
        reason: `Unexpected sha256 \`${item.sha256}\` of \`${item.path}\`, expected \`${actual.sha256}\`, the digest of the file’s bytes`,
        actual: item.sha256,
        expected: [actual.sha256],
        hint: `If ${item.path} changed on purpose, record its new digest (\`sha256sum ${item.path}\`); if not, restore the file the digest was recorded for.`,
      });
    }
  },
);

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
