import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../../src/core/check.ts';
import { buildPayload, serializePayload } from '../../src/core/generate/payload.ts';
import { timelineOf } from '../../src/core/lifecycle.ts';
import { repoRoot } from '../helpers/content.ts';

/**
 * The second shipped state: `examples/after-cutover/` is the package the afternoon the runtime cut over
 * to service.v3 (go decision, executed cutover, stabilization window open). It must pass the whole check,
 * with its payload generated from it, so the lifecycle rules are shown passing on a real moved package.
 */
const root = join(repoRoot, 'examples/after-cutover');

describe('examples/after-cutover', () => {
  const { corpus, diagnostics } = checkProject(root);
  const bundle = corpus.migrations.find((candidate) => candidate.id === 'service-v3')!;

  it('checks clean', () => {
    expect(diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.ruleId}`)).toEqual([]);
    expect(corpus.files.length).toBeGreaterThan(5);
  });

  it('is the state after a go decision and an executed cutover, with everything moved', () => {
    const timeline = timelineOf(bundle)!;
    expect(timeline.cutover?.decision.item.id).toBe('cutover-go');
    expect(timeline.cutover?.event.item.at).toBe('2026-03-02T14:05:00Z');
    expect(corpus.runtimePin?.data.pin.service_contract_version).toBe('service.v3');
    expect(bundle.meta?.data.mode).toBe('stabilization');
    expect(bundle.rfc?.data.status).toBe('implemented');
    expect(bundle.gates?.data.gates.every((gate) => gate.status === 'passed')).toBe(true);
    expect(bundle.tracker?.data.status).toBe('historical');
  });

  it('publishes the overlap window from the cutover in its payload, which is up to date', () => {
    const payloadPath = 'content/migrations/service-v3/handoff-candidate.json';
    const payload = buildPayload(corpus, corpus.texts);
    expect(payload.candidate).toMatchObject({ mode: 'stabilization', runtimeCutover: true, notBefore: '2026-03-01' });
    expect(payload.overlap).toMatchObject({ opensAt: '2026-03-02T14:05:00Z', closesAt: '2026-03-16T14:05:00Z' });
    expect(serializePayload(payload)).toBe(readFileSync(join(root, payloadPath), 'utf8'));
  });
});
