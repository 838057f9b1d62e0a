import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';

/** pnpm's own commands, which need no script in package.json. */
const pnpmBuiltins = new Set(['install', 'i', 'add', 'exec', 'dlx', 'run']);
const scripts = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const dir = join(repoRoot, '.github/workflows');
const workflows = readdirSync(dir).filter((name) => name.endsWith('.yml'));

interface Step {
  run?: string;
  uses?: string;
}

describe('GitHub workflows', () => {
  it('exist for pull requests and for main', () => {
    expect(workflows.sort()).toEqual(['main.yml', 'pull-request.yml']);
  });

  for (const name of workflows) {
    it(`${name} only runs pnpm commands that package.json defines`, () => {
      const workflow = parse(readFileSync(join(dir, name), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
      const commands = Object.values(workflow.jobs)
        .flatMap((job) => job.steps)
        .flatMap((step) => (step.run ?? '').split('\n'))
        .flatMap((line) => [...line.matchAll(/(?:^|[;&|]\s*)pnpm\s+([a-z][\w:-]*)/g)].map((match) => match[1] ?? ''));
      expect(commands.length).toBeGreaterThan(3);
      const unknown = commands.filter((command) => !pnpmBuiltins.has(command) && !(command in scripts));
      expect(unknown).toEqual([]);
    });
  }

  it('the pull request workflow checks with annotations, tests, builds a /pr-<n>/ preview and posts the diff', () => {
    const text = readFileSync(join(dir, 'pull-request.yml'), 'utf8');
    expect(text).toContain('pnpm check --format github');
    expect(text).toContain('pnpm test\n');
    expect(text).toContain('pnpm test:e2e');
    expect(text).toContain('PREVIEW_BASE: /pr-${{ github.event.number }}/');
    expect(text).toContain('actions/upload-artifact');
    expect(text).toMatch(/pnpm contract-diff .*> contract-diff\.md/);
    expect(text).toContain('--body-file contract-diff.md');
  });
});
