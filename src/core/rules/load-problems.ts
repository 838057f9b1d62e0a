import type { LoadProblem } from '../corpus.ts';
import { defineRule, type Rule, type RuleDocs } from '../rule.ts';

/**
 * The one factory for rules that report what the loader found (`corpus.loadProblems`): each problem kind
 * (`LoadProblem.stage`) is one rule, whose id is the kind. The loader decides what is wrong while it reads;
 * these rules only report it, as root causes, first in the report.
 */
export function loadProblemRule(meta: { id: LoadProblem['stage']; description: string; docs: RuleDocs }): Rule {
  return defineRule({ ...meta, tier: 'root-cause' }, (corpus, report) => {
    for (const problem of corpus.loadProblems) {
      if (problem.stage !== meta.id) continue;
      report({
        file: problem.file,
        place: problem.place,
        reason: problem.reason,
        actual: problem.actual,
        expected: problem.expected,
        hint: problem.hint,
      });
    }
  });
}
