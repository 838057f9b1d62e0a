import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../src/core/drift/markdown.ts';
import { driftOfFiles } from '../../src/core/drift/run.ts';

/**
 * A pin stated in a free sentence ("confirm the live pin is still `v0.3.2` (commit `cf33…`)") is a statement of
 * the pin; a sentence that only mentions a version (history, a transition, a rollback target, an action, a sha
 * in a changelog) is not. The look-alikes come first: a false alarm costs more than a miss.
 */

const sha = 'cf331449e1589581a5dcbb3adecd3e9ae4509277';
const oldSha = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const factsOf = (paragraph: string) =>
  extractMarkdown('R.md', `# Runbook\n\n## Steps\n\n${paragraph}\n`).statements.map(
    (statement) => `${statement.fact}=${statement.value}@${statement.place.line}:${statement.place.column}`,
  );

describe('sentences that mention a version without stating the pin', () => {
  it.each([
    ['a transition names two versions of one field', 'Upgrade the consumer from `v0.3.1` to `v0.3.2` first.'],
    ['the past tense is history', 'The live pin was `v0.3.1` until the February release.'],
    ['a negation', 'The live pin is no longer `v0.3.1`.'],
    ['a rollback target', 'Roll back to `v0.3.2` if any of these happen.'],
    ['a revert', 'Revert the consumer’s pin to `service.v2`.'],
    ['an action that changes the pin', 'Flip the consumer’s pin to `service.v3`.'],
    ['a bare version with no word saying whose', 'Redeploy `v0.3.2` on both hosts.'],
    ['a sha in a changelog line', `- \`${oldSha}\` Fix the envelope test (#42)`],
    ['a merge commit', `Merged in commit \`${oldSha}\` after review.`],
    ['a sha after a version that is not stated', `Released \`v0.3.1\` (commit \`${oldSha}\`) on 2026-01-10.`],
    ['the previous pin', 'The previous pin is `v0.3.1`.'],
    ['a question', 'Is the live pin `v0.3.1`?'],
  ])('%s: nothing', (_why, paragraph) => {
    expect(factsOf(paragraph)).toEqual([]);
  });

  it('a version named as history in a changelog section is history, never drift', () => {
    const files = [
      { path: 'a.md', text: '# A\n\n- Release tag: `v0.3.2`\n' },
      {
        path: 'b.md',
        text: `# B\n\nThe live pin is \`v0.3.2\`.\n\n## Changelog\n\n- The live pin is \`v0.3.1\` (commit \`${oldSha}\`).\n`,
      },
    ];
    const report = driftOfFiles('.', files);
    expect(report.findings).toEqual([]);
    expect(
      report.history.map((entry) => `${entry.fact}=${entry.shown}@${entry.place.file}:${entry.place.line}`),
    ).toEqual([`pin:live:release_tag=v0.3.1@b.md:7`, `pin:live:commit_sha=${oldSha}@b.md:7`]);
  });
});

describe('sentences that state the pin', () => {
  it('reads the pin and the parenthesised commit of one sentence, across a line break, at their columns', () => {
    const text = `Before starting, confirm the live pin is still \`v0.3.2\` (commit \`${sha}\`) and\nthe consumer reports \`service.v2\` in its pin file.`;
    expect(factsOf(text)).toEqual([`pin:live:release_tag=v0.3.2@5:49`, `pin:live:commit_sha=${sha}@5:66`]);
  });

  it.each([
    ['Production is pinned to `v0.3.2`.', ['pin:live:release_tag=v0.3.2@5:26']],
    ['The candidate release is `v0.4.0`; the live one stays `v0.3.2`.', ['pin:candidate:release_tag=v0.4.0@5:27']],
    ['The current API contract remains `api.v1`.', ['pin:live:api_contract_version=api.v1@5:35']],
    ['- Check that the live baseline commit is `' + sha + '`.', [`pin:live:commit_sha=${sha}@5:43`]],
  ])('%s', (paragraph, expected) => {
    expect(factsOf(paragraph)).toEqual(expected);
  });

  it('a sentence that disagrees with a table is one finding with both places', () => {
    const files = [
      { path: 'a.md', text: '# A\n\n| Field | Value |\n|---|---|\n| Live release | `v0.3.2` |\n' },
      { path: 'b.md', text: '# B\n\nConfirm the live pin is still `v0.3.1` before you start.\n' },
    ];
    const [finding, ...rest] = driftOfFiles('.', files).findings;
    expect(rest).toEqual([]);
    expect(finding?.fact).toBe('pin:live:release_tag');
    expect(
      finding?.values.map((value) => `${value.shown}@${value.places.map((p) => `${p.file}:${p.line}`).join()}`),
    ).toEqual(['v0.3.2@a.md:5', 'v0.3.1@b.md:3']);
  });
});
