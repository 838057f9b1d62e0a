import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A mistake in how a generator script was called: exit code 2 with one line, no stack trace. */
export class UsageError extends Error {}

export interface GeneratorOptions {
  /** Write nothing; report whether the committed output is current. */
  check: boolean;
  /** Repository to work on; by default the one the scripts belong to, whatever the current directory. */
  root: string;
}

/** The flags every generator script takes: `--check`, `--root <dir>` (or `--root=<dir>`) and `--help`. */
export function parseGeneratorArgs(argv: readonly string[], usage: string): GeneratorOptions {
  const options: GeneratorOptions = { check: false, root: fileURLToPath(new URL('../..', import.meta.url)) };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--check') options.check = true;
    else if (arg === '--root' || arg.startsWith('--root=')) {
      const value = arg === '--root' ? argv[++index] : arg.slice('--root='.length);
      if (!value) throw new UsageError('Missing value for --root, expected a directory');
      options.root = resolve(value);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    } else throw new UsageError(`Unexpected argument \`${arg}\`, expected --check or --root <dir>`);
  }
  return options;
}
