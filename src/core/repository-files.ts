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
 * Only the folders a pattern can match under are walked: a pattern that starts with `contracts/` reads
 * `contracts/` and below, not the whole repository (one that starts with a wildcard still walks it all).
 */
export function findRepositoryFiles(root: string, patterns: readonly string[]): string[] {
  if (!patterns.length) return [];
  const matchers = patterns.map(globToRegExp);
  const found: string[] = [];
  const entriesOf = (relative: string) => {
    try {
      return readdirSync(join(root, relative), { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const entered = (name: string) => !name.startsWith('.') && !skippedFolders.has(name);
  const walk = (relative: string) => {
    for (const entry of entriesOf(relative)) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entered(entry.name)) walk(path);
      } else if (entry.isFile() && matchers.some((matcher) => matcher.test(path))) found.push(path);
    }
  };
  for (const base of walkBases(patterns)) {
    // The walk from the top would reach `base` only through folders it enters, each listed under its
    // exact name (a case-insensitive file system must not make `Contracts/` match `contracts/`).
    const segments = base ? base.split('/') : [];
    const reachable = segments.every(
      (name, index) =>
        entered(name) &&
        entriesOf(segments.slice(0, index).join('/')).some((entry) => entry.name === name && entry.isDirectory()),
    );
    if (reachable) walk(base);
  }
  return found.sort();
}

/**
 * The folders to walk for `patterns`: each pattern's leading folders up to its first wildcard, with folders
 * inside another base left out (they are walked as part of it). A pattern with an empty folder name
 * (`a//b`, `/abs`) cannot match a walked path and adds none.
 */
function walkBases(patterns: readonly string[]): string[] {
  const bases = new Set<string>();
  for (const pattern of patterns) {
    const folders = pattern.split('/').slice(0, -1);
    const literal: string[] = [];
    for (const name of folders) {
      if (/[*?]/.test(name)) break;
      literal.push(name);
    }
    if (literal.some((name) => name === '')) continue;
    bases.add(literal.join('/'));
  }
  const sorted = [...bases].sort();
  return sorted.filter(
    (base) => !sorted.some((other) => other !== base && (other === '' || base.startsWith(`${other}/`))),
  );
}
