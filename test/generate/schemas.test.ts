import { existsSync, readFileSync } from 'node:fs';
import { loadOptionsFor } from '../helpers/content.ts';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchemaFiles } from '../../src/core/generate/schemas.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { readContentFiles } from '../../src/core/read.ts';
import { consumerPinSchema } from '../../src/schemas/consumer-pin.ts';
import { envelopeSchemaFor } from '../../src/schemas/envelope.ts';
import { payloadPath, repoRoot } from './helpers.ts';

const corpus = loadCorpusFromFiles(readContentFiles(repoRoot).files, loadOptionsFor(readContentFiles(repoRoot).files));
const policy = (version: string) => corpus.contracts.find((contract) => contract.data.version === version)!.data;
const codes = corpus.manifest!.data.errorCodes.codes;
const v2 = envelopeSchemaFor('service.v2', policy('service.v2').envelope, codes);
const v3 = envelopeSchemaFor('service.v3', policy('service.v3').envelope, codes);

const v2Body = {
  service_contract_version: 'service.v2',
  error: { code: 'write_failed', message: 'Write failed.' },
  legacy_error: 'Write failed.',
};
const v3Body = {
  service_contract_version: 'service.v3',
  error: { code: 'write_failed', message: 'Write failed.', details: { retry: true } },
};

const pin = {
  memorykernel_repo: 'https://github.com/example/MemoryKernel',
  release_tag: 'v0.3.2',
  commit_sha: 'cf331449e1589581a5dcbb3adecd3e9ae4509277',
  expected_service_contract_version: 'service.v2',
  expected_api_contract_version: 'api.v1',
  expected_integration_baseline: 'integration/v1',
  expected_producer_manifest_sha256: '6767a778841e694b0ebe93abc174db13620d419ff1c052e4ab6be6bc0276a1e8',
  default_base_url: 'http://127.0.0.1:4010',
  default_timeout_ms: 5000,
};

describe('exported JSON Schemas', () => {
  it('are what the exporter writes now, byte for byte, in a stable order', () => {
    const files = buildSchemaFiles(corpus);
    expect(files.map((file) => file.path)).toEqual([
      'public/schemas/consumer-pin.schema.json',
      'public/schemas/envelope-service.v2.schema.json',
      'public/schemas/envelope-service.v3.schema.json',
      'public/schemas/handoff-payload.schema.json',
    ]);
    for (const file of files) {
      expect(readFileSync(join(repoRoot, file.path), 'utf8')).toBe(file.text);
      const schema = JSON.parse(file.text);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.title).toBeTruthy();
    }
    expect(buildSchemaFiles({ contracts: [...corpus.contracts].reverse(), manifest: corpus.manifest })).toEqual(files);
  });

  it('turn dotted envelope paths into nested objects and forbidden fields into absent ones', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'public/schemas/envelope-service.v3.schema.json'), 'utf8'));
    expect(schema.required).toEqual(['service_contract_version', 'error']);
    expect(schema.properties.error.required).toEqual(['code', 'message']);
    expect(Object.keys(schema.properties.error.properties)).toEqual(['code', 'message', 'details']);
    expect(schema.properties.legacy_error).toEqual({ not: {} });
    expect(schema.properties.api_contract_version).toEqual({ not: {} });
    expect(schema.additionalProperties).toEqual({});
  });
});

describe('envelope schemas derived from the policy data', () => {
  it('accept each contract example and reject the other contract shape', () => {
    expect(v2.safeParse(policy('service.v2').example).success).toBe(true);
    expect(v3.safeParse(policy('service.v3').example).success).toBe(true);
    expect(v2.safeParse(v2Body).success).toBe(true);
    expect(v3.safeParse(v3Body).success).toBe(true);
    // A v3 body carrying legacy_error fails under service.v3; under service.v2 it fails for naming service.v3.
    const v3WithLegacy = { ...v3Body, legacy_error: 'Write failed.' };
    expect(v3.safeParse(v3WithLegacy).success).toBe(false);
    expect(v2.safeParse(v3WithLegacy).success).toBe(false);
    expect(v2.safeParse({ ...v3WithLegacy, service_contract_version: 'service.v2' }).success).toBe(true);
    // error.code must be one of the producer's codes, as a string.
    for (const code of [42, null, ['write_failed'], 'no_such_code'])
      expect(v3.safeParse({ ...v3Body, error: { ...v3Body.error, code } }).success).toBe(false);
    // A v2 body without legacy_error fails under service.v2.
    const { legacy_error: _dropped, ...v2WithoutLegacy } = v2Body;
    expect(v2.safeParse(v2WithoutLegacy).success).toBe(false);
    expect(v2.safeParse({ ...v2Body, api_contract_version: 'api.v1' }).success).toBe(false);
    expect(v3.safeParse({ ...v3Body, error: { code: 'x' } }).success).toBe(false);
  });

  it('reject unknown fields at every level only when the policy is closed', () => {
    const closed = envelopeSchemaFor('service.v3', { ...policy('service.v3').envelope, closed: true }, codes);
    expect(v3.safeParse({ ...v3Body, trace_id: 't' }).success).toBe(true);
    expect(closed.safeParse(v3Body).success).toBe(true);
    expect(closed.safeParse({ ...v3Body, trace_id: 't' }).success).toBe(false);
    expect(closed.safeParse({ ...v3Body, error: { ...v3Body.error, hint: 'h' } }).success).toBe(false);
  });
});

describe('consumer pin schema', () => {
  it('accepts the pin format and rejects typos and malformed values', () => {
    expect(consumerPinSchema.safeParse(pin).success).toBe(true);
    // Keys the format does not define are the consumer's (verify-pin names them in a warning) ...
    expect(consumerPinSchema.safeParse({ ...pin, consumer_note: 'ours' }).success).toBe(true);
    // ... but a misspelt required key still leaves that key missing.
    const { release_tag: _tag, ...withoutTag } = pin;
    expect(consumerPinSchema.safeParse({ ...withoutTag, relase_tag: 'v0.3.2' }).success).toBe(false);
    expect(consumerPinSchema.safeParse({ ...pin, commit_sha: 'CF33' }).success).toBe(false);
    expect(consumerPinSchema.safeParse({ ...pin, default_timeout_ms: '5000' }).success).toBe(false);
  });
});

// ajv is not a dependency of this package (only a transitive one, which Node cannot resolve from here).
// These run once `ajv` is added as a devDependency; until then they are reported as skipped.
const require = createRequire(join(repoRoot, 'package.json'));
const hasAjv = existsSync(join(repoRoot, 'node_modules/ajv/package.json'));

describe.skipIf(!hasAjv)('the exported schemas with a standard validator (ajv, draft 2020-12)', () => {
  const load = () => {
    const Ajv2020 = require('ajv/dist/2020').default as new (options: object) => {
      compile: (schema: object) => ((data: unknown) => boolean) & { errors?: unknown };
    };
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const compile = (name: string) =>
      ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'public/schemas', name), 'utf8')));
    return { compile };
  };

  it('validates the shipped payload and rejects one with an unknown top-level key', () => {
    const validate = load().compile('handoff-payload.schema.json');
    const payload = JSON.parse(readFileSync(join(repoRoot, payloadPath), 'utf8'));
    expect(validate(payload)).toBe(true);
    expect(validate({ ...payload, unexpected: true })).toBe(false);
    expect(validate({ ...payload, livePin: { ...payload.livePin, commit_sha: 'nope' } })).toBe(false);
  });

  it('validates sample envelopes and pin files the way the zod schemas do', () => {
    const { compile } = load();
    const envelopeV2 = compile('envelope-service.v2.schema.json');
    const envelopeV3 = compile('envelope-service.v3.schema.json');
    const pinFile = compile('consumer-pin.schema.json');
    expect([envelopeV2(v2Body), envelopeV3(v3Body)]).toEqual([true, true]);
    expect([envelopeV3({ ...v3Body, legacy_error: 'x' }), envelopeV2({ ...v2Body, legacy_error: 'x' })]).toEqual([
      false,
      true,
    ]);
    expect(envelopeV2({ ...v2Body, service_contract_version: 'service.v3' })).toBe(false);
    expect(envelopeV2({ service_contract_version: 'service.v2', error: { code: 'c', message: 'm' } })).toBe(false);
    expect([pinFile(pin), pinFile({ ...pin, extra: 1 }), pinFile({ ...pin, commit_sha: 'CF33' })]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
