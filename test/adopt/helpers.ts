import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../helpers/content.ts';

/** The producer packages and plain Markdown the adopt tests read. */
export const fixture = (name: 'clean' | 'drifted' | 'scan') =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const made: string[] = [];

/** An empty repository root; the payload generator script the plan lists as a deliverable is copied in. */
export function tempRoot(prefix = 'contract-docs-adopt-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  made.push(root);
  mkdirSync(join(root, 'scripts'));
  copyFileSync(
    join(repoRoot, 'scripts/generate_service_v3_rehearsal_payload.sh'),
    join(root, 'scripts/generate_service_v3_rehearsal_payload.sh'),
  );
  return root;
}

/** An empty folder (an export target). */
export function tempFolder(prefix = 'contract-docs-export-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}

export function removeTemporaryFolders(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Every file under `dir` by POSIX path relative to it. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** 1-based line of the only line of a fixture file that contains `needle`. */
export function lineOf(file: string, needle: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  if (found.length !== 1) throw new Error(`expected one line with ${needle} in ${file}, found ${found.length}`);
  return found[0] ?? 0;
}

export function runCli(
  run: (argv: readonly string[], out: (text: string) => void, err: (text: string) => void) => number,
  ...argv: string[]
) {
  let stdout = '';
  let stderr = '';
  const code = run(
    argv,
    (text) => (stdout += `${text}\n`),
    (text) => (stderr += `${text}\n`),
  );
  return { code, stdout, stderr };
}
