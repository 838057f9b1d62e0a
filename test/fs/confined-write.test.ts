import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  renameSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExport, runImport } from '../../src/core/adopt/run.ts';
import { runAdoptCommand } from '../../src/cli/adopt.ts';
import {
  confinedPath,
  ConfinedWriteError,
  removeStaleTemporaries,
  writeConfined,
} from '../../src/core/fs/confined-write.ts';
import { repoRoot } from '../helpers/content.ts';
import { fixture } from '../adopt/helpers.ts';

const sandboxes: string[] = [];
afterAll(() => {
  for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
});

/** A sandbox folder holding `root/` (the target) and nothing else: anything written outside `root` shows up. */
function sandbox(): { box: string; root: string } {
  const box = mkdtempSync(join(tmpdir(), 'contract-docs-confined-'));
  sandboxes.push(box);
  const root = join(box, 'root');
  mkdirSync(join(root, 'scripts'), { recursive: true });
  cpSync(
    join(repoRoot, 'scripts/generate_service_v3_rehearsal_payload.sh'),
    join(root, 'scripts/generate_service_v3_rehearsal_payload.sh'),
  );
  return { box, root };
}

/** Every file under `dir`, relative. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/**
 * A copy of the clean producer package with one edit of its handoff JSON. `unversionedNames` drops the
 * `SERVICE_V3_` prefix from every file name, so the migration id is not taken from the names but from
 * the handoff JSON's `candidate.migration`.
 */
function producerWith(edit: (handoff: Record<string, unknown>) => void, unversionedNames = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'contract-docs-producer-'));
  sandboxes.push(dir);
  cpSync(fixture('clean'), dir, { recursive: true });
  const docs = join(dir, 'docs/implementation');
  const file = join(docs, 'SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE.json');
  const handoff = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(handoff);
  writeFileSync(file, `${JSON.stringify(handoff, null, 2)}\n`);
  if (unversionedNames)
    for (const name of readdirSync(docs)) renameSync(join(docs, name), join(docs, name.replace(/^SERVICE_V3_/, '')));
  return dir;
}

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
};

describe('confinedPath', () => {
  const { root } = sandbox();

  it('accepts a path inside the folder', () => {
    expect(confinedPath(root, 'content/runtime/pin.yaml')).toBe(join(root, 'content/runtime/pin.yaml'));
  });

  it.each([
    ['../x', 'it resolves outside'],
    ['content/../../x', 'it resolves outside'],
    ['/etc/passwd', 'an absolute path'],
    ['a\0b', 'not a file name'],
    ['', 'not a file name'],
  ])('refuses %j, naming where it came from', (path, reason) => {
    expect(() => confinedPath(root, path, 'plan.mdx:15:5 producerPath')).toThrow(ConfinedWriteError);
    expect(() => confinedPath(root, path, 'plan.mdx:15:5 producerPath')).toThrow(
      new RegExp(`\\(from plan\\.mdx:15:5 producerPath\\): ${reason}`),
    );
  });

  it('refuses a path that a symbolic link of an existing parent leads outside, and a file that is a link', () => {
    const { box, root: linked } = sandbox();
    mkdirSync(join(box, 'elsewhere'));
    mkdirSync(join(linked, 'content'));
    symlinkSync(join(box, 'elsewhere'), join(linked, 'content/runtime'));
    expect(() => writeConfined(linked, [{ path: 'content/runtime/pin.yaml', text: 'x' }])).toThrow(
      /a symbolic link leads it outside/,
    );
    expect(() => writeConfined(linked, [{ path: 'content/runtime/new/deeper.yaml', text: 'x' }])).toThrow(
      /a symbolic link leads it outside/,
    );
    symlinkSync(join(box, 'elsewhere/target.txt'), join(linked, 'content/link.yaml'));
    expect(() => writeConfined(linked, [{ path: 'content/link.yaml', text: 'x' }])).toThrow(/is a symbolic link/);
    expect(readdirSync(join(box, 'elsewhere'))).toEqual([]);
  });

  it('writes nothing of a batch when one path is refused', () => {
    const { root: batch } = sandbox();
    expect(() =>
      writeConfined(batch, [
        { path: 'content/a.yaml', text: 'a' },
        { path: '../b.yaml', text: 'b', origin: 'x.json: envelopePolicies key' },
      ]),
    ).toThrow('refused to write "../b.yaml" (from x.json: envelopePolicies key)');
    expect(existsSync(join(batch, 'content/a.yaml'))).toBe(false);
  });
});

describe('leftovers of killed writes', () => {
  it('a dead writer’s temporary file is removed on the next write; a live writer’s is kept', async () => {
    const { root } = sandbox();
    const dir = join(root, 'content');
    mkdirSync(dir);
    // A process that has exited: its pid is free (reuse within the test is practically impossible).
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((done) => dead.on('exit', done));
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const deadTemp = `.payload.json.${dead.pid}.0123456789ab.tmp`;
      const liveTemp = `.payload.json.${live.pid}.ba9876543210.tmp`;
      writeFileSync(join(dir, deadTemp), 'half a payl');
      writeFileSync(join(dir, liveTemp), 'being written');
      writeFileSync(join(dir, '.other.json.1.0123456789ab.tmp'), 'not this file’s');
      writeConfined(root, [{ path: 'content/payload.json', text: '{}\n' }]);
      expect(readdirSync(dir).sort()).toEqual(['.other.json.1.0123456789ab.tmp', liveTemp, 'payload.json']);
      expect(removeStaleTemporaries(join(dir, 'payload.json'))).toEqual([]);
    } finally {
      live.kill();
    }
  });
});

describe('import refuses every traversal, and writes nothing outside the root', () => {
  it.each([
    [
      'candidate.migration',
      (handoff: Record<string, unknown>) => {
        (handoff['candidate'] as Record<string, unknown>)['migration'] = '../../../../x';
      },
      /refused to write "\.\.\/\.\.\/\.\.\/\.\.\/x" \(from docs\/implementation\/REHEARSAL_HANDOFF_CANDIDATE\.json: candidate\.migration\): expected a kebab-case migration id/,
      true,
    ],
    [
      'an envelopePolicies key',
      (handoff: Record<string, unknown>) => {
        const policies = handoff['envelopePolicies'] as Record<string, unknown>;
        policies['../../../evil'] = policies['service.v3'];
        delete policies['service.v3'];
      },
      /\(from docs\/implementation\/SERVICE_V3_REHEARSAL_HANDOFF_CANDIDATE\.json: envelopePolicies key\)/,
      false,
    ],
  ])('a handoff JSON’s %s', (_name, edit, message, unversionedNames) => {
    const { box, root } = sandbox();
    const producer = producerWith(edit, unversionedNames);
    for (const force of [false, true]) {
      expect(() => runImport(producer, { root, contentDir: 'content', force })).toThrow(message);
    }
    expect(readdirSync(box)).toEqual(['root']);
    expect(tree(root)).toEqual(['scripts/generate_service_v3_rehearsal_payload.sh']);
  });

  it.each([
    [['--migration', '../../x'], 'refused to write "../../x" (from --migration): expected a kebab-case migration id'],
    [['--into', 'content/../../x'], '--into content/../../x must be a folder inside the root'],
  ])('the CLI with %j: exit 2, the reason, nothing written', (flags, message) => {
    const { box, root } = sandbox();
    const { io: streams, err } = io();
    expect(runAdoptCommand('import', [fixture('clean'), '--root', root, ...flags], streams)).toBe(2);
    expect(err.join('\n')).toContain(message);
    expect(readdirSync(box)).toEqual(['root']);
    expect(tree(root)).toEqual(['scripts/generate_service_v3_rehearsal_payload.sh']);
  });

  it('a symlinked content/runtime is not written through', () => {
    const { box, root } = sandbox();
    mkdirSync(join(box, 'victim'));
    mkdirSync(join(root, 'content'));
    symlinkSync(join(box, 'victim'), join(root, 'content/runtime'));
    expect(() => runImport(fixture('clean'), { root, contentDir: 'content', force: true })).toThrow(
      /refused to write "content\/runtime\/pin\.yaml" .*a symbolic link leads it outside/,
    );
    expect(readdirSync(join(box, 'victim'))).toEqual([]);
  });
});

/** `pnpm generate` in `root`: the payload records every source's digest, so an edited document needs it. */
function regenerate(root: string): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/generate-payload.ts'), '--root', root], { stdio: 'pipe' });
}

/** Appends or rewrites text in the RFC of `root`, and regenerates the payload as an author would. */
function editRfc(root: string, edit: (text: string) => string): void {
  const rfc = join(root, 'content/migrations/service-v3/rfc.mdx');
  writeFileSync(rfc, edit(readFileSync(rfc, 'utf8')));
  regenerate(root);
}

describe('export stays in its folder and replaces only what it wrote', () => {
  /** A content root imported from the clean package, with `edit` applied to its plan. */
  function importedRoot(edit?: (plan: string) => string) {
    const { box, root } = sandbox();
    runImport(fixture('clean'), { root, contentDir: 'content' });
    const plan = join(root, 'content/migrations/service-v3/plan.mdx');
    if (edit) {
      writeFileSync(plan, edit(readFileSync(plan, 'utf8')));
      regenerate(root);
    }
    const out = join(box, 'out');
    mkdirSync(out);
    return { box, root, out, planText: readFileSync(plan, 'utf8') };
  }

  it('refuses a producerPath that leaves the folder, naming its line in the plan', () => {
    const { box, root, out, planText } = importedRoot((plan) =>
      plan.replace('producerPath: docs/implementation/SERVICE_V3_RFC_DRAFT.md', 'producerPath: ../../victim.sh'),
    );
    const line = planText.split('\n').findIndex((text) => text.includes('../../victim.sh')) + 1;
    let thrown: unknown;
    try {
      const run = runExport(out, { root, contentDir: 'content', force: true });
      expect(run.blocking.map((d) => `${d.ruleId} ${d.reason}`)).toEqual([]);
    } catch (error) {
      thrown = error;
    }
    expect(String(thrown)).toContain(
      `refused to write "../../victim.sh" (from content/migrations/service-v3/plan.mdx:${line}:5 producerPath): it resolves outside ${out}`,
    );
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(box).sort()).toEqual(['out', 'root']);
  });

  it('refuses to replace a file it did not write unless --force, and replaces its own', () => {
    const { root, out } = importedRoot();
    const theirs = join(out, 'docs/implementation/SERVICE_V3_RFC_DRAFT.md');
    mkdirSync(join(out, 'docs/implementation'), { recursive: true });
    writeFileSync(theirs, '# The producer’s own RFC\n');
    const refused = runExport(out, { root, contentDir: 'content' });
    expect(refused.refused).toEqual(['docs/implementation/SERVICE_V3_RFC_DRAFT.md']);
    expect(tree(out)).toEqual(['docs/implementation/SERVICE_V3_RFC_DRAFT.md']);
    expect(readFileSync(theirs, 'utf8')).toBe('# The producer’s own RFC\n');

    const { io: streams, err } = io();
    expect(runAdoptCommand('export', [out, '--root', root], streams)).toBe(2);
    expect(err.join('\n')).toContain('Run again with --force to replace them.');

    expect(runExport(out, { root, contentDir: 'content', force: true }).refused).toEqual([]);
    expect(readFileSync(theirs, 'utf8')).not.toBe('# The producer’s own RFC\n');
    // Now the file is one the export wrote: the next export replaces it without --force ...
    editRfc(root, (text) => `${text}\nOne more line.\n`);
    const own = runExport(out, { root, contentDir: 'content' });
    expect(own.blocking.map((d) => d.reason)).toEqual([]);
    expect(own.refused).toEqual([]);
    expect(readFileSync(theirs, 'utf8')).toContain('One more line.');
    // ... until the producer edits it.
    writeFileSync(theirs, `${readFileSync(theirs, 'utf8')}\nA producer note.\n`);
    editRfc(root, (text) => text.replace('One more line.', 'One more line, changed.'));
    expect(runExport(out, { root, contentDir: 'content' }).refused).toEqual([
      'docs/implementation/SERVICE_V3_RFC_DRAFT.md',
    ]);
  });
});
