import { join } from 'node:path';
import { readContentFiles } from '../../../src/core/read.ts';
import { fixed, measureProcess, type BenchSection, type ProcessCost } from '../context.ts';
import { syntheticCorpus } from '../corpus.ts';
import { htmlFiles, writeBenchSite, type SiteKind } from '../sites.ts';

const kinds: readonly SiteKind[] = ['project', 'starlight', 'astro'];

interface Row extends Omit<ProcessCost, 'stderr' | 'status'> {
  kind: SiteKind;
  documents: number;
  pages: number;
  htmlMb: number;
  htmlKbPerPage: number;
}

/**
 * `astro build` of generated corpora of several sizes, for this project and, from the same corpus, a plain
 * Starlight site and a plain Astro site, built one after the other in this run so their ratios share the
 * machine's conditions. One build per site and size: a 3,000-document build takes minutes.
 */
export const buildScale: BenchSection = {
  id: 'buildScale',
  flag: 'build-scale',
  run(context) {
    const shipped = readContentFiles(context.root).files;
    const rows: Row[] = [];
    for (const size of context.buildSizes) {
      const corpus = syntheticCorpus(shipped, size, context.root);
      const documents = corpus.filter((file) => /\.mdx?$/.test(file.path)).length;
      for (const kind of kinds) {
        const site = writeBenchSite(context.root, kind, corpus);
        try {
          const cost = measureProcess(join(context.root, 'node_modules/.bin/astro'), ['build'], {
            cwd: site.dir,
            env: { ASTRO_TELEMETRY_DISABLED: '1' },
          });
          if (cost.status !== 0)
            throw new Error(`astro build of the ${kind} site (${size} files) failed:\n${cost.stderr.slice(-2000)}`);
          const html = htmlFiles(site.path('dist'));
          rows.push({
            kind,
            documents,
            pages: html.count,
            wallMs: cost.wallMs,
            cpuMs: cost.cpuMs,
            peakMb: cost.peakMb,
            htmlMb: html.bytes / 2 ** 20,
            htmlKbPerPage: html.bytes / 1024 / Math.max(1, html.count),
          });
        } finally {
          site.remove();
        }
      }
    }
    const row = (kind: SiteKind, documents: number) =>
      rows.find((candidate) => candidate.kind === kind && candidate.documents === documents);
    const sizes = [...new Set(rows.map((candidate) => candidate.documents))];
    const ratios: string[] = [];
    for (const [index, documents] of sizes.entries()) {
      const project = row('project', documents);
      const starlight = row('starlight', documents);
      if (project?.cpuMs && starlight?.cpuMs)
        ratios.push(
          `${documents} documents: project CPU ${fixed(project.cpuMs / starlight.cpuMs, 2)}x plain Starlight's (target ≤ 1.5)`,
        );
      const previous = sizes[index - 1];
      const before = previous === undefined ? undefined : row('project', previous);
      if (project?.cpuMs && before?.cpuMs && previous)
        ratios.push(
          `project ${previous} → ${documents} documents: ${fixed(project.cpuMs / before.cpuMs, 2)}x CPU for ${fixed(documents / previous, 1)}x documents`,
        );
    }
    return {
      data: rows,
      lines: [
        '| site | documents | pages | wall s | CPU s | peak MB | HTML MB | HTML KB/page |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map(
          (candidate) =>
            `| ${candidate.kind} | ${candidate.documents} | ${candidate.pages} | ${fixed(candidate.wallMs / 1000, 1)} | ${fixed(candidate.cpuMs === undefined ? undefined : candidate.cpuMs / 1000, 1)} | ${fixed(candidate.peakMb)} | ${fixed(candidate.htmlMb, 1)} | ${fixed(candidate.htmlKbPerPage, 1)} |`,
        ),
        '',
        ...ratios,
      ],
    };
  },
};
