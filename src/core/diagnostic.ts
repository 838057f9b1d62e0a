import { VFileMessage } from 'vfile-message';
import { compareCodeUnits } from './text/compare.ts';

/** A point in a source file, 1-based like unist. */
export interface Point {
  line: number;
  column: number;
}

/** A span in a source file. */
export interface Span {
  start: Point;
  end?: Point;
}

/** Everything a rule says about one problem. `ruleId` is filled in by the rule factory. */
export interface ProblemInit {
  /** Repository-relative path of the file the problem is in. */
  file: string;
  /** Where in the file. */
  place: Span;
  /** What is wrong, in the form "Unexpected X, expected Y". */
  reason: string;
  /** The value found, when there is one. */
  actual?: string | undefined;
  /** Values that would be accepted. */
  expected?: readonly string[] | undefined;
  /** How to fix it. */
  hint: string;
  /** Another place that explains this one, e.g. where the fact is defined. */
  related?: { file: string; place: Span; reason: string } | undefined;
  /** `warning` does not fail the check; `info` says what the check did not do (e.g. skipped rules). Defaults to `error`. */
  severity?: 'error' | 'warning' | 'info';
}

/** The one diagnostic model: a vfile message, so unified reporters and editors understand it. */
export type Diagnostic = VFileMessage & { file: string; ruleId: string; line: number; column: number };

export const diagnosticSource = 'contract-docs';

export function createDiagnostic(ruleId: string, problem: ProblemInit, url?: string): Diagnostic {
  const place = problem.place.end ? { start: problem.place.start, end: problem.place.end } : problem.place.start;
  const cause = problem.related
    ? new VFileMessage(problem.related.reason, { place: problem.related.place.start, source: diagnosticSource })
    : undefined;
  if (cause && problem.related) cause.file = problem.related.file;
  const message = new VFileMessage(problem.reason, {
    place,
    ruleId,
    source: diagnosticSource,
    ...(cause ? { cause } : {}),
  });
  message.file = problem.file;
  // vfile: `fatal: true` is an error, `false` a warning, unset an info message.
  message.fatal = problem.severity === 'info' ? undefined : problem.severity !== 'warning';
  message.note = problem.hint;
  if (problem.actual !== undefined) message.actual = problem.actual;
  if (problem.expected !== undefined) message.expected = [...problem.expected];
  if (url) message.url = url;
  // No stack: a diagnostic is about the input, never about our code.
  message.stack = '';
  return message as Diagnostic;
}

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.fatal === true;
}

/**
 * An error or a warning: a finding about the content. An info line (`fatal` unset) is about the check
 * itself (the git rules skipped outside a repository, a shallow clone), so it is never a drift.
 */
export function isFinding(diagnostic: Diagnostic): boolean {
  return diagnostic.fatal !== undefined && diagnostic.fatal !== null;
}

/**
 * Stable order: by tier (root causes first, see `RuleTier`), then file, line, column, rule id.
 * Reporters and snapshots rely on it. `tierOf` maps a rule id to its tier's rank; without it, every
 * report is in one tier.
 */
export function sortDiagnostics(
  diagnostics: readonly Diagnostic[],
  tierOf: (ruleId: string) => number = () => 0,
): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      tierOf(a.ruleId) - tierOf(b.ruleId) ||
      compareCodeUnits(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareCodeUnits(a.ruleId, b.ruleId) ||
      compareCodeUnits(a.reason, b.reason),
  );
}
