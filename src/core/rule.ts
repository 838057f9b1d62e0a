import type { Corpus } from './corpus.ts';
import { createDiagnostic, type Diagnostic, type ProblemInit } from './diagnostic.ts';

/**
 * One documented example, remark-lint style: a passage of the shipped content that the rule accepts, the
 * same passage edited so the rule reports it, and every report the edit produces. The rule's page shows
 * all three; `test/rules/examples.test.ts` runs every example of every rule, so the docs cannot drift
 * from the behaviour.
 */
export interface RuleExample {
  /** What the example shows, a short phrase: "A task waits on a gate id that does not exist". */
  title: string;
  /** The content file the example edits, repository-relative: `content/migrations/service-v3/tracker.mdx`. */
  file: string;
  /**
   * The passage as shipped, whole lines; it occurs exactly once in `file` and the rule reports nothing on
   * it. Empty when the example adds `file`, which does not exist as shipped.
   */
  ok: string;
  /** The same passage after the edit (the whole new file when `ok` is empty). */
  notOk: string;
  /** Every report of this rule on the edited content, in report order: `file:line:column message`. */
  reports: readonly string[];
}

/** What a rule's docs page says. */
export interface RuleDocs {
  /** What the rule checks, a paragraph. */
  checks: string;
  /** How to fix a report, a paragraph. */
  fix: string;
  /** At least one example; each is also a test (see `RuleExample`). */
  examples: readonly [RuleExample, ...RuleExample[]];
  /** Where a rule was split, what the rule id used to cover and where those checks went. */
  history?: string;
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
