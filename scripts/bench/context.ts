import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What every bench section gets: where the project is, how often to repeat, and the flags given. */
export interface BenchContext {
  root: string;
  runs: number;
  sizes: readonly number[];
  buildSizes: readonly number[];
}

/** One section's result: lines for the terminal (Markdown) and data for test-results/bench.json. */
export interface SectionResult {
  lines: string[];
  data: unknown;
}

/** A bench section: one concern, one file in scripts/bench/sections/. */
export interface BenchSection {
  /** The key in bench.json and the name `--only` takes. */
  id: string;
  /** Runs only when this flag is given (`--build`, `--build-scale`); without one it always runs. */
  flag?: 'build' | 'build-scale';
  run(context: BenchContext): SectionResult;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Runs `work` in this process `runs` times and gives the median wall and CPU time (user + system) in ms, and the
 * last run's result. CPU time says what the work costs when the machine is shared; wall time is what a user waits.
 */
export function medianInProcess<T>(runs: number, work: () => T): { wallMs: number; cpuMs: number; last: T } {
  const times: number[] = [];
  const cpu: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    last = work();
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(times), cpuMs: median(cpu), last: last as T };
}

/** Wall time, CPU time (user + system, this process and its children) and peak memory of one command. */
export interface ProcessCost {
  wallMs: number;
  /** Undefined where `/usr/bin/time` is missing: Node cannot read a child's rusage itself. */
  cpuMs?: number | undefined;
  peakMb?: number | undefined;
  status: number | null;
  stderr: string;
}

const gnuTime = '/usr/bin/time';

/**
 * Runs a command once and measures it. CPU and peak memory come from GNU time (`%U %S %M`), which reads
 * the child's rusage; peak memory is the largest single process, which for `astro build` is the build.
 */
export function measureProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): ProcessCost {
  const env = { ...process.env, ...options.env };
  const withTime = existsSync(gnuTime);
  const scratch = withTime ? mkdtempSync(join(tmpdir(), 'contract-docs-bench-time-')) : undefined;
  const timeFile = scratch && join(scratch, 'time.txt');
  const start = performance.now();
  const result = timeFile
    ? spawnSync(gnuTime, ['-f', '%U %S %M', '-o', timeFile, command, ...args], {
        cwd: options.cwd,
        env,
        encoding: 'utf8',
        maxBuffer: 256 * 2 ** 20,
      })
    : spawnSync(command, args, { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const wallMs = performance.now() - start;
  let cpuMs: number | undefined;
  let peakMb: number | undefined;
  if (timeFile && scratch) {
    // GNU time prints "Command exited with non-zero status N" before the figures when the command fails.
    const figures = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
    const [user, system, maxKb] = figures;
    if (user !== undefined && system !== undefined && maxKb !== undefined) {
      cpuMs = (user + system) * 1000;
      peakMb = maxKb / 1024;
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  return { wallMs, cpuMs, peakMb, status: result.status, stderr: result.stderr ?? '' };
}

/** Median wall time of `runs` runs; throws if the command fails with anything but "problems found" (1). */
export function medianWallMs(
  command: string,
  args: readonly string[],
  context: BenchContext,
  env: NodeJS.ProcessEnv = {},
): number {
  const times: number[] = [];
  for (let run = 0; run < context.runs; run++) {
    const cost = measureProcess(command, args, { cwd: context.root, env });
    if (cost.status !== 0 && cost.status !== 1)
      throw new Error(`${command} ${args.join(' ')} exited ${cost.status}: ${cost.stderr}`);
    times.push(cost.wallMs);
  }
  return median(times);
}

export const fixed = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
