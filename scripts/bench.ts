/**
 * `pnpm bench`: what the check and the build cost. Not a test: it prints figures and writes them to
 * test-results/bench.json; targets are reported against, never asserted. Each concern is one section in
 * scripts/bench/sections/; a new measurement is a new section file listed below.
 *
 *   --sizes 10,100,1000,10000        check corpus sizes in files (default)
 *   --runs 3                         repetitions per measurement (the median is reported)
 *   --build                          also time `astro build` of the shipped content with and without the check
 *   --build-scale                    also build generated corpora as this project, plain Starlight and plain Astro
 *   --build-sizes 100,1000,3000      corpus sizes for --build-scale (default)
 *   --only <id,...>                  run only these sections (ids as in bench.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fixed, type BenchContext, type BenchSection } from './bench/context.ts';
import { build } from './bench/sections/build.ts';
import { buildScale } from './bench/sections/build-scale.ts';
import { checkScale } from './bench/sections/check-scale.ts';
import { drift } from './bench/sections/drift.ts';
import { gitRulesScale } from './bench/sections/git-rules.ts';
import { importLegacy } from './bench/sections/import.ts';
import { startup } from './bench/sections/startup.ts';

const sections: readonly BenchSection[] = [checkScale, gitRulesScale, startup, drift, importLegacy, build, buildScale];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    build: { type: 'boolean' },
    'build-scale': { type: 'boolean' },
    'build-sizes': { type: 'string' },
    only: { type: 'string' },
  },
});
const numbers = (text: string) => text.split(',').map(Number);
const context: BenchContext = {
  root: fileURLToPath(new URL('..', import.meta.url)),
  runs: Number(values.runs ?? 3),
  sizes: numbers(values.sizes ?? '10,100,1000,10000'),
  buildSizes: numbers(values['build-sizes'] ?? '100,1000,3000'),
};
const only = values.only?.split(',');
const selected = sections.filter((section) =>
  only ? only.includes(section.id) : section.flag === undefined || values[section.flag] === true,
);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fixed(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write(`machine: ${machine}\nruns per figure: ${context.runs} (median)\n`);
const results: Record<string, unknown> = { machine, runs: context.runs };
for (const section of selected) {
  const result = section.run(context);
  results[section.id] = result.data;
  process.stdout.write(`\n## ${section.id}\n\n${result.lines.join('\n')}\n`);
}
mkdirSync(join(context.root, 'test-results'), { recursive: true });
writeFileSync(join(context.root, 'test-results/bench.json'), `${JSON.stringify(results, null, 2)}\n`);
