import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/core/corpus.ts';
import { describeDifference, firstDifference } from '../../src/core/generate/diff.ts';
import {
  buildPayload,
  PayloadInputError,
  payloadSourcePaths,
  payloadTargets,
  serializePayload,
} from '../../src/core/generate/payload.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { readContentFiles } from '../../src/core/read.ts';
import { payloadSchema } from '../../src/schemas/payload.ts';
import { replaceOnce, withEdit, loadOptionsFor } from '../helpers/content.ts';
import { payloadPath, repoRoot, shuffled } from './helpers.ts';

const files = readContentFiles(repoRoot).files;
const committed = readFileSync(join(repoRoot, payloadPath), 'utf8');

function generate(input: readonly SourceFile[], sourceDateEpoch?: string): string {
  return serializePayload(buildPayload(loadCorpusFromFiles(input, loadOptionsFor(input)), input, { sourceDateEpoch }));
}

function payloadOf(input: readonly SourceFile[]) {
  return buildPayload(loadCorpusFromFiles(input, loadOptionsFor(input)), input);
}

describe('buildPayload / serializePayload', () => {
  it('produces the committed payload, byte for byte', () => {
    expect(generate(files)).toBe(committed);
  });

  it('gives identical bytes when run twice', () => {
    expect(generate(files)).toBe(generate(files));
  });

  it('gives identical bytes whatever the order of the input files', () => {
    const reference = generate(files);
    for (const seed of [1, 2, 3, 42, 2026]) {
      const order = shuffled(files, seed);
      expect(order.map((file) => file.path)).not.toEqual(files.map((file) => file.path));
      expect(generate(order)).toBe(reference);
    }
  });

  it('writes 2-space JSON with LF line ends, one final newline and no absolute or machine paths', () => {
    expect(committed.endsWith('}\n')).toBe(true);
    expect(committed.endsWith('\n\n')).toBe(false);
    expect(committed).not.toContain('\r');
    expect(committed.split('\n')[1]).toBe('  "payloadFormatVersion": "2",');
    expect(committed).not.toContain(repoRoot);
    const payload = payloadSchema.parse(JSON.parse(committed));
    // Repository-relative: the content, and the producer's manifest the pin is read from.
    for (const source of payload.sources) expect(source.path).toMatch(/^(?:content|contracts)\//);
  });

  it('keeps the key order of the schema', () => {
    const payload = JSON.parse(committed) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(Object.keys(payloadSchema.shape));
  });

  it('carries what a consumer needs, taken from the documents', () => {
    const payload = payloadSchema.parse(JSON.parse(committed));
    expect(payload.livePin).toEqual({
      release_tag: 'v0.3.2',
      commit_sha: 'cf331449e1589581a5dcbb3adecd3e9ae4509277',
      service_contract_version: 'service.v2',
      api_contract_version: 'api.v1',
      integration_baseline: 'integration/v1',
    });
    expect(payload.candidate).toEqual({
      contract: 'service.v3',
      from: 'service.v2',
      migration: 'service-v3',
      mode: 'rehearsal',
      runtimeCutover: false,
      started: '2026-02-08',
      notBefore: null,
    });
    // The overlap window follows the cutover: before one is recorded it has a length but no dates.
    expect(payload.overlap).toMatchObject({ days: 14, opensAt: null, closesAt: null });
    expect(Object.keys(payload.envelopePolicies)).toEqual(['service.v2', 'service.v3']);
    expect(payload.envelopePolicies['service.v3']?.forbidden).toEqual(['legacy_error', 'api_contract_version']);
    expect(payload.errorCodes.codes).toHaveLength(10);
    expect(payload.gates.map((gate) => `${gate.id}:${gate.status}`)).toEqual([
      'producer-suite-green:pending',
      'consumer-suite-green:pending',
      'candidate-envelope-assertions:pending',
      'joint-signoff-recorded:pending',
    ]);
    expect(payload.gates[0]?.evidence.commands).toHaveLength(8);
    expect(payload.gates[1]?.evidence.commands.map((command) => command.run)).toEqual([
      'pnpm run check:memorykernel-pin',
      'pnpm run test:memorykernel-contract',
      'pnpm run test:ci',
    ]);
    expect(payload.gates[2]?.evidence.envelopeContract).toBe('service.v3');
    expect(payload.requiredChecks.producer).toHaveLength(8);
    expect(payload.rollback.triggers).toHaveLength(4);
    expect(payload.rollback.actions.map((action) => action.owner)).toEqual(['consumer', 'producer', 'joint']);
    expect(
      [payload.evidenceChecklist.producer, payload.evidenceChecklist.consumer, payload.evidenceChecklist.joint].map(
        (list) => list.length,
      ),
    ).toEqual([3, 3, 2]);
    expect(payload.sourceDate).toBe('2026-02-08');
  });

  it('lists every source with the sha256 of the file as it is on disk, sorted by path', () => {
    const payload = payloadSchema.parse(JSON.parse(committed));
    const paths = payload.sources.map((source) => source.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual([
      'content/contracts/service.v2.yaml',
      'content/contracts/service.v3.yaml',
      'content/migrations/service-v3/gates.mdx',
      'content/migrations/service-v3/migration.yaml',
      'content/migrations/service-v3/plan.mdx',
      'content/migrations/service-v3/records.yaml',
      'content/migrations/service-v3/rfc.mdx',
      'content/migrations/service-v3/tracker.mdx',
      'content/runtime/pin.yaml',
      'content/runtime/producer-manifest.yaml',
      'contracts/integration/v1/producer-contract-manifest.json',
    ]);
    expect(paths).not.toContain(payloadPath);
    for (const source of payload.sources) {
      expect(source.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(repoRoot, source.path)))
          .digest('hex'),
      );
    }
  });

  it('takes the date from the documents, or from SOURCE_DATE_EPOCH when set', () => {
    const later = withEdit(
      files,
      'content/contracts/service.v3.yaml',
      replaceOnce('updated: 2026-02-08', 'updated: 2026-03-01'),
    );
    expect(JSON.parse(generate(later)).sourceDate).toBe('2026-03-01');
    const pinned = JSON.parse(generate(files, '1772323200'));
    expect([pinned.sourceDate, pinned.sourceDateFrom]).toEqual(['2026-03-01', 'SOURCE_DATE_EPOCH']);
    expect(() => generate(files, 'yesterday')).toThrow(
      /^Unexpected SOURCE_DATE_EPOCH `yesterday`, expected whole seconds since 1970-01-01 UTC/,
    );
  });

  it('publishes a declared not-before day as is, and the overlap window from the recorded cutover', () => {
    const withDate = withEdit(
      files,
      'content/migrations/service-v3/migration.yaml',
      replaceOnce('started: 2026-02-08\n', 'started: 2026-02-08\nnotBefore: 2026-03-01\n'),
    );
    expect(payloadOf(withDate).candidate.notBefore).toBe('2026-03-01');
    const cutOver = withEdit(
      withDate,
      'content/migrations/service-v3/records.yaml',
      replaceOnce(
        'decisions: []\nevents: []\n',
        [
          'decisions:',
          '  - { id: cutover-go, title: Go., scope: runtime-cutover, outcome: go, decidedAt: 2026-03-02T13:00:00Z, approvers: [MemoryKernel, AssistSupport] }',
          'events:',
          '  - { id: cutover-executed, title: Cut over., type: cutover-executed, at: 2026-03-02T14:05:00Z, authorisedBy: cutover-go }',
          '',
        ].join('\n'),
      ),
    );
    expect(payloadOf(cutOver).overlap).toMatchObject({
      days: 14,
      opensAt: '2026-03-02T14:05:00Z',
      closesAt: '2026-03-16T14:05:00Z',
    });
  });

  it('names what it cannot resolve instead of writing a partial payload', () => {
    const broken = withEdit(
      files,
      'content/migrations/service-v3/gates.mdx',
      replaceOnce('        - cargo-clippy\n', '        - cargo-clipy\n'),
    );
    expect(() => generate(broken)).toThrow(PayloadInputError);
    expect(() => generate(broken)).toThrow(
      'Unexpected command `cargo-clipy` in gate `producer-suite-green`, expected a command declared in content/migrations/service-v3/plan.mdx',
    );
    const corpus = loadCorpusFromFiles(files, loadOptionsFor(files));
    expect(() =>
      buildPayload(
        corpus,
        files.filter((file) => !file.path.endsWith('rfc.mdx')),
      ),
    ).toThrow('Missing text of source file content/migrations/service-v3/rfc.mdx, expected it among the files read');
    expect(() => buildPayload(corpus, files, { migration: 'service-v9' })).toThrow(
      'Unexpected migration `service-v9`, expected one of `service-v3`',
    );
  });

  it('finds its target and sources from the plan and the corpus', () => {
    const corpus = loadCorpusFromFiles(files, loadOptionsFor(files));
    expect(payloadTargets(corpus).map((target) => target.path)).toEqual([payloadPath]);
    expect(payloadSourcePaths(corpus, corpus.migrations[0]!)).toHaveLength(11);
    // The payload itself is not loaded as a data file, but its text is kept for the payload-fresh rule.
    expect(corpus.data.map((entry) => entry.file)).not.toContain(payloadPath);
    expect(corpus.texts.get(payloadPath)).toBe(committed);
  });
});

describe('firstDifference', () => {
  const generated = committed;
  const diff = (text: string) => {
    const difference = firstDifference(text, JSON.parse(text), generated);
    return difference && describeDifference(difference);
  };

  it('names the first differing JSON path with both values', () => {
    const edited = committed.replace(
      /("id": "consumer-suite-green",\n\s*"title": [^\n]*\n\s*"owner": [^\n]*\n\s*"status": )"pending"/,
      '$1"passed"',
    );
    expect(diff(edited)).toBe('gates[1].status: committed "passed", generated "pending"');
  });

  it('reports missing and extra items, key order, and byte-only differences', () => {
    expect(diff(committed.replace('"days": 14,', '"days": 14, "extra": true,'))).toBe(
      'overlap.extra: committed true, generated (no such key)',
    );
    expect(
      diff(
        committed.replace(
          '"producer": "MemoryKernel",\n  "consumer": "AssistSupport",',
          '"consumer": "AssistSupport",\n  "producer": "MemoryKernel",',
        ),
      ),
    ).toBe('(top level): committed key `consumer` in position 5, generated key `producer` in position 5');
    expect(diff(committed.replace(/\n/g, '\r\n'))).toBe('(top level): committed line 1 "{\\r", generated line 1 "{"');
    expect(diff(committed.slice(0, -1))).toBe('(top level): committed line 438 (end of file), generated line 438 ""');
    expect(firstDifference(committed, JSON.parse(committed), generated)).toBeUndefined();
  });
});
