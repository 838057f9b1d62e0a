#!/usr/bin/env node
// The CLI is TypeScript run through Node's type stripping (Node 22.6+; stable in 24); load-cli.mjs starts it
// from a cached bundle of those sources when it can (see there), so there is no build step to forget.
// `check` first asks this project's check server (bin/check-server.mjs), which answers without loading
// anything; when there is none, or it fails in any way, the check runs here as it always did.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 6)) {
  process.stderr.write(`contract-docs needs Node.js 22.6 or newer (this is ${process.version}).\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const [command, ...rest] = argv;
const manage = command === 'check' && rest.length === 1 && ['--server-status', '--stop-server'].includes(rest[0]);
let served;
if (manage) {
  const { manageServers } = await import('./check-client.mjs');
  process.exitCode = await manageServers(rest[0] === '--stop-server' ? 'stop' : 'status');
} else if (command === 'check') {
  const { checkThroughServer } = await import('./check-client.mjs');
  served = await checkThroughServer(rest);
  if ('code' in served) process.exitCode = served.code;
}
if (!manage && !(served && 'code' in served)) {
  const { loadCli, runCli } = await import('./load-cli.mjs');
  const { run, saveCodeCache } = await loadCli(argv);
  process.exitCode = runCli(
    run,
    argv,
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
  // After the output, so a first run is not slower to answer than it must be.
  saveCodeCache();
  if (served?.startServer) (await import('./check-client.mjs')).startServer(rest);
}
