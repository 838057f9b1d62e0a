import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Files under `dir` that are not regular files (FIFOs, sockets, devices, links to them), as POSIX paths
 * relative to `dir`. The check skips them; a build that opened a FIFO would wait for a writer forever, so
 * the content collections leave them out with these paths.
 */
export function specialFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(current, name);
      let stat;
      try {
        stat = lstatSync(full).isSymbolicLink() ? statSync(full) : lstatSync(full);
      } catch {
        continue; // a dangling link or a file deleted meanwhile: nothing a reader could hang on
      }
      if (stat.isDirectory()) walk(full);
      else if (!stat.isFile()) found.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return found;
}

/** A content collection's glob patterns: `pattern`, minus every special file under `dir`. */
export function regularFilesPattern(dir: string, pattern: string): string[] {
  return [pattern, ...specialFilesUnder(dir).map((path) => `!${path.replace(/[*?[\]{}()!]/g, '\\$&')}`)];
}
