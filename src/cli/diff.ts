import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffContracts } from '../core/diff/contract-diff.ts';
import { formatDiffJson, formatDiffMarkdown } from '../core/diff/format.ts';
import { gitRefReader, GitReadError, readFilesAtRef } from '../core/diff/git-files.ts';
import { siteMap } from '../core/links/site-map.ts';
import { loadCorpusFromFiles } from '../core/load.ts';
import { readContentFiles, repositoryReaderFor } from '../core/read.ts';
import { InputError } from './input.ts';
import type { Io } from './verify.ts';

export const diffUsage = `Usage: contract-docs diff <git-ref> [--root <dir>] [--format markdown|json] [--site-url <url>] [--exit-code]

Compares the contract facts of the working tree's content/ with those at <git-ref> (read from git, the
working tree is not touched): pins, envelope policy fields, gate/task/exit-criterion statuses, RFC status,
migration mode, handoff payload fields, and the files and pages that changed. Markdown is ready to paste
as a pull request comment.
Exit codes: 0 done (1 with --exit-code when a contract fact changed), 2 usage or git error.`;

export function diffCommand(args: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        root: { type: 'string' },
        format: { type: 'string' },
        'site-url': { type: 'string' },
        'exit-code': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n\n${diffUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(diffUsage);
    return 0;
  }
  const [ref, ...extra] = positionals;
  if (!ref || extra.length) throw new InputError(`expected exactly one git ref\n\n${diffUsage}`);
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json')
    throw new InputError(`Unexpected format \`${format}\`, expected markdown or json.`);
  const root = resolve(values.root ?? '.');
  let base;
  try {
    base = readFilesAtRef(root, ref);
  } catch (error) {
    if (error instanceof GitReadError) throw new InputError(`cannot read content at \`${ref}\`: ${error.message}`);
    throw error;
  }
  const head = readContentFiles(root).files;
  const changes = diffContracts(base, head, {
    base: { readRepositoryFile: gitRefReader(root, ref) },
    head: { readRepositoryFile: repositoryReaderFor(root) },
  });
  // Pages are those the working tree's content would publish: a removed document has none.
  const pages = siteMap(loadCorpusFromFiles(head, { readRepositoryFile: repositoryReaderFor(root) }));
  const options = { base: ref, head: 'working tree', pageOf: pages.pathOfFile, siteUrl: values['site-url'] ?? '' };
  io.out(format === 'json' ? formatDiffJson(changes, options) : formatDiffMarkdown(changes, options));
  return values['exit-code'] && changes.some((item) => item.area !== 'file') ? 1 : 0;
}
