/**
 * `pnpm bench`: how the check scales and what it costs. Not a test: it prints figures and writes them
 * to test-results/bench.json; targets are reported against, never asserted.
 *
 *   --sizes 10,100,1000,10000   corpus sizes in files (default)
 *   --runs 3                    repetitions per measurement (the median is reported)
 *   --build                     also time `astro build` with and without the validation step
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { recheckDebounceMs as devDebounceMs } from '../src/astro/integration.ts';
import { checkProject } from '../src/core/check.ts';
import { readContentFiles } from '../src/core/read.ts';
import { syntheticCorpus, writeCorpus } from './bench/corpus.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { sizes: { type: 'string' }, runs: { type: 'string' }, build: { type: 'boolean' } },
});
const sizes = (values.sizes ?? '10,100,1000,10000').split(',').map(Number);
const runs = Number(values.runs ?? 3);

interface Sample {
  ms: number;
  maxRssMb: number;
  files: number;
  diagnostics: number;
}

function measure(mode: 'check' | 'floor', dir: string): Sample {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    const output = execFileSync(process.execPath, [join(root, 'scripts/bench/measure.ts'), mode, dir], {
      encoding: 'utf8',
    });
    samples.push(JSON.parse(output) as Sample);
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)] as Sample;
}

function wallMs(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (result.status !== 0 && result.status !== 1)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

const shipped = readContentFiles(root).files;
const rows: {
  files: number;
  checkMs: number;
  checkMb: number;
  floorMs: number;
  floorMb: number;
  ratio: number;
  diagnostics: number;
}[] = [];
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `contract-docs-bench-${size}-`));
  try {
    writeCorpus(dir, syntheticCorpus(shipped, size));
    const check = measure('check', dir);
    const floor = measure('floor', dir);
    rows.push({
      files: check.files,
      checkMs: check.ms,
      checkMb: check.maxRssMb,
      floorMs: floor.ms,
      floorMb: floor.maxRssMb,
      ratio: check.ms / floor.ms,
      diagnostics: check.diagnostics,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// What `astro dev` does on every save: re-run the whole check in a warm process (plus its debounce).
const warm: number[] = [];
for (let run = 0; run < 7; run++) {
  const start = performance.now();
  checkProject(root);
  warm.push(performance.now() - start);
}
warm.sort((a, b) => a - b);
const devRecheckMs = warm[3] ?? NaN;

const node = process.execPath;
const checkProcessMs = wallMs(node, [join(root, 'src/cli/main.ts'), 'check']);
let build: { withCheckMs: number; withoutCheckMs: number } | undefined;
if (values.build) {
  const astro = join(root, 'node_modules/.bin/astro');
  build = {
    withCheckMs: wallMs(astro, ['build']),
    withoutCheckMs: wallMs(astro, ['build'], { CONTRACT_DOCS_SKIP_CHECK: '1' }),
  };
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const table = [
  '| files | check ms | check peak MB | floor ms | floor peak MB | check/floor | diagnostics |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (row) =>
      `| ${row.files} | ${fixed(row.checkMs, 1)} | ${fixed(row.checkMb)} | ${fixed(row.floorMs, 1)} | ${fixed(row.floorMb)} | ${fixed(row.ratio, 2)} | ${row.diagnostics} |`,
  ),
];
const byFiles = (files: number) => rows.find((row) => Math.abs(row.files - files) / files < 0.2);
const big = byFiles(10000);
const thousand = byFiles(1000);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fixed(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const lines = [
  `machine: ${machine}`,
  `runs per figure: ${runs} (median); each check/floor figure is a fresh process, modules warmed before timing`,
  '',
  ...table,
  '',
  `pnpm check on the shipped content, whole process: ${fixed(checkProcessMs)} ms (target < 500 ms)`,
  `dev re-check on save (warm, in-process, median of 7): ${fixed(devRecheckMs, 1)} ms + ${devDebounceMs} ms debounce (target < 200 ms)`,
  big && thousand
    ? `scaling 1k → 10k files: ${fixed(big.checkMs / thousand.checkMs, 2)}x time for ${fixed(big.files / thousand.files, 1)}x files (target ≤ 10x)`
    : '',
  `worst check/floor ratio: ${fixed(Math.max(...rows.map((row) => row.ratio)), 2)} (target ≤ 1.5)`,
  build
    ? `astro build: ${fixed(build.withCheckMs)} ms with the check, ${fixed(build.withoutCheckMs)} ms without (${fixed(((build.withCheckMs - build.withoutCheckMs) / build.withoutCheckMs) * 100, 1)}% added; target < 10%)`
    : 'astro build: not measured (pass --build)',
].filter((line) => line !== '');
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(
  join(root, 'test-results/bench.json'),
  `${JSON.stringify({ machine, runs, rows, checkProcessMs, build }, null, 2)}\n`,
);
