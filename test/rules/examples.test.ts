import { describe, expect, it } from 'vitest';
import type { RuleExample } from '../../src/core/rule.ts';
import { rules } from '../../src/core/rules/index.ts';
import type { SourceFile } from '../../src/core/corpus.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import { checkFiles, shippedFiles, textOf } from '../helpers/content.ts';

/**
 * Every rule's documented examples (`docs.examples` in the rule's own file) are its fixtures: the `ok`
 * passage is in the shipped content and the rule reports nothing there; replacing it with `notOk` makes
 * the rule report exactly `reports`, positions included. The rule pages render the same three fields.
 */

/** `file:line:column message`, the form a `RuleExample` lists its reports in. */
function exampleReport(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.reason}`;
}

/** The shipped content with the example's `ok` passage replaced by `notOk`; the passage must be there exactly once. */
function applyExample(files: readonly SourceFile[], example: RuleExample): SourceFile[] {
  if (example.ok === '') {
    // An example that adds a file: it must not exist as shipped.
    if (files.some((file) => file.path === example.file)) {
      throw new Error(`example "${example.title}": it adds ${example.file}, which exists; give an ok passage instead`);
    }
    return [...files, { path: example.file, text: example.notOk }];
  }
  const text = textOf(files, example.file);
  const occurrences = text.split(example.ok).length - 1;
  if (occurrences !== 1) {
    throw new Error(
      `example "${example.title}": its ok passage occurs ${occurrences} times in ${example.file}, expected once; update the example to the current content`,
    );
  }
  const start = text.indexOf(example.ok);
  // Whole lines, so the rule page shows complete lines and the passage cannot start mid-token.
  if ((start > 0 && text[start - 1] !== '\n') || !example.ok.endsWith('\n') || !example.notOk.endsWith('\n')) {
    throw new Error(`example "${example.title}": ok and notOk must be whole lines (start a line, end with a newline)`);
  }
  if (example.ok === example.notOk) throw new Error(`example "${example.title}": ok and notOk are the same`);
  return files.map((file) =>
    file.path === example.file ? { path: file.path, text: text.replace(example.ok, () => example.notOk) } : file,
  );
}

describe('rule docs', () => {
  it('every rule has a stable kebab-case id, a description, docs and at least one example', () => {
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.docs.checks.length).toBeGreaterThan(20);
      expect(rule.docs.fix.length).toBeGreaterThan(10);
      expect(rule.docs.examples.length).toBeGreaterThan(0);
      expect(rule.url).toBe(`/rules/${rule.id}/`);
    }
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  it('an example whose ok passage is not in the content, or is not whole lines, fails loudly', () => {
    const example: RuleExample = {
      title: 'stale',
      file: 'content/migrations/service-v3/tracker.mdx',
      ok: 'no such passage\n',
      notOk: 'x\n',
      reports: [],
    };
    expect(() => applyExample(shippedFiles(), example)).toThrow(
      'example "stale": its ok passage occurs 0 times in content/migrations/service-v3/tracker.mdx, expected once',
    );
    const partial: RuleExample = { ...example, title: 'partial', ok: 'status: active', notOk: 'status: done' };
    expect(() => applyExample(shippedFiles(), partial)).toThrow(
      'example "partial": ok and notOk must be whole lines (start a line, end with a newline)',
    );
  });

  for (const rule of rules) {
    it(`${rule.id}: reports nothing on the shipped content (every ok passage passes)`, () => {
      const diagnostics = checkFiles(shippedFiles(), [], true).filter((diagnostic) => diagnostic.ruleId === rule.id);
      expect(diagnostics.map(exampleReport)).toEqual([]);
    });

    for (const example of rule.docs.examples) {
      it(`${rule.id}: ${example.title}`, () => {
        const diagnostics = checkFiles(applyExample(shippedFiles(), example), [], true).filter(
          (diagnostic) => diagnostic.ruleId === rule.id,
        );
        expect(diagnostics.map(exampleReport)).toEqual(example.reports);
      });
    }
  }
});
