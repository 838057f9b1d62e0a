import { describe, expect, it } from 'vitest';
import { factsOfLabelled } from '../../src/core/drift/labelled.ts';
import { extractMarkdown } from '../../src/core/drift/markdown.ts';

const facts = (label: string, value: string, around: string[] = []) =>
  factsOfLabelled(label, value, { around }).map((fact) => `${fact.fact}=${fact.value}`);

describe('one `label: value` statement, however it is written', () => {
  it.each([
    ['`release_tag`', '`v0.3.2`', [], ['pin:live:release_tag=v0.3.2']],
    ['Producer release baseline', '`v0.3.2`', [], ['pin:live:release_tag=v0.3.2']],
    ['releaseTag', 'v0.3.2', ['live pin'], ['pin:live:release_tag=v0.3.2']],
    [
      'expected_service_contract_version',
      'service.v2',
      ['active runtime baseline'],
      ['pin:live:service_contract_version=service.v2'],
    ],
    ['target_service_contract_version', 'service.v3', ['rehearsal candidate'], ['contract:candidate=service.v3']],
    ['Candidate contract', '`service.v3`', [], ['contract:candidate=service.v3']],
    ['Mode', 'Planning/rehearsal only (no runtime cutover)', [], ['mode=rehearsal']],
    ['Handoff mode', '`service-v3-candidate`', [], ['handoff-mode=service-v3-candidate']],
    // The value ends with its sentence.
    ['Handoff mode', 'rehearsal. The JSON says the same in `handoff.handoff_mode`', [], ['handoff-mode=rehearsal']],
    // Several values of different fields: each one the label or the words before it name.
    ['Live contract', '`service.v2` (API `api.v1`)', [], ['pin:live:service_contract_version=service.v2']],
    [
      '3.1 Live',
      '`v0.3.1` at commit `939825f24bb22eb61d9463bb53dadcb2deb09967`, contract `service.v2`',
      [],
      [
        'pin:live:release_tag=v0.3.1',
        'pin:live:commit_sha=939825f24bb22eb61d9463bb53dadcb2deb09967',
        'pin:live:service_contract_version=service.v2',
      ],
    ],
    ['RFC-0012 status', 'Accepted.', [], ['status:rfc=accepted']],
  ] as const)('%s: %s', (label, value, around, expected) => {
    expect(facts(label, value, [...around])).toEqual(expected);
  });

  it.each([
    ['Rollback target tag', '`v0.3.1`', []],
    ['Last approved service.v2 tag', '`v0.3.2`', []],
    ['Scope', '`service.v3` rehearsal', []],
    ['Contract', '`service.v3`', []],
    ['Contract change', '`service.v2` → `service.v3`', []],
    ['Rollback', '`v0.3.1` at commit `939825f24bb22eb61d9463bb53dadcb2deb09967`', []],
    ['release_tag', 'v0.3.1', ['previous runtime']],
    ['Updated', '2026-02-08', []],
  ] as const)('states no pin: %s: %s', (label, value, around) => {
    expect(facts(label, value, [...around])).toEqual([]);
  });
});

describe('statuses and lists in context', () => {
  it('reads a task status under a task heading, in the producer’s words', () => {
    const text = '# T\n\n## P4 — Joint handshake\n\n**Status:** Completed\n';
    const [statement] = extractMarkdown('T.md', text).statements;
    expect(statement).toMatchObject({ fact: 'status:task:P4', value: 'done', shown: 'Completed', place: { line: 5 } });
  });

  it('reads nested items as groups and a numbered list of inline code as commands', () => {
    const text = [
      '# G',
      '',
      '## Evidence checklist',
      '',
      '- Producer',
      '  - Handoff payload',
      '- Consumer',
      '  - Consumer suite results',
      '',
      '## Producer verification commands',
      '',
      '1. `cargo fmt --all -- --check`',
      '2. Run `cargo test --workspace` after the format check.',
      '',
    ].join('\n');
    const statements = extractMarkdown('G.md', text).statements;
    expect(statements.map((statement) => [statement.fact, statement.items])).toEqual([
      [
        'list:evidenceChecklist',
        [
          { group: 'Producer', text: 'Handoff payload' },
          { group: 'Consumer', text: 'Consumer suite results' },
        ],
      ],
      ['list:producerCommands', [{ text: 'cargo fmt --all -- --check' }, { text: 'cargo test --workspace' }]],
    ]);
  });

  it('does not read a run log or a transcript as a command list', () => {
    const text = [
      '# T',
      '',
      '## Verification commands',
      '',
      '```bash',
      'cargo fmt --all -- --check',
      '```',
      '',
      '## Commands executed',
      '',
      '```bash',
      'cargo fmt --all',
      '```',
      '',
      'Run log:',
      '',
      '```sh',
      'cargo test',
      '```',
      '',
    ].join('\n');
    const { statements, looseBlocks } = extractMarkdown('T.md', text);
    expect(statements.map((statement) => statement.fact)).toEqual(['list:producerCommands']);
    expect(looseBlocks).toEqual([]);
  });
});
