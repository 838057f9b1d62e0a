import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../src/core/drift/markdown.ts';
import { driftOfFiles } from '../../src/core/drift/run.ts';

/**
 * Conventions of other house styles, each with the look-alike that must state nothing (or something else).
 * The packages written blind (test/drift/fixtures/frontmatter-kebab, caps-numbered) use them all; here each
 * is pinned on its own.
 */

const sha = '939825f24bb22eb61d9463bb53dadcb2deb09967';
const factsOf = (text: string) =>
  extractMarkdown('D.md', text).statements.map(
    (statement) =>
      `${statement.fact}=${statement.value || (statement.items ?? []).map((item) => item.text).join('|')}@${statement.place.line}`,
  );
const md = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('labels', () => {
  it('a definition line (`Term` then `: value`) is a label, stated at the value’s line', () => {
    expect(factsOf(md('# D', '', 'Live commit', `: \`${sha}\``, '', 'Mode', ': rehearsal'))).toEqual([
      `pin:live:commit_sha=${sha}@4`,
      'mode=rehearsal@7',
    ]);
    // A colon opening a line after a line that is itself a label is not a definition.
    expect(factsOf(md('# D', '', 'Note: the list below', ': `v0.3.1`'))).toEqual([]);
  });

  it('a `| Value | Field |` table is read the other way round; a `| Field | Value |` one as before', () => {
    const table = (header: string, row: string) => md('# D', '', header, '|---|---|', row);
    expect(factsOf(table('| Value | Field |', `| \`${sha}\` | commit_sha |`))).toEqual([
      `pin:live:commit_sha=${sha}@5`,
    ]);
    expect(factsOf(table('| Field | Value |', `| commit_sha | \`${sha}\` |`))).toEqual([
      `pin:live:commit_sha=${sha}@5`,
    ]);
  });

  it('a value runs to its sentence’s end, and a value left open goes on on the next line (pins only)', () => {
    expect(
      factsOf(
        md(
          '# D',
          '',
          'Live: `v0.3.1` at commit `' + sha + '`,',
          'API `api.v1`, integration baseline `integration/v1`.',
        ),
      ),
    ).toEqual([
      'pin:live:release_tag=v0.3.1@3',
      `pin:live:commit_sha=${sha}@3`,
      'pin:live:api_contract_version=api.v1@4',
      'pin:live:integration_baseline=integration/v1@4',
    ]);
    // A finished value does not go on, and a mode or status never takes the next line.
    expect(
      factsOf(md('# D', '', 'Handoff mode: rehearsal. The JSON says the same,', 'and it changes only after a Go.')),
    ).toEqual(['handoff-mode=rehearsal@3']);
  });

  it('`Phase:` is the mode only when its value is a mode', () => {
    expect(factsOf(md('# D', '', 'Phase: rehearsal — runtime stays pinned'))).toEqual(['mode=rehearsal@3']);
    expect(factsOf(md('# D', '', '| Stage | Phase |', '|---|---|', '| 0 | Preparation |'))).toEqual([]);
  });
});

describe('statuses', () => {
  it('a task id leading a title cell, and a row naming an RFC, in a status table', () => {
    const table = md(
      '# D',
      '',
      '| Item | Status |',
      '|---|---|',
      '| P3 Producer verification suite | done |',
      '| RFC-0007 service.v3 error envelope | draft |',
    );
    expect(factsOf(table)).toEqual(['status:task:P3=done@5', 'status:rfc=draft@6']);
  });

  it('“T3 is Complete” states the task’s status; a sentence naming a file or a negation does not', () => {
    expect(factsOf(md('# D', '', '2.3 T3 is Complete: it ran on 2 March.'))).toEqual(['status:task:T3=done@3']);
    expect(factsOf(md('# D', '', 'T2 is RELEASE_HANDOFF.json. T3 is not done. T4 was complete.'))).toEqual([]);
    expect(factsOf(md('# D', '', 'G2 is passed.'))).toEqual(['status:gate:g2=passed@3']);
  });

  it('a gate known by its short id is one gate in a table, a list item and a keyed JSON object', () => {
    const report = driftOfFiles('.', [
      {
        path: 'g.md',
        text: md('# G', '', '| Gate | Name | Status |', '|---|---|---|', '| G3 | Envelope assertions | Pending |'),
      },
      { path: 's.md', text: md('# S', '', '## Gates', '', '- G3 Envelope assertions: Passed') },
      { path: 'h.json', text: '{ "gates": { "G3": { "name": "Envelope assertions", "status": "not_started" } } }\n' },
    ]);
    expect(report.findings.map((finding) => [finding.fact, finding.values.map((value) => value.value)])).toEqual([
      // `not_started` is a pending gate in the producer's words: two values, not three.
      ['status:gate:g3', ['pending', 'passed']],
    ]);
  });

  it('a snake_case status is the same words as the spaced one', () => {
    const report = driftOfFiles('.', [
      { path: 'g.md', text: md('# G', '', '## Gates', '', '| Gate | Status |', '|---|---|', '| G1 | Not started |') },
      { path: 'h.json', text: '{ "gates": [{ "id": "G1", "status": "not_started" }] }\n' },
    ]);
    expect(report.findings).toEqual([]);
  });

  it('a task-list item states whether its task is done', () => {
    expect(factsOf(md('# D', '', '- [x] Joint go/no-go review', '- [ ] Cutover'))).toEqual([
      'status:task:joint-go-no-go-review=done@3',
      'status:task:cutover=not done@4',
    ]);
  });
});

describe('fact lists', () => {
  it('a heading names a list with its parent’s words: `# Rollback` / `## Triggers`', () => {
    expect(factsOf(md('# Rollback', '', '## Triggers', '', '- Consumer suite fails', '- Envelope mismatch'))).toEqual([
      'list:rollbackTriggers=Consumer suite fails|Envelope mismatch@5',
    ]);
    // Under a heading that names nothing, `## Triggers` names nothing either.
    expect(factsOf(md('# Alerts', '', '## Triggers', '', '- Disk full', '- CPU high'))).toEqual([]);
  });

  it('“Consumer verification commands” is the consumer’s list, not the producer’s', () => {
    expect(
      factsOf(md('# P', '', '## Consumer verification commands', '', '```bash', 'pnpm run test:ci', '```')),
    ).toEqual(['list:consumerCommands=pnpm run test:ci@5']);
  });

  it('a lead-in “for example:” introduces an excerpt: its items restate no list', () => {
    const text = md(
      '# G',
      '',
      'Two rollback triggers show up here first, for example:',
      '',
      '1. Consumer suite fails.',
      '2. Envelope mismatch.',
      '',
      'Rollback triggers:',
      '',
      '1. Consumer suite fails.',
    );
    expect(factsOf(text)).toEqual(['list:rollbackTriggers=Consumer suite fails.@10']);
  });
});

describe('the reference', () => {
  it('a file named like a release handoff is the machine-readable source, whatever its shape', () => {
    const files = (name: string) => [
      { path: 'plan.md', text: md('# P', '', 'Mode: cutover') },
      { path: name, text: '{ "handoff": { "mode": "rehearsal" } }\n' },
    ];
    expect(driftOfFiles('.', files('release-handoff.json')).findings[0]?.reference).toBe('rehearsal');
    expect(driftOfFiles('.', files('handoff-notes.json')).findings[0]?.reference).toBeUndefined();
  });
});

describe('recall on reworded packages (each with its look-alike)', () => {
  it('a list holding all of a named list and one more restates it and adds; one holding a few more than half is not', () => {
    const named = md(
      '# G',
      '',
      '## Rollback triggers',
      '',
      '- Suite fails',
      '- Envelope mismatch',
      '- Fallback regression',
    );
    const superset = md(
      '# R',
      '',
      '## When we are in trouble',
      '',
      '- Suite fails',
      '- Envelope mismatch',
      '- Fallback regression',
      '- Incident open',
    );
    const report = driftOfFiles('.', [
      { path: 'g.md', text: named },
      { path: 'r.md', text: superset },
    ]);
    expect(
      report.findings.map((finding) => [finding.fact, finding.values.map((value) => value.places[0]?.file)]),
    ).toEqual([['list:rollbackTriggers', ['g.md', 'r.md']]]);
    const unrelated = md(
      '# R',
      '',
      '## On-call',
      '',
      '- Suite fails',
      '- Envelope mismatch',
      '- Pager rotates',
      '- Coffee',
      '- Lunch',
    );
    expect(
      driftOfFiles('.', [
        { path: 'g.md', text: named },
        { path: 'r.md', text: unrelated },
      ]).findings,
    ).toEqual([]);
  });

  it('list names are word sets: “Prerequisites, producer side”; “## Evidence” outside a gate is the checklist', () => {
    expect(factsOf(md('# C', '', '## 2. Prerequisites, producer side', '', '1. Suite green.'))).toEqual([
      'list:producerPrerequisites=Suite green.@5',
    ]);
    expect(factsOf(md('# C', '', '## Evidence', '', '- Handoff payload'))).toEqual([
      'list:evidenceChecklist=Handoff payload@5',
    ]);
    // A gate's own evidence is not the checklist.
    expect(
      factsOf(md('# G', '', '## Gates', '', '### Gate 1: Suite green', '', '#### Evidence', '', '- Suite output')),
    ).toEqual([]);
  });

  it('a heading naming a party by the name the package gives it is that side’s list', () => {
    const plan = md(
      '# P',
      '',
      'Consumer: AssistSupport',
      '',
      '## AssistSupport checks',
      '',
      '```sh',
      'pnpm run test:ci',
      '```',
    );
    expect(driftOfFiles('.', [{ path: 'p.md', text: plan }]).read.map((statement) => statement.fact)).toEqual([
      'list:consumerCommands',
    ]);
    // Without the package saying who AssistSupport is, the heading names no list.
    const unnamed = plan.replace('Consumer: AssistSupport', 'Owner: platform');
    expect(driftOfFiles('.', [{ path: 'p.md', text: unnamed }]).read).toEqual([]);
  });

  it('a value-first row is found by its cells, whatever the header; production is the live pin', () => {
    expect(factsOf(md('# P', '', '| Setting | Key |', '|---|---|', `| \`${sha}\` | commit_sha |`))).toEqual([
      `pin:live:commit_sha=${sha}@5`,
    ]);
    expect(factsOf(md('# S', '', 'Production: `v0.3.1` at `' + sha + '`.'))).toEqual([
      'pin:live:release_tag=v0.3.1@3',
      `pin:live:commit_sha=${sha}@3`,
    ]);
  });

  it('“T3 (Complete) ran” and “RFC-0012: Draft.” state statuses; “T2 (see below)” and “RFC-0012: the envelope” do not', () => {
    expect(factsOf(md('# S', '', '2.3 T3 (Complete) ran on 2 March.', '', 'RFC-0012: Draft.'))).toEqual([
      'status:task:T3=done@3',
      'status:rfc=draft@5',
    ]);
    expect(factsOf(md('# S', '', 'T2 (see below) is the payload.', '', 'RFC-0012: the envelope change.'))).toEqual([]);
  });
});

describe('gates by id and by name', () => {
  it('a gate named only by its title in one file is the gate another place states with its id and that title', () => {
    const report = driftOfFiles('.', [
      {
        path: 'c.md',
        text: md('# C', '', '## Gates', '', '| Gate | Status |', '|---|---|', '| Envelope assertions pass | Passed |'),
      },
      {
        path: 'h.json',
        text: '{ "gates": { "G3": { "name": "Envelope assertions pass", "status": "not_started" } } }\n',
      },
      {
        path: 'g.md',
        text: md('# G', '', '| Gate | Name | Status |', '|---|---|---|', '| G2 | Consumer suite green | Pending |'),
      },
    ]);
    expect(report.findings.map((finding) => [finding.fact, finding.values.map((value) => value.value)])).toEqual([
      ['status:gate:g3', ['passed', 'pending']],
    ]);
  });

  it('a name said with two ids is left alone', () => {
    const report = driftOfFiles('.', [
      {
        path: 'c.md',
        text: md('# C', '', '## Gates', '', '| Gate | Status |', '|---|---|', '| Suite green | Passed |'),
      },
      {
        path: 'h.json',
        text: '{ "gates": { "G1": { "name": "Suite green", "status": "pending" }, "G2": { "name": "Suite green", "status": "pending" } } }\n',
      },
    ]);
    expect(report.findings).toEqual([]);
  });
});
