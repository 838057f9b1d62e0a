import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceOnce, repoRoot } from '../helpers/content.ts';
import { copyCheckInputs, makeTaggedRepo, manifestPath } from '../helpers/tagged-repo.ts';

// `contract-docs check` through the check server (bin/check-server.mjs, bin/check-client.mjs). Every test runs
// its clients with a temporary folder of its own (TMPDIR), so its servers have sockets of their own, and
// stops and kills every server started under that folder afterwards, whether the test passed or not.

interface ClientModule {
  socketPlace(projectRoot: string): { ok: true; dir: string; path: string } | { ok: false; reason: string };
  privateSocketFolder(base: string): { ok: true; dir: string } | { ok: false; reason: string };
  projectTag(projectRoot: string): string;
  socketName(tag: string): string;
  projectRoot: string;
}
const client = (await import('../../bin/check-client.mjs')) as ClientModule;

const bin = join(repoRoot, 'bin/contract-docs.mjs');
const linux = process.platform === 'linux';
const uid = process.getuid?.() ?? -1;
let home = '';
const scratch: string[] = [];

function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

function newHome(): string {
  home = scratchDir('contract-docs-server-');
  return home;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `contract-docs <args>` as a user runs it, through the server (`server: true`) or in its own process. The
 * pipes are the caller's: spawnSync returns only once nothing holds them, so a server that kept one open
 * would hang the test (the timeout makes that a failure).
 */
function cli(
  args: string[],
  options: {
    cwd?: string | undefined;
    env?: Record<string, string | undefined>;
    server?: boolean;
    tool?: string | undefined;
  } = {},
): Run {
  // A variable set to undefined is left out of the child's environment (as Node's spawn does with it).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    TMPDIR: home,
    CONTRACT_DOCS_SERVER: options.server === false ? '0' : '1',
    ...options.env,
  };
  const result = spawnSync(
    process.execPath,
    [options.tool ? join(options.tool, 'bin/contract-docs.mjs') : bin, ...args],
    {
      cwd: options.cwd ?? repoRoot,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The pids of the servers started under `folder` (TMPDIR), from /proc: found even if their socket is gone. */
function serversUnder(folder: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!command.includes('check-server.mjs')) continue;
      if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(`TMPDIR=${folder}`))
        pids.push(Number(name));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Status {
  pid: number;
  requests: number;
  line: string;
}

/** The server that `check --server-status` reports for the tool at `tool`, if one answers. */
function status(tool?: string): Status | undefined {
  const { stdout } = cli(['check', '--server-status'], { tool });
  const match = /^Check server (\d+) .*: up \d+ s, (\d+) checks? served/m.exec(stdout);
  return match ? { pid: Number(match[1]), requests: Number(match[2]), line: match[0] } : undefined;
}

// Found by their environment, not asked through a socket: `--stop-server` with a folder a test made unusable
// would fall back to /tmp and stop the servers of whoever runs the tests.
afterEach(async () => {
  const pids = scratch.flatMap(serversUnder);
  const signal = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // Exited meanwhile.
    }
  };
  for (const pid of pids) signal(pid, 'SIGTERM');
  await until('the test servers to exit', () => pids.every((pid) => !alive(pid)), 5_000).catch(() => undefined);
  for (const pid of pids) signal(pid, 'SIGKILL');
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the shipped content with the pin's release tag changed in the RFC: exit code 1. */
function brokenRoot(): string {
  const root = scratchDir('contract-docs-server-broken-');
  copyCheckInputs(repoRoot, root);
  const rfc = join(root, 'content/migrations/service-v3/rfc.mdx');
  writeFileSync(rfc, replaceOnce('  release_tag: v0.3.2\n', '  release_tag: v0.3.9\n')(readFileSync(rfc, 'utf8')));
  return root;
}

// Each test spawns tens of Node processes (a check in its own process costs ~0.3 s of CPU): on a 2-core CI machine
// shared with other test files that can take a minute.
const spawnHeavy = { timeout: 90_000 };

describe.runIf(linux)('the check server', spawnHeavy, () => {
  it('answers every check exactly as a check in its own process (exit codes 0, 1 and 2), and holds no pipe', async () => {
    newHome();
    const broken = brokenRoot();
    // The first check finds no server: it checks itself, then starts one.
    expect(cli(['check'])).toEqual(cli(['check'], { server: false }));
    const started = await until('the server', () => status());
    const cases: string[][] = [
      ['check'],
      ['check', '--format', 'json'],
      ['check', '--root', broken],
      ['check', '--root', broken, '--format', 'json'],
      ['check', '--root', broken, '--format', 'github'],
      ['check', '--content', 'nowhere'],
      ['check', '--format', 'xml'],
      ['check', '--bogus'],
      ['check', '--help'],
    ];
    const codes = new Set<number | null>();
    for (const args of cases) {
      // With the debug switch, a client that fell back would say so on stderr, and differ.
      const served = cli(args, { env: { CONTRACT_DOCS_SERVER_DEBUG: '1' } });
      expect(served, args.join(' ')).toEqual(cli(args, { server: false }));
      codes.add(served.code);
    }
    expect([...codes].sort()).toEqual([0, 1, 2]);
    expect(cli(['check', '--root', broken]).stdout).toContain('v0.3.9');
    const after = status();
    expect(after?.pid).toBe(started.pid);
    // Each case, and the check of the broken root above.
    expect(after!.requests - started.requests).toBe(cases.length + 1);
  });

  it('answers clients that come at once one after another, each with its own answer', async () => {
    newHome();
    const broken = brokenRoot();
    cli(['check']);
    const started = await until('the server', () => status());
    const argsOf = (index: number) => ['check', '--format', 'json', ...(index % 2 ? ['--root', broken] : [])];
    const together = await Promise.all([0, 1, 2, 3].map((index) => runAsync(argsOf(index))));
    together.forEach((served, index) => expect(served).toEqual(cli(argsOf(index), { server: false })));
    expect(status()!.requests - started.requests).toBe(4);
  });

  it.runIf(existsSync('/usr/bin/script'))('gives a terminal the colours it gives a terminal', async () => {
    newHome();
    const broken = brokenRoot();
    // `script` runs the command on a pseudo-terminal: stdout is a TTY, so the report is coloured.
    const onTerminal = (server: boolean) => {
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} check --root ${JSON.stringify(broken)}`;
      const result = spawnSync('script', ['-qec', command, '/dev/null'], {
        cwd: repoRoot,
        env: { ...process.env, NO_COLOR: undefined, TMPDIR: home, CONTRACT_DOCS_SERVER: server ? '1' : '0' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { code: result.status, output: result.stdout };
    };
    onTerminal(true);
    await until('the server', () => status());
    const served = onTerminal(true);
    expect(served.output).toContain('\u001b[');
    expect(served).toEqual(onTerminal(false));
  });

  it('reads everything afresh for each check: content, a source file outside content, git tags, the folder', async () => {
    newHome();
    const repo = makeTaggedRepo(
      (() => {
        const dir = scratchDir('contract-docs-server-repo-');
        copyCheckInputs(repoRoot, dir);
        return dir;
      })(),
    );
    const json = ['check', '--root', repo.dir, '--format', 'json'];
    const both = (args = json, cwd?: string) => {
      const served = cli(args, { cwd, env: { CONTRACT_DOCS_SERVER_DEBUG: '1' } });
      expect(served).toEqual(cli(args, { cwd, server: false }));
      return served;
    };
    cli(json);
    await until('the server', () => status());
    const clean = both();
    expect(clean).toMatchObject({ code: 0, stdout: '[]\n' });

    // A content file.
    repo.replaceOnce('content/migrations/service-v3/rfc.mdx', '  release_tag: v0.3.2\n', '  release_tag: v0.3.1\n');
    expect(both().stdout).toContain('content/migrations/service-v3/rfc.mdx');
    repo.git('checkout', '-q', '--', '.');
    expect(both()).toEqual(clean);

    // The producer's manifest, a source the content points at, outside content/.
    repo.replaceOnce(manifestPath, '"release_tag": "v0.3.2"', '"release_tag": "v0.3.1"');
    expect(both().stdout).toContain(manifestPath);
    repo.git('checkout', '-q', '--', '.');
    expect(both()).toEqual(clean);

    // A tag moved to another commit.
    repo.git('tag', '-f', 'v0.3.2', repo.tags['v0.3.1']!);
    const moved = both();
    expect(moved.code).toBe(1);
    expect(moved.stdout).toContain('tag-commit');
    repo.git('tag', '-f', 'v0.3.2', repo.tags['v0.3.2']!);
    expect(both()).toEqual(clean);

    // The client's folder, not the server's: no --root.
    expect(both(['check', '--format', 'json'], repo.dir)).toEqual(clean);
  });

  it('exits when idle, reports its status, and stops when told', async () => {
    newHome();
    cli(['check'], { env: { CONTRACT_DOCS_SERVER_IDLE_SECONDS: '2' } });
    const first = await until('the server', () => status());
    expect(first.line).toMatch(
      /^Check server \d+ \(Node [\d.]+, current sources\) on .+\.sock: up \d+ s, \d+ checks? served/,
    );
    expect(cli(['check', '--server-status']).stdout).toContain('exits after 2 s without one.\nCheck server: on.\n');
    await until('the idle server to exit', () => !alive(first.pid), 15_000);
    expect(cli(['check', '--server-status']).stdout).toMatch(
      /^No check server is running for .+ \(sockets live in .+\)\.\n/,
    );

    cli(['check']);
    const second = await until('the server', () => status());
    expect(cli(['check', '--stop-server']).stdout).toBe(`Stopped the check server ${second.pid} on ${socketPath()}.\n`);
    await until('the stopped server to exit', () => !alive(second.pid));
    expect(existsSync(socketPath())).toBe(false);
  });

  it('is never started in CI, with CONTRACT_DOCS_SERVER=0, or by other commands', async () => {
    newHome();
    const own = cli(['check'], { server: false });
    expect(cli(['check'], { env: { CONTRACT_DOCS_SERVER: undefined, CI: 'true' } })).toEqual(own);
    expect(cli(['check'], { env: { CONTRACT_DOCS_SERVER: '0' } })).toEqual(own);
    cli(['verify-pin', '--help']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(serversUnder(home)).toEqual([]);
    expect(
      cli(['check', '--server-status'], { env: { CONTRACT_DOCS_SERVER: undefined, CI: 'true' } }).stdout,
    ).toContain('Check server: off here');
  });
});

/** This project's socket in the current test's folder. */
function socketPath(): string {
  return join(home, `contract-docs-${uid}`, client.socketName(client.projectTag(client.projectRoot)));
}

describe.runIf(linux)('a check when the server cannot help', spawnHeavy, () => {
  const connections = new Set<import('node:net').Socket>();
  /** A stand-in server on the project's socket that answers every connection with `reply`. */
  async function impostor(reply: (socket: import('node:net').Socket) => void): Promise<Server> {
    mkdirSync(dirname(socketPath()), { recursive: true, mode: 0o700 });
    const server = createServer((socket) => {
      connections.add(socket);
      reply(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath(), resolve);
    });
    return server;
  }

  it('checks in its own process, silently, when the reply is broken, cut short or refused', async () => {
    newHome();
    const own = cli(['check', '--format', 'json'], { server: false });
    const replies: [string, (socket: import('node:net').Socket) => void, string][] = [
      ['not JSON', (socket) => socket.end('garbage\n'), 'a reply that is not JSON'],
      [
        'cut short',
        (socket) => socket.end('{"started":true}\n{"out":"[]\\n"}\n'),
        'the server closed the connection before it answered',
      ],
      ['refused', (socket) => socket.end('{"refused":"another version"}\n'), 'refused: another version'],
    ];
    for (const [name, reply, reason] of replies) {
      const server = await impostor(reply);
      try {
        const args = ['check', '--format', 'json'];
        expect(await runAsync(args), name).toEqual(own);
        const debug = await runAsync(args, { CONTRACT_DOCS_SERVER_DEBUG: '1' });
        expect(debug.stdout).toBe(own.stdout);
        expect(debug.stderr).toContain(`contract-docs: check server: ${reason}; checking in this process`);
      } finally {
        for (const socket of connections) socket.destroy();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it('replaces a stale socket that nobody listens on', async () => {
    newHome();
    mkdirSync(dirname(socketPath()), { recursive: true, mode: 0o700 });
    // A server killed without cleaning up leaves its socket file behind.
    const child = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(socketPath())}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    await new Promise((resolve) => child.on('exit', resolve));
    expect(existsSync(socketPath())).toBe(true);
    expect(cli(['check'])).toEqual(cli(['check'], { server: false }));
    const server = await until('a new server', () => status());
    expect(alive(server.pid)).toBe(true);
  });

  it('puts the socket under /tmp when the temporary folder is too deep for a socket path', () => {
    const deep = join(scratchDir('contract-docs-server-deep-'), 'd'.repeat(80));
    mkdirSync(deep);
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = deep;
    try {
      const place = client.socketPlace(client.projectRoot);
      expect(place).toMatchObject({ ok: true, dir: `/tmp/contract-docs-${uid}` });
      expect(Buffer.byteLength((place as { path: string }).path)).toBeLessThanOrEqual(103);
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });

  it('refuses a socket folder that is not private, and does not use it', () => {
    const base = scratchDir('contract-docs-server-folder-');
    const dir = join(base, `contract-docs-${uid}`);
    mkdirSync(dir, { mode: 0o700 });
    expect(client.privateSocketFolder(base)).toEqual({ ok: true, dir });
    chmodSync(dir, 0o755);
    expect(client.privateSocketFolder(base)).toEqual({ ok: false, reason: `${dir} has mode 755, expected 700` });
    rmSync(dir, { recursive: true });
    symlinkSync(base, dir);
    expect(client.privateSocketFolder(base)).toEqual({ ok: false, reason: `${dir} is not a folder` });
  });
});

/** Like `cli`, without blocking this process: the stand-in servers run in it. */
function runAsync(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: home, CONTRACT_DOCS_SERVER: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(linux)('a check server of older sources', spawnHeavy, () => {
  it('refuses, and the check starts a server of the new sources, which the old one leaves to', async () => {
    newHome();
    // A copy of the tool whose sources the test may edit; its packages are the project's.
    const tool = scratchDir('contract-docs-server-tool-');
    for (const path of ['bin', 'src', 'package.json', 'pnpm-lock.yaml'])
      cpSync(join(repoRoot, path), join(tool, path), { recursive: true });
    mkdirSync(join(tool, 'node_modules'));
    for (const name of readdirSync(join(repoRoot, 'node_modules')))
      if (name !== '.cache') symlinkSync(join(repoRoot, 'node_modules', name), join(tool, 'node_modules', name));
    const args = ['check', '--root', repoRoot, '--format', 'json'];
    const own = cli(args, { server: false });
    expect(cli(args, { tool })).toEqual(own);
    const old = await until('the server', () => status(tool));
    expect(cli(args, { tool, env: { CONTRACT_DOCS_SERVER_DEBUG: '1' } })).toEqual(own);

    const rule = join(tool, 'src/core/rules/pins-agree.ts');
    writeFileSync(rule, `${readFileSync(rule, 'utf8')}// edited\n`);
    const debug = cli(args, { tool, env: { CONTRACT_DOCS_SERVER_DEBUG: '1' } });
    expect(debug.stdout).toBe(own.stdout);
    expect(debug.stderr).toContain('refused: its sources changed since it started; checking in this process');
    await until('the old server to exit', () => !alive(old.pid));
    const fresh = await until('the new server', () => status(tool));
    expect(fresh.pid).not.toBe(old.pid);
    expect(cli(args, { tool, env: { CONTRACT_DOCS_SERVER_DEBUG: '1' } })).toEqual(own);
  });
});
