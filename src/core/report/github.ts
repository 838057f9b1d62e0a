import type { Diagnostic } from '../diagnostic.ts';

/** GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request diff. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((diagnostic) => {
      const level = diagnostic.fatal ? 'error' : diagnostic.fatal === false ? 'warning' : 'notice';
      const properties = [
        `file=${escapeProperty(diagnostic.file)}`,
        `line=${diagnostic.line}`,
        `col=${diagnostic.column}`,
        `title=${escapeProperty(diagnostic.ruleId)}`,
      ].join(',');
      const message = diagnostic.note ? `${diagnostic.reason}\n${diagnostic.note}` : diagnostic.reason;
      return `::${level} ${properties}::${escapeData(message)}`;
    })
    .join('\n');
}

// Escaping as the Actions runner expects, so a message with `:` or a newline cannot break the command.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
