import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { projectConfigFileName, projectConfigSchema, type ProjectConfig } from '../schemas/index.ts';
import type { LoadProblem } from './corpus.ts';
import { parseJson } from './parse/json.ts';
import { parseWithSchema } from './parse/schema.ts';
import { loadOnUse } from './load-on-use.ts';

/** Only a project whose config names no repository root asks git (see `load-on-use.ts`). */
const childProcess = loadOnUse<typeof import('node:child_process')>('node:child_process');

/** Where the project sits: its own root (holding `content/`), the repository root, and its config. */
export interface ProjectLayout {
  /** Absolute path of the project root. */
  root: string;
  /** Absolute path of the repository root that source, handoff and evidence paths are relative to. */
  repositoryRoot: string;
  /** Where `repositoryRoot` came from, for the pin page and messages. */
  repositoryRootFrom: 'config' | 'git' | 'project';
  config: ProjectConfig;
  problems: LoadProblem[];
}

/**
 * Reads `contract-docs.config.json` (optional) and settles the repository root: the config's
 * `repositoryRoot`, else the git top level of the project, else the project root itself.
 */
export function resolveProjectLayout(root: string): ProjectLayout {
  const absolute = resolve(root);
  const problems: LoadProblem[] = [];
  let config: ProjectConfig = {};
  let text: string | undefined;
  try {
    text = readFileSync(join(absolute, projectConfigFileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      problems.push({
        stage: 'syntax',
        file: projectConfigFileName,
        place: { start: { line: 1, column: 1 } },
        reason: `Unexpected unreadable config (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        hint: 'Make contract-docs.config.json a readable JSON file, or remove it to use the defaults.',
      });
  }
  if (text !== undefined) {
    const parsed = parseJson(text.replace(/^\uFEFF/, ''));
    for (const error of parsed.errors)
      problems.push({ stage: 'syntax', file: projectConfigFileName, ...error, hint: 'Fix the JSON syntax.' });
    if (!parsed.errors.length) {
      const result = parseWithSchema(projectConfigSchema, parsed.data, parsed.locate, 'project config');
      if (result.ok) config = result.data;
      else
        for (const { path: _path, ...problem } of result.problems)
          problems.push({ stage: 'schema', file: projectConfigFileName, ...problem });
    }
  }
  if (config.repositoryRoot !== undefined) {
    const repositoryRoot = isAbsolute(config.repositoryRoot)
      ? config.repositoryRoot
      : resolve(absolute, config.repositoryRoot);
    return { root: absolute, repositoryRoot, repositoryRootFrom: 'config', config, problems };
  }
  const top = gitTopLevel(absolute);
  return top
    ? { root: absolute, repositoryRoot: top, repositoryRootFrom: 'git', config, problems }
    : { root: absolute, repositoryRoot: absolute, repositoryRootFrom: 'project', config, problems };
}

/** `git rev-parse --show-toplevel`, or undefined outside a repository or without a git binary. */
function gitTopLevel(dir: string): string | undefined {
  try {
    const out = childProcess()
      .execFileSync('git', ['rev-parse', '--show-toplevel'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'ignore'],
        encoding: 'utf8',
      })
      .trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}
