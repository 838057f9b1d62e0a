import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTaggedRepo, manifestPath, type TaggedRepo } from '../helpers/tagged-repo.ts';
import { astroBuild, copyProject, lineOf } from './project-copy.ts';

/**
 * Issue 12 through a real `astro build`: a producer repository with two tagged releases, whose docs state
 * its own tag and commit. Each broken variant must fail the build with the rule id at file:line; the
 * planned tag passes once declared. Builds run concurrently; a failing one stops at config time.
 */

const pinPath = 'content/runtime/pin.yaml';
const rfcPath = 'content/migrations/service-v3/rfc.mdx';
const handoffPath = 'contracts/integration/v1/release-handoff.json';
const trackerPath = 'content/migrations/service-v3/tracker.mdx';
const planPath = 'content/migrations/service-v3/plan.mdx';

async function buildVariant(label: string, edit: (repo: TaggedRepo) => string[]) {
  const copy = copyProject(label);
  const repo = makeTaggedRepo(copy.dir);
  const expected = edit(repo);
  repo.regenerate();
  const result = await astroBuild(copy.dir);
  return { copy, repo, result, expected };
}

/** `line:column` of the first `needle` at or after offset `from` of `text`. */
function positionOf(text: string, needle: string, from = 0): string {
  const index = text.indexOf(needle, from);
  if (index === -1) throw new Error(`${needle} not found`);
  const before = text.slice(0, index);
  return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
}

const snapshot = (lines: string) =>
  `snapshots:\n  - id: previous-release\n    reason: historical\n    note: The build before.\n${lines}`;

describe('astro build on a tagged producer repository', () => {
  const failing: [string, (repo: TaggedRepo) => string[]][] = [
    [
      'a tag paired with another tag’s commit',
      (repo) => {
        repo.replaceOnce(
          pinPath,
          'snapshots: []',
          snapshot(`    release_tag: v0.3.1\n    commit_sha: ${repo.tags['v0.3.2']}`),
        );
        return [`${pinPath}:${lineOf(repo.read(pinPath), '    commit_sha: ')}:5  error  tag-commit`];
      },
    ],
    [
      'a commit sha that does not exist',
      (repo) => {
        repo.replaceOnce(
          pinPath,
          'snapshots: []',
          snapshot('    commit_sha: 0123456789abcdef0123456789abcdef01234567'),
        );
        return [`${pinPath}:${lineOf(repo.read(pinPath), '    commit_sha: ')}:5  error  commit-exists`];
      },
    ],
    [
      'the manifest moved to the next release while prose, tracker and RFC state the old pin',
      (repo) => {
        const old = { tag: 'v0.3.2', sha: repo.tags['v0.3.2'] ?? '' };
        // The tracker states the pin too (the shipped one does not).
        repo.write(
          trackerPath,
          `${repo.read(trackerPath)}\nEvery task above ran against \`${old.tag}\` (commit \`${old.sha}\`).\n`,
        );
        repo.write('CHANGELOG.md', '# Changes\n\n- v0.3.3\n');
        const next = repo.release('v0.3.3');
        repo.write(
          manifestPath,
          repo.read(manifestPath).replace('"release_tag": "v0.3.2"', '"release_tag": "v0.3.3"').replace(old.sha, next),
        );
        const tracker = repo.read(trackerPath);
        const plan = repo.read(planPath);
        const handoff = repo.read(handoffPath);
        const baseline = handoff.indexOf('"active_runtime_baseline"');
        return [
          `${rfcPath}:${lineOf(repo.read(rfcPath), 'release_tag: v0.3.2')}:3  error  pins-agree`,
          `${trackerPath}:${positionOf(tracker, `${old.tag}\` (commit`)}  error  pins-agree`,
          `${trackerPath}:${positionOf(tracker, `${old.sha}\`).`)}  error  pins-agree`,
          `${planPath}:${positionOf(plan, old.tag)}  error  pins-agree`,
          `${planPath}:${positionOf(plan, old.sha)}  error  pins-agree`,
          // The producer's release handoff JSON did not move either: its active runtime baseline is reported.
          `${handoffPath}:${positionOf(handoff, `"release_tag": "${old.tag}"`, baseline)}  error  release-handoff`,
          `${handoffPath}:${positionOf(handoff, `"commit_sha": "${old.sha}"`, baseline)}  error  release-handoff`,
        ];
      },
    ],
    [
      'a release handoff whose active_runtime_baseline disagrees with the manifest',
      (repo) => {
        const text = repo.read(handoffPath);
        const edited = text.replace(/("active_runtime_baseline": \{\n\s*"release_tag": )"v0\.3\.2"/, '$1"v0.3.1"');
        repo.write(handoffPath, edited);
        return [`${handoffPath}:${lineOf(edited, '"release_tag": "v0.3.1"')}:5  error  release-handoff`];
      },
    ],
    [
      'an evidence bundle digest that does not match its file',
      (repo) => {
        repo.write('evidence/consumer-suite.txt', 'consumer suite: 212 passed\n');
        const stale = createHash('sha256').update('consumer suite: 211 passed\n').digest('hex');
        repo.write(
          'evidence/evidence-bundle.json',
          `{\n  "artifacts": [\n    { "path": "evidence/consumer-suite.txt", "sha256": "${stale}" }\n  ]\n}\n`,
        );
        return ['evidence/evidence-bundle.json:3:46  error  artifact-digests'];
      },
    ],
    [
      'a planned tag in prose without a declaration',
      (repo) => {
        repo.write(rfcPath, `${repo.read(rfcPath)}\nThe release candidate will be tagged \`v0.4.0\`.\n`);
        return [`${rfcPath}:${lineOf(repo.read(rfcPath), 'tagged `v0.4.0`')}:39  error  pins-agree`];
      },
    ],
  ];
  for (const [title, edit] of failing)
    it.concurrent(`fails: ${title}`, async () => {
      const { copy, result, expected } = await buildVariant(title.replace(/\W+/g, '-').slice(0, 40), edit);
      try {
        expect(result.code, result.output).not.toBe(0);
        expect(result.output).toMatch(/contract check failed: \d+ errors?/);
        for (const line of expected) expect(result.output).toContain(line);
        // The facts' own file is never the one reported (it shows only as `see:`, where the pin is read from).
        expect(result.output).not.toMatch(
          new RegExp(`^\\s*${manifestPath.replaceAll('.', '\\.')}:\\d+:\\d+ +(error|warning)`, 'm'),
        );
        expect(existsSync(copy.path('dist/index.html'))).toBe(false);
      } finally {
        copy.remove();
      }
    });

  it.concurrent('passes: the planned tag once the pin declares it, and the pin page shows the sources', async () => {
    const { copy, result } = await buildVariant('planned-declared', (repo) => {
      repo.write(rfcPath, `${repo.read(rfcPath)}\nThe release candidate will be tagged \`v0.4.0\`.\n`);
      repo.write(
        pinPath,
        `${repo.read(pinPath)}planned:\n  - id: release-candidate\n    reason: The service.v3 release candidate will be tagged v0.4.0.\n    release_tag: v0.4.0\n`,
      );
      return [];
    });
    try {
      expect(result.code, result.output).toBe(0);
      const runtime = copy.read('dist/runtime/index.html');
      expect(runtime).toContain(manifestPath);
      expect(runtime).toContain('/commit_sha');
    } finally {
      copy.remove();
    }
  });
});
