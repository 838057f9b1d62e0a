import { describe, expect, it } from 'vitest';
import { checkFiles, positionOf, replaceOnce, shippedFiles, textOf, where, withEdit } from '../helpers/content.ts';

/** Cases of `portable-commands` beyond its documented examples: clean variants and the exact reports. */
const plan = 'content/migrations/service-v3/plan.mdx';
const consumerRun = '    run: "pnpm run test:ci"\n';

function portable(files: ReturnType<typeof shippedFiles>) {
  return checkFiles(files).filter((diagnostic) => diagnostic.ruleId === 'portable-commands');
}

const withRun = (run: string) => withEdit(shippedFiles(), plan, replaceOnce(consumerRun, `    run: '${run}'\n`));

describe('portable-commands', () => {
  it('reports nothing on the shipped plan: its five home-folder paths are declared with a reason', () => {
    const text = textOf(shippedFiles(), plan);
    expect(text.match(/machineSpecificPath:/g)).toHaveLength(5);
    expect(portable(shippedFiles())).toEqual([]);
  });

  it('leaves portable commands alone: relative paths, variables, system folders, a folder merely named home', () => {
    for (const run of [
      'pnpm --dir ../assistsupport run test:ci',
      'pnpm --dir "$ASSISTSUPPORT_ROOT" run test:ci',
      'pnpm --dir ~/assistsupport run test:ci',
      'ls /usr/share/doc /etc/home && cat docs/Users/guide.md',
      'pnpm --dir ./home/x run test:ci',
    ])
      expect(portable(withRun(run)), run).toEqual([]);
  });

  it('reports each home-folder path of a command (macOS, Linux, Windows), at the path, as a warning', () => {
    const run = 'cp /home/ci/cache/x.json C:\\Users\\sam\\out && ls /Users/d/Projects';
    const files = withRun(run);
    const diagnostics = portable(files);
    const { line, column: runColumn } = positionOf(textOf(files, plan), run);
    const column = (path: string) => runColumn + run.indexOf(path);
    expect(diagnostics.map(where)).toEqual([
      `${plan}:${line}:${column('/home/ci/cache/x.json')} portable-commands`,
      `${plan}:${line}:${column('C:\\Users\\sam\\out')} portable-commands`,
      `${plan}:${line}:${column('/Users/d/Projects')} portable-commands`,
    ]);
    expect(diagnostics.map((diagnostic) => diagnostic.actual)).toEqual([
      '/home/ci/cache/x.json',
      'C:\\Users\\sam\\out',
      '/Users/d/Projects',
    ]);
    expect(diagnostics.every((diagnostic) => !diagnostic.fatal)).toBe(true);
    expect(diagnostics[0]?.reason).toBe(
      'Unexpected machine-specific path `/home/ci/cache/x.json` in command `test-ci`, expected a repository-relative path or a variable',
    );
    expect(diagnostics[0]?.note).toBe(
      'No other machine has this folder: write it relative to the repository (e.g. `../x.json`) or as a variable each machine sets (e.g. `"$X_JSON_ROOT"`). If the command must keep this text, declare it on the command: `machineSpecificPath: { path: /home/ci/cache/x.json, reason: <why> }`.',
    );
  });

  it('a declaration covers its path and the paths under it, not another home folder in the same command', () => {
    const declared = (run: string) =>
      withEdit(
        shippedFiles(),
        plan,
        replaceOnce(
          consumerRun,
          `    run: '${run}'\n    machineSpecificPath:\n      path: /home/ci/work\n      reason: The CI image mounts the checkout there.\n`,
        ),
      );
    expect(portable(declared('pnpm --dir /home/ci/work run test:ci'))).toEqual([]);
    expect(portable(declared('pnpm --dir /home/ci/work/assistsupport run test:ci'))).toEqual([]);
    const other = portable(declared('pnpm --dir /home/ci/work run test:ci && cp x /home/ci/workspace'));
    expect(other.map((diagnostic) => diagnostic.actual)).toEqual(['/home/ci/workspace']);
  });

  it('a declaration of a reason on several lines is a schema error: the export writes it as one comment line', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce(
        consumerRun,
        `${consumerRun}    machineSpecificPath:\n      path: /home/ci/work\n      reason: "first line\\nsecond line"\n`,
      ),
    );
    const schema = checkFiles(files).filter((diagnostic) => diagnostic.ruleId === 'schema');
    expect(schema.map((diagnostic) => diagnostic.reason)).toEqual([
      'Unexpected `first line\nsecond line` at `commands[10].machineSpecificPath.reason`, expected one non-empty line',
    ]);
  });
});
