import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceFile } from '../../../src/core/corpus.ts';
import { readContentFiles } from '../../../src/core/read.ts';
import { makeTaggedRepo } from '../../../test/helpers/tagged-repo.ts';
import { fixed, median, type BenchSection } from '../context.ts';
import { syntheticCorpus, writeCorpus } from '../corpus.ts';

/** The rules priced here: the ones that ask git or hash repository files, and the handoff comparison. */
const gitRules = ['tag-commit', 'commit-exists', 'artifact-digests', 'release-handoff'];

interface Sample {
  ms: number;
  cpuMs: number;
  loadCpuMs: number;
  ruleCpuMs: Record<string, number>;
  maxRssMb: number;
  files: number;
  diagnostics: number;
  byRule: Record<string, number>;
}

/**
 * Writes a synthetic corpus of about `size` files into `dir` and makes it a git repository as the section
 * describes. Returns how many files git holds and how many digests the evidence bundles declare.
 */
export function writeGitCorpus(
  dir: string,
  shipped: readonly SourceFile[],
  size: number,
  projectRoot: string,
): { repositoryFiles: number; digests: number } {
  writeCorpus(dir, syntheticCorpus(shipped, size, projectRoot), projectRoot);
  const repo = makeTaggedRepo(dir);
  let digests = 0;
  for (const id of readdirSync(join(dir, 'content/migrations'))) {
    const artifacts = ['plan.mdx', 'tracker.mdx', 'rfc.mdx', 'gates.mdx'].map((name) => {
      const path = `content/migrations/${id}/${name}`;
      return {
        path,
        sha256: createHash('sha256')
          .update(readFileSync(join(dir, path)))
          .digest('hex'),
      };
    });
    digests += artifacts.length;
    repo.write(`evidence/${id}/evidence-bundle.json`, `${JSON.stringify({ artifacts }, null, 2)}\n`);
  }
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'evidence bundles');
  return { repositoryFiles: repo.git('ls-files').split('\n').length, digests };
}

/**
 * The check with and without the git and digest rules, on synthetic corpora held by a real git
 * repository: two tagged releases (`v0.3.1`, `v0.3.2`), every restatement of the pin rewritten to the real
 * commit of `v0.3.2` (so each copied RFC states a tag/commit pair git must confirm), the producer's
 * release handoff JSON, and one evidence bundle per copied migration holding the sha256 of its four
 * documents (so the digest rule hashes four files per migration). Runs with and without alternate, each in
 * a fresh process, so load on the shared machine falls on both alike. Target: with ≤ 1.2x without.
 */
export const gitRulesScale: BenchSection = {
  id: 'gitRules',
  run(context) {
    const measure = (dir: string, without: readonly string[]): Sample =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            join(context.root, 'scripts/bench/measure.ts'),
            'check',
            dir,
            ...(without.length ? ['--without', without.join(',')] : []),
          ],
          { encoding: 'utf8' },
        ),
      ) as Sample;
    const shipped = readContentFiles(context.root).files;
    // The rules cost something only at scale; the smaller corpora of --sizes are left to checkScale.
    const large = context.sizes.filter((size) => size >= 1000);
    const sizes = large.length ? large : [Math.max(...context.sizes)];
    const rows = sizes.map((size) => {
      const dir = mkdtempSync(join(tmpdir(), `contract-docs-bench-git-${size}-`));
      try {
        const { repositoryFiles, digests } = writeGitCorpus(dir, shipped, size, context.root);
        const withRules: Sample[] = [];
        const withoutRules: Sample[] = [];
        for (let run = 0; run < context.runs; run++) {
          withRules.push(measure(dir, []));
          withoutRules.push(measure(dir, gitRules));
        }
        const pick = (samples: Sample[]) => {
          const ms = median(samples.map((sample) => sample.ms));
          return {
            ...(samples.find((sample) => sample.ms === ms) as Sample),
            cpuMs: median(samples.map((s) => s.cpuMs)),
          };
        };
        const on = pick(withRules);
        const off = pick(withoutRules);
        // The rules' own CPU inside the "with" runs: the same figure without the noise of comparing two
        // processes on a shared machine (median over the runs, per rule).
        const ruleCpu = Object.fromEntries(
          gitRules.map((id) => [id, median(withRules.map((sample) => sample.ruleCpuMs[id] ?? 0))]),
        );
        const rulesCpuMs = gitRules.reduce((sum, id) => sum + (ruleCpu[id] ?? 0), 0);
        const withCpuMedian = median(withRules.map((sample) => sample.cpuMs));
        return {
          files: on.files,
          repositoryFiles,
          digests,
          withMs: on.ms,
          withoutMs: off.ms,
          ratio: on.ms / off.ms,
          withCpuMs: on.cpuMs,
          withoutCpuMs: off.cpuMs,
          cpuRatio: on.cpuMs / off.cpuMs,
          ruleCpuMs: ruleCpu,
          rulesCpuMs,
          // What the check would cost without the rules' own CPU, from the same runs.
          shareRatio: withCpuMedian / (withCpuMedian - rulesCpuMs),
          // What the four rules themselves reported (expected: nothing, the repository agrees with the docs).
          gitRuleDiagnostics: gitRules.reduce((sum, id) => sum + (on.byRule[id] ?? 0), 0),
          diagnostics: on.diagnostics,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    return {
      data: { rules: gitRules, rows },
      lines: [
        `check with and without ${gitRules.join(', ')} (fresh process each, load + rules, median of ${context.runs}, alternating)`,
        '',
        '| content files | files in git | digests | with ms | without ms | wall ratio | with CPU ms | without CPU ms | CPU ratio | the rules’ own CPU ms | with / (with − rules) | reports of these rules | all reports |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map(
          (row) =>
            `| ${row.files} | ${row.repositoryFiles} | ${row.digests} | ${fixed(row.withMs, 1)} | ${fixed(row.withoutMs, 1)} | ${fixed(row.ratio, 2)} | ${fixed(row.withCpuMs, 1)} | ${fixed(row.withoutCpuMs, 1)} | ${fixed(row.cpuRatio, 2)} | ${fixed(row.rulesCpuMs, 1)} (${gitRules.map((id) => fixed(row.ruleCpuMs[id], 1)).join(' + ')}) | ${fixed(row.shareRatio, 3)} | ${row.gitRuleDiagnostics} | ${row.diagnostics} |`,
        ),
        '',
        `worst ratio with/without: wall ${fixed(Math.max(...rows.map((row) => row.ratio)), 2)}, CPU ${fixed(Math.max(...rows.map((row) => row.cpuRatio)), 2)}, from the rules’ own CPU ${fixed(Math.max(...rows.map((row) => row.shareRatio)), 3)} (target ≤ 1.2)`,
        'CPU includes git (children waited for, from /proc/self/stat); the loader’s repository walk and git probes are in both.',
      ],
    };
  },
};
