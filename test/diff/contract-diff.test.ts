import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { diffContracts } from '../../src/core/diff/contract-diff.ts';
import type { SourceFile } from '../../src/core/corpus.ts';
import { replaceOnce, repoRoot, shippedFiles, withEdit } from '../helpers/content.ts';

/**
 * A repository with two commits of the content: the second moves the pin (in the producer's manifest, which
 * the pin reads its values from), moves `legacy_error` from
 * required to forbidden in the service.v2 policy, adds a gate and changes a task status.
 */
const repo = mkdtempSync(join(tmpdir(), 'contract-docs-diff-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], {
    encoding: 'utf8',
  });

function writeAll(files: readonly SourceFile[]) {
  for (const file of files) {
    mkdirSync(join(repo, dirname(file.path)), { recursive: true });
    writeFileSync(join(repo, file.path), file.text);
  }
}

/** The producer's manifest the pin reads its values from; a release moves the pin there. */
const manifestPath = 'contracts/integration/v1/producer-contract-manifest.json';
const manifest = readFileSync(join(repoRoot, manifestPath), 'utf8');

git('init', '-q', '-b', 'main');
writeAll([...shippedFiles(), { path: manifestPath, text: manifest }]);
git('add', '-A');
git('commit', '-qm', 'base');

writeAll([{ path: manifestPath, text: replaceOnce('"release_tag": "v0.3.2"', '"release_tag": "v0.3.3"')(manifest) }]);
let head = withEdit(
  shippedFiles(),
  'content/contracts/service.v2.yaml',
  replaceOnce(
    '    - legacy_error\n  optional: []\n  forbidden:\n',
    '  optional: []\n  forbidden:\n    - legacy_error\n',
  ),
);
head = withEdit(
  head,
  'content/migrations/service-v3/gates.mdx',
  replaceOnce(
    'prerequisites:\n',
    '  - id: rollback-drill-passed\n    title: Rollback drill passed\n    owner: joint\n    status: pending\n    evidence:\n      checklist: [rollback-rehearsal-note]\nprerequisites:\n',
  ),
);
head = withEdit(
  head,
  'content/migrations/service-v3/tracker.mdx',
  replaceOnce(/(id: P4\n[^\n]*\n {4}status: )ready/, '$1in-progress'),
);
writeAll(head);
git('add', '-A');
git('commit', '-qm', 'head');
// An uncommitted edit is part of the working tree the diff reads.
writeFileSync(
  join(repo, 'content/migrations/service-v3/rfc.mdx'),
  `${head.find((f) => f.path.endsWith('rfc.mdx'))?.text}\nReviewed.\n`,
);

function diff(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(
    ['diff', ...args, '--root', repo],
    (text) => (stdout += text),
    (text) => (stderr += text),
  );
  return { code, stdout, stderr };
}

describe('contract-docs diff', () => {
  it('reports exactly the contract changes, as markdown', () => {
    const result = diff('HEAD~1');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "## Contract changes: \`HEAD~1\` → \`working tree\`

      ### Live pin

      - \`release_tag\`: \`v0.3.2\` → \`v0.3.3\`

      ### Envelope policies

      - \`service.v2 legacy_error\` moved from required to forbidden

      ### Cutover gates

      - service-v3: \`rollback-drill-passed\` added: \`pending\`

      ### Tracker tasks

      - service-v3: \`P4\`: \`ready\` → \`in-progress\`

      ### Changed files and pages

      - changed \`content/contracts/service.v2.yaml\` (page [/contracts/service.v2/](/contracts/service.v2/))
      - changed \`content/migrations/service-v3/gates.mdx\` (page [/migrations/service-v3/gates/](/migrations/service-v3/gates/))
      - changed \`content/migrations/service-v3/rfc.mdx\` (page [/migrations/service-v3/rfc/](/migrations/service-v3/rfc/))
      - changed \`content/migrations/service-v3/tracker.mdx\` (page [/migrations/service-v3/tracker/](/migrations/service-v3/tracker/))
      "
    `);
  });

  it('reports the same changes as JSON', () => {
    const result = diff('HEAD~1', '--format', 'json');
    const report = JSON.parse(result.stdout) as {
      changes: { area: string; subject: string; change: string; from?: string; to?: string }[];
    };
    expect(report.changes.filter((item) => item.area !== 'file')).toEqual([
      {
        area: 'pin',
        subject: 'release_tag',
        change: 'changed',
        from: 'v0.3.2',
        to: 'v0.3.3',
        file: 'content/runtime/pin.yaml',
        page: '/runtime/',
      },
      {
        area: 'policy',
        subject: 'service.v2 legacy_error',
        change: 'changed',
        from: 'required',
        to: 'forbidden',
        file: 'content/contracts/service.v2.yaml',
        page: '/contracts/service.v2/',
      },
      {
        area: 'gate',
        migration: 'service-v3',
        subject: 'rollback-drill-passed',
        change: 'added',
        to: 'pending',
        file: 'content/migrations/service-v3/gates.mdx',
        page: '/migrations/service-v3/gates/',
      },
      {
        area: 'task',
        migration: 'service-v3',
        subject: 'P4',
        change: 'changed',
        from: 'ready',
        to: 'in-progress',
        file: 'content/migrations/service-v3/tracker.mdx',
        page: '/migrations/service-v3/tracker/',
      },
    ]);
    expect(report.changes.filter((item) => item.area === 'file').map((item) => item.subject)).toEqual([
      'content/contracts/service.v2.yaml',
      'content/migrations/service-v3/gates.mdx',
      'content/migrations/service-v3/rfc.mdx',
      'content/migrations/service-v3/tracker.mdx',
    ]);
  });

  it('with --exit-code, exits 1 when a contract fact changed and 0 when none did', () => {
    expect(diff('HEAD~1', '--exit-code').code).toBe(1);
    expect(diff('HEAD', '--exit-code').code).toBe(0);
  });

  it('does not touch the working tree, and refuses an unknown ref with exit code 2', () => {
    const before = git('status', '--porcelain');
    const result = diff('no-such-ref');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read content at `no-such-ref`');
    expect(git('status', '--porcelain')).toBe(before);
  });
});

describe('diffContracts', () => {
  it('does not report the tasks of a tracker that fails to load as removed', () => {
    const broken = withEdit(
      shippedFiles(),
      'content/migrations/service-v3/tracker.mdx',
      replaceOnce('owner: MemoryKernel\n', 'owner: [MemoryKernel\n'),
    );
    const changes = diffContracts(shippedFiles(), broken);
    expect(changes.filter((item) => item.area === 'task')).toEqual([]);
    expect(changes.map((item) => `${item.area} ${item.subject}`)).toContain(
      'file content/migrations/service-v3/tracker.mdx',
    );
  });
});
