import { describe, expect, it } from 'vitest';
import { formatPretty } from '../../src/core/report/pretty.ts';
import { checkFiles, replaceOnce, shippedFiles, withEdit } from '../helpers/content.ts';

/**
 * A file that fails to parse or to match its schema is unknown, not absent: the report is its own
 * syntax or schema problem, at the parser's exact position, with a hint for the slip, and nothing that
 * depends on what the file would have said. Each test pins the complete report.
 */
const plan = 'content/migrations/service-v3/plan.mdx';
const report = (files: Parameters<typeof checkFiles>[0]) => formatPretty(checkFiles(files));

describe('root cause first, no cascades', () => {
  it('an unquoted `: ` in a plan value is one report at the colon, with the quoted line to write', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce('\ntitle: service.v3 rehearsal plan\n', '\ntitle: service.v3 rehearsal plan: draft\n'),
    );
    // Column 33 is the `:` after "plan"; the parser itself stops at column 8, the start of the value.
    expect(report(files)).toMatchInlineSnapshot(`
      "content/migrations/service-v3/plan.mdx:3:33  error  syntax
        Unexpected \`:\` followed by a space inside the unquoted value of \`title\`, expected a plain value without \`: \` (YAML reads it as the start of another key)
        hint: Quote the value: \`title: "service.v3 rehearsal plan: draft"\`.

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('a missing closing `---` is one report at the line where the body starts', () => {
    const files = withEdit(shippedFiles(), plan, (text) => {
      const close = text.indexOf('\n---\n', 4);
      return text.slice(0, close) + text.slice(close + 4);
    });
    expect(report(files)).toMatchInlineSnapshot(`
      "content/migrations/service-v3/plan.mdx:118:1  error  syntax
        Missing closing \`---\` of the frontmatter opened on line 1, expected it before the body that starts on line 118
        hint: Add a line containing only \`---\` after line 116, the last frontmatter line.

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('a mis-indented key inside a list item is one report at the key, naming both indentations', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce('    title: Rehearsal plan\n', '     title: Rehearsal plan\n'),
    );
    expect(report(files)).toMatchInlineSnapshot(`
      "content/migrations/service-v3/plan.mdx:13:6  error  syntax
        Unexpected indentation of \`title\` (5 spaces), expected 4 spaces to line up with \`id\` on line 12
        hint: Indent \`title\` by 4 spaces like its sibling; only the entries under a key that has no value of its own are indented deeper.

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('a key indented one space too little is one report', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce(
        '    path: content/migrations/service-v3/plan.mdx\n',
        '   path: content/migrations/service-v3/plan.mdx\n',
      ),
    );
    expect(report(files)).toMatchInlineSnapshot(`
      "content/migrations/service-v3/plan.mdx:14:4  error  syntax
        Unexpected indentation of \`path\` (3 spaces), expected 4 spaces to line up with \`title\` on line 13
        hint: Indent \`path\` by 4 spaces like its sibling, or by fewer to close the enclosing list item or mapping.

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('a tab in the indentation is one report at the tab', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce('    title: Rehearsal plan\n', '\ttitle: Rehearsal plan\n'),
    );
    expect(report(files)).toMatchInlineSnapshot(`
      "content/migrations/service-v3/plan.mdx:13:1  error  syntax
        Unexpected tab in the indentation of line 13, expected spaces
        hint: YAML indents with spaces only: replace the tab with spaces, lined up with the sibling keys above.

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('a plan that fails its schema is unknown too: no "missing plan", no "delete the payload"', () => {
    const files = withEdit(shippedFiles(), plan, replaceOnce('\nstatus: active\n', '\nstatus: actve\n'));
    expect(report(files)).toMatchInlineSnapshot(`
      "content/migrations/service-v3/plan.mdx:7:1  error  schema
        Unexpected \`actve\` at \`status\`, expected \`active\` or \`draft\` or \`review\` or \`accepted\` or \`implemented\` or \`superseded\` or \`historical\`
        expected: active, draft, review, accepted, implemented, superseded, historical
        hint: Did you mean \`active\`?

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('a live contract that fails to load leaves the pin alone', () => {
    const files = withEdit(
      shippedFiles(),
      'content/contracts/service.v2.yaml',
      replaceOnce('status: live', 'status: lve'),
    );
    expect(report(files)).toMatchInlineSnapshot(`
      "content/contracts/service.v2.yaml:4:1  error  schema
        Unexpected \`lve\` at \`status\`, expected \`live\` or \`candidate\` or \`retired\`
        expected: live, candidate, retired
        hint: Did you mean \`live\`?

      ✖ 1 error, 0 warnings in 1 file"
    `);
  });

  it('root causes come before their consequences, whatever the file names', () => {
    // A schema slip in tracker.mdx and, independently, a wrong tag in gates.mdx (which sorts first by name).
    let files = withEdit(
      shippedFiles(),
      'content/migrations/service-v3/tracker.mdx',
      replaceOnce('\nstatus: active\n', '\nstatus: actve\n'),
    );
    files = withEdit(files, 'content/migrations/service-v3/gates.mdx', (text) => text.replace('v0.3.2', 'v0.3.9'));
    expect(checkFiles(files).map((diagnostic) => `${diagnostic.file} ${diagnostic.ruleId}`)).toEqual([
      'content/migrations/service-v3/tracker.mdx schema',
      'content/migrations/service-v3/gates.mdx pins-agree',
    ]);
  });

  it('a stale payload comes after the reports that explain it and points at the source that changed', () => {
    const files = withEdit(
      shippedFiles(),
      'content/migrations/service-v3/rfc.mdx',
      replaceOnce('- `release_tag`: `v0.3.2`', '- `release_tag`: `v0.3.9`'),
    );
    expect(report(files)).toMatchInlineSnapshot(`
      "content/migrations/service-v3/rfc.mdx:69:19  error  pins-agree
        Unexpected \`release_tag\` \`v0.3.9\`, expected the live pin's \`v0.3.2\`
        expected: v0.3.2
        hint: Restate the live pin exactly, or refer to the runtime pin page instead of restating it.
        see: contracts/integration/v1/producer-contract-manifest.json:4:3 The live pin is read from here (content/runtime/pin.yaml points at /release_tag)

      content/migrations/service-v3/handoff-candidate.json:418:7  error  payload-fresh
        Unexpected stale sha256 of \`content/migrations/service-v3/rfc.mdx\` at \`sources[6].sha256\` of the committed handoff payload, expected the current file's \`eb85fc006f646bea4fa6540c3666f764b1bcdc6fd24b12778fbc12a63d7d3e53\`: the source changed since the payload was generated
        expected: "eb85fc006f646bea4fa6540c3666f764b1bcdc6fd24b12778fbc12a63d7d3e53"
        hint: Run \`pnpm generate\` to rewrite content/migrations/service-v3/handoff-candidate.json from the documents; never edit it by hand.
        see: content/migrations/service-v3/rfc.mdx:1:1 This source changed since the payload was generated

      ✖ 2 errors, 0 warnings in 2 files"
    `);
  });
});
