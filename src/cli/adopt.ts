import { isAbsolute, posix, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isError } from '../core/diagnostic.ts';
import { ExportInputError } from '../core/adopt/export.ts';
import { ImportInputError } from '../core/adopt/import.ts';
import { formatExportJson, formatExportText, formatImportJson, formatImportText } from '../core/adopt/report.ts';
import { ConfinedWriteError } from '../core/fs/confined-write.ts';
import { AdoptInputError, driftAtSource, folderInRoot, runExport, runImport, runScan } from '../core/adopt/run.ts';
import { formatGithub } from '../core/report/github.ts';
import { formatJson } from '../core/report/json.ts';
import { formatPretty } from '../core/report/pretty.ts';
import { plural } from '../core/text/plural.ts';

/** `contract-docs import`, `export` and `check --scan`: adopting the producer's existing Markdown. */

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const importUsage = `Usage: contract-docs import <folder> [--into <content dir>] [--root <dir>] [--migration <id>] [--plan <file>] [--force] [--format text|json]

Reads the producer's Markdown package in <folder> (plan, execution tracker, RFC, cutover gates, handoff
JSON) and writes the equivalent content entries under <content dir> (default: content, relative to
--root). Reports each recognised fact (producer file:line → content file:line), each part it could not
map, and the check of the imported content at the producer's own lines. Existing files are never
replaced unless --force. The plan is the file named like \`*_PLAN.md\`, else the file that states the
most of the plan's facts (pins, candidate, mode, fact lists); --plan <file> names it instead.
Exit codes: 0 imported and clean, 1 imported with problems found, 2 usage error, unreadable input or refused overwrite.`;

export const exportUsage = `Usage: contract-docs export <folder> [--root <dir>] [--content <dir>] [--migration <id>] [--force] [--format text|json]

Writes the migration back into <folder> in the producer's layout: each document at its deliverable's
producerPath (docs/implementation/SERVICE_V3_*.md) and the handoff payload, deterministically. Nothing is
written while the content has errors, and nothing outside <folder>. A file an earlier export did not write
(recorded in <folder>/.contract-docs-export.json), or one edited since, is replaced only with --force.
Exit codes: 0 exported, 1 the content has errors (nothing written), 2 usage error, a path outside <folder>
or a file in the way (nothing written).`;

export const scanUsage = `Usage: contract-docs check --scan <folder> [--root <dir>] [--content <dir>] [--migration <id>] [--format pretty|json|github]

Checks the Markdown files in <folder> that have no frontmatter (the producer's other documents) and
handoff JSON files against the content's facts: pins, contract versions, envelope policy statements,
command lists, fact lists such as rollback triggers, task sections. A section under a heading preceded
by <!-- contract-docs: snapshot --> (or a whole file with the marker before its H1) is historical and
not checked.
Exit codes: 0 no contradiction, 1 contradictions found, 2 usage error.`;

type Values = Record<string, string | boolean | undefined>;

function parse(args: readonly string[], options: Record<string, { type: 'string' | 'boolean' }>, usage: string) {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new AdoptInputError(`${(error as Error).message}\n\n${usage}`);
  }
}

function format<T extends string>(value: unknown, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0] as T;
  if (allowed.includes(value as T)) return value as T;
  throw new AdoptInputError(`Unexpected format \`${String(value)}\`, expected one of ${allowed.join(', ')}.`);
}

/** A path as the user typed it, POSIX, for showing producer files the way they can click them. */
function displayed(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+$/, '');
}

export function runAdoptCommand(command: 'import' | 'export' | 'check', args: readonly string[], io: Io): number {
  try {
    if (command === 'import') return importCommand(args, io);
    if (command === 'export') return exportCommand(args, io);
    return scanCommand(args, io);
  } catch (error) {
    if (
      error instanceof AdoptInputError ||
      error instanceof ImportInputError ||
      error instanceof ExportInputError ||
      error instanceof ConfinedWriteError
    ) {
      io.err(`contract-docs ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function importCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    args,
    {
      into: { type: 'string' },
      root: { type: 'string' },
      migration: { type: 'string' },
      plan: { type: 'string' },
      force: { type: 'boolean' },
      format: { type: 'string' },
    },
    importUsage,
  );
  if (values['help']) {
    io.out(importUsage);
    return 0;
  }
  const output = format(values['format'], ['text', 'json'] as const);
  const [folder, ...extra] = positionals;
  if (!folder || extra.length)
    throw new AdoptInputError(`${folder ? `unexpected argument ${extra[0]}` : 'missing <folder>'}\n\n${importUsage}`);
  const root = resolve(typeof values['root'] === 'string' ? values['root'] : '.');
  const into = typeof values['into'] === 'string' ? values['into'] : 'content';
  // Normalised before the check: `content/../../x` is `../x`, outside the root.
  const contentDir = posix.normalize(
    (isAbsolute(into) ? relative(root, into) : into).split('\\').join('/').replace(/\/+$/, ''),
  );
  if (
    !contentDir ||
    contentDir === '.' ||
    contentDir === '..' ||
    contentDir.startsWith('../') ||
    isAbsolute(contentDir)
  )
    throw new AdoptInputError(`--into ${into} must be a folder inside the root ${root}`);
  const run = runImport(resolve(folder), {
    root,
    contentDir,
    migration: typeof values['migration'] === 'string' ? values['migration'] : undefined,
    plan: typeof values['plan'] === 'string' ? values['plan'] : undefined,
    force: values['force'] === true,
  });
  // A folder inside the root gives repository-relative producer paths: shown as they are, whatever the cwd.
  const inRoot = folderInRoot(resolve(folder), root);
  const options = inRoot === undefined ? { folder: displayed(folder) } : { folder: '', label: inRoot || '.' };
  if (run.refused.length) {
    if (output === 'json') io.out(formatImportJson(run, options));
    io.err(formatImportText(run, options));
    return 2;
  }
  io.out(output === 'json' ? formatImportJson(run, options) : formatImportText(run, options));
  return driftAtSource(run).some(isError) ? 1 : 0;
}

function exportCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    args,
    {
      root: { type: 'string' },
      content: { type: 'string' },
      migration: { type: 'string' },
      format: { type: 'string' },
      force: { type: 'boolean' },
    },
    exportUsage,
  );
  if (values['help']) {
    io.out(exportUsage);
    return 0;
  }
  const output = format(values['format'], ['text', 'json'] as const);
  const [folder, ...extra] = positionals;
  if (!folder || extra.length)
    throw new AdoptInputError(`${folder ? `unexpected argument ${extra[0]}` : 'missing <folder>'}\n\n${exportUsage}`);
  const run = runExport(resolve(folder), {
    root: resolve(typeof values['root'] === 'string' ? values['root'] : '.'),
    contentDir: typeof values['content'] === 'string' ? values['content'] : 'content',
    migration: typeof values['migration'] === 'string' ? values['migration'] : undefined,
    force: values['force'] === true,
  });
  if (run.refused.length) {
    io.err(
      [
        `contract-docs export: refused to replace ${plural(run.refused.length, 'file')} an earlier export did not write (or that were edited since); nothing was written:`,
        ...run.refused.map((path) => `  ${displayed(folder)}/${path}`),
        'Run again with --force to replace them.',
      ].join('\n'),
    );
    return 2;
  }
  if (run.blocking.length) {
    if (output === 'json') io.out(formatExportJson(run, displayed(folder)));
    else
      io.out(
        `${formatPretty(run.blocking, { fileCount: run.fileCount })}\n\n✖ export refused: the content has ${plural(run.blocking.length, 'error')}; nothing was written`,
      );
    return 1;
  }
  io.out(output === 'json' ? formatExportJson(run, displayed(folder)) : formatExportText(run, displayed(folder)));
  return 0;
}

function scanCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(
    args,
    {
      scan: { type: 'string' },
      root: { type: 'string' },
      content: { type: 'string' },
      migration: { type: 'string' },
      format: { type: 'string' },
    },
    scanUsage,
  );
  if (values['help']) {
    io.out(scanUsage);
    return 0;
  }
  const output = format(values['format'], ['pretty', 'json', 'github'] as const);
  const folder = values['scan'];
  if (typeof folder !== 'string' || !folder || positionals.length)
    throw new AdoptInputError(
      `${positionals.length ? `unexpected argument ${positionals[0]}` : 'missing --scan <folder>'}\n\n${scanUsage}`,
    );
  const result = runScan(resolve(folder), {
    root: resolve(typeof values['root'] === 'string' ? values['root'] : '.'),
    contentDir: typeof values['content'] === 'string' ? values['content'] : 'content',
    migration: typeof values['migration'] === 'string' ? values['migration'] : undefined,
    display: displayed(folder),
  });
  if (output === 'json') io.out(formatJson(result.diagnostics));
  else if (output === 'github') {
    if (result.diagnostics.length) io.out(formatGithub(result.diagnostics));
  } else
    io.out(
      formatPretty(result.diagnostics, {
        color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
        fileCount: result.fileCount,
      }),
    );
  return result.diagnostics.some(isError) ? 1 : 0;
}
