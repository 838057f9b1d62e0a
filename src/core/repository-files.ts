import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders never searched for release handoff or evidence files: dependencies, build output, VCS data. */
const skippedFolders = new Set(['node_modules', 'dist', 'build', 'coverage']);

/**
 * A repository-relative glob as a regular expression: `**` any folders (or none), `*` any characters but
 * `/`, `?` one such character. Enough for the config's patterns, without an experimental API or a package.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (glob.startsWith('**/', index)) {
      source += '(?:[^/]+/)*';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Repository-relative paths of the files matching any of `patterns`, in code-unit order. Dot folders
 * (`.git`, `.astro`) and dependency or build folders are not entered; symlinks are not followed.
 */
export function findRepositoryFiles(root: string, patterns: readonly string[]): string[] {
  if (!patterns.length) return [];
  const matchers = patterns.map(globToRegExp);
  const found: string[] = [];
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !skippedFolders.has(entry.name)) walk(path);
      } else if (entry.isFile() && matchers.some((matcher) => matcher.test(path))) found.push(path);
    }
  };
  walk('');
  return found.sort();
}
