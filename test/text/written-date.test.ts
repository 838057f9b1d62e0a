import { describe, expect, it } from 'vitest';
import { writtenDate } from '../../src/core/text/written-date.ts';

describe('a day as people write it', () => {
  it('reads ISO days and days in words, in either order, with ordinals and abbreviations', () => {
    expect(
      [
        '2026-03-03',
        '3 March 2026',
        '3rd Mar 2026',
        'March 3, 2026',
        'Mar. 3 2026',
        '20 Sept 2026',
        '29 February 2028',
      ].map(writtenDate),
    ).toEqual(['2026-03-03', '2026-03-03', '2026-03-03', '2026-03-03', '2026-03-03', '2026-09-20', '2028-02-29']);
  });

  it('is not a day: a day the month lacks, an unknown month, a time, a range, two letters of a month', () => {
    for (const text of [
      '31 February 2026',
      '29 February 2026',
      '3 Marchh 2026',
      '2026-03-03T10:00Z',
      '3-4 March 2026',
      '3 Ma 2026',
      'soon',
    ])
      expect(writtenDate(text), text).toBeUndefined();
  });
});
