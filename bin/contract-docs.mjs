#!/usr/bin/env node
// The CLI is TypeScript run through Node's type stripping (Node 22.6+; stable in 24); load-cli.mjs starts it
// from a cached bundle of those sources when it can (see there), so there is no build step to forget.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 6)) {
  process.stderr.write(`contract-docs needs Node.js 22.6 or newer (this is ${process.version}).\n`);
  process.exit(2);
}

const { loadCli } = await import('./load-cli.mjs');
const argv = process.argv.slice(2);
const { run, saveCodeCache } = await loadCli(argv);
let code;
try {
  code = run(
    argv,
    (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  );
} catch (error) {
  process.stderr.write(`contract-docs: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  code = 2;
}
process.exitCode = code;
// After the output, so a first run is not slower to answer than it must be.
saveCodeCache();
