import { join } from 'node:path';
import { recheckDebounceMs } from '../../../src/astro/integration.ts';
import { checkProject } from '../../../src/core/check.ts';
import { fixed, measureProcess, median, type BenchSection } from '../context.ts';

/**
 * What an author feels: `pnpm check` as a whole process against starting the project's Node through pnpm
 * (`pnpm exec node -e 0`), interleaved so background load hits both alike; and the warm re-check that
 * `astro dev` runs on every save.
 */
export const startup: BenchSection = {
  id: 'startup',
  run(context) {
    const pairs = Math.max(7, context.runs);
    const check: number[] = [];
    const nodeOnly: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      check.push(measureProcess('pnpm', ['check'], { cwd: context.root }).wallMs);
      nodeOnly.push(measureProcess('pnpm', ['exec', 'node', '-e', '0'], { cwd: context.root }).wallMs);
    }
    const checkMs = median(check);
    const nodeMs = median(nodeOnly);
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
      data: { pnpmCheckMs: checkMs, pnpmExecNodeMs: nodeMs, checkProcessMs: direct, devRecheckMs, pairs },
      lines: [
        `pnpm check on the shipped content: ${fixed(checkMs)} ms; pnpm exec node -e 0: ${fixed(nodeMs)} ms; ratio ${fixed(checkMs / nodeMs, 2)} (median of ${pairs} interleaved pairs; target ≤ 2)`,
        `node src/cli/main.ts check, whole process: ${fixed(direct)} ms`,
        `dev re-check on save (warm, in-process, median of 7): ${fixed(devRecheckMs, 1)} ms + ${recheckDebounceMs} ms debounce (target < 200 ms)`,
      ],
    };
  },
};
