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

/**
 * Where a rule's reports go in the report. Root causes (a file that cannot be read, parsed or
 * validated) come first, because everything after them may be their consequence; rules that check
 * generated output against its sources (`derived`) come last, after the reports that explain them.
 */
export type RuleTier = 'root-cause' | 'consistency' | 'derived';

export const ruleTierOrder: Record<RuleTier, number> = { 'root-cause': 0, consistency: 1, derived: 2 };

export interface Rule {
  /** Stable id, kebab-case; appears in every diagnostic and never changes meaning. */
  id: string;
  /** Where the rule's reports are listed; see `RuleTier`. */
  tier: RuleTier;
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
  meta: { id: string; description: string; docs: RuleDocs; tier?: RuleTier },
  run: (corpus: Corpus, report: Report) => void,
): Rule {
  const url = `/rules/${meta.id}/`;
  return {
    ...meta,
    tier: meta.tier ?? 'consistency',
    url,
    check(corpus) {
      const diagnostics: Diagnostic[] = [];
      run(corpus, (problem) => diagnostics.push(createDiagnostic(meta.id, problem, url)));
      return diagnostics;
    },
  };
}
