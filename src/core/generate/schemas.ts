import { z } from 'zod';
import { consumerPinSchema } from '../../schemas/consumer-pin.ts';
import { envelopeSchemaFor } from '../../schemas/envelope.ts';
import { payloadSchema } from '../../schemas/payload.ts';
import type { Corpus } from '../corpus.ts';
import { compareCodeUnits } from './payload.ts';

/** Folder, relative to the repository root, that the site publishes the JSON Schemas from (at `/schemas/`). */
export const schemaDir = 'public/schemas';

/** Names of the files this exporter owns in `schemaDir`; any other file there is left alone. */
export const exportedSchemaName = /^(?:handoff-payload|consumer-pin|envelope-service\.v\d+)\.schema\.json$/;

export interface SchemaFile {
  /** Repository-relative path, e.g. `public/schemas/handoff-payload.schema.json`. */
  path: string;
  /** The exact bytes: 2-space JSON, LF, final newline. */
  text: string;
}

/**
 * The JSON Schemas (draft 2020-12) a consumer validates with, generated from the zod schemas and, for
 * the error envelopes, from the policy data of every contract in `content/contracts`. Pure and ordered:
 * the same corpus gives the same files, byte for byte.
 */
export function buildSchemaFiles(corpus: Pick<Corpus, 'contracts'> & Partial<Pick<Corpus, 'manifest'>>): SchemaFile[] {
  // The producer's error codes constrain `error.code`, exactly as `verify-envelope` does with the payload's.
  const errorCodes = corpus.manifest?.data.errorCodes.codes;
  const files: SchemaFile[] = [
    { path: `${schemaDir}/handoff-payload.schema.json`, text: serialize(toJsonSchema(payloadSchema)) },
    { path: `${schemaDir}/consumer-pin.schema.json`, text: serialize(toJsonSchema(consumerPinSchema)) },
  ];
  const contracts = [...corpus.contracts].sort((a, b) => compareCodeUnits(a.data.version, b.data.version));
  const seen = new Set<string>();
  for (const contract of contracts) {
    const { version, envelope } = contract.data;
    if (seen.has(version)) continue;
    seen.add(version);
    files.push({
      path: `${schemaDir}/envelope-${version}.schema.json`,
      text: serialize(envelopeJsonSchema(version, envelope, errorCodes)),
    });
  }
  return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/**
 * The published JSON Schema of one contract's error envelope: the zod schema `verify-envelope`
 * evaluates with, converted. Exported so the agreement test converts exactly what is published.
 */
export function envelopeJsonSchema(
  version: string,
  policy: Parameters<typeof envelopeSchemaFor>[1],
  errorCodes?: readonly string[],
): unknown {
  return toJsonSchema(envelopeSchemaFor(version, policy, errorCodes));
}

function toJsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' });
}

function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
