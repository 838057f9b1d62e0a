import { isFinding, type Diagnostic } from '../diagnostic.ts';
import { toJsonReport } from '../report/json.ts';
import type { ExportRun, ImportRun } from './run.ts';
import { driftAtSource } from './run.ts';
import { agreeing, plural } from '../text/plural.ts';

/**
 * What `contract-docs import` and `export` print. The import report says, for every recognised fact,
 * `producer file:line → content file:line`, lists each part it could not map and why, and shows every
 * diagnostic of the check at the producer's own line (with the imported line next to it), so a drift
 * found in the imported content leads straight back to the file that has it.
 */

export interface ReportOptions {
  /** How the producer folder is shown, e.g. `test/adopt/fixtures/drifted`; prefixed to producer paths. */
  folder: string;
  /** How the folder is named in the report's first line, when producer paths are not shown under it. */
  label?: string | undefined;
}

const shown = (folder: string, path: string) => (folder ? `${folder.replace(/\/+$/, '')}/${path}` : path);

export function formatImportText(run: ImportRun, options: ReportOptions): string {
  const { result } = run;
  const lines: string[] = [];
  const at = (place: { file: string; line: number }) => `${shown(options.folder, place.file)}:${place.line}`;
  if (run.refused.length) {
    lines.push(
      `✖ import refused: ${plural(run.refused.length, 'file')} would be overwritten (nothing was written); pass --force to replace ${agreeing(run.refused.length, 'it', 'them')}:`,
      ...run.refused.map((path) => `  ${path}`),
    );
    return lines.join('\n');
  }
  lines.push(`Imported ${options.label ?? (options.folder || '.')} as migration \`${result.migration}\``, '', 'Files:');
  for (const write of run.writes) lines.push(`  ${write.status.padEnd(9)}  ${write.path}`);
  lines.push('', `Recognised (${result.recognised.length}; producer file:line → content file:line):`);
  for (const fact of result.recognised)
    lines.push(`  ${at(fact.source)} → ${fact.target.file}:${fact.target.line}  ${fact.what}`);
  lines.push('', `Not mapped (${result.unmapped.length}):`);
  if (!result.unmapped.length) lines.push('  (nothing: every part was imported as a fact or kept as prose)');
  for (const part of result.unmapped) lines.push(`  ${at(part.source)}  ${part.reason}`);
  const drift = driftAtSource(run);
  const importedAt = new Map<Diagnostic, string>();
  // The prose line as written first: it is the one the producer's line and column match exactly.
  const byPreference = [...run.diagnostics].sort(
    (a, b) => Number(b.source?.verbatim ?? false) - Number(a.source?.verbatim ?? false),
  );
  for (const { diagnostic, source } of byPreference) {
    if (!source) continue;
    const key = `${source.file}:${source.line}:${diagnostic.ruleId}:${diagnostic.reason}`;
    const moved = drift.find(
      (candidate) => `${candidate.file}:${candidate.line}:${candidate.ruleId}:${candidate.reason}` === key,
    );
    if (moved && !importedAt.has(moved))
      importedAt.set(moved, `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`);
  }
  lines.push('', `Check of the imported content (${plural(drift.length, 'problem')}, at the producer's lines):`);
  for (const diagnostic of drift) {
    const file = sourceFile(run, options, diagnostic.file);
    lines.push(
      `  ${file}:${diagnostic.line}:${diagnostic.column}  ${diagnostic.fatal ? 'error' : 'warning'}  ${diagnostic.ruleId}`,
    );
    lines.push(`    ${diagnostic.reason}`);
    if (diagnostic.note) lines.push(`    hint: ${diagnostic.note}`);
    const imported = importedAt.get(diagnostic);
    if (imported) lines.push(`    imported as: ${imported}`);
    const cause = diagnostic.cause as { file?: string; line?: number; column?: number; reason?: string } | undefined;
    if (cause?.file)
      lines.push(`    see: ${cause.file}:${cause.line ?? 1}:${cause.column ?? 1} ${cause.reason ?? ''}`.trimEnd());
  }
  // Info lines (the git rules skipped in a scratch folder) are about the check, not drift: shown apart.
  const notes = run.diagnostics.filter(({ diagnostic }) => !isFinding(diagnostic));
  if (notes.length) lines.push('', `Notes on the check (${notes.length}):`);
  for (const { diagnostic } of notes)
    lines.push(
      `  ${diagnostic.file}:${diagnostic.line}:${diagnostic.column}  info  ${diagnostic.ruleId}`,
      `    ${diagnostic.reason}`,
    );
  const errors = drift.filter((diagnostic) => diagnostic.fatal).length;
  lines.push(
    '',
    errors
      ? `✖ imported ${plural(run.writes.length, 'file')}; the check of the imported content found ${plural(errors, 'error')}`
      : `✔ imported ${plural(run.writes.length, 'file')}; ${plural(result.recognised.length, 'fact')} recognised, ${plural(result.unmapped.length, 'part')} not mapped; the content checks clean`,
  );
  return lines.join('\n');
}

/** A diagnostic's file as shown: content paths as they are, producer paths under the folder as typed. */
function sourceFile(run: ImportRun, options: ReportOptions, file: string): string {
  return file.startsWith(`${run.result.contentDir}/`) ? file : shown(options.folder, file);
}

export function formatImportJson(run: ImportRun, options: ReportOptions): string {
  const { result } = run;
  const place = (source: { file: string; line: number; column?: number | undefined } | undefined) =>
    source
      ? {
          file: shown(options.folder, source.file),
          line: source.line,
          ...(source.column ? { column: source.column } : {}),
        }
      : undefined;
  const report = {
    migration: result.migration,
    refused: run.refused,
    files: run.writes,
    recognised: result.recognised.map((fact) => ({ source: place(fact.source), target: fact.target, what: fact.what })),
    unmapped: result.unmapped.map((part) => ({ source: place(part.source), reason: part.reason })),
    diagnostics: run.diagnostics.map(({ diagnostic, source }) => ({
      ...toJsonReport([diagnostic])[0],
      source: place(source),
    })),
    drift: toJsonReport(driftAtSource(run)).map((entry) => ({ ...entry, file: sourceFile(run, options, entry.file) })),
    lineMaps: Object.fromEntries(
      [...result.lineMaps].map(([file, origins]) => [
        file,
        origins.map((origin) => (origin ? `${shown(options.folder, origin.file)}:${origin.line}` : null)),
      ]),
    ),
    milliseconds: run.milliseconds,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatExportText(run: ExportRun, folder: string): string {
  const lines = [`Exported migration \`${run.migration}\` to ${folder || '.'}:`];
  for (const file of run.files) {
    const status = run.writes.find((write) => write.path === file.path)?.status ?? 'written';
    lines.push(`  ${status.padEnd(9)}  ${shown(folder, file.path)}  (from ${file.from})`);
  }
  lines.push('', `✔ ${plural(run.files.length, 'file')} in the producer's layout`);
  return lines.join('\n');
}

export function formatExportJson(run: ExportRun, folder: string): string {
  return `${JSON.stringify(
    {
      migration: run.migration,
      files: run.files.map((file) => ({
        path: shown(folder, file.path),
        from: file.from,
        status: run.writes.find((write) => write.path === file.path)?.status ?? 'written',
      })),
      blocking: toJsonReport(run.blocking),
      milliseconds: run.milliseconds,
    },
    null,
    2,
  )}\n`;
}
