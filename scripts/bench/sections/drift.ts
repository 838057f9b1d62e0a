import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDrift } from '../../../src/core/drift/run.ts';
import { fixed, medianInProcess, type BenchSection } from '../context.ts';

/**
 * `contract-docs drift` in-process on a folder of 60 Markdown, JSON and YAML files: the drifted producer
 * fixture packages (six house styles, front matter and YAML files included) copied until the folder holds
 * 60 files, read from disk and analysed each run. Target: under 1 s.
 */
export const drift: BenchSection = {
  id: 'drift',
  run(context) {
    const fixtures = join(context.root, 'test/drift/fixtures');
    const packages = ['tables', 'bold-labels', 'post-cutover', 'runbook', 'frontmatter-kebab', 'caps-numbered'].map(
      (name) => join(fixtures, name, 'drifted'),
    );
    const folder = mkdtempSync(join(tmpdir(), 'contract-docs-bench-drift-'));
    try {
      const count = () =>
        readdirSync(folder, { recursive: true }).filter((name) => /\.(md|json|ya?ml)$/.test(String(name))).length;
      for (let copy = 0; count() < 60; copy++) {
        const source = packages[copy % packages.length] as string;
        cpSync(source, join(folder, `copy-${copy}`), { recursive: true });
      }
      // The copies overshoot 60 by a few files; the real count is reported.
      const files = count();
      const runs = Math.max(7, context.runs);
      const { wallMs: ms, cpuMs, last } = medianInProcess(runs, () => runDrift({ folder }));
      const findings = last.findings.length;
      return {
        data: { files, driftMs: ms, driftCpuMs: cpuMs, findings, runs },
        lines: [
          `drift on ${files} Markdown, JSON and YAML files (in-process, read + extract + analyse, median of ${runs}): ${fixed(ms, 1)} ms wall, ${fixed(cpuMs, 1)} ms CPU, ${findings} drifting facts (target < 1000 ms)`,
        ],
      };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
