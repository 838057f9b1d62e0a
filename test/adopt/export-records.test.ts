import { describe, expect, it } from 'vitest';
import { resolveReference } from '../../src/core/adopt/blocks.ts';
import { checkpointDate, decisionsInMarkdown, isCheckpointDocument } from '../../src/core/adopt/cutover-records.ts';
import { recordsCheckpoints, type RecordsExportContext } from '../../src/core/adopt/export-records.ts';
import { evidenceTargets } from '../../src/core/adopt/importers/records.ts';
import type { Gates, Records, Tracker } from '../../src/schemas/index.ts';

/**
 * The records written as checkpoints, read back by the importer's own readers (the whole export → import
 * round trip of the shipped content is in export-stability.test.ts): a cutover and a rollback on one day,
 * evidence after a decision, an exit criterion whose title would not resolve back, an artifact path.
 */

const gates = {
  gates: [{ id: 'suite-green', title: 'Suite green', owner: 'producer', status: 'passed' }],
  evidenceChecklist: [{ id: 'suite-results', title: 'Suite results' }],
} as unknown as Gates;
const tracker = {
  tasks: [{ id: 'T1', title: 'Ship the candidate', owner: 'producer', status: 'done' }],
} as unknown as Tracker;

const context: RecordsExportContext = {
  folder: 'docs/plans/checkpoints',
  gates,
  tracker,
  exitCriteria: [{ id: 'exit-safe', title: 'Safe; reversible' }],
  recordsFile: 'content/migrations/m/records.yaml',
  producerPath: (path) => (path === 'content/migrations/m/plan.mdx' ? 'docs/plans/PLAN.md' : path),
};

const records: Records = {
  kind: 'records',
  title: 'records',
  updated: '2026-03-02',
  decisions: [
    {
      id: 'rollback-go',
      title: 'Go for the rollback.',
      scope: 'rollback',
      outcome: 'go',
      decidedAt: '2026-03-02T18:00:00Z',
      approvers: ['Producer', 'Consumer'],
      evidence: [],
      supersedes: [],
    },
    {
      id: 'cutover-go',
      title: 'Go for the cutover.',
      scope: 'runtime-cutover',
      outcome: 'go',
      decidedAt: '2026-03-02T09:00:00Z',
      approvers: ['Producer', 'Consumer'],
      evidence: [],
      supersedes: [],
    },
  ],
  events: [
    {
      id: 'cutover-executed',
      title: 'Cut over.',
      type: 'cutover-executed',
      at: '2026-03-02T10:00:00Z',
      authorisedBy: 'cutover-go',
    },
    {
      id: 'rollback-executed',
      title: 'Rolled back.',
      type: 'rollback-executed',
      at: '2026-03-02T18:30:00Z',
      authorisedBy: 'rollback-go',
    },
  ],
  windows: [],
  evidence: [
    {
      id: 'suite',
      title: 'Suite ran.',
      recordedAt: '2026-03-02T08:00:00Z',
      by: 'producer',
      for: ['gate:suite-green', 'evidence:suite-results'],
      ci: 'https://ci.example/runs/1',
    },
    {
      id: 'shipped',
      title: 'Shipped.',
      recordedAt: '2026-03-02T20:00:00Z',
      by: 'producer',
      for: ['task:T1', 'exit:exit-safe'],
      artifact: 'content/migrations/m/plan.mdx',
    },
  ],
} as unknown as Records;

describe('records written as checkpoints', () => {
  const checkpoints = recordsCheckpoints(records, context);

  // A checkpoint without a decision speaks for its day's start: the importer dates its evidence then.
  it('writes a checkpoint per decision and one per other day of evidence, in the order the importer dates them, each read back with its outcome, scope, approvers and execution', () => {
    expect(checkpoints.map((checkpoint) => checkpoint.path)).toEqual([
      'docs/plans/checkpoints/CHECKPOINT_2026-03-02.md',
      'docs/plans/checkpoints/CHECKPOINT_2026-03-02_cutover-go.md',
      'docs/plans/checkpoints/CHECKPOINT_2026-03-02_rollback-go.md',
    ]);
    for (const checkpoint of checkpoints) expect(isCheckpointDocument(checkpoint.path, checkpoint.text)).toBe(true);
    const read = checkpoints.slice(1).map((checkpoint) => {
      const [decision, ...others] = decisionsInMarkdown(checkpoint.path, checkpoint.text);
      expect(others).toEqual([]);
      return {
        at: decision?.at.value,
        outcome: decision?.outcome?.value,
        scope: decision?.scope?.value,
        approvers: decision?.approvers?.value,
        executedAt: decision?.executedAt?.value,
      };
    });
    expect(read).toEqual([
      {
        at: '2026-03-02T09:00:00Z',
        outcome: 'go',
        scope: 'runtime-cutover',
        approvers: ['Producer', 'Consumer'],
        executedAt: '2026-03-02T10:00:00Z',
      },
      {
        at: '2026-03-02T18:00:00Z',
        outcome: 'go',
        scope: 'rollback',
        approvers: ['Producer', 'Consumer'],
        executedAt: '2026-03-02T18:30:00Z',
      },
    ]);
  });

  it('holds evidence with the first decision of its day taken at or after it, else in the checkpoint of its day', () => {
    const [day, cutover, rollback] = checkpoints;
    expect(cutover?.text).toContain('1. Suite green\n   - Evidence: [Suite results](https://ci.example/runs/1)\n');
    expect(rollback?.text).not.toContain('Evidence:');
    expect(day?.text).toContain('## Task T1: Ship the candidate');
    expect(day?.text).not.toContain('Decided at:');
    expect(checkpointDate(day?.path ?? '', day?.text ?? '')?.value).toBe('2026-03-02');
  });

  it('names an exit criterion whose title would not resolve back by its id, and links an artifact from the checkpoint', () => {
    const day = checkpoints[0]?.text ?? '';
    const line = day.split('\n').find((each) => each.startsWith('- Evidence:')) ?? '';
    expect(line).toBe('- Evidence: [`exit:exit-safe`](../PLAN.md)');
    const [target] = evidenceTargets(line.slice('- Evidence: '.length));
    expect(target?.target).toBe('../PLAN.md');
    expect(resolveReference('exit', target?.text ?? '', context.exitCriteria)).toBe('exit-safe');
  });
});
