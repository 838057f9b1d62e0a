import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const nodeBin = join(repoRoot, 'node_modules/.bin/node');
export const payloadPath = 'content/migrations/service-v3/handoff-candidate.json';

/** A throwaway repository root holding a copy of `content/` (and, when asked, `public/schemas/`). */
export function tempRepo(options: { schemas?: boolean } = {}): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'contract-docs-generate-'));
  cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  // The runtime pin and the producer manifest read their values from the producer's manifest file.
  cpSync(join(repoRoot, 'contracts'), join(root, 'contracts'), { recursive: true });
  if (options.schemas) cpSync(join(repoRoot, 'public/schemas'), join(root, 'public/schemas'), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs one of the repository's scripts the way a user would, with a clean, explicit environment. */
export function runScript(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): SpawnSyncReturns<string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? tmpdir(),
    ...options.env,
  };
  const command = script.endsWith('.sh') ? join(repoRoot, script) : nodeBin;
  const argv = script.endsWith('.sh') ? [...args] : [join(repoRoot, script), ...args];
  return spawnSync(command, argv, { cwd: options.cwd ?? tmpdir(), env, encoding: 'utf8', timeout: 60_000 });
}

/** A deterministic shuffle (seeded LCG), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let index = out.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const pick = state % (index + 1);
    [out[index], out[pick]] = [out[pick] as T, out[index] as T];
  }
  return out;
}
