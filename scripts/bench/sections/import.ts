import { join } from 'node:path';
import { importPackage } from '../../../src/core/adopt/import.ts';
import { readProducerFolder } from '../../../src/core/adopt/run.ts';
import { fixed, medianInProcess, type BenchSection } from '../context.ts';

/**
 * `contract-docs import` in-process on the legacy producer package (the five files of
 * `test/adopt/fixtures/clean`): classify, parse each Markdown file once, extract, map and render the
 * content, without writing it. The files are read once; each run imports them again.
 */
export const importLegacy: BenchSection = {
  id: 'import',
  run(context) {
    const folder = join(context.root, 'test/adopt/fixtures/clean');
    const files = readProducerFolder(folder);
    const runs = Math.max(7, context.runs);
    // One run first, unmeasured: module loading and the first compilation are not the import's cost.
    importPackage(files);
    const { wallMs: ms, cpuMs, last } = medianInProcess(runs, () => importPackage(files));
    const written = last.files.length;
    return {
      data: { files: files.length, written, importMs: ms, importCpuMs: cpuMs, runs },
      lines: [
        `import of the legacy package (${files.length} producer files → ${written} content files, in-process, median of ${runs}): ${fixed(ms, 1)} ms wall, ${fixed(cpuMs, 1)} ms CPU`,
      ],
    };
  },
};
