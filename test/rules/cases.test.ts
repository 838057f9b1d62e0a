import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkFiles,
  positionOf,
  replaceOnce,
  repoRoot,
  shippedFiles,
  textOf,
  where,
  withEdit,
} from '../helpers/content.ts';

/** More passing and failing cases per rule, beyond the documented example. Positions are asserted. */
const migration = 'content/migrations/service-v3';
const tracker = `${migration}/tracker.mdx`;
const gates = `${migration}/gates.mdx`;
const plan = `${migration}/plan.mdx`;

function only(ruleId: string, files: ReturnType<typeof shippedFiles>) {
  return checkFiles(files).filter((diagnostic) => diagnostic.ruleId === ruleId);
}

describe('schema', () => {
  it('suggests the closest enum value, at the key line', () => {
    const files = withEdit(shippedFiles(), tracker, replaceOnce('    status: ready\n', '    status: redy\n'));
    const [diagnostic] = only('schema', files);
    expect(where(diagnostic!)).toBe(`${tracker}:${positionOf(textOf(files, tracker), 'status: redy').line}:5 schema`);
    expect(diagnostic?.reason).toMatchInlineSnapshot(
      `"Unexpected \`redy\` at \`tasks[3].status\`, expected \`ready\` or \`in-progress\` or \`blocked\` or \`done\`"`,
    );
    expect(diagnostic?.note).toBe('Did you mean `ready`?');
  });

  it('names a missing key at its parent: a mapping made of sourced values is declared by `source.values`', () => {
    const pin = 'content/runtime/pin.yaml';
    const files = withEdit(shippedFiles(), pin, replaceOnce(/ {4}pin\.api_contract_version: .*\n/, ''));
    const [diagnostic] = only('schema', files);
    expect(where(diagnostic!)).toBe(`${pin}:${positionOf(textOf(files, pin), '  values:').line}:3 schema`);
    expect(diagnostic?.reason).toBe('Missing required key `api_contract_version` in `pin`, expected a string');
  });

  it('refuses an unknown kind with the list of kinds', () => {
    const files = withEdit(shippedFiles(), gates, replaceOnce('kind: gates\n', 'kind: gate\n'));
    const [diagnostic] = only('schema', files);
    expect(where(diagnostic!)).toBe(`${gates}:2:1 schema`);
    expect(diagnostic?.reason).toBe('Unexpected kind `gate`, expected one of `plan`, `tracker`, `rfc`, `gates`');
  });
});

describe('references', () => {
  it('resolves a prose reference and suggests a close id', () => {
    const files = withEdit(shippedFiles(), tracker, (text) => `${text}\nSee \`gate:producer-suite\` first.\n`);
    const [diagnostic] = only('references', files);
    const at = positionOf(textOf(files, tracker), '`gate:producer-suite`');
    expect(where(diagnostic!)).toBe(`${tracker}:${at.line}:${at.column} references`);
    expect(diagnostic?.reason).toBe(
      'Unexpected gate id `producer-suite`, expected an existing gate id; did you mean `producer-suite-green`?',
    );
  });

  it('points at the right kind when the id exists under another', () => {
    const files = withEdit(shippedFiles(), tracker, (text) => `${text}\nAfter \`gate:P4\`.\n`);
    expect(only('references', files)[0]?.reason).toBe(
      'Unexpected gate id `P4`, expected an existing gate id; `P4` is a task, did you mean `task:P4`?',
    );
  });

  it('checks that a migration moves between declared contracts', () => {
    const path = `${migration}/migration.yaml`;
    const files = withEdit(shippedFiles(), path, replaceOnce('to: service.v3', 'to: service.v33'));
    const [diagnostic] = only('migration-file', files);
    expect(where(diagnostic!)).toBe(`${path}:7:1 migration-file`);
    expect(diagnostic?.reason).toContain('did you mean `service.v3`?');
  });
});

describe('unique-ids', () => {
  it('treats ids that differ only by case as duplicates, and points at the first', () => {
    const files = withEdit(shippedFiles(), tracker, replaceOnce('  - id: P2\n', '  - id: p1\n'));
    const [diagnostic] = only('unique-ids', files);
    expect(where(diagnostic!)).toBe(`${tracker}:${positionOf(textOf(files, tracker), 'id: p1').line}:5 unique-ids`);
    expect(diagnostic?.reason).toBe(
      'Unexpected task id `p1` that differs from `P1` only by case or look-alike characters, expected distinct ids',
    );
    expect((diagnostic?.cause as { line?: number }).line).toBe(positionOf(textOf(files, tracker), 'id: P1').line);
  });

  it('refuses ids with look-alike letters outright', () => {
    // U+0440 CYRILLIC SMALL LETTER ER looks like a Latin p.
    const files = withEdit(
      shippedFiles(),
      gates,
      replaceOnce('  - id: consumer-suite-green\n', '  - id: \u0440roducer-suite-green\n'),
    );
    const [diagnostic] = only('schema', files);
    expect(diagnostic?.file).toBe(gates);
    expect(diagnostic?.reason).toContain('expected a kebab-case id such as `producer-suite-green`');
  });
});

describe('pins-agree', () => {
  it('accepts a value declared as a snapshot, and only then', () => {
    const withMention = withEdit(shippedFiles(), tracker, (text) => `${text}\nThe previous build was \`v0.3.1\`.\n`);
    expect(only('pins-agree', withMention).map((d) => d.reason)).toEqual([
      'Unexpected release tag `v0.3.1`, expected a declared value: the live pin `v0.3.2`',
    ]);
    const declared = withEdit(
      withMention,
      'content/runtime/pin.yaml',
      replaceOnce(
        'snapshots: []',
        'snapshots:\n  - id: previous-release\n    reason: historical\n    note: The build before v0.3.2.\n    release_tag: v0.3.1',
      ),
    );
    expect(only('pins-agree', declared)).toEqual([]);
  });
});

describe('envelope-policy', () => {
  it('refuses a field that is both required and forbidden', () => {
    const path = 'content/contracts/service.v3.yaml';
    const files = withEdit(shippedFiles(), path, replaceOnce('  forbidden:\n', '  forbidden:\n    - error.code\n'));
    const diagnostics = only('envelope-policy', files).filter((d) => d.file === path);
    expect(diagnostics.map((d) => d.reason)).toContain(
      'Unexpected field `error.code` in both `required` and `forbidden`, expected the three sets to be disjoint',
    );
  });
});

describe('legacy-guard', () => {
  it('keeps the live pin off the candidate contract during a rehearsal', () => {
    // The pin reads its contract version from the producer's manifest: a release that moves it there.
    const manifestPath = 'contracts/integration/v1/producer-contract-manifest.json';
    const manifest = readFileSync(join(repoRoot, manifestPath), 'utf8');
    const moved = [
      {
        path: manifestPath,
        text: replaceOnce(
          '"service_contract_version": "service.v2"',
          '"service_contract_version": "service.v3"',
        )(manifest),
      },
    ];
    const line = positionOf(textOf(shippedFiles(), 'content/runtime/pin.yaml'), 'pin.service_contract_version').line;
    const diagnostics = checkFiles(shippedFiles(), moved).filter((d) => d.ruleId === 'live-pin');
    expect(diagnostics.map((d) => `${where(d)} ${d.reason}`)).toEqual([
      `content/runtime/pin.yaml:${line}:5 live-pin Unexpected live pin contract \`service.v3\`, expected the contract marked \`live\` (\`service.v2\`)`,
      `content/runtime/pin.yaml:${line}:5 live-pin Unexpected live pin on \`service.v3\` while migration \`service-v3\` is in rehearsal mode, expected \`service.v2\``,
    ]);
  });
});

describe('deliverables', () => {
  it('reports a deliverable whose file is missing, at its path', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce(
        '    path: content/migrations/service-v3/rfc.mdx\n',
        '    path: content/migrations/service-v3/rfc-draft.mdx\n',
      ),
    );
    const diagnostics = only('deliverables', files);
    const at = positionOf(textOf(files, plan), 'path: content/migrations/service-v3/rfc-draft.mdx');
    expect(diagnostics.map(where)).toEqual(
      [`${migration}/rfc.mdx:1:1 deliverables`, `${plan}:${at.line}:${at.column} deliverables`].sort(),
    );
  });
});

describe('commands-agree', () => {
  it('refuses a declared command no gate cites', () => {
    const files = withEdit(shippedFiles(), gates, replaceOnce('        - run-trilogy-smoke\n', ''));
    expect(only('commands-agree', files).map((d) => d.reason)).toEqual([
      'Unexpected command `run-trilogy-smoke` that no gate cites as evidence, expected every declared command to back a gate',
    ]);
  });
});

describe('status-coherence', () => {
  it('refuses a done task waiting on a failed gate, and a met criterion with an open task', () => {
    let files = withEdit(
      shippedFiles(),
      tracker,
      replaceOnce(/(id: P1\n[\s\S]*? {4})waitsOn: \[\]/, '$1waitsOn: [consumer-suite-green]'),
    );
    files = withEdit(
      files,
      gates,
      replaceOnce(/(id: consumer-suite-green\n[^\n]*\n[^\n]*\n {4}status: )pending/, '$1failed'),
    );
    files = withEdit(files, tracker, replaceOnce(/(id: P3\n[^\n]*\n {4}status: )done/, '$1in-progress'));
    files = withEdit(files, plan, replaceOnce(/(id: exit-producer-suite\n[^\n]*\n {4}status: )unmet/, '$1met'));
    expect(only('exit-criteria-status', files).map((d) => d.reason)).toEqual([
      'Unexpected met exit criterion `exit-producer-suite` with task `P3` (in-progress), expected its gates passed and tasks done',
    ]);
    expect(only('status-coherence', files).map((d) => d.reason)).toEqual([
      'Unexpected done task `P1` waiting on failed gate `consumer-suite-green` (failed), expected those gates passed first',
    ]);
  });
});

describe('restated-fields', () => {
  it('reports the table cell and the task bullet that still say the old status', () => {
    const files = withEdit(
      shippedFiles(),
      tracker,
      replaceOnce(/(id: P4\n[^\n]*\n {4}status: )ready/, '$1in-progress'),
    );
    const text = textOf(files, tracker);
    const row = positionOf(text, '| `task:P4` |');
    const bullet = positionOf(text, '- Status: ready');
    const cell = positionOf(text, 'ready |', 1);
    expect(row.line).toBe(cell.line);
    expect(only('restated-fields', files).map(where)).toEqual([
      `${tracker}:${cell.line}:${cell.column} restated-fields`,
      `${tracker}:${bullet.line}:${bullet.column} restated-fields`,
    ]);
  });

  it('compares a definition of done as a set and names what differs', () => {
    const files = withEdit(shippedFiles(), tracker, (text) =>
      text.replace(
        /^ {2}- Each command is cited as evidence by the producer suite gate\.$/m,
        '  - Most commands are cited.',
      ),
    );
    const [diagnostic] = only('restated-fields', files);
    expect(diagnostic?.reason).toBe(
      'Unexpected definition of done for task `P3`: missing “Each command is cited as evidence by the producer suite gate.”; unexpected “Most commands are cited.”, expected the 2 items in content/migrations/service-v3/tracker.mdx',
    );
  });

  it('refuses a task section for a task the tracker does not define', () => {
    const files = withEdit(
      shippedFiles(),
      tracker,
      (text) => `${text}\n### Task P9: Imaginary work\n\n- Status: done\n`,
    );
    expect(only('restated-fields', files).map((d) => d.reason)).toEqual([
      'Unexpected task section `P9`, expected a task defined in the tracker',
    ]);
  });

  it('accepts the team name for an owner role', () => {
    const files = withEdit(
      shippedFiles(),
      tracker,
      replaceOnce(
        '| `task:P1` | Rehearsal planning package | producer |',
        '| `task:P1` | Rehearsal planning package | MemoryKernel |',
      ),
    );
    expect(only('restated-fields', files)).toEqual([]);
  });
});

describe('pins-agree snapshot sections', () => {
  const marked = (value: string) =>
    withEdit(
      shippedFiles(),
      tracker,
      (text) =>
        `${text}\n{/* contract-docs: snapshot */}\n\n## Pin before the rehearsal\n\n- \`release_tag\`: \`${value}\`\n\n## After\n\n- \`release_tag\`: \`${value}\`\n`,
    );
  const declare = (files: ReturnType<typeof shippedFiles>) =>
    withEdit(
      files,
      'content/runtime/pin.yaml',
      replaceOnce(
        'snapshots: []',
        'snapshots:\n  - id: previous-release\n    reason: historical\n    note: The build before the rehearsal.\n    release_tag: v0.3.1',
      ),
    );

  it('accepts a declared snapshot value in a marked section, and only there', () => {
    const files = declare(marked('v0.3.1'));
    const text = textOf(files, tracker);
    const outside = positionOf(text, '`v0.3.1`', 2);
    expect(only('pins-agree', files).map(where)).toEqual([
      `${tracker}:${outside.line}:${outside.column + 1} pins-agree`,
    ]);
  });

  it('still refuses an undeclared value in a marked section', () => {
    const files = marked('v0.2.9');
    expect(only('pins-agree', files).map((d) => d.reason)).toEqual([
      'Unexpected snapshot `release_tag` `v0.2.9`, expected a declared value: the live pin `v0.3.2`',
      "Unexpected `release_tag` `v0.2.9`, expected the live pin's `v0.3.2`",
    ]);
  });
});

describe('single sources of truth', () => {
  it('refuses a second runtime pin instead of letting it win', () => {
    const pin = textOf(shippedFiles(), 'content/runtime/pin.yaml');
    const files = [...shippedFiles(), { path: 'content/runtime/zz-pin.yaml', text: pin.replace('v0.3.2', 'v0.3.9') }];
    expect(checkFiles(files).map((d) => `${where(d)} ${d.reason}`)).toEqual([
      'content/runtime/zz-pin.yaml:1:1 single-definition Unexpected second runtime pin in content/runtime/zz-pin.yaml, expected exactly one (the first is content/runtime/pin.yaml)',
    ]);
  });

  it('requires a contract file to be named after its version', () => {
    const v3 = textOf(shippedFiles(), 'content/contracts/service.v3.yaml');
    const files = [
      ...shippedFiles().filter((f) => !f.path.endsWith('service.v3.yaml')),
      { path: 'content/contracts/v3.yaml', text: v3 },
    ];
    const named = only('contract-file-name', files);
    expect(named.map((d) => `${where(d)} ${d.reason}`)).toEqual([
      'content/contracts/v3.yaml:2:1 contract-file-name Unexpected contract version `service.v3` in a file named `v3`, expected the file name to be the version',
    ]);
  });

  it('treats the contracts of a broken contract file as unknown, not wrong', () => {
    const files = withEdit(
      shippedFiles(),
      'content/contracts/service.v3.yaml',
      replaceOnce('status: candidate\n', 'status: candidate\nstatus: live\n'),
    );
    expect(checkFiles(files).map((d) => d.ruleId)).toEqual(['syntax']);
  });
});

describe('review fixes', () => {
  it('pins-agree: a glossary line naming a pin field is not a restatement', () => {
    const files = withEdit(
      shippedFiles(),
      tracker,
      (text) => `${text}\n- \`commit_sha\`: the 40-hex commit the tag points at.\n`,
    );
    expect(only('pins-agree', files)).toEqual([]);
  });

  it('status-coherence: an unmet criterion naming an unknown gate is not "expected met"', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      replaceOnce(/(id: exit-consumer-ci-checks\n[\s\S]*? {4})gates: \[\]/, '$1gates: [no-such-gate]'),
    );
    expect(only('status-coherence', files)).toEqual([]);
    expect(only('references', files).map((d) => d.reason)).toEqual([
      'Unexpected gate id `no-such-gate`, expected an existing gate id',
    ]);
  });

  it('restated-fields: a task section that opens with a sub-heading has no bullets of its own', () => {
    const files = withEdit(
      shippedFiles(),
      tracker,
      (text) => `${text}\n### Task P4: Joint rehearsal entry handshake\n\n#### Notes\n\n- Status: done\n`,
    );
    expect(only('restated-fields', files)).toEqual([]);
  });

  it('lists-agree: an item listed twice is reported', () => {
    const files = withEdit(
      shippedFiles(),
      `${migration}/rfc.mdx`,
      replaceOnce(
        '- Critical rehearsal incident with an unresolved root cause.\n',
        '- Critical rehearsal incident with an unresolved root cause.\n- Deterministic fallback regression in the consumer.\n',
      ),
    );
    expect(only('lists-agree', files).map((d) => d.reason)).toEqual([
      'Unexpected rollback triggers list: repeated `fallback-regression`, expected the rollback triggers defined in content/migrations/service-v3/gates.mdx (4 items)',
    ]);
  });
});

describe('payload-fresh and byte order marks', () => {
  it('reports a BOM at the start of the committed payload, as `pnpm generate --check` does', () => {
    const path = `${migration}/handoff-candidate.json`;
    const files = withEdit(shippedFiles(), path, (text) => `\uFEFF${text}`);
    expect(only('payload-fresh', files).map((d) => `${where(d)} ${d.reason}`)).toEqual([
      `${path}:1:1 payload-fresh Unexpected byte order mark at the start of the committed handoff payload, expected the generator's exact bytes (UTF-8 without BOM)`,
    ]);
  });
});

describe('safe-content', () => {
  it('refuses every way a body could run code, each at its line', () => {
    const hostile = [
      '[x](javascript:alert(1))',
      '[y]( JaVaScript:alert(2))',
      '![z](data:text/html;base64,PHNjcmlwdD4=)',
      '<img src="x" onError="alert(3)" />',
      '<script>{`alert(4)`}</script>',
      '<a href="javascript:alert(5)">a</a>',
      '{alert(6)}',
      '{/* a comment is an expression too */}',
      'export const x = 1',
    ];
    const files = withEdit(shippedFiles(), tracker, (text) => `${text}\n${hostile.join('\n\n')}\n`);
    const text = textOf(files, tracker);
    const lines = only('safe-content', files).map((d) => `${d.line} ${d.reason}`);
    const lineOf = (needle: string) => positionOf(text, needle).line;
    const url = (scheme: string, element: string) =>
      `Unexpected \`${scheme}:\` URL on \`<${element}>\`, expected http, https, mailto, a site path, or a relative path`;
    const expression =
      'Unexpected MDX expression, expected prose (no expressions, comments included, except the `{/* contract-docs: snapshot */}` marker)';
    expect(lines).toEqual([
      `${lineOf('[x](')} ${url('javascript', 'a')}`,
      `${lineOf('[y](')} ${url('javascript', 'a')}`,
      `${lineOf('![z](')} ${url('data', 'img')}`,
      `${lineOf('<img')} Unexpected attribute \`onerror\` on \`<img>\`, expected only the attributes a document needs`,
      // Removed with its content: the expression inside is not reported twice.
      `${lineOf('<script>')} Unexpected \`<script>\` element, expected prose and the elements a document needs`,
      `${lineOf('<a href')} ${url('javascript', 'a')}`,
      `${lineOf('{alert(6)}')} ${expression}`,
      // A comment is an expression too: `{/* a */ code /* b */}` once ran at build time.
      `${lineOf('{/* a comment is')} ${expression}`,
      `${lineOf('export const')} Unexpected MDX \`import\`/\`export\`, expected prose only`,
    ]);
  });
});

describe('links to what the site really builds', () => {
  it('accepts anchors of groups that exist and refuses those of empty groups', () => {
    const files = withEdit(
      shippedFiles(),
      plan,
      (text) =>
        `${text}\nSee [done tasks](tracker.mdx#facts-tasks-done), [blocked tasks](tracker.mdx#facts-tasks-blocked), [joint prerequisites](gates.mdx#facts-prerequisites-joint) and [the picture](/dependencies/service-v3/).\n`,
    );
    expect(only('links', files).map((d) => d.actual)).toEqual(['facts-tasks-blocked', 'facts-prerequisites-joint']);
  });

  it('refuses a handoff page for a migration without a payload', () => {
    const files = withEdit(shippedFiles(), plan, (text) => `${text}\nSee [its payload](/handoff/service-v9/).\n`);
    expect(only('links', files).map((d) => d.reason)).toEqual([
      'Unexpected link `/handoff/service-v9/`, expected a page of this site; did you mean `/handoff/service-v3/`?',
    ]);
  });
});
