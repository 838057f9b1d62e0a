import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decisionsInJson,
  decisionsInMarkdown,
  isCheckpointDocument,
  isDecisionRecordJson,
  momentIn,
  outcomeIn,
  teamsIn,
} from '../../src/core/adopt/cutover-records.ts';

/** How a decision record is read in the forms producers write it; what is not stated stays unstated. */

describe('the parts of a decision as written', () => {
  it('a UTC moment in any zone notation, never a time without a zone', () => {
    expect(momentIn('recorded 2026-03-02T14:00:00Z by us')?.value).toBe('2026-03-02T14:00:00Z');
    expect(momentIn('at 2026-03-02 14:00 UTC')?.value).toBe('2026-03-02T14:00:00Z');
    expect(momentIn('2026-03-02T15:30:00+01:00')?.value).toBe('2026-03-02T14:30:00Z');
    expect(momentIn('at 2026-03-02 14:00')).toBeUndefined();
    expect(momentIn('on 2026-03-02')).toBeUndefined();
  });

  it('an outcome is a go or no-go word; the name of the checkpoint kind is none', () => {
    expect(outcomeIn('Go/no-go decision recorded')).toBeUndefined();
    expect(outcomeIn('**GO**')).toBe('go');
    expect(outcomeIn('No-go: the consumer suite is red')).toBe('no-go');
    expect(outcomeIn('no_go')).toBe('no-go');
    expect(outcomeIn('Going ahead')).toBeUndefined();
  });

  it('teams of a list, without roles or dates', () => {
    expect(teamsIn('MemoryKernel and AssistSupport.')).toEqual(['MemoryKernel', 'AssistSupport']);
    expect(teamsIn('MemoryKernel (2026-02-20), AssistSupport on 2026-02-21')).toEqual([
      'MemoryKernel',
      'AssistSupport',
    ]);
  });
});

describe('which files are records', () => {
  it('a JSON record states an outcome and a moment, at the top or in a list', () => {
    expect(isDecisionRecordJson('{"decision": "go", "recorded_at": "2026-03-02T14:00:00Z"}')).toBe(true);
    expect(isDecisionRecordJson('{"log": [{"outcome": "no-go", "decidedAt": "2026-02-27T15:00:00Z"}]}')).toBe(true);
    // A decision with no moment, or a moment with no outcome, is not a record of a decision.
    expect(isDecisionRecordJson('{"decision": "go", "date": "2026-03-02"}')).toBe(false);
    expect(
      isDecisionRecordJson('{"gates": [{"name": "x", "status": "passed"}], "recorded_at": "2026-03-02T14:00:00Z"}'),
    ).toBe(false);
  });

  it('a checkpoint is named or titled so', () => {
    expect(isCheckpointDocument('docs/checkpoints/CHECKPOINT_2026-03-02.md', '# Cutover\n')).toBe(true);
    expect(isCheckpointDocument('docs/log/2026-03-02.md', '# Checkpoint: cutover\n')).toBe(true);
    expect(isCheckpointDocument('docs/SERVICE_V3_CUTOVER_GATES.md', '# Gates\n\nGo/no-go checkpoint\n')).toBe(false);
    // Only the document's title counts, not a later heading that starts with the word.
    expect(isCheckpointDocument('docs/SERVICE_V3_PLAN.md', '# Plan\n\n# Checkpoint dates\n')).toBe(false);
  });
});

describe('decisions a checkpoint states', () => {
  it('labels in the header: one decision with its outcome, moment and signatories', () => {
    const text = [
      '# Checkpoint: go/no-go',
      '',
      'Date: 2026-02-27',
      'Decision: **No-go**',
      'Decided at: 2026-02-27T15:00:00Z',
      'Signed off by: MemoryKernel, AssistSupport',
      '',
      'The consumer suite had not run on the release candidate.',
    ].join('\n');
    expect(decisionsInMarkdown('c.md', text)).toEqual([
      {
        at: { value: '2026-02-27T15:00:00Z', place: { file: 'c.md', line: 5 } },
        outcome: { value: 'no-go', place: { file: 'c.md', line: 4 } },
        approvers: { value: ['MemoryKernel', 'AssistSupport'], place: { file: 'c.md', line: 6 } },
        scope: undefined,
        gates: [],
        place: { file: 'c.md', line: 4 },
      },
    ]);
  });

  it('a sentence and an execution line; a moment inside a code block is no statement', () => {
    const text = [
      '# Checkpoint',
      '',
      'Go decision for the runtime cutover recorded 2026-03-02T14:00:00Z by MemoryKernel and AssistSupport.',
      '',
      'The cutover ran at 2026-03-02T14:05:00Z.',
      '',
      '```text',
      'no-go decision 2026-03-01T10:00:00Z by nobody',
      '```',
    ].join('\n');
    const [decision, ...rest] = decisionsInMarkdown('c.md', text);
    expect(rest).toEqual([]);
    expect(decision?.outcome?.value).toBe('go');
    expect(decision?.scope?.value).toBe('runtime-cutover');
    expect(decision?.approvers?.value).toEqual(['MemoryKernel', 'AssistSupport']);
    expect(decision?.executedAt).toEqual({ value: '2026-03-02T14:05:00Z', place: { file: 'c.md', line: 5 } });
  });

  it('a decision-log table: one decision per row', () => {
    const text = [
      '| When | Decision | Who |',
      '| --- | --- | --- |',
      '| 2026-02-27 15:00 UTC | No-go | MemoryKernel, AssistSupport |',
      '| 2026-03-02 14:00 UTC | Go | MemoryKernel, AssistSupport |',
    ].join('\n');
    expect(
      decisionsInMarkdown('log.md', text).map((decision) => [
        decision.at.value,
        decision.outcome?.value,
        decision.place.line,
      ]),
    ).toEqual([
      ['2026-02-27T15:00:00Z', 'no-go', 3],
      ['2026-03-02T14:00:00Z', 'go', 4],
    ]);
  });
});

describe('decisions a JSON record states', () => {
  it('snake_case with the runtime pin it led to, each part at its key', () => {
    const text = [
      '{',
      '  "recorded_at": "2026-03-02T14:00:00Z",',
      '  "decision": "go",',
      '  "runtime_pin": { "release_tag": "v0.4.0", "service_contract_version": "service.v3" },',
      '  "rollback_target": { "service_contract_version": "service.v2" }',
      '}',
    ].join('\n');
    const [decision] = decisionsInJson('docs/cutover_record.json', text);
    expect(decision?.at).toEqual({
      value: '2026-03-02T14:00:00Z',
      place: { file: 'docs/cutover_record.json', line: 2 },
    });
    expect(decision?.outcome?.place.line).toBe(3);
    expect(decision?.runtimeContract).toEqual({
      value: 'service.v3',
      place: { file: 'docs/cutover_record.json', line: 4 },
    });
    expect(decision?.runtimeTag).toBe('v0.4.0');
    // The file name says what the record is about; nobody who decided is stated.
    expect(decision?.scope?.value).toBe('runtime-cutover');
    expect(decision?.approvers).toBeUndefined();
  });
});

describe('any text', () => {
  // Lines built from the pieces the readers look for, so the patterns are exercised, not only skipped.
  const piece = fc.constantFrom(
    'Go/no-go decision recorded ',
    '2026-03-02T14:00:00Z',
    '2026-03-02 14:00 UTC',
    ' by MemoryKernel and AssistSupport',
    'Decision: ',
    'Decided at: ',
    'No-go',
    '| When | Decision | Who |',
    '| --- | --- | --- |',
    '| ',
    'cutover ran at ',
    '```',
    '\n',
    '{"decision": "go", "recorded_at": ',
    '"2026-03-02T14:00:00Z"}',
  );
  const text = fc.array(fc.oneof(piece, fc.string()), { maxLength: 30 }).map((parts) => parts.join(''));

  it('reads without throwing, and every decision it finds has a UTC moment and a place in the file', () => {
    fc.assert(
      fc.property(text, (input) => {
        const lines = input.split('\n').length;
        for (const decision of [...decisionsInMarkdown('c.md', input), ...decisionsInJson('r.json', input)]) {
          expect(decision.at.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(decision.place.line).toBeGreaterThanOrEqual(1);
          expect(decision.place.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 300 },
    );
  });
});
