import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkProject } from '../core/check.ts';
import { isError } from '../core/diagnostic.ts';
import { formatGithub } from '../core/report/github.ts';
import { formatJson } from '../core/report/json.ts';
import { formatPretty } from '../core/report/pretty.ts';
import { usage } from './usage.ts';
import type { Io } from './verify.ts';

const formats = ['pretty', 'json', 'github'] as const;
type Format = (typeof formats)[number];

/**
 * `contract-docs check` (without `--scan`, which main.ts hands to the adopt commands). A module of its own
 * so that the CLI's fast start (bin/load-cli.mjs) loads only what checking needs.
 */
export function checkCommand(args: readonly string[], { out, err }: Io): number {
  let values: { format?: string; root?: string; content?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string' },
        root: { type: 'string' },
        content: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    err(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    out(usage);
    return 0;
  }
  const format = (values.format ?? 'pretty') as Format;
  if (!formats.includes(format)) {
    err(`Unexpected format \`${values.format}\`, expected one of ${formats.join(', ')}.`);
    return 2;
  }
  const root = resolve(values.root ?? '.');
  const { corpus, diagnostics } = checkProject(root, values.content ?? 'content');
  if (format === 'json') out(formatJson(diagnostics));
  else if (format === 'github') {
    if (diagnostics.length) out(formatGithub(diagnostics));
  } else
    out(
      formatPretty(diagnostics, {
        color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
        fileCount: corpus.files.length,
      }),
    );
  // A rule that crashed is our bug, not the content's: exit 2 as the usage text promises.
  if (diagnostics.some((diagnostic) => diagnostic.ruleId === 'internal')) return 2;
  return diagnostics.some(isError) ? 1 : 0;
}
