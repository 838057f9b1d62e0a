import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../src/core/drift/markdown.ts';
import { driftOfFiles } from '../../src/core/drift/run.ts';

/**
 * YAML is read as JSON is: keys at any depth are labels (`release_tag`, `releaseTag`), the keys above say whose
 * value it is, arrays under a key naming a fact list are that list. Front matter of a Markdown file is the same
 * YAML, and its date key dates the file. Look-alikes first: a rollback target, a value under a history key and a
 * list of release records state no pin.
 */

const sha = 'cf331449e1589581a5dcbb3adecd3e9ae4509277';
const oldSha = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const factsOf = (path: string, text: string) =>
  driftOfFiles('.', [{ path, text }]).read.map(
    (statement) =>
      `${statement.fact}=${statement.value || (statement.items ?? []).map((item) => item.text).join('|')}@${statement.place.line}:${statement.place.column}${statement.history ? ' (history)' : ''}`,
  );

describe('YAML that states no pin', () => {
  it.each([
    ['a rollback target', 'rollback_target:\n  release_tag: v0.3.1\n'],
    ['a previous release', 'previous_release: v0.3.1\n'],
    ['an upgrade path', 'upgraded_from: v0.3.1\n'],
    [
      'a list of release records',
      `releases:\n  - tag: v0.3.1\n    commit: ${oldSha}\n  - tag: v0.3.2\n    commit: ${sha}\n`,
    ],
    ['a comment', '# the live pin was v0.3.1\ntitle: Runbook\n'],
  ])('%s: nothing', (_why, yaml) => {
    expect(factsOf('release.yaml', yaml)).toEqual([]);
  });

  it('a value under a history key is history, never drift', () => {
    const yaml = `live_pin:\n  release_tag: v0.3.2\nchangelog:\n  - live_pin:\n      commit_sha: ${oldSha}\n`;
    expect(factsOf('release.yml', yaml)).toEqual([
      'pin:live:release_tag=v0.3.2@2:16',
      `pin:live:commit_sha=${oldSha}@5:19 (history)`,
    ]);
  });
});

describe('YAML that states facts', () => {
  it('reads a .yaml file: nested and camelCase keys, fact lists, at their lines and columns', () => {
    const yaml = [
      'migration:',
      '  livePin:',
      '    releaseTag: v0.3.2',
      `    commit_sha: "${sha}"`,
      '  candidate:',
      '    service_contract_version: service.v3',
      '  handoff_mode: service-v3-candidate',
      'rollback:',
      '  triggers:',
      '    - Consumer contract suite fails after the candidate repin',
      '    - Non-2xx envelope shape mismatch',
      'verification_commands:',
      '  - cargo fmt --all -- --check',
      '  - cargo test --workspace',
      '',
    ].join('\n');
    expect(factsOf('release.yaml', yaml)).toEqual([
      'pin:live:release_tag=v0.3.2@3:17',
      `pin:live:commit_sha=${sha}@4:17`,
      'contract:candidate=service.v3@6:31',
      'handoff-mode=service-v3-candidate@7:17',
      'list:rollbackTriggers=consumer contract suite fails after the candidate repin\nnon-2xx envelope shape mismatch@9:3',
      'list:producerCommands=cargo fmt --all -- --check\ncargo test --workspace@12:1',
    ]);
  });

  it('reads front matter as YAML, dates the file by it, and parses the body below it at its own lines', () => {
    const text = [
      '---',
      'title: Error envelope v3 migration',
      'last_reviewed: 2026-03-02',
      'live_pin:',
      '  release_tag: v0.3.2',
      '---',
      '',
      '# Runbook',
      '',
      'The live pin is `v0.3.2`.',
      '',
    ].join('\n');
    const extraction = extractMarkdown('README.md', text);
    expect(extraction.date).toBe('2026-03-02');
    expect(
      extraction.statements.map(
        (statement) => `${statement.fact}=${statement.value}@${statement.place.line} ${statement.date}`,
      ),
    ).toEqual(['pin:live:release_tag=v0.3.2@5 2026-03-02', 'pin:live:release_tag=v0.3.2@10 2026-03-02']);
  });

  it('a YAML file that disagrees with a Markdown table is one finding with both places', () => {
    const report = driftOfFiles('.', [
      { path: 'a.md', text: '# A\n\n| Field | Value |\n|---|---|\n| Live release | `v0.3.2` |\n' },
      { path: 'pin.yml', text: 'live:\n  release_tag: v0.3.1\n' },
    ]);
    expect(
      report.findings.map((finding) => [
        finding.fact,
        finding.values.map((value) => `${value.shown}@${value.places.map((p) => `${p.file}:${p.line}`).join()}`),
      ]),
    ).toEqual([['pin:live:release_tag', ['v0.3.2@a.md:5', 'v0.3.1@pin.yml:2']]]);
  });

  it('a YAML file that does not parse is a located problem, not an empty file', () => {
    const report = driftOfFiles('.', [{ path: 'pin.yaml', text: 'live:\n  release_tag: [v0.3.1\n' }]);
    expect(report.read).toEqual([]);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: 'pin.yaml', line: expect.any(Number) as number });
    expect(report.problems[0]?.reason).toMatch(
      /^Unexpected YAML syntax \(.+\); its facts are unknown, expected valid YAML$/,
    );
  });
});
