import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullShasIn, pinTokenPatterns } from '../../src/core/conventions.ts';

/** What the `commit_sha` token pattern finds: the definition `fullShasIn` must agree with. */
function byPattern(text: string): { sha: string; offset: number }[] {
  const pattern = pinTokenPatterns.find((token) => token.field === 'commit_sha')?.pattern;
  if (!pattern) throw new Error('no commit_sha pattern');
  return [...text.matchAll(new RegExp(pattern.source, 'g'))].map((match) => ({ sha: match[0], offset: match.index }));
}

const sha = 'cf331449e1589581a5dcbb3adecd3e9ae4509277';

describe('fullShasIn', () => {
  it('finds a sha at the start, the end, and between words; not inside a longer hex run or with upper case', () => {
    const text = `${sha} at commit \`${sha}\`, then f${sha}, ${sha.toUpperCase()}, ${sha.slice(0, 39)}G and ${sha}`;
    expect(fullShasIn(text)).toEqual([
      { sha, offset: 0 },
      { sha, offset: 52 },
      { sha, offset: text.length - 40 },
    ]);
    expect(fullShasIn(text)).toEqual(byPattern(text));
  });

  it('agrees with the commit_sha token pattern on generated text', () => {
    // Text made of hex digits (both cases), word characters and separators, with shas planted at random.
    const piece = fc.oneof(
      fc.constantFrom(sha, sha.slice(3), `${sha}a`, `A${sha}`, sha.toUpperCase()),
      fc.stringMatching(/^[0-9a-fA-F]{1,45}$/),
      fc.constantFrom(' ', '`', '\n', 'g', 'x', '.', '-', 'commit '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(fullShasIn(text)).toEqual(byPattern(text));
      }),
      { numRuns: 2000 },
    );
  });
});
