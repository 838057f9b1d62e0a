import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { checkProject } from '../core/check.ts';
import { isError } from '../core/diagnostic.ts';
import { formatGithub } from '../core/report/github.ts';
import { formatJson } from '../core/report/json.ts';
import { formatPretty } from '../core/report/pretty.ts';
import { runAdoptCommand } from './adopt.ts';
import { InputError } from './input.ts';
import { diffCommand } from './diff.ts';
import { driftCommand } from './drift.ts';
import { verifyEnvelope, verifyPin, type Io } from './verify.ts';

const usage = `Usage: contract-docs <command> [options]

Commands:
  check            Validate content/ against the schemas and cross-document rules
  verify-pin       Check a consumer pin file against a handoff payload (run with --help)
  verify-envelope  Check non-2xx response bodies against a contract's envelope policy (run with --help)
  import <folder>  Import the producer's Markdown package into content/ (run with --help)
  export <folder>  Write a migration back in the producer's layout (run with --help)
  check --scan <folder>  Check plain Markdown (no frontmatter) against the content's facts (run with --help)
  drift <folder>   Report every fact the producer's Markdown and JSON state with more than one value (run with --help)
  diff <git-ref>   Contract changes between <git-ref> and the working tree, as markdown or JSON (run with --help)

Options for check:
  --format <pretty|json|github>  Output format (default: pretty)
  --root <dir>                   Repository root (default: current directory)
  --content <dir>                Content folder relative to the root (default: content)
  --help                         Show this help

Exit codes: 0 clean, 1 contract problems found, 2 usage or internal error.`;

/** Commands other than `check`: each parses its own flags and throws InputError for exit code 2. */
const subcommands: Record<string, (args: readonly string[], io: Io) => number> = {
  'verify-pin': verifyPin,
  'verify-envelope': verifyEnvelope,
  diff: diffCommand,
  drift: driftCommand,
  import: (args, io) => runAdoptCommand('import', args, io),
  export: (args, io) => runAdoptCommand('export', args, io),
};

const formats = ['pretty', 'json', 'github'] as const;
type Format = (typeof formats)[number];

/** Runs the CLI and returns the exit code; output goes through the two writers so tests can capture it. */
export function run(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    (command ? out : err)(usage);
    return command ? 0 : 2;
  }
  const subcommand = subcommands[command];
  if (subcommand) {
    try {
      return subcommand(rest, { out, err });
    } catch (error) {
      if (error instanceof InputError) {
        err(`contract-docs ${command}: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }
  if (command !== 'check') {
    err(
      `Unknown command \`${command}\`, expected one of \`check\`, ${Object.keys(subcommands)
        .map((name) => `\`${name}\``)
        .join(', ')}.\n\n${usage}`,
    );
    return 2;
  }
  if (rest.some((arg) => /^--scan(=|$)/.test(arg))) return runAdoptCommand('check', rest, { out, err });
  let values: { format?: string; root?: string; content?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...rest],
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

if (import.meta.main) {
  let code: number;
  try {
    code = run(
      process.argv.slice(2),
      (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
      (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    );
  } catch (error) {
    // A bug in the checker, not in the content: say so in one line, no stack trace.
    process.stderr.write(`contract-docs: internal error: ${(error as Error).message}\n`);
    code = 2;
  }
  process.exitCode = code;
}
