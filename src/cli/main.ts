import { runAdoptCommand } from './adopt.ts';
import { checkCommand } from './check.ts';
import { InputError } from './input.ts';
import { diffCommand } from './diff.ts';
import { driftCommand } from './drift.ts';
import { usage } from './usage.ts';
import { verifyEnvelope, verifyPin, type Io } from './verify.ts';

/** Commands other than `check`: each parses its own flags and throws InputError for exit code 2. */
const subcommands: Record<string, (args: readonly string[], io: Io) => number> = {
  'verify-pin': verifyPin,
  'verify-envelope': verifyEnvelope,
  diff: diffCommand,
  drift: driftCommand,
  import: (args, io) => runAdoptCommand('import', args, io),
  export: (args, io) => runAdoptCommand('export', args, io),
};

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
  return checkCommand(rest, { out, err });
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
