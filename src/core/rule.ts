import type { Corpus } from './corpus.ts';
import { createDiagnostic, type Diagnostic, type ProblemInit } from './diagnostic.ts';

/** What a rule's docs page says. The example message is asserted by the rule's failing fixture test. */
export interface RuleDocs {
  /** What the rule checks, a paragraph. */
  checks: string;
  /** How to fix a report, a paragraph. */
  fix: string;
  /** The exact reason one failing fixture produces; shown on the docs page. */
  example: string;
}

export interface Rule {
  /** Stable id, kebab-case; appears in every diagnostic and never changes meaning. */
  id: string;
  /** One line: what the rule keeps true. */
  description: string;
  docs: RuleDocs;
  /** Site path of the rule's docs page. */
  url: string;
  check(corpus: Corpus): Diagnostic[];
}

export type Report = (problem: ProblemInit) => void;

/** The one way to make a rule: an id, its docs, and a function of the corpus that reports problems. */
export function defineRule(
  meta: { id: string; description: string; docs: RuleDocs },
  run: (corpus: Corpus, report: Report) => void,
): Rule {
  const url = `/rules/${meta.id}/`;
  return {
    ...meta,
    url,
    check(corpus) {
      const diagnostics: Diagnostic[] = [];
      run(corpus, (problem) => diagnostics.push(createDiagnostic(meta.id, problem, url)));
      return diagnostics;
    },
  };
}
