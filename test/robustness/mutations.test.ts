import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/core/corpus.ts';
import { checkFiles, shippedFiles } from '../helpers/content.ts';

/** A random edit of one shipped file: the kinds of damage hand editing and bad merges do. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.string({ unit: 'grapheme', maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({
    kind: fc.constant('token' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom(
      '{',
      '}',
      '<',
      '---\n',
      ': ',
      '- ',
      '`',
      '&a',
      '*a',
      '[',
      '"',
      '\t',
      '\u0000',
      '\u0440',
      'id: P1\n',
    ),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, edit: Mutation): string {
  const lines = text.split('\n');
  const lineAt = (at: number) => Math.min(lines.length - 1, Math.floor(at * lines.length));
  switch (edit.kind) {
    case 'truncate':
      return text.slice(0, Math.floor(edit.at * text.length));
    case 'insert':
    case 'token': {
      const at = Math.floor(edit.at * text.length);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'delete-line':
      lines.splice(lineAt(edit.at), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const index = lineAt(edit.at);
      lines.splice(index, 0, lines[index] ?? '');
      return lines.join('\n');
    }
    case 'swap-lines': {
      const index = Math.max(1, lineAt(edit.at));
      [lines[index - 1], lines[index]] = [lines[index] ?? '', lines[index - 1] ?? ''];
      return lines.join('\n');
    }
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'bom':
      return `\uFEFF${text}`;
  }
}

describe('random edits of valid content', () => {
  it('never make the checker throw, and every diagnostic is located and named', () => {
    const files = shippedFiles();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: files.length - 1 }), mutation), { minLength: 1, maxLength: 4 }),
        (edits) => {
          const mutated: SourceFile[] = files.map((file) => ({ ...file }));
          for (const [index, edit] of edits) {
            const file = mutated[index];
            if (file) file.text = apply(file.text, edit);
          }
          const diagnostics = checkFiles(mutated);
          for (const diagnostic of diagnostics) {
            expect(diagnostic.ruleId).not.toBe('internal');
            expect(diagnostic.file).toMatch(/^content\//);
            expect(diagnostic.line).toBeGreaterThanOrEqual(1);
            expect(diagnostic.column).toBeGreaterThanOrEqual(1);
            expect(diagnostic.reason.length).toBeGreaterThan(0);
            expect(diagnostic.note?.length ?? 0).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
    // Hundreds of whole checks: on a loaded 2-core machine this runs past the unit suite's 30 s default.
  }, 120_000);
});
