import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Corpus, LoadProblem, SourceFile } from './corpus.ts';
import { loadCorpusFromFiles } from './load.ts';
import { decodeSource } from './parse/source.ts';

const contentFile = /\.(md|mdx|ya?ml|json)$/;

/** Reads every content file under `root/contentDir`, in a stable order, without following symlinks out of it. */
export function readContentFiles(
  root: string,
  contentDir = 'content',
): { files: SourceFile[]; problems: LoadProblem[] } {
  const files: SourceFile[] = [];
  const problems: LoadProblem[] = [];
  const base = join(root, contentDir);
  if (!existsSync(base)) {
    problems.push({
      stage: 'syntax',
      file: contentDir,
      place: { start: { line: 1, column: 1 } },
      reason: `Missing content folder \`${contentDir}\`, expected the folder that holds the documents`,
      hint: `Run the check from the repository root, or pass --root.`,
    });
    return { files, problems };
  }
  const realBase = realpathSync(base);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const path = relative(root, full).split(sep).join('/');
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) {
        const target = realpathOrUndefined(full);
        if (!target || !(target === realBase || target.startsWith(realBase + sep))) {
          problems.push({
            stage: 'syntax',
            file: path,
            place: { start: { line: 1, column: 1 } },
            reason: 'Unexpected symlink pointing outside the content folder, expected content to live inside it',
            hint: 'Copy the file into the content folder instead of linking to it.',
          });
          continue;
        }
      }
      if (stat.isDirectory() || (stat.isSymbolicLink() && lstatSafeIsDir(full))) walk(full);
      else if (contentFile.test(name)) {
        const decoded = decodeSource(readFileSync(full));
        if (decoded.ok) files.push({ path, text: decoded.text });
        else
          problems.push({
            stage: 'syntax',
            file: path,
            place: { start: { line: 1, column: 1 } },
            reason: decoded.reason,
            hint: 'Remove the file or replace it with a text file.',
          });
      }
    }
  };
  walk(base);
  return { files, problems };
}

/** Reads and loads the content of a repository. The only I/O of the checker lives here. */
export function loadCorpus(root: string, contentDir = 'content'): Corpus {
  const { files, problems } = readContentFiles(root, contentDir);
  const corpus = loadCorpusFromFiles(files, { contentDir, exists: (path) => existsSync(join(root, path)) });
  corpus.loadProblems.unshift(...problems);
  return corpus;
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function lstatSafeIsDir(path: string): boolean {
  try {
    return readdirSync(path) !== undefined;
  } catch {
    return false;
  }
}
