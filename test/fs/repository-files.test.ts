import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRepositoryFiles, globToRegExp } from '../../src/core/repository-files.ts';

// findRepositoryFiles walks only the folders a pattern can match under. These tests hold it to what a walk
// of the whole repository with the same rules finds (written here independently, as the reference).
const root = mkdtempSync(join(tmpdir(), 'contract-docs-repository-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = [
  'contracts/integration/v1/release-handoff.json',
  'contracts/integration/v2/release-handoff-2.json',
  'contracts/evidence-bundle.json',
  'contracts/.hidden/release-handoff.json',
  'contracts/node_modules/release-handoff.json',
  'evidence/2026/evidence-bundle-a.json',
  'examples/x/contracts/release-handoff.json',
  'Contracts-upper/release-handoff.json',
  'dist/release-handoff.json',
  '.git/release-handoff.json',
  'release-handoff.json',
  'elsewhere/notes.md',
];
for (const file of files) {
  mkdirSync(join(root, dirname(file)), { recursive: true });
  writeFileSync(join(root, file), '{}\n');
}
// A symlinked folder is not followed, whether the walk starts above it or at it.
symlinkSync(join(root, 'contracts'), join(root, 'linked'));
symlinkSync(join(root, 'contracts/integration'), join(root, 'contracts/linked-integration'));

/** Every file of the repository under the walk's rules, then filtered: what a full walk finds. */
function fullWalk(patterns: readonly string[]): string[] {
  const matchers = patterns.map(globToRegExp);
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !['node_modules', 'dist', 'build', 'coverage'].includes(entry.name))
          walk(path);
      } else if (entry.isFile() && matchers.some((matcher) => matcher.test(path))) found.push(path);
    }
  };
  walk('');
  return found.sort();
}

describe('findRepositoryFiles', () => {
  const cases: string[][] = [
    ['**/release-handoff*.json', '**/evidence-bundle*.json'],
    ['contracts/**/release-handoff*.json', 'contracts/**/evidence-bundle*.json', 'evidence/**/evidence-bundle*.json'],
    ['contracts/integration/v1/release-handoff.json'],
    ['contracts/**/release-handoff*.json', 'contracts/integration/**/release-handoff*.json'],
    ['contracts*/release-handoff.json', 'Contracts-upper/release-handoff.json'],
    ['contracts-upper/release-handoff.json'],
    ['linked/**/release-handoff*.json', 'contracts/linked-integration/**/*.json'],
    ['contracts/.hidden/*.json', 'contracts/node_modules/*.json', 'dist/*.json', '.git/*.json'],
    ['./contracts/**/*.json', 'contracts//evidence-bundle.json', '/contracts/evidence-bundle.json'],
    ['missing/**/*.json', 'release-handoff.json'],
  ];
  it.each(cases)('finds what a walk of the whole repository finds: %s', (...patterns) => {
    expect(findRepositoryFiles(root, patterns)).toEqual(fullWalk(patterns));
  });

  it('finds the files a pattern names, and nothing under folders it skips', () => {
    expect(findRepositoryFiles(root, ['contracts/**/release-handoff*.json'])).toEqual([
      'contracts/integration/v1/release-handoff.json',
      'contracts/integration/v2/release-handoff-2.json',
    ]);
    expect(findRepositoryFiles(root, ['contracts-upper/release-handoff.json'])).toEqual([]);
    expect(findRepositoryFiles(root, ['linked/**/release-handoff*.json'])).toEqual([]);
  });
});
