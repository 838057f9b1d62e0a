import { InputError } from './input.ts';
import { verifyEnvelope, verifyEnvelopeUsage, verifyPin, verifyPinUsage, type Io } from './verify.ts';

/**
 * The consumer's CLI: only `verify-pin` and `verify-envelope`. It is bundled into one JavaScript file
 * that the site publishes (`/tools/contract-docs-consumer.mjs`), so a consumer's CI runs it with plain
 * Node.js 20 or newer, with no install and no TypeScript.
 */
const usage = `Usage: contract-docs-consumer <verify-pin|verify-envelope> [options]

${verifyPinUsage}

${verifyEnvelopeUsage}`;

export function runConsumer(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    io.out(usage);
    return 0;
  }
  const run = command === 'verify-pin' ? verifyPin : command === 'verify-envelope' ? verifyEnvelope : undefined;
  if (!run) {
    io.err(
      `${command ? `Unknown command \`${command}\`` : 'Missing command'}, expected verify-pin or verify-envelope.\n\n${usage}`,
    );
    return 2;
  }
  try {
    return run(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`contract-docs-consumer ${command}: ${error.message}`);
      return 2;
    }
    io.err(`contract-docs-consumer: internal error: ${(error as Error).message}`);
    return 2;
  }
}

if (import.meta.main) {
  process.exitCode = runConsumer(process.argv.slice(2), {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  });
}
