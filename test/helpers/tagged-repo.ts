import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { withGeneratedPayloads } from '../../src/core/generate/files.ts';
import { readContentFiles, repositoryReaderFor } from '../../src/core/read.ts';

/**
 * A git repository holding the shipped content as a producer's own docs would: two tagged releases
 * (`v0.3.1`, `v0.3.2`), the producer's manifest pointing at `v0.3.2` and its real commit, and every
 * restatement of the pin rewritten to that commit. The pin has no `repo:`, so the git rules check it.
 */
export interface TaggedRepo {
  dir: string;
  /** Commit of each tag. */
  tags: Record<string, string>;
  git(...args: string[]): string;
  read(path: string): string;
  write(path: string, text: string): void;
  /** Replaces exactly one occurrence; throws when there is none or several, so a drifted fixture fails loudly. */
  replaceOnce(path: string, from: string, to: string): void;
  /** Commits everything and tags it; returns the commit. */
  release(tag: string): string;
  /** Rewrites the generated payload from the content as it is now, as `pnpm generate` would. */
  regenerate(): void;
}

export const shippedCommit = 'cf331449e1589581a5dcbb3adecd3e9ae4509277';
export const manifestPath = 'contracts/integration/v1/producer-contract-manifest.json';

/** Makes `dir` (which holds a copy of the project, or at least content/, contracts/ and scripts/) a tagged repository. */
export function makeTaggedRepo(dir: string): TaggedRepo {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_COMMITTER_DATE: '2026-02-08T00:00:00Z', GIT_AUTHOR_DATE: '2026-02-08T00:00:00Z' },
    }).trim();
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const tags: Record<string, string> = {};
  const repo: TaggedRepo = {
    dir,
    tags,
    git,
    read,
    write,
    replaceOnce(path, from, to) {
      const text = read(path);
      const count = text.split(from).length - 1;
      if (count !== 1) throw new Error(`expected one ${from} in ${path}, found ${count}`);
      write(
        path,
        text.replace(from, () => to),
      );
    },
    release(tag) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', `release ${tag}`);
      git('tag', tag);
      tags[tag] = git('rev-parse', `${tag}^{commit}`);
      return tags[tag];
    },
    regenerate() {
      const files = readContentFiles(dir).files;
      for (const file of withGeneratedPayloads(files, { readRepositoryFile: repositoryReaderFor(dir) }))
        if (file.path.endsWith('.json') && files.find((f) => f.path === file.path)?.text !== file.text)
          write(file.path, file.text);
    },
  };
  git('init', '-q', '-b', 'main');
  // A project copy links its packages; they are not part of the producer's history.
  write('.gitignore', 'node_modules/\ndist/\n.astro/\n');
  repo.release('v0.3.1');
  write('CHANGELOG.md', '# Changes\n\n- v0.3.2\n');
  const commit = repo.release('v0.3.2');
  // The producer's docs state their own release: the real commit of v0.3.2, and no `repo:` exemption.
  for (const path of [...listFiles(dir, 'content'), ...listFiles(dir, 'contracts')]) {
    const text = read(path);
    if (text.includes(shippedCommit)) write(path, text.replaceAll(shippedCommit, commit));
  }
  write(
    'content/runtime/pin.yaml',
    read('content/runtime/pin.yaml').replace(/^#[^\n]*\nrepo: MemoryKernel\n/m, () => ''),
  );
  repo.regenerate();
  git('add', '-A');
  git('commit', '-q', '-m', 'docs for v0.3.2');
  return repo;
}

/** Copies what the checker needs from the repository into `dir`. */
export function copyCheckInputs(from: string, dir: string): void {
  for (const path of ['content', 'contracts', 'scripts/generate_service_v3_rehearsal_payload.sh'])
    cpSync(join(from, path), join(dir, path), { recursive: true });
}

function listFiles(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(join(root, path))) {
      const child = `${path}/${name}`;
      if (statSync(join(root, child)).isDirectory()) walk(child);
      else out.push(relative(root, join(root, child)).split('\\').join('/'));
    }
  };
  walk(folder);
  return out;
}
