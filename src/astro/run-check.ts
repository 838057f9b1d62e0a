import { checkProject } from '../core/check.ts';
import type { Corpus } from '../core/corpus.ts';
import { isError, type Diagnostic } from '../core/diagnostic.ts';
import { formatPretty } from '../core/report/pretty.ts';
import { plural } from '../core/text/plural.ts';

/** What one run of the contract check produced, in the shape the Astro integration needs. */
export interface ContractCheckOutcome {
  corpus: Corpus;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** The pretty terminal report (diagnostic blocks and a summary line). */
  report: string;
  /** Wall time of the check in milliseconds. */
  durationMs: number;
}

export interface RunContractCheckOptions {
  /** Paint the report with ANSI colours. */
  color?: boolean;
  /** Content folder relative to the root; `content` unless a test says otherwise. */
  contentDir?: string;
}

/**
 * Runs the same check as `pnpm check` over `root` and formats the result. Plain function, no Astro:
 * the integration calls it at config time and on every content change in dev, and tests call it directly.
 */
export function runContractCheck(root: string, options: RunContractCheckOptions = {}): ContractCheckOutcome {
  const started = performance.now();
  const { corpus, diagnostics } = checkProject(root, options.contentDir);
  const durationMs = performance.now() - started;
  const errorCount = diagnostics.filter(isError).length;
  const report = formatPretty(diagnostics, { color: options.color ?? false, fileCount: corpus.files.length });
  return {
    corpus,
    diagnostics,
    errorCount,
    warningCount: diagnostics.filter((diagnostic) => diagnostic.fatal === false).length,
    report,
    durationMs,
  };
}

/** The last line of a failed build, also used as the short overlay title in dev. */
export function failureSummary(errorCount: number): string {
  return `contract check failed: ${plural(errorCount, 'error')}`;
}

/**
 * The error `astro build` fails with. Its message is the full report plus the summary line.
 *
 * Astro appends a "Browser APIs are not available on the server" hint to any error whose `toString()`
 * mentions `document` or `window`, and content prose says both words often ("the cutover gates
 * document", "overlap window"). `toString()` is therefore narrowed to the summary line, which never
 * contains them; the message Astro prints is unchanged. The stack is empty because the error is about
 * the content, not about our code.
 */
export class ContractCheckError extends Error {
  readonly errorCount: number;
  /** Printed by Astro under the message. */
  readonly hint =
    'Run `pnpm check` for the same report without a site build. Each rule id has a page under /rules/ on the site.';

  constructor(outcome: Pick<ContractCheckOutcome, 'report' | 'errorCount'>) {
    super(`${outcome.report}\n\n${failureSummary(outcome.errorCount)}`);
    this.name = 'ContractCheckError';
    this.errorCount = outcome.errorCount;
    this.stack = '';
  }

  override toString(): string {
    return `${this.name}: ${failureSummary(this.errorCount)}`;
  }
}
