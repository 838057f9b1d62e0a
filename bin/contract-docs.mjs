#!/usr/bin/env node
// Node 22.6+ runs the TypeScript sources directly (type stripping); no build step to drift from the code.
import { run } from '../src/cli/main.ts';

let code;
try {
  code = run(
    process.argv.slice(2),
    (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  );
} catch (error) {
  process.stderr.write(`contract-docs: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  code = 2;
}
process.exitCode = code;
