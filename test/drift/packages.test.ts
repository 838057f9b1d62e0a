import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrift } from '../../src/core/drift/run.ts';
import { packages } from './packages.ts';

/**
 * Drift on the producer packages of test/drift/packages.ts: on each clean variant the report is empty; on each
 * drifted one (a copy of the clean one with planted disagreements) each planted disagreement is reported exactly
 * once, with every place that states the fact, and nothing else is reported.
 */

const fixtures = join(import.meta.dirname, 'fixtures');

/** `file#needle[#n]`: the (n-th, default first) line of `file` that contains `needle`, as `file:line`; `file:line` as is. */
function at(pkg: string, spec: string): string {
  const numbered = /^([^#]+):(\d+)$/.exec(spec);
  if (numbered) {
    const lines = readFileSync(join(fixtures, pkg, 'drifted', numbered[1] ?? ''), 'utf8').split('\n');
    if (Number(numbered[2]) > lines.length) throw new Error(`fixture line not found: ${spec}`);
    return spec;
  }
  const [file = '', needle = '', nth = '1'] = spec.split('#');
  const lines = readFileSync(join(fixtures, pkg, 'drifted', file), 'utf8').split('\n');
  const matches = lines.flatMap((line, index) => (line.includes(needle) ? [index] : []));
  const index = matches[Number(nth) - 1] ?? -1;
  if (index === -1) throw new Error(`fixture needle not found: ${spec}`);
  return `${file}:${index + 1}`;
}

for (const pkg of packages) {
  describe(`drift on the ${pkg.name} package`, () => {
    const run = (variant: string) => {
      const root = join(fixtures, pkg.name, variant);
      return runDrift({ folder: join(root, pkg.folder), root });
    };

    it('reports nothing on the clean variant', () => {
      const report = run('clean');
      expect(report.problems).toEqual([]);
      expect(report.findings.map((finding) => finding.fact)).toEqual([]);
      expect(report.statements).toBeGreaterThan(30);
    });

    it('reports each planted disagreement once, with all its places, and nothing else', () => {
      const report = run('drifted');
      expect(Object.keys(pkg.planted).length).toBeGreaterThanOrEqual(8);
      const found = Object.fromEntries(
        report.findings.map((finding) => [
          finding.fact,
          finding.values.flatMap((value) => value.places.map((place) => `${place.file}:${place.line}`)).sort(),
        ]),
      );
      const expected = Object.fromEntries(
        Object.entries(pkg.planted).map(([fact, places]) => [fact, places.map((spec) => at(pkg.name, spec)).sort()]),
      );
      expect(found).toEqual(expected);
      expect(report.findings).toHaveLength(Object.keys(pkg.planted).length);
      for (const finding of report.findings) expect(finding.values).toHaveLength(2);
    });

    if (pkg.history)
      it('shows older checkpoints, history sections and snapshots as history, not drift', () => {
        const report = run('clean');
        const facts = new Set(report.history.map((entry) => entry.fact));
        for (const fact of pkg.history ?? []) expect(facts).toContain(fact);
        expect(report.history.every((entry) => entry.reason.length > 0)).toBe(true);
      });
  });
}
