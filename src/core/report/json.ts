import type { Diagnostic } from '../diagnostic.ts';

/** The machine-readable form: a stable array of plain objects, one per diagnostic. */
export function toJsonReport(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((diagnostic) => {
    const cause = diagnostic.cause as { file?: string; line?: number; column?: number; reason?: string } | undefined;
    return {
      file: diagnostic.file,
      line: diagnostic.line,
      column: diagnostic.column,
      endLine: diagnostic.place && 'end' in diagnostic.place ? diagnostic.place.end.line : undefined,
      endColumn: diagnostic.place && 'end' in diagnostic.place ? diagnostic.place.end.column : undefined,
      severity: diagnostic.fatal ? 'error' : diagnostic.fatal === false ? 'warning' : 'info',
      ruleId: diagnostic.ruleId,
      message: diagnostic.reason,
      actual: diagnostic.actual,
      expected: diagnostic.expected,
      hint: diagnostic.note,
      url: diagnostic.url,
      related: cause?.file
        ? { file: cause.file, line: cause.line, column: cause.column, message: cause.reason }
        : undefined,
    };
  });
}

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(toJsonReport(diagnostics), null, 2)}\n`;
}
