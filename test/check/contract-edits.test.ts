import { describe, expect, it } from 'vitest';
import {
  checkFiles,
  checkRegenerated,
  positionOf,
  replaceOnce,
  shippedFiles,
  textOf,
  where,
  withEdit,
} from '../helpers/content.ts';

/**
 * The edits the contract gate exists to catch. Each takes the shipped content, changes one fact in one
 * place, and asserts the rule, file, line and column of the report, and its text.
 */
const migration = 'content/migrations/service-v3';

describe('contract edits that must fail the check', () => {
  it('passes on the shipped content', () => {
    expect(checkFiles(shippedFiles()).map(where)).toEqual([]);
  });

  it('a different commit sha in one document prose', () => {
    const path = `${migration}/rfc.mdx`;
    const files = withEdit(shippedFiles(), path, (text) =>
      text.replace(
        /(- `commit_sha`: `)cf331449e1589581a5dcbb3adecd3e9ae4509277`/,
        '$1cf331449e1589581a5dcbb3adecd3e9ae4509278`',
      ),
    );
    const at = positionOf(textOf(files, path), 'cf331449e1589581a5dcbb3adecd3e9ae4509278');
    const diagnostics = checkRegenerated(files);
    expect(diagnostics.map(where)).toEqual([`${path}:${at.line}:${at.column} pins-agree`]);
    expect(diagnostics[0]?.reason).toMatchInlineSnapshot(
      `"Unexpected \`commit_sha\` \`cf331449e1589581a5dcbb3adecd3e9ae4509278\`, expected the live pin's \`cf331449e1589581a5dcbb3adecd3e9ae4509277\`"`,
    );
  });

  it('a different commit sha in plain prose, outside a pin bullet', () => {
    const path = `${migration}/tracker.mdx`;
    const files = withEdit(
      shippedFiles(),
      path,
      (text) => `${text}\nBuilt from 1111111111111111111111111111111111111111 last week.\n`,
    );
    const at = positionOf(textOf(files, path), '1111111111111111111111111111111111111111');
    const diagnostics = checkRegenerated(files);
    expect(diagnostics.map(where)).toEqual([`${path}:${at.line}:${at.column} pins-agree`]);
    expect(diagnostics[0]?.note).toContain('declare it under `snapshots`');
  });

  it('a different release tag in one frontmatter', () => {
    const path = `${migration}/rfc.mdx`;
    const files = withEdit(shippedFiles(), path, replaceOnce('  release_tag: v0.3.2\n', '  release_tag: v0.3.3\n'));
    const at = positionOf(textOf(files, path), 'release_tag: v0.3.3');
    const diagnostics = checkRegenerated(files);
    expect(diagnostics.map(where)).toEqual([`${path}:${at.line}:${at.column} pins-agree`]);
    expect(diagnostics[0]?.reason).toMatchInlineSnapshot(
      `"Unexpected \`release_tag\` \`v0.3.3\`, expected the live pin's \`v0.3.2\`"`,
    );
  });

  it('legacy_error dropped from the service.v2 policy', () => {
    const path = 'content/contracts/service.v2.yaml';
    const files = withEdit(shippedFiles(), path, replaceOnce('    - legacy_error\n', ''));
    const at = positionOf(textOf(files, path), 'required:');
    const diagnostics = checkRegenerated(files);
    const guard = diagnostics.filter((diagnostic) => diagnostic.ruleId === 'legacy-guard');
    expect(guard.map(where)).toEqual([`${path}:${at.line}:${at.column} legacy-guard`]);
    // The restatements of the policy in prose now disagree with it too, each at its own line.
    expect(diagnostics.filter((diagnostic) => diagnostic.ruleId === 'envelope-policy').map((d) => d.file)).toEqual([
      `${migration}/plan.mdx`,
      `${migration}/rfc.mdx`,
    ]);
    expect(guard[0]?.reason).toMatchInlineSnapshot(
      `"Unexpected \`service.v2\` policy without required \`legacy_error\` while 4 of 4 cutover gates of \`service-v3\` have not passed, expected \`legacy_error\` to stay required"`,
    );
  });

  it('a tracker task pointing at a gate id that does not exist', () => {
    const path = `${migration}/tracker.mdx`;
    const files = withEdit(
      shippedFiles(),
      path,
      replaceOnce(/( {4}status: ready\n[\s\S]*? {4})waitsOn: \[\]/, '$1waitsOn: [joint-sign-off-recorded]'),
    );
    const at = positionOf(textOf(files, path), 'joint-sign-off-recorded');
    const diagnostics = checkRegenerated(files);
    expect(diagnostics.map(where)).toEqual([`${path}:${at.line}:${at.column} references`]);
    expect(diagnostics[0]?.reason).toMatchInlineSnapshot(
      `"Unexpected gate id \`joint-sign-off-recorded\`, expected an existing gate id; did you mean \`joint-signoff-recorded\`?"`,
    );
  });

  it('a gate marked passed with no evidence', () => {
    const path = `${migration}/gates.mdx`;
    const files = withEdit(
      shippedFiles(),
      path,
      replaceOnce(
        '    status: pending\n    evidence:\n      commands: []\n      checklist: [go-no-go-decision-log, known-risk-acknowledgements]',
        '    status: passed\n    evidence:\n      commands: []\n      checklist: []',
      ),
    );
    const at = positionOf(textOf(files, path), 'status: passed');
    const ids = new Set(['gate-evidence', 'gates-need-accepted-rfc']);
    const diagnostics = checkRegenerated(files).filter((diagnostic) => ids.has(diagnostic.ruleId ?? ''));
    expect(diagnostics.map(where)).toEqual([
      `${path}:${at.line}:${at.column} gate-evidence`,
      `${path}:${at.line}:${at.column} gates-need-accepted-rfc`,
    ]);
    expect(diagnostics.map((diagnostic) => diagnostic.reason)).toMatchInlineSnapshot(`
      [
        "Unexpected passed gate \`joint-signoff-recorded\` without evidence, expected at least one command, checklist item or envelope assertion",
        "Unexpected passed gate \`joint-signoff-recorded\` while the RFC is in \`draft\`, expected cutover gates to pass only under an accepted RFC",
      ]
    `);
  });

  it('one rollback trigger removed from one place it is listed', () => {
    const path = `${migration}/gates.mdx`;
    const files = withEdit(shippedFiles(), path, (text) => {
      const start = text.indexOf('## Rollback triggers');
      const line = text.indexOf('\n- ', start) + 1;
      return text.slice(0, line) + text.slice(text.indexOf('\n', line) + 1);
    });
    const text = textOf(files, path);
    const listStart = text.indexOf('\n- ', text.indexOf('## Rollback triggers')) + 1;
    const diagnostics = checkRegenerated(files);
    expect(diagnostics.map(where)).toEqual([`${path}:${text.slice(0, listStart).split('\n').length}:1 lists-agree`]);
    expect(diagnostics[0]?.reason).toMatch(/^Unexpected rollback triggers list: missing `consumer-suite-fails`/);
  });

  it('malformed YAML frontmatter', () => {
    const path = `${migration}/tracker.mdx`;
    const files = withEdit(shippedFiles(), path, replaceOnce('owner: MemoryKernel\n', 'owner: [MemoryKernel\n'));
    const diagnostics = checkRegenerated(files);
    expect(
      diagnostics.filter((diagnostic) => diagnostic.ruleId === 'syntax').map((d) => `${d.file}:${d.line}`),
    ).toContain(`${path}:${positionOf(textOf(files, path), 'owner: [').line}`);
    expect(diagnostics.every((diagnostic) => diagnostic.file && diagnostic.line > 0 && diagnostic.ruleId)).toBe(true);
  });

  it('a JSON syntax error in a data file', () => {
    const path = 'content/contracts/service.v4.json';
    const files = [
      ...shippedFiles(),
      { path, text: '{\n  "kind": "contract-policy",\n  "version": "service.v4"\n  "status": "candidate"\n}\n' },
    ];
    const diagnostics = checkRegenerated(files);
    expect(diagnostics.map(where)).toEqual([`${path}:4:3 syntax`]);
    expect(diagnostics[0]?.reason).toMatchInlineSnapshot(
      `"Unexpected token String found in JSON, expected a \`,\` between members or a \`:\` after a key"`,
    );
  });

  it('collects every problem instead of stopping at the first', () => {
    let files = withEdit(
      shippedFiles(),
      `${migration}/rfc.mdx`,
      replaceOnce('  release_tag: v0.3.2\n', '  release_tag: v0.3.3\n'),
    );
    files = withEdit(files, 'content/contracts/service.v2.yaml', replaceOnce('    - legacy_error\n', ''));
    files = withEdit(files, `${migration}/tracker.mdx`, replaceOnce('owner: MemoryKernel\n', 'owner: [MemoryKernel\n'));
    const rules = new Set(checkRegenerated(files).map((diagnostic) => diagnostic.ruleId));
    expect([...rules].sort()).toEqual(['contract-change', 'envelope-policy', 'legacy-guard', 'pins-agree', 'syntax']);
  });
});
