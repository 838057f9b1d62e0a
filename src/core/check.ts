import type { Corpus } from './corpus.ts';
import { createDiagnostic, sortDiagnostics, type Diagnostic } from './diagnostic.ts';
import { loadCorpus } from './read.ts';
import { ruleTierOrder, type Rule } from './rule.ts';
import { rules as allRules } from './rules/index.ts';

export interface CheckResult {
  corpus: Corpus;
  diagnostics: Diagnostic[];
}

/** Runs every rule over a corpus. A rule that throws is reported as a diagnostic; the others still run. */
export function checkCorpus(corpus: Corpus, rules: readonly Rule[] = allRules): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    try {
      // One push per report: spreading a rule's reports as arguments overflows the stack past ~100,000.
      for (const diagnostic of rule.check(corpus)) diagnostics.push(diagnostic);
    } catch (error) {
      diagnostics.push(
        createDiagnostic('internal', {
          file: corpus.files[0] ?? 'content',
          place: { start: { line: 1, column: 1 } },
          reason: `Unexpected failure inside rule \`${rule.id}\`: ${(error as Error).message}`,
          hint: 'This is a bug in the checker, not in the content; please report it with the file that triggers it.',
        }),
      );
    }
  }
  const tiers = new Map(rules.map((rule) => [rule.id, ruleTierOrder[rule.tier]]));
  // An internal failure is about our code, not the content: it goes with the root causes, first.
  return sortDiagnostics(diagnostics, (ruleId) => tiers.get(ruleId) ?? 0);
}

export interface CheckOptions {
  /** The day dates are compared with (`YYYY-MM-DD`); defaults to today in UTC. */
  checkDate?: string;
}

/** Loads `root/content` and checks it: what `pnpm check` and the Astro integration both call. */
export function checkProject(root: string, contentDir = 'content', options: CheckOptions = {}): CheckResult {
  const corpus = loadCorpus(root, contentDir);
  // The one place the check reads the clock: the rules see only the injected day.
  corpus.checkDate = options.checkDate ?? new Date().toISOString().slice(0, 10);
  return { corpus, diagnostics: checkCorpus(corpus) };
}
