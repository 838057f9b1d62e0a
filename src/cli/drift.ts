import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DriftInputError, runDrift } from '../core/drift/run.ts';
import { formatDriftHtml, formatDriftJson, formatDriftText } from '../core/drift/report.ts';
import { ConfinedWriteError, writeConfined } from '../core/fs/confined-write.ts';
import { InputError } from './input.ts';
import type { Io } from './verify.ts';

export const driftUsage = `Usage: contract-docs drift <folder> [--root <dir>] [--format text|json] [--html <file>]

Reads every Markdown, JSON and YAML file under <folder> (front matter included), extracts the facts they state (pins, contract versions,
modes, statuses of tasks, gates and the RFC, command lists, rollback triggers and actions, the evidence
checklist, prerequisites) and reports each fact stated with more than one value: every value, every
place (file:line) and a count. No configuration and no import needed. A release handoff JSON or a
contract manifest in the folder is the reference; otherwise no value is called wrong. Sections headed
as history or marked <!-- contract-docs: snapshot -->, and statements dated before a later statement of
the same fact, are listed as history, not drift. Paths are relative to --root (default: <folder>).
--html <file> also writes the report as one self-contained page (atomically), e.g. as a CI artifact.
Exit codes: 0 no drift, 1 drift found, 2 usage error or unreadable folder.`;

const formats = ['text', 'json'] as const;

export function driftCommand(args: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        root: { type: 'string' },
        format: { type: 'string' },
        html: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n\n${driftUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(driftUsage);
    return 0;
  }
  const format = (values.format ?? 'text') as (typeof formats)[number];
  if (!formats.includes(format))
    throw new InputError(`Unexpected format \`${values.format}\`, expected one of ${formats.join(', ')}.`);
  const [folder, ...extra] = positionals;
  if (!folder || extra.length)
    throw new InputError(`Expected exactly one folder, got ${positionals.length}.\n\n${driftUsage}`);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new InputError(`Unexpected \`${folder}\`: not a folder, expected the folder of the producer's documents.`);
  let report;
  try {
    report = runDrift({ folder, root: values.root });
  } catch (error) {
    if (error instanceof DriftInputError) throw new InputError(error.message);
    throw error;
  }
  io.out(format === 'json' ? formatDriftJson(report) : formatDriftText(report));
  if (values.html) {
    // The report goes where the user asked, through the one confined, atomic writer.
    const target = resolve(values.html);
    try {
      writeConfined(dirname(target), [{ path: basename(target), text: formatDriftHtml(report), origin: '--html' }]);
    } catch (error) {
      if (error instanceof ConfinedWriteError) throw new InputError(error.message);
      throw error;
    }
  }
  return report.findings.length ? 1 : 0;
}
