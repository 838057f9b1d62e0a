import { describe, expect, it } from 'vitest';
import { confusableSkeleton } from '../../src/core/text/skeleton.ts';
import { checkFiles, replaceOnce, shippedFiles, where, withEdit } from '../helpers/content.ts';

const gates = 'content/migrations/service-v3/gates.mdx';

/** The shipped gates with the first two gate ids renamed. */
function withGateIds(first: string, second: string) {
  const renamed = withEdit(
    withEdit(shippedFiles(), gates, replaceOnce('  - id: producer-suite-green\n', `  - id: ${first}\n`)),
    gates,
    replaceOnce('  - id: consumer-suite-green\n', `  - id: ${second}\n`),
  );
  return checkFiles(renamed)
    .filter((d) => d.ruleId === 'confusable-ids')
    .map(
      (d) =>
        `${where(d)} ${d.fatal === false ? 'warning' : 'error'} ${d.reason} see: ${String((d.cause as { file?: string; line?: number } | undefined)?.file)}:${String((d.cause as { line?: number } | undefined)?.line)}`,
    );
}

describe('confusable ids', () => {
  it.each([
    ['suite-1', 'suite-l'],
    ['vvide-gate', 'wide-gate'],
    ['suite-o', 'suite-0'],
    ['turn-on', 'tum-on'],
  ])('`%s` then `%s`: a warning at the second, see the first', (first, second) => {
    expect(withGateIds(first, second)).toEqual([
      `${gates}:24:5 confusable-ids warning Unexpected gate id \`${second}\` that reads like gate id \`${first}\`, expected ids that differ in more than look-alike characters see: ${gates}:9`,
    ]);
  });

  it('clean variants: ids that differ in a character no font hides are not flagged', () => {
    expect(withGateIds('gate-1', 'gate-2')).toEqual([]);
    expect(withGateIds('suite-l', 'suite-i')).toEqual([]);
    expect(withGateIds('turn-on', 'burn-on')).toEqual([]);
  });

  it('the skeleton is general, not a list of our ids', () => {
    expect(confusableSkeleton('Rn-1O')).toBe(confusableSkeleton('m-lo'));
    expect(confusableSkeleton('vvide')).toBe(confusableSkeleton('wide'));
    expect(confusableSkeleton('P1')).not.toBe(confusableSkeleton('P2'));
  });
});
