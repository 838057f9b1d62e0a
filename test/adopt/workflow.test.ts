import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.ts';
import { removeTemporaryFolders, runCli, tempRoot } from './helpers.ts';

/**
 * The adoption workflow of the README, end to end, against a producer repository that is a real git
 * repository with the release tag: `import <repo>/docs/implementation --root <repo>`, `check --root <repo>`
 * (the git rules run against that repository, the pin read from its release handoff JSON) and
 * `drift <repo>/docs --root <repo>`, each from a working directory that is not the repository. Every path
 * printed is relative to the repository root.
 */

afterAll(removeTemporaryFolders);

const shippedSha = 'cf331449e1589581a5dcbb3adecd3e9ae4509277';
const packageDocs = join(import.meta.dirname, '../drift/fixtures/bold-labels/clean/docs');

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_COMMITTER_DATE: '2026-02-08T00:00:00Z', GIT_AUTHOR_DATE: '2026-02-08T00:00:00Z' },
  }).trim();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The package in `<repo>/docs`, released as `v0.3.2`; the documents then name that release's real commit. */
function producerRepository(): { root: string; release: string; later: string } {
  const root = tempRoot('contract-docs-workflow-');
  cpSync(packageDocs, join(root, 'docs'), { recursive: true });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'release');
  git(root, 'tag', 'v0.3.2');
  const release = git(root, 'rev-parse', 'HEAD');
  for (const file of filesUnder(join(root, 'docs')))
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(shippedSha, release));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'docs name the release commit');
  return { root, release, later: git(root, 'rev-parse', 'HEAD') };
}

/** Runs the CLI in-process from `cwd`. */
function inDirectory(cwd: string, ...argv: string[]) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return runCli(cli, ...argv);
  } finally {
    process.chdir(before);
  }
}

/** Every path-looking token of a report: none may be absolute or climb out of the repository. */
function pathsIn(text: string): string[] {
  return [...text.matchAll(/(?:^|[\s(`"'])((?:\.\.\/|\/)?[\w.-]+(?:\/[\w.-]+)+\.(?:md|json|yaml|mdx))/g)].map(
    (match) => match[1] ?? '',
  );
}

describe('adopting from a checkout, against the producer repository', () => {
  const { root, later } = producerRepository();
  const elsewhere = tmpdir();

  it('import writes the content and the sources declaration; check runs the git rules there; drift reports nothing', () => {
    const imported = inDirectory(elsewhere, 'import', join(root, 'docs/implementation'), '--root', root);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const importPaths = pathsIn(imported.stdout);
    expect(importPaths.length).toBeGreaterThan(20);
    for (const path of importPaths) expect(path).toMatch(/^(docs\/implementation|content)\//);
    expect(readFileSync(join(root, 'content/runtime/pin.yaml'), 'utf8')).toContain(
      'file: docs/implementation/release-handoff.json',
    );

    const checked = inDirectory(join(root, 'docs'), 'check', '--root', root);
    expect(checked.code).toBe(0);
    // The git rules ran against the producer repository: no "skipped" line.
    expect(checked.stdout + checked.stderr).not.toMatch(/Skipped the git rules/);
    for (const path of pathsIn(checked.stdout)) expect(path).toMatch(/^(docs|content)\//);

    const drift = inDirectory(elsewhere, 'drift', join(root, 'docs'), '--root', root, '--format', 'json');
    expect(drift.code).toBe(0);
    const report = JSON.parse(drift.stdout) as { files: string[]; drift: unknown[] };
    expect(report.drift).toEqual([]);
    expect(report.files.length).toBeGreaterThan(3);
    for (const file of report.files) expect(file).toMatch(/^docs\/implementation\//);
  });

  it('check reads the pin from the release handoff JSON and checks its tag against that repository', () => {
    // The release handoff now names a commit the tag does not point at: reported at the handoff's line.
    const handoff = join(root, 'docs/implementation/release-handoff.json');
    const text = readFileSync(handoff, 'utf8');
    writeFileSync(
      handoff,
      text.replace(
        /("active_runtime_baseline": \{\s*"release_tag": "v0\.3\.2",\s*"commit_sha": ")[0-9a-f]{40}/,
        `$1${later}`,
      ),
    );
    try {
      const checked = inDirectory(elsewhere, 'check', '--root', root);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toMatch(/tag-commit/);
      expect(checked.stdout).toContain(later);
      for (const path of pathsIn(checked.stdout)) expect(path).toMatch(/^(docs|content)\//);
    } finally {
      writeFileSync(handoff, text);
    }
  });
});
