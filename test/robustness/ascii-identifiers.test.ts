import { describe, expect, it } from 'vitest';
import { checkFiles, replaceOnce, shippedFiles, where, withEdit } from '../helpers/content.ts';

/**
 * Tags and ids are ASCII. A look-alike letter from another script (`ν0.3.9` with a Greek nu) matches no
 * pattern of the checker, so it used to pass silently; now it is a located error whose hint names the
 * code point, in data (the schema rule) and in prose (`ascii-identifiers`).
 */

const rfc = 'content/migrations/service-v3/rfc.mdx';
const gates = 'content/migrations/service-v3/gates.mdx';
const tracker = 'content/migrations/service-v3/tracker.mdx';

const reported = (files: ReturnType<typeof shippedFiles>, ruleId: string) =>
  checkFiles(files)
    .filter((d) => d.ruleId === ruleId)
    .map((d) => `${where(d)} ${d.reason} | ${String(d.note)}`);

describe('ASCII tags and ids', () => {
  it('a Greek nu in the RFC baseline release tag (data): located, the code point in the hint', () => {
    const files = withEdit(shippedFiles(), rfc, replaceOnce('  release_tag: v0.3.2\n', '  release_tag: \u03bd0.3.9\n'));
    expect(reported(files, 'schema')).toEqual([
      `${rfc}:14:3 schema Unexpected \`\u03bd0.3.9\` at \`baseline.release_tag\`, expected a release tag such as v0.3.2 | \`\u03bd\` (U+03BD, character 1) is not ASCII: tags, ids, versions and shas are ASCII only, and a look-alike letter makes a different identifier that git, the checker and the consumer's CI do not recognise. Write \`v0.3.9\`.`,
    ]);
  });

  it('a Cyrillic o in a gate id (data)', () => {
    const files = withEdit(
      shippedFiles(),
      gates,
      replaceOnce('  - id: producer-suite-green\n', '  - id: pr\u043educer-suite-green\n'),
    );
    const schema = reported(files, 'schema');
    expect(schema).toHaveLength(1);
    expect(schema[0]).toContain(`${gates}:9:5 schema Unexpected \`pr\u043educer-suite-green\` at \`gates[0].id\``);
    expect(schema[0]).toContain('`\u043e` (U+043E, character 3) is not ASCII');
    expect(schema[0]).toContain('Write `producer-suite-green`.');
  });

  it('a prose reference and a prose tag with look-alike letters', () => {
    const files = withEdit(
      shippedFiles(),
      tracker,
      replaceOnce(
        'evidence for `gate:producer-suite-green` at cutover.',
        'evidence for `g\u0430te:producer-suite-green` at cutover, from \u03bd0.3.9 on.',
      ),
    );
    const lines = reported(files, 'ascii-identifiers');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${tracker.replace(/\./g, '\\.')}:116:15 ascii-identifiers Unexpected \`g\u0430te:producer-suite-green\` with a character outside ASCII, expected an ASCII typed reference such as \`gate:producer-suite-green\` \\| \`\u0430\` \\(U\\+0430, character 2\\)`,
      ),
    );
    expect(lines[1]).toMatch(
      /:116:\d+ ascii-identifiers Unexpected `ν0\.3\.9` with a character outside ASCII, expected an ASCII release tag such as `v0\.3\.9` \| `ν` \(U\+03BD, character 1\)/,
    );
  });

  it('clean variant: prose in another script that spells no identifier is not reported', () => {
    const files = withEdit(
      shippedFiles(),
      tracker,
      replaceOnce(
        'evidence for `gate:producer-suite-green` at cutover.',
        'evidence for `gate:producer-suite-green` at cutover (νέα έκδοση, café, naïve, Привет).',
      ),
    );
    expect(reported(files, 'ascii-identifiers')).toEqual([]);
  });
});
