import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { checkProject } from '../../src/core/check.ts';
import { withGeneratedPayloads } from '../../src/core/generate/files.ts';
import { readContentFiles, repositoryReaderFor } from '../../src/core/read.ts';
import { positionOf, repoRoot } from '../helpers/content.ts';
import { copyCheckInputs, makeTaggedRepo, manifestPath, type TaggedRepo } from '../helpers/tagged-repo.ts';

const pinPath = 'content/runtime/pin.yaml';
const rfcPath = 'content/migrations/service-v3/rfc.mdx';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshRepo(): TaggedRepo {
  const dir = mkdtempSync(join(tmpdir(), 'contract-docs-git-'));
  dirs.push(dir);
  copyCheckInputs(repoRoot, dir);
  return makeTaggedRepo(dir);
}

/**
 * `file:line:column rule reason` of every report of `contract-docs check` (what `pnpm check` runs), after
 * `pnpm generate` as an author would run it; the exit code must say whether there is an error.
 */
function reports(repo: TaggedRepo): string[] {
  repo.regenerate();
  let out = '';
  const code = run(
    ['check', '--root', repo.dir, '--format', 'json'],
    (text) => (out += text),
    () => undefined,
  );
  const found = JSON.parse(out) as {
    file: string;
    line: number;
    column: number;
    ruleId: string;
    message: string;
    severity: string;
  }[];
  expect(code).toBe(found.some((d) => d.severity === 'error') ? 1 : 0);
  return found.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}

const snapshot = (lines: string) =>
  `snapshots:\n  - id: previous-release\n    reason: historical\n    note: The build before.\n${lines}`;

describe('git rules on a repository with two tagged releases', () => {
  let repo: TaggedRepo;
  beforeEach(() => {
    repo ??= freshRepo();
    repo.git('checkout', '-q', '--', '.');
    repo.git('clean', '-qfd');
  });

  it('is clean when the docs state the real tag and commit', () => {
    expect(reports(repo)).toEqual([]);
  });

  it('tag-commit: a tag paired with another tag’s commit', () => {
    repo.replaceOnce(
      pinPath,
      'snapshots: []',
      snapshot(`    release_tag: v0.3.1\n    commit_sha: ${repo.tags['v0.3.2']}`),
    );
    const line = positionOf(repo.read(pinPath), '    commit_sha: ').line;
    expect(reports(repo)).toEqual([
      `${pinPath}:${line}:5 tag-commit Unexpected commit \`${repo.tags['v0.3.2']}\` for tag \`v0.3.1\`, expected \`${repo.tags['v0.3.1']}\`, the commit \`v0.3.1^{commit}\` resolves to in this repository`,
    ]);
  });

  it('tag-commit: a tag and a sha in one sentence of prose are a pair', () => {
    repo.replaceOnce(
      pinPath,
      'snapshots: []',
      snapshot(`    release_tag: v0.3.1\n    commit_sha: ${repo.tags['v0.3.1']}`),
    );
    repo.write(
      rfcPath,
      `${repo.read(rfcPath)}\nThe build before was \`v0.3.1\` at commit \`${repo.tags['v0.3.2']}\`.\n`,
    );
    const text = repo.read(rfcPath);
    const at = positionOf(text, `${repo.tags['v0.3.2']}\`.`);
    expect(reports(repo).filter((line) => line.includes('tag-commit'))).toEqual([
      `${rfcPath}:${at.line}:${at.column} tag-commit Unexpected commit \`${repo.tags['v0.3.2']}\` for tag \`v0.3.1\`, expected \`${repo.tags['v0.3.1']}\`, the commit \`v0.3.1^{commit}\` resolves to in this repository`,
    ]);
  });

  it('commit-exists: a sha that is no commit of the repository; `repo:` exempts it', () => {
    repo.replaceOnce(pinPath, 'snapshots: []', snapshot('    commit_sha: 0123456789abcdef0123456789abcdef01234567'));
    const line = positionOf(repo.read(pinPath), '    commit_sha: ').line;
    expect(reports(repo)).toEqual([
      `${pinPath}:${line}:5 commit-exists Unexpected commit \`0123456789abcdef0123456789abcdef01234567\` that this repository does not have, expected a commit of its history`,
    ]);
    repo.replaceOnce(pinPath, '    commit_sha: 0123', '    repo: OtherService\n    commit_sha: 0123');
    expect(reports(repo)).toEqual([]);
  });

  it('an unknown tag is a warning, unless declared as planned', () => {
    repo.replaceOnce(
      pinPath,
      'snapshots: []',
      snapshot(`    release_tag: v0.4.0\n    commit_sha: ${repo.tags['v0.3.2']}`),
    );
    expect(reports(repo)).toEqual([
      expect.stringMatching(
        /tag-commit Unexpected tag `v0\.4\.0` that this repository does not have, expected an existing tag/,
      ),
    ]);
    expect(checkProject(repo.dir).diagnostics.map((d) => d.fatal)).toEqual([false]);
    repo.write(
      pinPath,
      repo
        .read(pinPath)
        .replace(
          /\n*$/,
          '\nplanned:\n  - id: release-candidate\n    reason: The candidate will be tagged v0.4.0.\n    release_tag: v0.4.0\n',
        ),
    );
    expect(reports(repo)).toEqual([]);
  });

  it('planned values: a future tag in prose fails undeclared and passes declared', () => {
    repo.write(rfcPath, `${repo.read(rfcPath)}\nThe release candidate will be tagged \`v0.4.0\`.\n`);
    const at = positionOf(repo.read(rfcPath), 'v0.4.0');
    expect(reports(repo)).toEqual([
      expect.stringContaining(
        `${rfcPath}:${at.line}:${at.column} pins-agree Unexpected release tag \`v0.4.0\`, expected a declared value`,
      ),
    ]);
    repo.write(
      pinPath,
      `${repo.read(pinPath)}planned:\n  - id: release-candidate\n    reason: The service.v3 release candidate will be tagged v0.4.0.\n    release_tag: v0.4.0\n`,
    );
    expect(reports(repo)).toEqual([]);
  });

  it('the manifest moved to the next release: the prose, tracker and RFC lines that state the old pin are reported, the manifest is not', () => {
    const old = { tag: 'v0.3.2', sha: repo.tags['v0.3.2']! };
    const trackerPath = 'content/migrations/service-v3/tracker.mdx';
    // The tracker states the pin too (the shipped one does not): clean while it is the live pin.
    repo.write(
      trackerPath,
      `${repo.read(trackerPath)}\nEvery task above ran against \`${old.tag}\` (commit \`${old.sha}\`).\n`,
    );
    expect(reports(repo)).toEqual([]);
    repo.write('CHANGELOG.md', '# Changes\n\n- v0.3.3\n');
    const next = repo.release('v0.3.3');
    repo.write(
      manifestPath,
      repo.read(manifestPath).replace('"release_tag": "v0.3.2"', '"release_tag": "v0.3.3"').replace(old.sha, next),
    );
    const found = reports(repo);
    // Exactly the lines that state the old tag or commit, each once per value, by pins-agree; nothing else.
    const stating = ['plan.mdx', 'tracker.mdx', 'rfc.mdx', 'gates.mdx'].flatMap((name) => {
      const file = `content/migrations/service-v3/${name}`;
      return repo
        .read(file)
        .split('\n')
        .flatMap((text, index) =>
          [old.tag, old.sha].filter((value) => text.includes(value)).map(() => `${file}:${index + 1} pins-agree`),
        );
    });
    expect(stating.filter((line) => line.startsWith(trackerPath))).toHaveLength(2);
    expect(stating.filter((line) => line.startsWith(rfcPath)).length).toBeGreaterThanOrEqual(4);
    // The producer's release handoff JSON was not moved either: its active runtime baseline is reported at its lines.
    const handoffPath = 'contracts/integration/v1/release-handoff.json';
    const handoff = repo.read(handoffPath);
    const baseline = [
      `${handoffPath}:${positionOf(handoff, `"release_tag": "${old.tag}"`, 2).line} release-handoff`,
      `${handoffPath}:${positionOf(handoff, `"commit_sha": "${old.sha}"`, 2).line} release-handoff`,
    ];
    expect(found.map((line) => line.replace(/^([^:]+:\d+):\d+ (\S+) .*$/, '$1 $2')).sort()).toEqual(
      [...stating, ...baseline].sort(),
    );
    const rfc = repo.read(rfcPath);
    expect(found).toContain(
      `${rfcPath}:${positionOf(rfc, 'release_tag: v0.3.2').line}:3 pins-agree Unexpected \`release_tag\` \`v0.3.2\`, expected the live pin's \`v0.3.3\``,
    );
  });
});

describe('git rules in a shallow clone', () => {
  it('say “cannot verify: shallow clone” once, and report no missing commit or tag', () => {
    const repo = freshRepo();
    // Two releases stated: the live pin (v0.3.2) and a snapshot of the one before (v0.3.1), each with its commit.
    repo.replaceOnce(
      pinPath,
      'snapshots: []',
      snapshot(`    release_tag: v0.3.1\n    commit_sha: ${repo.tags['v0.3.1']}`),
    );
    repo.regenerate();
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'snapshot of v0.3.1');
    expect(checkProject(repo.dir).diagnostics).toEqual([]);

    const clone = mkdtempSync(join(tmpdir(), 'contract-docs-shallow-'));
    dirs.push(clone);
    // file:// makes git honour --depth for a local repository; only the last commit (no tagged one) comes.
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    expect(execFileSync('git', ['-C', clone, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' })).toBe(
      'true\n',
    );
    expect(execFileSync('git', ['-C', clone, 'tag'], { encoding: 'utf8' })).toBe('');
    const found = checkProject(clone).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.fatal} ${d.reason}`);
    expect(found).toEqual([
      expect.stringMatching(
        /^content\/\S+:\d+ commit-exists undefined Cannot verify: shallow clone; 2 commits and 2 tags are not in the fetched history, expected the full history to tell a wrong sha or tag from a cut-off one$/,
      ),
    ]);

    // The same history in full: everything resolves, nothing is said.
    const full = mkdtempSync(join(tmpdir(), 'contract-docs-full-'));
    dirs.push(full);
    execFileSync('git', ['clone', '-q', `file://${repo.dir}`, full]);
    expect(checkProject(full).diagnostics).toEqual([]);
  });
});

describe('git rules without git', () => {
  /** The shipped content as a producer's own docs (no `repo:` on the pin), copied into `dir`. */
  function producerDocs(dir: string) {
    copyCheckInputs(repoRoot, dir);
    const pin = join(dir, pinPath);
    writeFileSync(pin, readFileSync(pin, 'utf8').replace(/^#[^\n]*\nrepo: MemoryKernel\n/m, ''));
    // The payload records the pin file's digest: regenerate it, as an author would after the edit.
    const files = readContentFiles(dir).files;
    for (const file of withGeneratedPayloads(files, { readRepositoryFile: repositoryReaderFor(dir) }))
      if (files.find((before) => before.path === file.path)?.text !== file.text)
        writeFileSync(join(dir, file.path), file.text);
  }
  const skipLine =
    /^tag-commit undefined Skipped the git rules \(tag-commit, commit-exists\): (.+), so (\d+) tag\/commit pairs? and (\d+) commits? were not verified$/;
  const infoLines = (dir: string) =>
    checkProject(dir)
      .diagnostics.filter((d) => d.fatal === undefined)
      .map((d) => `${d.ruleId} ${d.fatal} ${d.reason}`);

  it('say once, as an info line with the reason, that they were skipped outside a repository; in one, nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-docs-nogit-'));
    dirs.push(dir);
    producerDocs(dir);
    const result = checkProject(dir);
    // The producer's values are no longer exempt, but there is no history to check them against.
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.fatal} ${d.reason}`)).toEqual([
      expect.stringMatching(
        /^content\/\S+:\d+ tag-commit undefined Skipped the git rules \(tag-commit, commit-exists\): the repository root is not in a git repository \(an unpacked archive or a scratch folder has no history to check against\), so [1-9]\d* tag\/commit pairs? and [1-9]\d* commits? were not verified$/,
      ),
    ]);
    // Not a problem of the content: the exit code and the summary stay those of a clean check.
    expect(
      run(
        ['check', '--root', dir],
        () => undefined,
        () => undefined,
      ),
    ).toBe(0);
    // The same docs in a repository that has their tag and commit: the rules run, and say nothing.
    const repo = makeTaggedRepo(dir);
    expect(repo.tags['v0.3.2']).toMatch(/^[0-9a-f]{40}$/);
    expect(checkProject(dir).diagnostics).toEqual([]);
  });

  it('say once, as an info line, when git cannot be run in a repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-docs-nobin-'));
    dirs.push(dir);
    producerDocs(dir);
    // A repository, but no git binary on PATH.
    mkdirSync(join(dir, '.git'));
    const path = process.env['PATH'];
    process.env['PATH'] = join(dir, 'no-bin');
    try {
      const lines = infoLines(dir);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(skipLine);
      expect(skipLine.exec(lines[0] ?? '')?.[1]).toBe('no git binary on PATH');
    } finally {
      process.env['PATH'] = path;
    }
  });
});

describe('producer files in the tagged repository', () => {
  let repo: TaggedRepo;
  beforeEach(() => {
    repo ??= freshRepo();
    repo.git('checkout', '-q', '--', '.');
    repo.git('clean', '-qfd');
  });

  it('release-handoff: an active_runtime_baseline that disagrees with the manifest is reported at its key', () => {
    const handoff = 'contracts/integration/v1/release-handoff.json';
    const text = repo.read(handoff);
    const edited = text.replace(/("active_runtime_baseline": \{\n\s*"release_tag": )"v0\.3\.2"/, '$1"v0.3.1"');
    repo.write(handoff, edited);
    const line = edited.split('\n').findIndex((row) => row.includes('"release_tag": "v0.3.1"')) + 1;
    expect(reports(repo)).toEqual([
      `${handoff}:${line}:5 release-handoff Unexpected \`active_runtime_baseline.release_tag\` \`v0.3.1\` in the release handoff, expected \`v0.3.2\` as the live pin (content/runtime/pin.yaml) states`,
      `${handoff}:${line + 1}:5 tag-commit Unexpected commit \`${repo.tags['v0.3.2']}\` for tag \`v0.3.1\`, expected \`${repo.tags['v0.3.1']}\`, the commit \`v0.3.1^{commit}\` resolves to in this repository`,
    ]);
  });

  it('artifact-digests: an evidence bundle whose digest does not match its file', () => {
    repo.write('evidence/consumer-suite.txt', 'consumer suite: 212 passed\n');
    const good = createHash('sha256').update('consumer suite: 212 passed\n').digest('hex');
    const stale = createHash('sha256').update('consumer suite: 211 passed\n').digest('hex');
    const bundle = (digest: string) =>
      `{\n  "artifacts": [\n    { "path": "evidence/consumer-suite.txt", "sha256": "${digest}" }\n  ]\n}\n`;
    repo.write('evidence/evidence-bundle.json', bundle(good));
    expect(reports(repo)).toEqual([]);
    repo.write('evidence/evidence-bundle.json', bundle(stale));
    expect(reports(repo)).toEqual([
      `evidence/evidence-bundle.json:3:46 artifact-digests Unexpected sha256 \`${stale}\` of \`evidence/consumer-suite.txt\`, expected \`${good}\`, the digest of the file’s bytes`,
    ]);
  });
});
