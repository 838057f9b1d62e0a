import { describe, expect, it } from 'vitest';
import { rules } from '../../src/core/rules/index.ts';
import { checkFiles, shippedFiles, where } from '../helpers/content.ts';
import { ruleExamples } from './examples.ts';

describe('rule docs', () => {
  it('every rule has a stable kebab-case id, a description and docs', () => {
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.docs.checks.length).toBeGreaterThan(20);
      expect(rule.docs.fix.length).toBeGreaterThan(10);
      expect(rule.url).toBe(`/rules/${rule.id}/`);
    }
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  it('every rule has a failing example fixture', () => {
    expect(Object.keys(ruleExamples).sort()).toEqual(rules.map((rule) => rule.id).sort());
  });

  for (const rule of rules) {
    it(`${rule.id}: the documented example message is what its failing fixture reports`, () => {
      const example = ruleExamples[rule.id];
      if (!example) throw new Error(`no example for ${rule.id}`);
      const diagnostics = checkFiles(example(shippedFiles())).filter((diagnostic) => diagnostic.ruleId === rule.id);
      expect(diagnostics.map((diagnostic) => diagnostic.reason)).toContain(rule.docs.example);
      // Every report of the failing fixture, with its position, pinned: the docs example is one of them.
      expect(diagnostics.map((diagnostic) => `${where(diagnostic)} ${diagnostic.reason}`)).toMatchSnapshot();
    });

    it(`${rule.id}: reports nothing on the shipped content`, () => {
      const diagnostics = checkFiles(shippedFiles()).filter((diagnostic) => diagnostic.ruleId === rule.id);
      expect(diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.reason}`)).toEqual([]);
    });
  }
});
