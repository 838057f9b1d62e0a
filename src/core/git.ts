import { loadOnUse } from './load-on-use.ts';

/** Loaded when a rule first asks git: a check whose facts are all another repository's never does. */
const childProcess = loadOnUse<typeof import('node:child_process')>('node:child_process');

/**
 * Read-only access to the git repository the content lives in, for the git rules. Every call is
 * `git` with an argument array (never a shell); names from content go to `cat-file --batch-check` on
 * stdin, one per line, so no ref or sha can ever be read as an option. Work happens on first use only.
 */
export interface RepositoryGit {
  /** Whether the rules can ask git, and if not, why (one sentence). */
  status(): GitStatus;
  /**
   * The commit each object name resolves to (`refs/tags/v0.3.2^{commit}`, a full or abbreviated sha
   * followed by `^{commit}`), in one batch; undefined when git does not know it.
   */
  resolveCommits(names: readonly string[]): GitResolution;
}

/** Either git can answer (and whether the clone is shallow), or why it cannot, in words for an info line. */
export type GitStatus = { available: true; shallow: boolean } | { available: false; reason: string };
export type GitResolution = { ok: true; commits: Map<string, string | undefined> } | { ok: false; reason: string };

/** Names a batch line may hold: tags and shas as the rules build them, nothing with spaces or newlines. */
const safeName = /^[A-Za-z0-9_./^{}-]+$/;

export function openRepositoryGit(repositoryRoot: string): RepositoryGit {
  let status: GitStatus | undefined;
  const git = (args: readonly string[], input?: string) =>
    childProcess().spawnSync('git', ['-C', repositoryRoot, ...args], {
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['pipe', 'pipe', 'pipe'],
      // A repository-local config may not redirect git to a pager or an editor.
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
    });
  return {
    status() {
      if (status) return status;
      const probe = git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
      if (probe.error) {
        const code = (probe.error as NodeJS.ErrnoException).code;
        status = {
          available: false,
          reason:
            code === 'ENOENT' ? 'no git binary on PATH' : `git could not be started (${code ?? probe.error.message})`,
        };
      } else if (probe.status !== 0) {
        const detail = (probe.stderr || '').trim().split('\n')[0] ?? '';
        const none = /not a git repository/i.test(detail);
        status = {
          available: false,
          reason: none
            ? 'the repository root is not in a git repository (an unpacked archive or a scratch folder has no history to check against)'
            : `git failed: ${detail || `exit code ${probe.status}`}`,
        };
      } else {
        const [inside, shallow] = probe.stdout.trim().split('\n');
        status =
          inside === 'true'
            ? { available: true, shallow: shallow === 'true' }
            : { available: false, reason: 'the repository root is not a git work tree' };
      }
      return status;
    },
    resolveCommits(names) {
      const unique = [...new Set(names)].filter((name) => safeName.test(name));
      const commits = new Map<string, string | undefined>();
      if (!unique.length) return { ok: true, commits };
      const result = git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], `${unique.join('\n')}\n`);
      if (result.error || result.status !== 0)
        return {
          ok: false,
          reason: `git cat-file failed: ${(result.stderr || result.error?.message || `exit code ${result.status}`).trim().split('\n')[0]}`,
        };
      const lines = result.stdout.split('\n');
      unique.forEach((name, index) => {
        const [object, type] = (lines[index] ?? '').split(' ');
        commits.set(name, type === 'commit' && object && /^[0-9a-f]{40}$/.test(object) ? object : undefined);
      });
      return { ok: true, commits };
    },
  };
}
