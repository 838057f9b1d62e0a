import { execFileSync } from 'node:child_process';
import type { SourceFile } from '../corpus.ts';
import { decodeSource } from '../parse/source.ts';
import type { ReadRepositoryFile } from '../sources.ts';

/** Thrown when git cannot give us the files at a ref; the CLI turns it into exit code 2. */
export class GitReadError extends Error {}

/**
 * The content files at a git ref, read from the object database: the working tree is never touched,
 * so a reviewer's uncommitted edits are safe and the ref may be anything `git rev-parse` accepts.
 */
export function readFilesAtRef(root: string, ref: string, contentDir = 'content'): SourceFile[] {
  const git = (args: string[], input?: string) => {
    try {
      return execFileSync('git', ['-C', root, ...args], {
        input,
        maxBuffer: 1 << 30,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
      throw new GitReadError(stderr.split('\n')[0] || (error as Error).message);
    }
  };
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
    .toString()
    .trim();
  const names = git(['ls-tree', '-r', '-z', '--name-only', commit, '--', `${contentDir}/`])
    .toString()
    .split('\0')
    .filter((name) => /\.(md|mdx|ya?ml|json)$/.test(name));
  if (!names.length) return [];
  // One `cat-file --batch` for all blobs instead of a process per file. `<commit>:./<path>` is relative
  // to `root`, like ls-tree's output, so a project in a subfolder of its repository works too.
  // NUL-separated (`-z`): a committed file name may hold a newline, which would split one request in two
  // and shift every blob after it onto the wrong name.
  const output = git(['cat-file', '--batch', '-z'], names.map((name) => `${commit}:./${name}`).join('\0') + '\0');
  const files: SourceFile[] = [];
  let offset = 0;
  for (const name of names) {
    const headerEnd = output.indexOf(10, offset);
    const header = output.subarray(offset, headerEnd).toString();
    const size = Number(header.split(' ')[2]);
    const body = output.subarray(headerEnd + 1, headerEnd + 1 + size);
    offset = headerEnd + 1 + size + 1;
    const decoded = decodeSource(body);
    if (decoded.ok) files.push({ path: name, text: decoded.text });
  }
  return files;
}

/**
 * Reads repository files (`source:` declarations) as they were at a ref. Paths are repository-relative,
 * as `<commit>:<path>` reads them; the path follows a colon inside one argument, so it is never an option.
 */
export function gitRefReader(root: string, ref: string): ReadRepositoryFile {
  let commit: string | undefined;
  return (path) => {
    try {
      commit ??= execFileSync('git', ['-C', root, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
        .toString()
        .trim();
      const bytes = execFileSync('git', ['-C', root, 'cat-file', 'blob', `${commit}:${path}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 1 << 26,
      });
      const decoded = decodeSource(bytes);
      return decoded.ok
        ? { ok: true, text: decoded.text }
        : { ok: false, reason: decoded.reason, hint: 'Name a text file.' };
    } catch {
      return {
        ok: false,
        reason: `Missing file at \`${ref}\`, expected ${path} in that commit`,
        hint: 'The file did not exist at that ref.',
      };
    }
  };
}
