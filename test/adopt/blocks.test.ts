import type { List } from 'mdast';
import { mdxToMdast } from 'satteri';
import { describe, expect, it } from 'vitest';
import {
  IdSequence,
  parseShellCommands,
  parseListedCommands,
  parseStages,
  parseTitledItems,
  renderListedCommands,
  renderShellCommands,
  renderStages,
  renderTitled,
  resolveCommands,
  resolveStages,
  resolveTitled,
  type ResolveContext,
} from '../../src/core/adopt/blocks.ts';
import { idFromCommand, idFromTitle, titleFromFileName } from '../../src/core/adopt/derive.ts';
import { ImportInputError, importPackage, type ProducerFile } from '../../src/core/adopt/import.ts';
import { parseMarkdownText } from '../../src/core/adopt/markdown.ts';
import { markdownToMdx, mdxToMarkdown } from '../../src/core/adopt/mdx-text.ts';
import type { Command } from '../../src/schemas/index.ts';
import { checkCorpus } from '../../src/core/check.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { readProducerFolder } from '../../src/core/adopt/run.ts';
import { handoffRestatement, readHandoffJson } from '../../src/core/adopt/handoff-json.ts';
import { fixture } from './helpers.ts';

const context = (model: ResolveContext['model'] = {}): ResolveContext => ({
  teams: { producer: 'MemoryKernel', consumer: 'AssistSupport' },
  pin: {
    release_tag: 'v0.3.2',
    commit_sha: 'cf331449e1589581a5dcbb3adecd3e9ae4509277',
    service_contract_version: 'service.v2',
    api_contract_version: 'api.v1',
    integration_baseline: 'integration/v1',
  },
  contentPath: (path) => path,
  model,
});

const firstList = (text: string) => {
  const markdown = parseMarkdownText(text);
  const list = markdown.tree.children.find((node): node is List => node.type === 'list');
  if (!list) throw new Error('no list');
  return { markdown, list };
};

describe('ids', () => {
  it('are kebab-case from titles: stop words out, at most six words, stable', () => {
    expect(idFromTitle('Producer suite green')).toBe('producer-suite-green');
    expect(idFromTitle('Non-2xx envelope assertions pass for the candidate shape')).toBe(
      'non-2xx-envelope-assertions-pass-candidate',
    );
    expect(idFromTitle('2FA for `service.v3`')).toBe('item-2fa-service-v3');
    expect(idFromTitle('Évaluation')).toBe('evaluation');
  });

  it('of commands come from the script, the package script or the program and subcommand', () => {
    expect(idFromCommand('./scripts/verify_contract_parity.sh --canonical-root /x')).toBe('verify-contract-parity');
    expect(idFromCommand('pnpm run check:memorykernel-pin')).toBe('check-memorykernel-pin');
    expect(idFromCommand('cargo fmt --all -- --check')).toBe('cargo-fmt');
  });

  it('a title from a producer file name', () => {
    expect(titleFromFileName('docs/implementation/SERVICE_V3_RFC_DRAFT.md')).toBe('RFC draft');
    expect(titleFromFileName('SERVICE_V3_REHEARSAL_EXECUTION_TRACKER.md')).toBe('Rehearsal execution tracker');
  });
});

describe('MDX bodies', () => {
  const producer = [
    'Prose with {braces}, a <tag> and a < b.',
    '<!-- contract-docs: snapshot -->',
    'Inline `code {stays} <as is>` and an escaped \\{ brace.',
    '```json',
    '{ "a": "<b>" }',
    '```',
  ].join('\n');

  it('escape what MDX would read as code, line for line, and parse', () => {
    const mdx = markdownToMdx(producer);
    expect(mdx.split('\n')).toHaveLength(producer.split('\n').length);
    expect(() => mdxToMdast(mdx)).not.toThrow();
    expect(mdx).toContain('{/* contract-docs: snapshot */}');
    expect(mdx).toContain('`code {stays} <as is>`');
  });

  it('turn back into the producer’s Markdown', () => {
    expect(mdxToMarkdown(markdownToMdx(producer))).toBe(producer.replace('\\{', '{'));
  });
});

describe('render and parse are inverses (what export writes, import reads back)', () => {
  it('lists annotate only what the title would not give: colliding and custom ids, owners', () => {
    const items = [
      { id: 'suite-fails', title: 'Suite fails.', owner: 'consumer' as const },
      { id: 'suite-fails-2', title: 'Suite fails!', owner: 'joint' as const },
      { id: 'custom', title: 'The producer publishes an advisory.', owner: 'joint' as const },
    ];
    const subject = (title: string) =>
      title.startsWith('The producer') ? 'producer' : title.startsWith('Suite') ? 'consumer' : 'joint';
    const lines = renderTitled(items, 'action', new IdSequence(), () => undefined, subject).map((line) => line.text);
    expect(lines).toEqual([
      '1. Suite fails.',
      '2. `action:suite-fails-2` (joint) Suite fails!',
      '3. `action:custom` (joint) The producer publishes an advisory.',
    ]);
    const { markdown, list } = firstList(lines.join('\n'));
    const raw = parseTitledItems(list, markdown, 'action');
    const resolved = resolveTitled(raw, new IdSequence()).map((item, index) => ({
      ...item,
      owner: raw[index]?.owner ?? subject(item.title),
    }));
    expect(resolved).toEqual(items);
  });

  it('commands keep their ids and purposes through a shell block and a numbered list', () => {
    const producer: Command[] = [
      {
        id: 'cargo-fmt-check',
        owner: 'producer',
        run: 'cargo fmt --all -- --check',
        purpose: 'Formatting matches rustfmt.',
      },
      { id: 'cargo-test', owner: 'producer', run: 'cargo test', purpose: 'Runs `cargo test` green.' },
    ];
    const consumer: Command[] = [
      { id: 'test-ci', owner: 'consumer', run: 'pnpm run test:ci', purpose: 'stays green.' },
      { id: 'pin', owner: 'consumer', run: 'pnpm run check:pin', purpose: 'The pin matches.' },
    ];
    const all = [...producer, ...consumer];
    const sequence = new IdSequence();
    const shell = renderShellCommands(producer, (command) => all.indexOf(command), sequence).map((line) => line.text);
    expect(shell).toEqual([
      '```bash',
      '# [cargo-fmt-check] Formatting matches rustfmt.',
      'cargo fmt --all -- --check',
      'cargo test',
      '```',
    ]);
    const listed = renderListedCommands(consumer, (command) => all.indexOf(command), sequence).map((line) => line.text);
    expect(listed).toEqual([
      '1. `pnpm run test:ci` stays green.',
      '2. `command:pin` `pnpm run check:pin`: The pin matches.',
    ]);

    const code = parseMarkdownText(shell.join('\n')).tree.children[0];
    if (code?.type !== 'code') throw new Error('no code');
    const read = new IdSequence();
    expect(resolveCommands(parseShellCommands(code), 'producer', read)).toEqual(producer);
    const { markdown, list } = firstList(listed.join('\n'));
    expect(resolveCommands(parseListedCommands(list, markdown).items, 'consumer', read)).toEqual(consumer);
  });

  it('stages keep numbers, statuses that are not implied and required gates', () => {
    const gates = ['a', 'b'].map((id) => ({
      id,
      title: `Gate ${id}`,
      owner: 'joint' as const,
      status: 'pending' as const,
      evidence: { commands: [], checklist: [] },
    }));
    const model = { gates: { gates } } as unknown as ResolveContext['model'];
    const stages = [
      { id: 'prep', number: 0, title: 'Prep', status: 'done' as const, requiresGates: [] },
      { id: 'go', number: 1, title: 'Go', status: 'current' as const, requiresGates: ['a', 'b'] },
      { id: 'later', number: 5, title: 'Later', status: 'upcoming' as const, requiresGates: ['b'] },
    ];
    const lines = renderStages(stages, model).map((line) => line.text);
    expect(lines).toEqual([
      '1. Stage 0: Prep',
      '2. Stage 1: Go (current)',
      '   - Requires: all cutover gates',
      '3. Stage 5: Later',
      '   - Requires: Gate b',
    ]);
    const { markdown, list } = firstList(lines.join('\n'));
    expect(resolveStages(parseStages(list, markdown), context(model)).stages).toEqual(stages);
  });
});

/** A package in the seed's shape: a plan only, no handoff JSON, the pin in the plan's bullets. */
const seedLikePlan = `# Rehearsal Plan (Producer)

Updated: 2026-03-01  
Owner: MemoryKernel  
Scope: Rehearsal only, nothing moves at runtime

## Objective
Let the consumer try \`service.v4\` in CI while the runtime stays on:
- \`release_tag\`: \`v1.2.0\`
- \`commit_sha\`: \`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\`
- \`service_contract_version\`: \`service.v3\`
- \`api_contract_version\`: \`api.v2\`
- \`integration_baseline\`: \`integration/v2\`

## Constraints
1. Policies:
   - \`service.v3\`: requires \`error.code\`; forbids \`legacy_error\`.
   - \`service.v4\` candidate: requires \`error.code\`, \`error.message\`.

## Deliverables
1. Plan: \`docs/REHEARSAL_PLAN.md\`

## Exit Criteria
1. The consumer CI is green against the candidate.

## Verification Commands
\`\`\`bash
make test
\`\`\`
`;

describe('producer files as they come', () => {
  it('a plan-only package in the seed’s shape imports, with the defaults reported', () => {
    const result = importPackage([{ path: 'docs/REHEARSAL_PLAN.md', text: seedLikePlan }]);
    expect(result.migration).toBe('service-v4');
    const corpus = loadCorpusFromFiles(result.files, { exists: () => true });
    expect(corpus.runtimePin?.data.pin.release_tag).toBe('v1.2.0');
    expect(corpus.contracts.map((contract) => [contract.data.version, contract.data.status])).toEqual([
      ['service.v3', 'live'],
      ['service.v4', 'candidate'],
    ]);
    expect(corpus.migrations[0]?.meta?.data.mode).toBe('rehearsal');
    expect(corpus.migrations[0]?.plan?.data.commands).toEqual([
      { id: 'make-test', owner: 'producer', run: 'make test', purpose: 'Runs `make test` green.' },
    ]);
    expect(checkCorpus(corpus)).toEqual([]);
    expect(result.unmapped).toEqual([
      {
        source: { file: 'docs/REHEARSAL_PLAN.md', line: 1 },
        reason: 'no handoff JSON in the folder: no producer manifest is imported and no payload generated',
        note: true,
      },
    ]);
  });

  it('tolerates other wording of statuses and owners, and writes it the way the checker accepts', () => {
    const files = readProducerFolder(fixture('clean')).map((file) =>
      file.path.endsWith('TRACKER.md')
        ? {
            ...file,
            text: file.text
              .replace('- Owner: Joint', '- Owner: MemoryKernel + AssistSupport')
              .replace('- Status: Ready', '- Status: In progress'),
          }
        : file,
    );
    const result = importPackage(files);
    const tracker = result.files.find((file) => file.path.endsWith('tracker.mdx'))?.text ?? '';
    expect(tracker).toContain('- Status: in-progress\n- Owner: joint\n');
    const corpus = loadCorpusFromFiles(result.files, { exists: () => true });
    expect(checkCorpus(corpus)).toEqual([]);
  });

  it('reads CRLF and a byte-order mark like LF', () => {
    const lf = readProducerFolder(fixture('clean'));
    const crlf: ProducerFile[] = lf.map((file) => ({ ...file, text: `\ufeff${file.text.replace(/\n/g, '\r\n')}` }));
    expect(importPackage(crlf).files).toEqual(importPackage(lf).files);
  });

  it('refuses a folder without a plan', () => {
    expect(() => importPackage([{ path: 'NOTES.md', text: '# Notes\n' }])).toThrow(ImportInputError);
  });

  it('reports what it could not map, with file and line', () => {
    const files = readProducerFolder(fixture('clean')).map((file) =>
      file.path.endsWith('GATES.md')
        ? {
            ...file,
            text: file.text.replace(
              '     - Producer suite results.',
              '     - Producer suite results.\n     - A signed napkin.',
            ),
          }
        : file,
    );
    const { unmapped } = importPackage([...files, { path: 'docs/OTHER_NOTES.md', text: '# Notes\n\nNothing here.\n' }]);
    expect(unmapped).toEqual([
      {
        source: { file: 'docs/OTHER_NOTES.md', line: 1 },
        reason: 'not a document of the package (plan, tracker, RFC, gates); check it with `contract-docs check --scan`',
        note: true,
      },
      expect.objectContaining({
        source: { file: 'docs/implementation/SERVICE_V3_CUTOVER_GATES.md', line: 16, verbatim: true },
        reason: expect.stringContaining('evidence `A signed napkin.` is neither'),
      }),
    ]);
  });
});

describe('the handoff JSON', () => {
  it('is read in the producer’s variant too: snake_case keys, items as strings, every fact with its line', () => {
    const text = [
      '{',
      '  "live_pin": { "release_tag": "v0.3.2" },',
      '  "rollback_triggers": ["Suite fails.", "Envelope mismatch."],',
      '  "required_checks": { "consumer": ["pnpm run test:ci"] },',
      '  "notes": "free text"',
      '}',
    ].join('\n');
    const facts = readHandoffJson('handoff.json', text);
    expect(facts.pin?.values).toEqual({ release_tag: 'v0.3.2' });
    expect(facts.triggers?.items.map((item) => [item.title, item.place.line])).toEqual([
      ['Suite fails.', 3],
      ['Envelope mismatch.', 3],
    ]);
    expect(facts.requiredChecks.consumer?.items.map((item) => item.run)).toEqual(['pnpm run test:ci']);
    expect(facts.unknownKeys.map((key) => key.key)).toEqual(['notes']);
    const restated = handoffRestatement(facts, { pin: true });
    expect(restated.text.split('\n').slice(0, 6)).toEqual([
      '- `release_tag`: `v0.3.2`',
      '',
      '## Rollback triggers',
      '',
      '- Suite fails.',
      '- Envelope mismatch.',
    ]);
    expect(restated.origins[0]).toEqual({ file: 'handoff.json', line: 2, column: 17 });
  });
});
