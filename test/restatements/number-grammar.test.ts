import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/core/corpus.ts';
import { durationsIn, numberValue } from '../../src/core/quantities.ts';
import { boundDurations, statedCounts, type CountedList, type DurationFact } from '../../src/core/restated-numbers.ts';

/** The grammar of restated numbers, sentence by sentence: what is read as a restatement and what is not. */
const entry = { file: 'x', locate: () => ({ start: { line: 1, column: 1 } }) } as unknown as Entry;
const overlap: DurationFact = {
  label: 'overlap window',
  value: 14,
  unit: 'day',
  keyword: /\boverlap\b/gi,
  snapshots: [],
  source: { entry, path: [] },
};
const notice: DurationFact = { ...overlap, label: 'notice', value: 10, unit: 'business-day', keyword: /\bnotice\b/gi };

const bound = (text: string) =>
  boundDurations(text, [overlap, notice]).map(
    ({ duration, facts }) => `${duration.text}→${facts.map((f) => f.label).join('+')}`,
  );

describe('numbers', () => {
  it('reads digits and written-out numbers', () => {
    expect(['8', 'eight', 'Fourteen', 'twenty-one', 'twenty one', 'ninety-nine', 'zero'].map(numberValue)).toEqual([
      8, 8, 14, 21, 21, 99, 0,
    ]);
    expect(numberValue('fourty')).toBeUndefined();
  });

  it('finds durations with a space or a hyphen, and business days', () => {
    expect(
      [...durationsIn('a 14-day window, 10 business days, ten-business-day notice, 24 hours, 2 weeks')].map((d) => [
        d.value,
        d.unit,
      ]),
    ).toEqual([
      [14, 'day'],
      [10, 'business-day'],
      [10, 'business-day'],
      [24, 'hour'],
      [2, 'week'],
    ]);
    expect([...durationsIn('v14 days, 1.5 days, 3-14 days')].map((d) => d.text)).toEqual([]);
  });
});

describe('durations bound to a fact', () => {
  it('binds a duration to the word that names the fact next to it', () => {
    expect(bound('Cutover is followed by an overlap window of 14 days.')).toEqual(['14 days→overlap window']);
    expect(bound('the 14-day overlap window')).toEqual(['14-day→overlap window']);
    expect(bound('Adding a code needs 10 business days of notice.')).toEqual(['10 business days→notice']);
  });

  it('does not bind offsets, parts, bounds, or numbers far from the naming word', () => {
    expect(bound('The stabilization review happens 30 days after the overlap window closes.')).toEqual([]);
    expect(bound('During the first 3 days of the overlap, watch the dashboards.')).toEqual([]);
    expect(bound('The overlap may be extended by up to 7 days.')).toEqual([]);
    expect(
      bound('The overlap, which the producer announced to every consuming team in writing, ends in 9 days.'),
    ).toEqual([]);
    expect(bound('Releases ship every 7 days.')).toEqual([]);
  });
});

describe('counts of listed items', () => {
  const commands: CountedList = {
    noun: 'commands',
    singular: 'command',
    label: 'commands',
    vocabulary: ['verification'],
    items: [{ owner: 'producer' }, { owner: 'producer' }, { owner: 'consumer' }],
    source: { entry, path: [] },
  };
  const criteria: CountedList = {
    ...commands,
    noun: 'criteria',
    singular: 'criterion',
    label: 'exit criteria',
    vocabulary: ['exit'],
    needs: /\bexit\b/i,
  };
  const teams = new Map([['memorykernel', 'producer' as const]]);
  const counts = (text: string, heading?: string) =>
    statedCounts(text, [commands, criteria], teams, heading).map(
      (count) => `${count.phrase}=${count.value}${count.role ? ` ${count.role}` : ''}`,
    );

  it('reads a determiner or a naming word as a restatement of the list', () => {
    expect(counts('Run the eight producer verification commands.')).toEqual([
      'eight producer verification commands=8 producer',
    ]);
    expect(counts('MemoryKernel runs these 2 commands.')).toEqual(['2 commands=2']);
    // "verification commands" names the producer's list by the shared conventions, "validation signals" the consumer's.
    expect(counts('Two verification commands are slow.')).toEqual(['Two verification commands=2 producer']);
    expect(counts('The rehearsal ends when all four criteria are met.', 'Exit criteria')).toEqual(['four criteria=4']);
  });

  it('leaves parts, unrelated words and unnamed lists alone', () => {
    expect(counts('Run two commands to regenerate the files.')).toEqual([]);
    expect(counts('The other two commands are slow.')).toEqual([]);
    expect(counts('The first two commands are fast.')).toEqual([]);
    expect(counts('The two failing commands are retried.')).toEqual([]);
    expect(counts('The two acceptance criteria are met.')).toEqual([]);
    expect(counts('All four criteria are met.', 'Review')).toEqual([]);
    expect(counts('At least two commands run.')).toEqual([]);
  });

  it('a sentence introducing examples counts them, not the list; the same count stated plainly is read', () => {
    expect(counts('Two verification commands (PLAN 3.1) fail most often, for example:')).toEqual([]);
    expect(counts('The eight producer commands, such as:')).toEqual([]);
    // Not an excerpt: no lead-in word, or the sentence does not introduce what follows.
    expect(counts('Two verification commands (PLAN 3.1) fail most often:')).toEqual([
      'Two verification commands=2 producer',
    ]);
    expect(counts('Two verification commands fail, for example on Mondays.')).toEqual([
      'Two verification commands=2 producer',
    ]);
  });
});
