import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { recheckDebounceMs } from '../../../src/astro/integration.ts';
import { checkProject } from '../../../src/core/check.ts';
import { fixed, measureProcess, median, type BenchSection } from '../context.ts';

/** What `askServers('status')` (bin/check-client.mjs) says of the one server this section starts. */
interface ServerStatus {
  pid: number;
  ready: boolean;
  warmingUp: boolean;
  requests: number;
  cpuMs: number;
}

/**
 * What an author feels: `pnpm check` as a whole process against starting the project's Node through pnpm
 * (`pnpm exec node -e 0`), interleaved so background load hits all sides alike, in both of its modes: warm
 * (answered by the check server, bin/check-server.mjs, as every check but the first is outside CI) and cold
 * (CONTRACT_DOCS_SERVER=0: one process, as in CI). CPU time (user + system of the process tree, from GNU
 * time, 10 ms steps) is reported beside wall time: on a shared machine it moves far less with the load,
 * which is printed too. The server is not the client's child, so its CPU is read from the server itself and
 * added to the warm side's. Also the first warm check after a content file changed (the server keeps no
 * results, so it should cost what any warm check does), and the warm re-check that `astro dev` runs on
 * every save. Every run uses the CLI's caches (bundle, code cache, source stats): compiled code keyed by the
 * sources, never results. The server runs in a temporary folder of this section's own, and is stopped at
 * the end.
 */
export const startup: BenchSection = {
  id: 'startup',
  run(context) {
    const pairs = Math.max(7, context.runs);
    const cwd = context.root;
    const bin = join(context.root, 'bin/contract-docs.mjs');
    const home = mkdtempSync(join(tmpdir(), 'contract-docs-bench-server-'));
    const served = { TMPDIR: home, CONTRACT_DOCS_SERVER: '1' };
    const oneProcess = { CONTRACT_DOCS_SERVER: '0' };
    const askStatus = (): ServerStatus | undefined => {
      const script = `import(${JSON.stringify(join(context.root, 'bin/check-client.mjs'))}).then(async (client) => process.stdout.write(JSON.stringify(await client.askServers('status'))))`;
      const result = spawnSync(process.execPath, ['-e', script], {
        cwd,
        env: { ...process.env, ...served },
        encoding: 'utf8',
      });
      const asked = JSON.parse(result.stdout) as { servers?: { reply?: { status?: ServerStatus } }[] };
      const status = asked.servers?.find((server) => server.reply?.status)?.reply?.status;
      if (status) startedPid = status.pid;
      return status;
    };
    let startedPid: number | undefined;
    const copy = mkdtempSync(join(tmpdir(), 'contract-docs-bench-edit-'));
    try {
      // Unmeasured: after an edit of the sources the first run builds the bundle and writes the code cache;
      // the first served run starts the server, which is then given time to load and warm up.
      measureProcess('pnpm', ['check'], { cwd, env: oneProcess });
      measureProcess('pnpm', ['check'], { cwd, env: served });
      const deadline = Date.now() + 60_000;
      for (let status = askStatus(); !status?.ready || status.warmingUp; status = askStatus()) {
        if (Date.now() > deadline) throw new Error('startup: the check server did not become ready within 60 s');
        spawnSync('sleep', ['0.2']);
      }
      for (let run = 0; run < 3; run++) measureProcess('pnpm', ['check'], { cwd, env: served });

      const loadBefore = loadavg()[0] ?? Number.NaN;
      const serverBefore = askStatus();
      const sides = { warm: served, cold: oneProcess } as const;
      const wall: Record<'warm' | 'cold' | 'node', number[]> = { warm: [], cold: [], node: [] };
      const cpu: Record<'warm' | 'cold' | 'node', number[]> = { warm: [], cold: [], node: [] };
      for (let pair = 0; pair < pairs; pair++) {
        for (const side of ['warm', 'cold', 'node'] as const) {
          const cost =
            side === 'node'
              ? measureProcess('pnpm', ['exec', 'node', '-e', '0'], { cwd })
              : measureProcess('pnpm', ['check'], { cwd, env: sides[side] });
          if (side !== 'node' && cost.status !== 0)
            throw new Error(`startup: pnpm check (${side}) exited ${cost.status}: ${cost.stderr}`);
          wall[side].push(cost.wallMs);
          if (cost.cpuMs !== undefined) cpu[side].push(cost.cpuMs);
        }
      }
      const serverAfter = askStatus();
      const loadAfter = loadavg()[0] ?? Number.NaN;
      if (!serverBefore || !serverAfter || serverAfter.pid !== serverBefore.pid)
        throw new Error('startup: the check server was replaced while measuring');
      if (serverAfter.requests - serverBefore.requests !== pairs)
        throw new Error(
          `startup: the server answered ${serverAfter.requests - serverBefore.requests} of ${pairs} warm checks`,
        );
      // Per warm check; the status requests in between cost a few microseconds each.
      const serverCpuMs = (serverAfter.cpuMs - serverBefore.cpuMs) / pairs;

      // The first warm check after a content file changed, against an unchanged one, on a copy of the inputs.
      for (const path of ['content', 'contracts', 'scripts/generate_service_v3_rehearsal_payload.sh'])
        cpSync(join(context.root, path), join(copy, path), { recursive: true });
      const edited = join(copy, 'content/runtime/pin.yaml');
      const original = readFileSync(edited, 'utf8');
      const afterEdit: number[] = [];
      const unchanged: number[] = [];
      const checkCopy = () =>
        measureProcess(process.execPath, [bin, 'check', '--root', copy], { cwd, env: served }).wallMs;
      checkCopy();
      for (let run = 0; run < pairs; run++) {
        appendFileSync(edited, `# edit ${run}\n`);
        afterEdit.push(checkCopy());
        unchanged.push(checkCopy());
      }
      writeFileSync(edited, original);

      const direct = median(
        Array.from(
          { length: pairs },
          () => measureProcess(process.execPath, [join(context.root, 'src/cli/main.ts'), 'check'], { cwd }).wallMs,
        ),
      );
      const recheck: number[] = [];
      for (let run = 0; run < 7; run++) {
        const start = performance.now();
        checkProject(context.root);
        recheck.push(performance.now() - start);
      }
      const devRecheckMs = median(recheck);

      const warmMs = median(wall.warm);
      const coldMs = median(wall.cold);
      const nodeMs = median(wall.node);
      const warmCpuMs = median(cpu.warm) + serverCpuMs;
      const coldCpuMs = median(cpu.cold);
      const nodeCpuMs = median(cpu.node);
      return {
        data: {
          pnpmCheckMs: warmMs,
          pnpmCheckColdMs: coldMs,
          pnpmExecNodeMs: nodeMs,
          pnpmCheckCpuMs: warmCpuMs,
          pnpmCheckServerCpuMs: serverCpuMs,
          pnpmCheckColdCpuMs: coldCpuMs,
          pnpmExecNodeCpuMs: nodeCpuMs,
          firstCheckAfterEditMs: median(afterEdit),
          unchangedCheckMs: median(unchanged),
          checkProcessMs: direct,
          devRecheckMs,
          pairs,
          loadAverage: [loadBefore, loadAfter],
        },
        lines: [
          `pnpm check on the shipped content, warm (check server): ${fixed(warmMs)} ms; pnpm exec node -e 0: ${fixed(nodeMs)} ms; ratio ${fixed(warmMs / nodeMs, 2)} (median of ${pairs} interleaved rounds; target ≤ 2)`,
          `  CPU (user + system): ${fixed(warmCpuMs)} ms (client ${fixed(median(cpu.warm))} + server ${fixed(serverCpuMs)}) vs ${fixed(nodeCpuMs)} ms, ratio ${fixed(warmCpuMs / nodeCpuMs, 2)}`,
          `pnpm check, cold (CONTRACT_DOCS_SERVER=0, one process, as in CI): ${fixed(coldMs)} ms, ratio ${fixed(coldMs / nodeMs, 2)}; CPU ${fixed(coldCpuMs)} ms, ratio ${fixed(coldCpuMs / nodeCpuMs, 2)}`,
          `  1-minute load average ${fixed(loadBefore, 1)} before, ${fixed(loadAfter, 1)} after, on ${availableParallelism()} cores`,
          `first warm check after a content file changed: ${fixed(median(afterEdit))} ms; unchanged: ${fixed(median(unchanged))} ms (node bin/contract-docs.mjs check on a copy, median of ${pairs})`,
          `node src/cli/main.ts check, whole process: ${fixed(direct)} ms`,
          `dev re-check on save (warm, in-process, median of 7): ${fixed(devRecheckMs, 1)} ms + ${recheckDebounceMs} ms debounce (target < 200 ms)`,
        ],
      };
    } finally {
      const stopped = spawnSync(process.execPath, [bin, 'check', '--stop-server'], {
        cwd,
        env: { ...process.env, ...served },
      });
      if (stopped.status !== 0) process.stderr.write('startup: could not stop the check server\n');
      // Stopped or not, it must not outlive the bench.
      if (startedPid !== undefined)
        try {
          process.kill(startedPid, 'SIGKILL');
        } catch {
          // Already gone, as it should be.
        }
      rmSync(home, { recursive: true, force: true });
      rmSync(copy, { recursive: true, force: true });
    }
  },
};
