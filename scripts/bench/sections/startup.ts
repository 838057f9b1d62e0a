import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { recheckDebounceMs } from '../../../src/astro/integration.ts';
import { checkProject } from '../../../src/core/check.ts';
import { fixed, measureProcess, median, type BenchSection } from '../context.ts';

/**
 * What an author feels: `pnpm check` as a whole process against starting the project's Node through pnpm
 * (`pnpm exec node -e 0`), interleaved so background load hits both alike; and the warm re-check that
 * `astro dev` runs on every save. CPU time (user + system of the process tree, from GNU time, 10 ms steps) is
 * reported beside wall time: on a shared machine it moves far less with the load, which is printed too.
 * Both runs of `pnpm check` use the CLI's caches (bundle, code cache, source stats), as every run after the
 * first does; those are compiled code keyed by the sources, never results.
 */
export const startup: BenchSection = {
  id: 'startup',
  run(context) {
    const pairs = Math.max(7, context.runs);
    const loadBefore = loadavg()[0] ?? Number.NaN;
    // One unmeasured run first: after an edit it builds the bundle and writes the code cache.
    measureProcess('pnpm', ['check'], { cwd: context.root });
    const check: number[] = [];
    const checkCpu: number[] = [];
    const nodeOnly: number[] = [];
    const nodeOnlyCpu: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const checkCost = measureProcess('pnpm', ['check'], { cwd: context.root });
      const nodeCost = measureProcess('pnpm', ['exec', 'node', '-e', '0'], { cwd: context.root });
      check.push(checkCost.wallMs);
      nodeOnly.push(nodeCost.wallMs);
      if (checkCost.cpuMs !== undefined) checkCpu.push(checkCost.cpuMs);
      if (nodeCost.cpuMs !== undefined) nodeOnlyCpu.push(nodeCost.cpuMs);
    }
    const loadAfter = loadavg()[0] ?? Number.NaN;
    const checkMs = median(check);
    const nodeMs = median(nodeOnly);
    const checkCpuMs = median(checkCpu);
    const nodeCpuMs = median(nodeOnlyCpu);
    const direct = median(
      Array.from(
        { length: pairs },
        () =>
          measureProcess(process.execPath, [join(context.root, 'src/cli/main.ts'), 'check'], { cwd: context.root })
            .wallMs,
      ),
    );
    const warm: number[] = [];
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      checkProject(context.root);
      warm.push(performance.now() - start);
    }
    const devRecheckMs = median(warm);
    return {
      data: {
        pnpmCheckMs: checkMs,
        pnpmExecNodeMs: nodeMs,
        pnpmCheckCpuMs: checkCpuMs,
        pnpmExecNodeCpuMs: nodeCpuMs,
        checkProcessMs: direct,
        devRecheckMs,
        pairs,
        loadAverage: [loadBefore, loadAfter],
      },
      lines: [
        `pnpm check on the shipped content: ${fixed(checkMs)} ms; pnpm exec node -e 0: ${fixed(nodeMs)} ms; ratio ${fixed(checkMs / nodeMs, 2)} (median of ${pairs} interleaved pairs; target ≤ 2)`,
        `  CPU (user + system): ${fixed(checkCpuMs)} ms vs ${fixed(nodeCpuMs)} ms, ratio ${fixed(checkCpuMs / nodeCpuMs, 2)}; 1-minute load average ${fixed(loadBefore, 1)} before, ${fixed(loadAfter, 1)} after, on ${availableParallelism()} cores`,
        `node src/cli/main.ts check, whole process: ${fixed(direct)} ms`,
        `dev re-check on save (warm, in-process, median of 7): ${fixed(devRecheckMs, 1)} ms + ${recheckDebounceMs} ms debounce (target < 200 ms)`,
      ],
    };
  },
};
