// The client side of `contract-docs check`'s server (bin/check-server.mjs says why there is one), and what both
// sides must agree on: where the socket is, whether a server may be used, how messages are framed. It loads
// nothing but Node built-ins, and is one file, because it runs on every `contract-docs check` and each module
// loaded costs the client milliseconds.
//
// The client finds the server of this project, sends the command line, the current folder, the environment and
// what stdout and stderr are, and prints what the server answers. Anything that goes wrong on the way (no
// server, a stale socket, a server of another version or of older sources, a broken reply) makes the caller
// check in its own process instead: a check never fails because of the server.
//
// Built-ins are taken with process.getBuiltinModule, not `import`: an ES module import of node:fs builds a
// module facade of all its exports, whose lazy getters load fs's stream classes; that alone cost the client
// 3 to 8 ms of CPU, a sixth of its work.
const { lstatSync, mkdirSync, readdirSync, rmSync } = process.getBuiltinModule('node:fs');
const { createConnection } = process.getBuiltinModule('node:net');
const { tmpdir } = process.getBuiltinModule('node:os');
const { dirname, join } = process.getBuiltinModule('node:path');

/** The folder the CLI belongs to, as socket names and requests carry it. */
export const projectRoot = dirname(import.meta.dirname);

/** Bumped whenever a request or a reply changes shape; a server of another version refuses the request. */
export const protocolVersion = 1;

/** How long a server waits for its next request before it exits, unless CONTRACT_DOCS_SERVER_IDLE_SECONDS says. */
export const defaultIdleSeconds = 15 * 60;

/**
 * The longest socket path that binds everywhere we run: `sun_path` holds 108 bytes on Linux and 104 on macOS
 * and the BSDs, the terminating NUL included.
 */
const maxSocketPathBytes = 103;

/**
 * Whether `check` may go through a server: off in CI (a CI job runs once, and a process left behind would
 * outlive the job's steps), off when CONTRACT_DOCS_SERVER=0, off when the sources are run unbundled on
 * purpose (CONTRACT_DOCS_NO_BUNDLE=1), and off on Windows (no per-user private socket folder); on otherwise.
 * CONTRACT_DOCS_SERVER=1 turns it on even in CI (the server's own tests do that).
 * @param {NodeJS.ProcessEnv} env
 */
export function serverWanted(env) {
  const setting = env['CONTRACT_DOCS_SERVER'];
  if (setting === '0') return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return false;
  if (setting === '1') return true;
  if (env['CONTRACT_DOCS_NO_BUNDLE'] === '1') return false;
  const ci = env['CI'];
  return !ci || ci === 'false' || ci === '0';
}

/**
 * The private folder the user's sockets live in, `contract-docs-<uid>` under the temporary folder: made with
 * mode 0700 when missing, and used only if it is a real folder (not a link), owned by this user, that no
 * one else can enter. Anyone who can reach a socket can ask the server to read files as its owner: that
 * check is what keeps it the owner's alone.
 * @param {string} base the temporary folder
 * @returns {{ ok: true, dir: string } | { ok: false, reason: string }}
 */
export function privateSocketFolder(base) {
  const uid = /** @type {() => number} */ (process.getuid)();
  const dir = join(base, `contract-docs-${uid}`);
  let stat;
  try {
    stat = lstatSync(dir);
  } catch {
    try {
      mkdirSync(dir, { mode: 0o700 });
      stat = lstatSync(dir);
    } catch (error) {
      return { ok: false, reason: `cannot make ${dir}: ${/** @type {NodeJS.ErrnoException} */ (error).code}` };
    }
  }
  if (!stat.isDirectory()) return { ok: false, reason: `${dir} is not a folder` };
  if (stat.uid !== uid) return { ok: false, reason: `${dir} belongs to user ${stat.uid}, not ${uid}` };
  if ((stat.mode & 0o077) !== 0)
    return { ok: false, reason: `${dir} has mode ${(stat.mode & 0o777).toString(8)}, expected 700` };
  return { ok: true, dir };
}

/**
 * The prefix of every socket of one project's servers: a hash of the project folder, so two checkouts of the
 * tool never share a server, and `--server-status` finds this project's servers only. FNV-1a (64 bits), not
 * a cryptographic hash: loading node:crypto would cost the client more than all its other work, and nothing
 * rests on it: a server refuses a request from another project folder.
 * @param {string} projectRoot the folder the CLI belongs to
 */
export function projectTag(projectRoot) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(projectRoot)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

/**
 * A socket's name: the project and the Node version (the same sources may behave differently on another
 * Node, and a server runs on the Node of the client that started it). The sources' fingerprint is not in
 * the name: the server compares it on every request (bin/check-server.mjs), warm, for less than the client
 * would spend computing it cold.
 * @param {string} tag projectTag(projectRoot)
 */
export function socketName(tag) {
  return `${tag}-node${process.versions.node}.sock`;
}

/**
 * The socket of a project's server (see socketName) in the private folder under the temporary folder, or
 * under /tmp when the temporary folder's path is too long for a socket (macOS's per-user one nearly is).
 * @param {string} projectRoot the folder the CLI belongs to
 * @returns {{ ok: true, dir: string, path: string, tag: string } | { ok: false, reason: string }}
 */
export function socketPlace(projectRoot) {
  const tag = projectTag(projectRoot);
  const name = socketName(tag);
  const reasons = [];
  for (const base of [...new Set([tmpdir(), '/tmp'])]) {
    if (Buffer.byteLength(join(base, `contract-docs-${2 ** 32 - 1}`, name)) > maxSocketPathBytes) {
      reasons.push(`the socket path under ${base} is longer than ${maxSocketPathBytes} bytes`);
      continue;
    }
    const folder = privateSocketFolder(base);
    if (folder.ok) return { ok: true, dir: folder.dir, path: join(folder.dir, name), tag };
    reasons.push(folder.reason);
  }
  return { ok: false, reason: reasons.join('; ') };
}

/**
 * The one way either side writes a message: a line of JSON. Strings in JSON hold no raw newline, so a
 * newline always ends a message.
 * @param {unknown} message
 */
export function encodeMessage(message) {
  return `${JSON.stringify(message)}\n`;
}

/**
 * Splits a stream of bytes into messages (see encodeMessage), calling `take` with each parsed one. A line
 * that is not JSON throws, which both sides treat as a broken peer.
 * @param {(message: any) => void} take
 * @returns {(chunk: Buffer) => void}
 */
export function messageReader(take) {
  /** @type {Buffer[]} */
  let pending = [];
  return (chunk) => {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const line = Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
      pending = [];
      start = end + 1;
      take(JSON.parse(line));
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  };
}

/**
 * How long a client waits for a server to take its request before it checks in its own process. A server
 * runs one check at a time, so this is mostly the time another client's check may hold it; a frozen server
 * costs at most this much.
 */
const startedTimeoutMs = 10_000;

const debug = process.env['CONTRACT_DOCS_SERVER_DEBUG'] === '1';

/** @param {string} text */
function say(text) {
  if (debug) process.stderr.write(`contract-docs: check server: ${text}\n`);
}

/**
 * What one stream of the client is, as the command would see it in its own process.
 * @param {NodeJS.WriteStream} stream
 */
function terminalOf(stream) {
  return { isTTY: stream.isTTY === true, columns: stream.isTTY ? stream.columns : undefined };
}

/**
 * Sends one message and collects the replies until the server ends the conversation.
 * @param {string} path the socket
 * @param {object} message
 * @param {{ until: (reply: any) => boolean, startedTimeoutMs?: number }} options `until` says which reply ends it
 * @returns {Promise<{ ok: true, replies: any[] } | { ok: false, reason: string, code?: string, replace?: boolean }>}
 */
function converse(path, message, { until, startedTimeoutMs: timeout }) {
  return new Promise((resolve) => {
    /** @type {any[]} */
    const replies = [];
    let settled = false;
    const socket = createConnection(path);
    /** @param {{ ok: true, replies: any[] } | { ok: false, reason: string, code?: string, replace?: boolean }} outcome */
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = timeout
      ? setTimeout(() => finish({ ok: false, reason: `no answer within ${timeout} ms` }), timeout)
      : undefined;
    const read = messageReader((reply) => {
      replies.push(reply);
      if (reply.started) clearTimeout(timer);
      if (reply.refused) finish({ ok: false, reason: `refused: ${reply.refused}`, replace: reply.replace === true });
      else if (until(reply)) finish({ ok: true, replies });
    });
    socket.on('connect', () => socket.write(encodeMessage(message)));
    socket.on('data', (chunk) => {
      try {
        read(chunk);
      } catch {
        finish({ ok: false, reason: 'a reply that is not JSON' });
      }
    });
    socket.on('error', (error) =>
      finish({ ok: false, reason: error.message, code: /** @type {NodeJS.ErrnoException} */ (error).code }),
    );
    socket.on('close', () => finish({ ok: false, reason: 'the server closed the connection before it answered' }));
  });
}

/**
 * Runs `contract-docs check <args>` on this project's server. Resolves to the exit code once the output is
 * printed, or to a fallback: check in this process, and start a server afterwards when none was listening.
 * Nothing is printed unless the server answered in full: a half answer is dropped, never shown twice.
 * @param {readonly string[]} args the arguments after `check`
 * @returns {Promise<{ code: number } | { fallback: true, startServer?: boolean }>}
 */
export async function checkThroughServer(args) {
  if (!serverWanted(process.env) || args.some((arg) => /^--scan(=|$)/.test(arg))) return { fallback: true };
  const place = socketPlace(projectRoot);
  if (!place.ok) {
    say(`${place.reason}; checking in this process`);
    return { fallback: true };
  }
  const request = {
    protocol: protocolVersion,
    type: 'check',
    projectRoot,
    args,
    cwd: process.cwd(),
    env: process.env,
    stdout: terminalOf(process.stdout),
    stderr: terminalOf(process.stderr),
  };
  const answer = await converse(place.path, request, {
    until: (reply) => typeof reply.exit === 'number',
    startedTimeoutMs,
  });
  if (!answer.ok) {
    say(`${answer.reason}; checking in this process`);
    // No socket, one nobody listens on (a server that crashed or was killed), or a server that is leaving
    // because its sources changed: start a new server.
    const absent = answer.code === 'ENOENT' || answer.code === 'ECONNREFUSED';
    return { fallback: true, startServer: absent || answer.replace === true };
  }
  for (const reply of answer.replies) {
    if (typeof reply.out === 'string') process.stdout.write(reply.out);
    else if (typeof reply.err === 'string') process.stderr.write(reply.err);
  }
  return { code: answer.replies.at(-1).exit };
}

/**
 * Starts a server for this project in the background, detached from this process's session and with no
 * stdio, so it never holds a terminal or a CI pipe open. It is told the command that started it, to run
 * once for warmth before it serves (its output is dropped).
 * @param {readonly string[]} args the arguments after `check`
 */
export function startServer(args) {
  try {
    const server = join(import.meta.dirname, 'check-server.mjs');
    const warmUp = JSON.stringify({ args, cwd: process.cwd() });
    // Loaded here: most runs find their server and never start one.
    const { spawn } = process.getBuiltinModule('node:child_process');
    spawn(process.execPath, [server, warmUp], {
      detached: true,
      stdio: 'ignore',
      cwd: projectRoot,
    }).unref();
    say('started a server');
  } catch (error) {
    say(`could not start a server: ${/** @type {Error} */ (error).message}`);
  }
}

/**
 * Asks every server of this project (one per Node version that ran a check) for its status, or tells it to
 * stop. Works whether servers are wanted here or not.
 * @param {'status' | 'stop'} type
 * @returns {Promise<{ dir: string, servers: { path: string, reply?: any, reason?: string, stale?: boolean }[] } | { reason: string }>}
 *   per socket, the server's reply, or why none came (`stale`: nobody listens on it)
 */
export async function askServers(type) {
  const place = socketPlace(projectRoot);
  if (!place.ok) return { reason: place.reason };
  const sockets = readdirSync(place.dir)
    .filter((name) => name.startsWith(`${place.tag}-`) && name.endsWith('.sock'))
    .sort();
  const servers = [];
  for (const name of sockets) {
    const path = join(place.dir, name);
    const answer = await converse(
      path,
      { protocol: protocolVersion, type, projectRoot },
      { until: (reply) => reply.status !== undefined || reply.stopping !== undefined, startedTimeoutMs: 2_000 },
    );
    if (answer.ok) servers.push({ path, reply: answer.replies.at(-1) });
    else servers.push({ path, reason: answer.reason, stale: answer.code === 'ECONNREFUSED' });
  }
  return { dir: place.dir, servers };
}

/**
 * `check --server-status` and `check --stop-server`, in words. Stopping also removes sockets nobody listens
 * on (left by a server that was killed): nothing can answer on them.
 * @param {'status' | 'stop'} type
 * @returns {Promise<number>} the exit code
 */
export async function manageServers(type) {
  const asked = await askServers(type);
  const lines = [];
  if ('reason' in asked) lines.push(`No check server can run for ${projectRoot}: ${asked.reason}.`);
  else {
    for (const { path, reply, reason, stale } of asked.servers) {
      if (!reply && stale && type === 'stop') {
        rmSync(path, { force: true });
        lines.push(`Removed ${path}: no server listened on it.`);
      } else if (!reply) lines.push(`${path}: no server answers (${reason}).`);
      else if (type === 'stop') lines.push(`Stopped the check server ${reply.stopping.pid} on ${path}.`);
      else {
        const { pid, node, uptimeSeconds, requests, idleSeconds, current } = reply.status;
        const sources = current ? 'current sources' : 'its sources changed: it exits at its next look';
        lines.push(
          `Check server ${pid} (Node ${node}, ${sources}) on ${path}: up ${uptimeSeconds} s, ${requests} ${requests === 1 ? 'check' : 'checks'} served, exits after ${idleSeconds} s without one.`,
        );
      }
    }
    if (!lines.length) lines.push(`No check server is running for ${projectRoot} (sockets live in ${asked.dir}).`);
  }
  if (type === 'status')
    lines.push(
      `Check server: ${serverWanted(process.env) ? 'on' : 'off here (CI is set, CONTRACT_DOCS_SERVER=0, CONTRACT_DOCS_NO_BUNDLE=1 or Windows)'}.`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
