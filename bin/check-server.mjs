// The check server: one long-lived process per user, project, source fingerprint and Node version, that runs
// `contract-docs check` for the client in bin/check-client.mjs. Why: a check in a fresh process spends most of
// its time starting Node, loading the bundle and warming V8 up (a second run in the same process costs a
// fraction of the first), and no cache Node offers keeps that warmth between processes. The server keeps only
// that: every request reads its content, sources and git afresh, in the client's folder, environment and
// terminal, so its output is the output the client would have printed itself.
//
// Life cycle: the first client that finds no server starts one (`startServer`) after checking in its own
// process. The server binds its socket first, then loads the check bundle and runs the starting command once
// for warmth. It serves one request at a time, and exits when idle for CONTRACT_DOCS_SERVER_IDLE_SECONDS (15 min
// by default), when its sources change (it compares their fingerprint before every check and every few
// seconds; a request that finds them changed is refused, and its client checks itself and starts a new
// server), when its socket is removed or taken over, or when told (`check --stop-server`).
//
// Started as `node bin/check-server.mjs <warm-up JSON>`, by the client only.
import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import {
  defaultIdleSeconds,
  encodeMessage,
  messageReader,
  projectRoot,
  protocolVersion,
  socketPlace,
} from './check-client.mjs';
import { loadCli, runCli } from './load-cli.mjs';
import { currentFingerprint } from './source-fingerprint.mjs';

const [warmUpJson = 'null'] = process.argv.slice(2);
const place = socketPlace(projectRoot);
if (!place.ok) process.exit(1);
const socketPath = place.path;
// Taken before the bundle is loaded: the code loaded is at least as new as this, so a later edit can only
// make the server leave early, never answer with older code than it claims.
const fingerprint = currentFingerprint();

const idleSetting = Number(process.env['CONTRACT_DOCS_SERVER_IDLE_SECONDS']);
const idleSeconds = Number.isFinite(idleSetting) && idleSetting > 0 ? idleSetting : defaultIdleSeconds;
/** How often the server looks whether its sources or its socket changed: often enough to leave soon after. */
const pollMs = Math.min(10_000, idleSeconds * 1000);
const startedAt = Date.now();
let requests = 0;

const logPath = process.env['CONTRACT_DOCS_SERVER_DEBUG'] === '1' ? `${socketPath.slice(0, -5)}.log` : undefined;
/** @param {string} text */
function log(text) {
  if (logPath) appendFileSync(logPath, `${new Date().toISOString()} ${process.pid} ${text}\n`);
}

/** @param {NodeJS.CpuUsage} usage */
const cpuMs = (usage) => Math.round((usage.user + usage.system) / 100) / 10;

/** @param {string} path @returns {bigint | undefined} */
function inodeOf(path) {
  try {
    return statSync(path, { bigint: true }).ino;
  } catch {
    return undefined;
  }
}

/**
 * Asks a socket for its server's status: whether another server already serves these sources.
 * @param {string} path
 * @param {object} message what to send
 * @returns {Promise<boolean>}
 */
function answers(path, message) {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const done = (/** @type {boolean} */ value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.on('connect', () => socket.write(encodeMessage(message)));
    socket.on('data', () => done(true));
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

if (await answers(socketPath, { protocol: protocolVersion, type: 'status', projectRoot })) {
  log('another server already answers on this socket; exiting');
  process.exit(0);
}

// Nobody but this user may connect: the folder is private already (socketPlace), the socket is too.
process.umask(0o077);
const server = createServer();
// Bound under a private temporary name, then renamed over the final one: a stale socket left by a killed
// server is replaced in one step, and a client never finds a half-made one.
const temporaryPath = join(place.dir, `.${process.pid}-${Date.now()}.sock`);
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(temporaryPath, () => resolve(undefined));
});
renameSync(temporaryPath, socketPath);
const ownInode = inodeOf(socketPath);
log(`listening on ${socketPath}`);

/** @param {string} why */
function shutDown(why) {
  log(`exiting: ${why}`);
  server.close();
  // Only our own socket: one that another server took over stays.
  if (ownInode !== undefined && inodeOf(socketPath) === ownInode) rmSync(socketPath, { force: true });
  process.exit(0);
}
process.on('uncaughtException', (error) => shutDown(`uncaught ${error.stack ?? error}`));
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));

let idleTimer = setTimeout(() => shutDown('idle'), idleSeconds * 1000);
setInterval(() => {
  if (inodeOf(socketPath) !== ownInode) shutDown('socket removed or taken over');
  else if (currentFingerprint() !== fingerprint) shutDown('sources changed');
}, pollMs);

// Requests may come while the bundle loads: status and stop are answered at once, checks once it is loaded.
/** @type {(value?: unknown) => void} */
let becomeReady = () => {};
/** Whether the bundle is loaded and warmed: a check asked for now is answered at once. */
let isReady = false;
/** Whether the background warm-up still runs (status tells, so a benchmark can wait for it). */
let warmingUp = false;
/** Whether a client asked for a check yet: the background warm-up stops at the first (see there). */
let checkAsked = false;
const ready = new Promise((resolve) => (becomeReady = resolve));
server.on('connection', (socket) => {
  let answered = false;
  const read = messageReader((request) => {
    if (answered) return;
    answered = true;
    if (request?.type === 'check') {
      checkAsked = true;
      void ready.then(() => answer(socket, request));
    } else answer(socket, request);
  });
  socket.on('data', (chunk) => {
    try {
      read(chunk);
    } catch {
      socket.destroy();
    }
  });
  socket.on('error', () => socket.destroy());
});

const { run, saveCodeCache } = await loadCli(['check']);

/**
 * The process as the client's would be for one request: its folder, its environment (git, TZ and anything
 * else a check reads see the client's values) and what its stdout and stderr are. Restored afterwards.
 * @template T
 * @param {{ cwd: string, env: Record<string, string>, stdout?: { isTTY: boolean, columns?: number }, stderr?: { isTTY: boolean, columns?: number } }} context
 * @param {() => T} work
 * @returns {T}
 */
function asClient(context, work) {
  const ownEnv = { ...process.env };
  const ownCwd = process.cwd();
  /** @param {Record<string, string | undefined>} env */
  const setEnv = (env) => {
    for (const key of Object.keys(process.env)) if (!(key in env)) Reflect.deleteProperty(process.env, key);
    for (const [key, value] of Object.entries(env)) if (process.env[key] !== value) process.env[key] = value;
  };
  /** @type {[NodeJS.WriteStream, { isTTY: boolean, columns?: number } | undefined][]} */
  const streams = [
    [process.stdout, context.stdout],
    [process.stderr, context.stderr],
  ];
  const ownTerminals = streams.map(([stream]) => Object.getOwnPropertyDescriptors(stream));
  try {
    process.chdir(context.cwd);
    setEnv(context.env);
    for (const [stream, terminal] of streams) {
      Object.defineProperty(stream, 'isTTY', { value: terminal?.isTTY === true, configurable: true, writable: true });
      Object.defineProperty(stream, 'columns', { value: terminal?.columns, configurable: true, writable: true });
    }
    return work();
  } finally {
    streams.forEach(([stream], index) => {
      for (const key of ['isTTY', 'columns']) {
        const own = ownTerminals[index]?.[key];
        if (own) Object.defineProperty(stream, key, own);
        else Reflect.deleteProperty(stream, key);
      }
    });
    setEnv(ownEnv);
    process.chdir(ownCwd);
  }
}

/**
 * Runs `check <args>` as the client would, collecting its output in order.
 * @param {readonly string[]} args
 * @returns {{ replies: object[], code: number }}
 */
function check(args) {
  /** @type {object[]} */
  const replies = [];
  const code = runCli(
    run,
    ['check', ...args],
    (text) => replies.push({ out: text }),
    (text) => replies.push({ err: text }),
  );
  return { replies, code };
}

/**
 * Runs the command that started the server once, output dropped, for warmth. False when it cannot (no
 * command, or its folder is gone).
 */
function warmUpOnce() {
  try {
    const warmUp = JSON.parse(warmUpJson);
    if (!warmUp || !Array.isArray(warmUp.args) || typeof warmUp.cwd !== 'string') return false;
    asClient({ cwd: warmUp.cwd, env: { ...process.env } }, () => check(warmUp.args));
    return true;
  } catch (error) {
    log(`warm-up failed: ${/** @type {Error} */ (error).message}`);
    return false;
  }
}

const warmedOnce = warmUpOnce();
saveCodeCache();
log('ready');
isReady = true;
becomeReady();

/**
 * V8 keeps optimising a check's functions over its first dozen or so runs (a check of the shipped content
 * costs ~40 ms of CPU on its second to tenth runs, ~20 ms from the twentieth on), so the server goes on
 * warming up in the background: up to `warmUpRuns` more runs or `warmUpBudgetMs` of time, whichever comes
 * first, one per turn of the event loop. It stops at the first check a client asks for: from then on the
 * clients' checks warm it, and none waits behind a warm-up run or shares the CPU with one (checks in quick
 * succession, as a benchmark runs them, would otherwise).
 */
const warmUpRuns = 20;
const warmUpBudgetMs = 1_000;
warmingUp = warmedOnce;
if (warmedOnce) {
  const warmUpStart = performance.now();
  let warmUps = 0;
  const warmUpMore = () => {
    const done = checkAsked || warmUps >= warmUpRuns || performance.now() - warmUpStart > warmUpBudgetMs;
    if (done || !warmUpOnce()) {
      log(`warmed up with ${warmUps + 1} runs`);
      warmingUp = false;
      return;
    }
    warmUps += 1;
    setImmediate(warmUpMore);
  };
  setImmediate(warmUpMore);
}

/**
 * One conversation: a request, its answer, the end. Checks run synchronously, so one runs at a time however
 * many clients wait; a client that waits longer than it likes checks in its own process instead.
 * @param {import('node:net').Socket} socket
 * @param {any} request
 */
function answer(socket, request) {
  if (request?.protocol !== protocolVersion || request.projectRoot !== projectRoot) {
    socket.end(encodeMessage({ refused: 'another version of the protocol or another project' }));
    return;
  }
  if (request.type === 'status') {
    const uptimeSeconds = Math.round((Date.now() - startedAt) / 1000);
    const current = currentFingerprint() === fingerprint;
    const node = process.versions.node;
    socket.end(
      encodeMessage({
        status: {
          pid: process.pid,
          ready: isReady,
          warmingUp,
          node,
          fingerprint,
          current,
          uptimeSeconds,
          requests,
          idleSeconds,
          cpuMs: cpuMs(process.cpuUsage()),
        },
      }),
    );
    return;
  }
  if (request.type === 'stop') {
    socket.end(encodeMessage({ stopping: { pid: process.pid } }), () => shutDown('asked to stop'));
    return;
  }
  if (
    request.type !== 'check' ||
    !Array.isArray(request.args) ||
    !request.args.every((arg) => typeof arg === 'string') ||
    typeof request.cwd !== 'string' ||
    typeof request.env !== 'object'
  ) {
    socket.end(encodeMessage({ refused: 'not a check request for these sources' }));
    return;
  }
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  if (currentFingerprint() !== fingerprint) {
    // The socket goes first, so the new server the client starts can take the name.
    if (ownInode !== undefined && inodeOf(socketPath) === ownInode) rmSync(socketPath, { force: true });
    socket.end(encodeMessage({ refused: 'its sources changed since it started', replace: true }), () =>
      shutDown('sources changed'),
    );
    return;
  }
  clearTimeout(idleTimer);
  socket.write(encodeMessage({ started: true }));
  let outcome;
  try {
    outcome = asClient(request, () => check(request.args));
  } catch (error) {
    // The client's folder is gone, or similar: the client checks in its own process and says what is wrong.
    socket.end(encodeMessage({ refused: `cannot run there: ${/** @type {Error} */ (error).message}` }));
    return;
  } finally {
    requests += 1;
    idleTimer = setTimeout(() => shutDown('idle'), idleSeconds * 1000);
  }
  socket.end([...outcome.replies, { exit: outcome.code }].map(encodeMessage).join(''));
  log(
    `check ${JSON.stringify(request.args)} in ${request.cwd}: exit ${outcome.code}, ${(performance.now() - began).toFixed(1)} ms (${cpuMs(process.cpuUsage(cpuBefore))} ms CPU)`,
  );
}
