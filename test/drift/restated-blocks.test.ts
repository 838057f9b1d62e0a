import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftOfFiles, runDrift } from '../../src/core/drift/run.ts';
import { wordSimilarity } from '../../src/core/drift/restated-blocks.ts';

/**
 * Restatements found by their items, not by a heading we recognise. The `runbook` package is a fourth house
 * style: one runbook README with YAML front matter, a field/value table and a task checklist, a cutover runbook
 * whose commands sit in a shell block nested in a numbered step, and rollback triggers under "When to roll
 * back". Its clean variant also holds lists that look alike but are not one list (an excerpt of the commands,
 * the producer's and the consumer's sign-off evidence), which must not be reported.
 */

const fixtures = join(import.meta.dirname, 'fixtures', 'runbook');
const run = (variant: string) => runDrift({ folder: join(fixtures, variant, 'docs'), root: join(fixtures, variant) });
const placesOf = (report: ReturnType<typeof run>) =>
  Object.fromEntries(
    report.findings.map((finding) => [
      finding.label,
      finding.values.flatMap((value) => value.places.map((place) => `${place.file}:${place.line}`)),
    ]),
  );

describe('restatements found by their items', () => {
  it('reports nothing on the clean runbook package, whose look-alike lists are not one list', () => {
    const report = run('clean');
    expect(report.problems).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('reports an edited command in a nested step block and an edited trigger under an unnamed heading', () => {
    const report = run('drifted');
    const dir = 'docs/runbooks/envelope-v3';
    // The package's other planted disagreements are pinned in packages.test.ts; here, the two found by content.
    // Step 3 ("Run the verification suite:") names the list; the block under "How to verify locally" joins it
    // by its items.
    const places = placesOf(report);
    expect(places['producer verification commands']).toEqual([`${dir}/README.md:38`, `${dir}/cutover.md:17`]);
    // The cutover runbook's edited trigger; the named lists (README, rollout.yaml) agree with each other.
    expect(places['rollback triggers']).toEqual([
      `${dir}/README.md:50`,
      `${dir}/rollout.yaml:13`,
      `${dir}/cutover.md:27`,
    ]);
    const triggers = report.findings.find((finding) => finding.fact === 'list:rollbackTriggers');
    expect(triggers?.values.map((value) => value.value.split('\n').find((item) => item.includes('threshold')))).toEqual(
      [
        'error rate on the envelope endpoints rises above the agreed threshold for 15 minutes',
        'error rate on the envelope endpoints rises above the agreed threshold for 30 minutes',
      ],
    );
  });

  const file = (path: string, ...lines: string[]) => ({ path, text: lines.join('\n') });
  const commands = ['cargo fmt --all -- --check', 'cargo clippy --workspace -- -D warnings', 'cargo test --workspace'];
  const block = (...items: string[]) => ['```sh', ...items, '```'];

  it('loose blocks that restate each other are one list of their own, named after the first heading', () => {
    const first = file('A.md', '# A', '', '## How to verify locally', '', ...block(...commands), '');
    const second = file(
      'B.md',
      '# B',
      '',
      '## Steps',
      '',
      '1. Check:',
      '',
      ...block(...commands.slice(0, 2), 'cargo test'),
    );
    const report = driftOfFiles('.', [first, second]);
    expect(
      report.findings.map((finding) => [finding.label, finding.values.map((value) => value.places[0]?.file)]),
    ).toEqual([['command list restated by its items (first under “How to verify locally”)', ['A.md', 'B.md']]]);
    expect(driftOfFiles('.', [first, file('C.md', '# C', '', '## Steps', '', ...block(...commands))]).findings).toEqual(
      [],
    );
  });

  it('joins a loose block to a named list only when it restates it, not when it is an excerpt', () => {
    const named = file('A.md', '# A', '', '## Verification commands', '', ...block(...commands), '');
    const excerpt = file('B.md', '# B', '', '## Formatting', '', ...block(commands[0] as string), '');
    const edited = file('C.md', '# C', '', '## Before merging', '', ...block(...commands.slice(0, 2), 'cargo test'));
    expect(driftOfFiles('.', [named, excerpt]).findings).toEqual([]);
    const report = driftOfFiles('.', [named, excerpt, edited]);
    expect(
      report.findings.map((finding) => [finding.fact, finding.values.map((value) => value.places[0]?.file)]),
    ).toEqual([['list:producerCommands', ['A.md', 'C.md']]]);
  });

  it('does not join lists that share items but differ by unrelated ones, or name different sides', () => {
    const lists = file(
      'A.md',
      '# A',
      '',
      '## Staging checks',
      '',
      '- Payload digest recorded',
      '- Verification suite output attached',
      '- Staging smoke test passed',
      '',
      '## Production checks',
      '',
      '- Payload digest recorded',
      '- Verification suite output attached',
      '- Error budget reviewed with the on-call engineer',
      '',
      '## Producer approval',
      '',
      '- Payload digest recorded',
      '- Verification suite output attached',
      '- Producer lead approved the change',
      '',
      '## Consumer approval',
      '',
      '- Payload digest recorded',
      '- Verification suite output attached',
      '- Consumer lead approved the change',
      '',
    );
    expect(driftOfFiles('.', [lists]).findings).toEqual([]);
  });

  it('measures an edit by shared words, and never calls one-word items edits of each other', () => {
    expect(wordSimilarity('rises above the threshold for 15 minutes', 'rises above the threshold for 30 minutes')).toBe(
      12 / 14,
    );
    expect(wordSimilarity('v0.3.2', 'v0.3.1')).toBe(0);
    expect(wordSimilarity('Staging smoke test passed', 'Error budget reviewed with the on-call engineer')).toBe(0);
  });
});
