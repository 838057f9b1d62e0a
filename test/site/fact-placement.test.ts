import { describe, expect, it } from 'vitest';
import { placeFactSections } from '../../src/astro/fact-placement.ts';
import { codePieces, codeTokenChildren } from '../../src/core/remark/code-tokens.ts';

const h = (depth: number, text: string, slug = text.toLowerCase().replace(/\W+/g, '-')) => ({ depth, text, slug });

describe('placeFactSections: facts at the end of the prose section that discusses them', () => {
  it('puts each fact section before the heading that follows its section, and the last ones at the end', () => {
    const placement = placeFactSections('plan', [
      h(2, 'Objective'),
      h(2, 'Inputs and constraints'),
      h(2, 'Deliverables'),
      h(2, 'Exit criteria'),
      h(2, 'Verification commands'),
      h(2, 'Expected AssistSupport validation signals'),
    ]);
    expect(Object.fromEntries(placement.beforeHeading)).toEqual({
      'inputs-and-constraints': ['facts-objective'],
      'exit-criteria': ['facts-deliverables'],
      'verification-commands': ['facts-exit-criteria'],
      'expected-assistsupport-validation-signals': ['facts-commands'],
    });
    expect(placement.atEnd).toEqual([]);
  });

  it('finds a section by a subheading and keeps the level-2 section it belongs to', () => {
    const placement = placeFactSections('gates', [
      h(2, 'How to read this page'),
      h(2, 'Cutover'),
      h(3, 'Rollback triggers'),
      h(2, 'Gates'),
      h(2, 'Consumer prerequisites'),
    ]);
    expect(placement.beforeHeading.get('gates')).toEqual(['facts-rollback-triggers']);
    expect(placement.beforeHeading.get('consumer-prerequisites')).toEqual(['facts-gates']);
    // Prerequisites close the page (their section is last); actions and checklist have no section: also last.
    expect(placement.atEnd).toEqual(['facts-prerequisites', 'facts-rollback-actions', 'facts-evidence-checklist']);
  });

  it("with no headings at all, every fact section closes the page, in the kind's order", () => {
    expect(placeFactSections('rfc', [])).toEqual({
      beforeHeading: new Map(),
      atEnd: ['facts-approvers', 'facts-baseline', 'facts-stages', 'facts-non-negotiables'],
    });
  });
});

describe('codePieces: where inline code may break', () => {
  const tokens = (text: string) =>
    codePieces(text).map((piece) => (piece.space ? '␠' : piece.breakAfter ? `${piece.text}|` : piece.text));

  it('never inside an id: hyphens are not break points', () => {
    expect(tokens('producer-suite-green')).toEqual(['producer-suite-green']);
    expect(codeTokenChildren('producer-suite-green')).toBeUndefined();
  });

  it('between the words of a command, after a path segment and after a reference kind', () => {
    expect(tokens('cargo fmt --all -- --check')).toEqual([
      'cargo',
      '␠',
      'fmt',
      '␠',
      '--all',
      '␠',
      '--',
      '␠',
      '--check',
    ]);
    expect(tokens('content/migrations/service-v3/plan.mdx')).toEqual([
      'content/|',
      'migrations/|',
      'service-v3/|',
      'plan.mdx',
    ]);
    expect(tokens('gate:producer-suite-green')).toEqual(['gate:|', 'producer-suite-green']);
    // A trailing separator stays with its token: nothing follows it to break before.
    expect(tokens('docs/ check:')).toEqual(['docs/', '␠', 'check:']);
  });

  it('as markup: a span per token, a <wbr> where a segment may end a line', () => {
    expect(codeTokenChildren('gate:a-b c')).toEqual([
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['token'] },
        children: [{ type: 'text', value: 'gate:' }],
      },
      { type: 'element', tagName: 'wbr', properties: {}, children: [] },
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['token'] },
        children: [{ type: 'text', value: 'a-b' }],
      },
      { type: 'text', value: ' ' },
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['token'] },
        children: [{ type: 'text', value: 'c' }],
      },
    ]);
  });
});
