import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContentFiles } from '../../../src/core/read.ts';
import { fixed, median, type BenchSection } from '../context.ts';
import { syntheticCorpus, writeCorpus } from '../corpus.ts';

interface Sample {
  ms: number;
  maxRssMb: number;
  files: number;
  diagnostics: number;
}

/** The check against its parse-only floor, each in a fresh process, on synthetic corpora of several sizes. */
export const checkScale: BenchSection = {
  id: 'checkScale',
  run(context) {
    const measure = (mode: 'check' | 'floor', dir: string): Sample => {
      const samples: Sample[] = [];
      for (let run = 0; run < context.runs; run++) {
        const output = execFileSync(process.execPath, [join(context.root, 'scripts/bench/measure.ts'), mode, dir], {
          encoding: 'utf8',
        });
        samples.push(JSON.parse(output) as Sample);
      }
      const ms = median(samples.map((sample) => sample.ms));
      return samples.find((sample) => sample.ms === ms) as Sample;
    };
    const shipped = readContentFiles(context.root).files;
    const rows = context.sizes.map((size) => {
      const dir = mkdtempSync(join(tmpdir(), `contract-docs-bench-${size}-`));
      try {
        writeCorpus(dir, syntheticCorpus(shipped, size, context.root), context.root);
        const check = measure('check', dir);
        const floor = measure('floor', dir);
        return {
          files: check.files,
          checkMs: check.ms,
          checkMb: check.maxRssMb,
          floorMs: floor.ms,
          floorMb: floor.maxRssMb,
          ratio: check.ms / floor.ms,
          diagnostics: check.diagnostics,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    const byFiles = (files: number) => rows.find((row) => Math.abs(row.files - files) / files < 0.2);
    const big = byFiles(10000);
    const thousand = byFiles(1000);
    return {
      data: rows,
      lines: [
        '| files | check ms | check peak MB | floor ms | floor peak MB | check/floor | diagnostics |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map(
          (row) =>
            `| ${row.files} | ${fixed(row.checkMs, 1)} | ${fixed(row.checkMb)} | ${fixed(row.floorMs, 1)} | ${fixed(row.floorMb)} | ${fixed(row.ratio, 2)} | ${row.diagnostics} |`,
        ),
        '',
        big && thousand
          ? `scaling 1k → 10k files: ${fixed(big.checkMs / thousand.checkMs, 2)}x time for ${fixed(big.files / thousand.files, 1)}x files (target ≤ 10x)`
          : '',
        `worst check/floor ratio: ${fixed(Math.max(...rows.map((row) => row.ratio)), 2)} (target ≤ 1.5)`,
      ].filter((line, index, lines) => line !== '' || index !== lines.length - 2),
    };
  },
};
