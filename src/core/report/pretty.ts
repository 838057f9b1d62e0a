import { plural } from '../text/plural.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { visibleControls as shown } from '../text/escape.ts';

export interface PrettyOptions {
  color?: boolean;
  /** Number of files that were checked, for the summary line. */
  fileCount?: number;
}

/**
 * One block per diagnostic, headed by `file:line:column` so terminals and editors make it a link:
 *
 *   content/migrations/service-v3/rfc.mdx:42:7  error  pins-agree
 *     Unexpected commit sha `…`, expected …
 *     expected: cf331449…
 *     hint: Use the live pin value …
 *     see: content/runtime/pin.yaml:5:3 The live pin is declared here
 */
export function formatPretty(diagnostics: readonly Diagnostic[], options: PrettyOptions = {}): string {
  const paint = options.color ? ansi : plain;
  const blocks = diagnostics.map((diagnostic) => {
    const severity = diagnostic.fatal
      ? paint.red('error')
      : diagnostic.fatal === false
        ? paint.yellow('warning')
        : paint.dim('info');
    const lines = [
      `${paint.bold(`${shown(diagnostic.file)}:${diagnostic.line}:${diagnostic.column}`)}  ${severity}  ${paint.dim(diagnostic.ruleId)}`,
    ];
    // Messages quote content (titles, values, file names): what a terminal would act on is shown, not sent.
    lines.push(`  ${shown(diagnostic.reason)}`);
    if (diagnostic.expected?.length && diagnostic.expected.length <= 12)
      lines.push(`  ${paint.dim('expected:')} ${shown(diagnostic.expected.join(', '))}`);
    if (diagnostic.note) lines.push(`  ${paint.dim('hint:')} ${shown(diagnostic.note)}`);
    const cause = diagnostic.cause as { file?: string; line?: number; column?: number; reason?: string } | undefined;
    if (cause?.file)
      lines.push(
        `  ${paint.dim('see:')} ${shown(cause.file)}:${cause.line ?? 1}:${cause.column ?? 1} ${shown(cause.reason ?? '')}`.trimEnd(),
      );
    return lines.join('\n');
  });
  const errors = diagnostics.filter((diagnostic) => diagnostic.fatal).length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.fatal === false).length;
  const infos = diagnostics.length - errors - warnings;
  const files = new Set(diagnostics.map((diagnostic) => diagnostic.file)).size;
  const checked = options.fileCount === undefined ? '' : ` (${plural(options.fileCount, 'file')} checked)`;
  const summary =
    errors + warnings === 0
      ? paint.green(`✔ contract check clean${checked}${infos ? `, ${plural(infos, 'note')}` : ''}`)
      : errors === 0
        ? // Warnings alone do not fail the check (exit 0), so the summary must not read as a failure.
          paint.yellow(`⚠ no errors, ${plural(warnings, 'warning')} in ${plural(files, 'file')}${checked}`)
        : paint.red(
            `✖ ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}${checked}`,
          );
  return [...blocks, summary].join('\n\n');
}

const wrap = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const ansi = { red: wrap(31), yellow: wrap(33), green: wrap(32), bold: wrap(1), dim: wrap(2) };
const identity = (text: string) => text;
const plain = { red: identity, yellow: identity, green: identity, bold: identity, dim: identity };
