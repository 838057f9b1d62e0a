import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  envelopeEvaluator,
  envelopePolicyFromHandoff,
  type EnvelopeEvaluator,
  type EnvelopeViolation,
} from '../core/consumer/verify-envelope.ts';
import { comparePin, comparePinWithHandoff, unknownPinKeys } from '../core/consumer/verify-pin.ts';
import { plural } from '../core/text/plural.ts';
import { consumerPinSchema } from '../schemas/consumer-pin.ts';
import { releaseHandoffSchema } from '../schemas/release-handoff.ts';
import { z } from 'zod';
import { InputError, readBytes, readJson, readPayload, readValidated } from './input.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const verifyPinUsage = `Usage: contract-docs verify-pin --payload <file> --pin <file> [--manifest <file>] [--format text|json]

Checks the consumer's pin file against the handoff payload: the live pin, the producer manifest digest
the payload records (expected_producer_manifest_sha256) and, when the pin has it, the contract facts digest
(expected_contract_facts_sha256). With --manifest, also checks that the mirrored producer manifest's sha256
equals the digest the payload records. Each value is printed with the file and key it came from. Keys the
pin format does not define are left alone, with a warning naming them.
Exit codes: 0 match, 1 mismatch, 2 usage or unreadable/invalid input.`;

export const verifyEnvelopeUsage = `Usage: contract-docs verify-envelope --payload <file> --contract <version> [--format text|json] <response.json ...>

Checks each non-2xx response body against the envelope policy the payload publishes for <version>
(e.g. service.v2, service.v3): required fields present, forbidden fields absent, no unknown field when
the policy is closed, service_contract_version equal to <version>, and error.code a string among the
producer's error codes. The verdict is the one the published JSON Schema for <version> gives.
--payload may also be the producer's own release handoff JSON (handoff_mode, active_runtime_baseline ...):
<version> is then its live contract (non_2xx_envelope_policy) or its rehearsal candidate
(rehearsal_candidate.non_2xx_envelope_policy). That format lists no error codes and does not close the
envelope, so error.code values and unnamed fields are not judged (a warning says so).
Exit codes: 0 all conform, 1 a violation, 2 usage or unreadable/invalid input.`;

/** Parses flags; every verify command takes string options plus `--format` and `--help`. */
function parse(args: readonly string[], names: readonly string[], usage: string) {
  const options: Record<string, { type: 'string' }> = Object.fromEntries(
    names.map((name) => [name, { type: 'string' as const }]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, format: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n\n${usage}`);
  }
}

function formatOf(value: unknown): 'text' | 'json' {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new InputError(`Unexpected format \`${String(value)}\`, expected text or json.`);
}

function required(value: unknown, flag: string, usage: string): string {
  if (typeof value !== 'string' || !value) throw new InputError(`missing ${flag}\n\n${usage}`);
  return value;
}

export function verifyPin(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, ['payload', 'pin', 'manifest'], verifyPinUsage);
  if (values.help) {
    io.out(verifyPinUsage);
    return 0;
  }
  if (positionals.length) throw new InputError(`unexpected argument ${positionals[0]}\n\n${verifyPinUsage}`);
  const format = formatOf(values.format);
  const payloadPath = required(values.payload, '--payload', verifyPinUsage);
  const pinPath = required(values.pin, '--pin', verifyPinUsage);
  const pin = readValidated(pinPath, 'consumer pin', consumerPinSchema);
  // The producer's own release handoff JSON (snake_case, `handoff_mode`) is accepted as the payload too.
  if (isReleaseHandoff(readValidated(payloadPath, 'handoff payload', z.unknown())))
    return verifyPinAgainstHandoff(pin, pinPath, payloadPath, format, io);
  const payload = readPayload(payloadPath);
  const manifest =
    typeof values.manifest === 'string'
      ? {
          path: values.manifest,
          sha256: createHash('sha256').update(readBytes(values.manifest, 'manifest')).digest('hex'),
        }
      : undefined;
  const mismatches = comparePin(pin, payload, { pinPath, payloadPath, ...(manifest ? { manifest } : {}) });
  const unknownKeys = unknownPinKeys(pin);
  const warnings = unknownKeys.length
    ? [
        `${pinPath}: ${plural(unknownKeys.length, 'key')} the pin format does not define, left alone: ${unknownKeys.map((key) => `\`${key}\``).join(', ')}`,
      ]
    : [];
  if (format === 'json') {
    io.out(
      JSON.stringify(
        { ok: mismatches.length === 0, payload: payloadPath, pin: pinPath, mismatches, warnings },
        null,
        2,
      ),
    );
    return mismatches.length ? 1 : 0;
  }
  for (const warning of warnings) io.err(`warning: ${warning}`);
  if (mismatches.length) {
    for (const mismatch of mismatches)
      io.out(
        `${mismatch.field}: ${mismatch.consumer.value} (${mismatch.consumer.from}), expected ${mismatch.payload.value} (${mismatch.payload.from})`,
      );
    io.out(`✖ ${pinPath} does not match ${payloadPath}: ${plural(mismatches.length, 'mismatch', 'mismatches')}`);
  } else {
    io.out(
      `✔ ${pinPath} matches the live pin in ${payloadPath}: ${payload.livePin.release_tag} ${payload.livePin.commit_sha} ${payload.livePin.service_contract_version}${manifest ? '; the mirrored manifest matches the producer manifest the payload records' : ''}${pin.expected_contract_facts_sha256 ? '; the contract facts digest matches' : ''}`,
    );
  }
  return mismatches.length ? 1 : 0;
}

function isReleaseHandoff(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'handoff_mode');
}

function verifyPinAgainstHandoff(
  pin: z.output<typeof consumerPinSchema>,
  pinPath: string,
  handoffPath: string,
  format: string,
  io: Io,
): number {
  const handoff = readValidated(handoffPath, 'release handoff', releaseHandoffSchema);
  const mismatches = comparePinWithHandoff(pin, handoff, { pinPath, handoffPath });
  const warnings = [
    `${handoffPath} is a release handoff JSON: it records no producer manifest digest, so expected_producer_manifest_sha256 and the contract facts digest were not compared`,
  ];
  if (format === 'json') {
    io.out(
      JSON.stringify(
        { ok: mismatches.length === 0, payload: handoffPath, pin: pinPath, mismatches, warnings },
        null,
        2,
      ),
    );
    return mismatches.length ? 1 : 0;
  }
  for (const warning of warnings) io.err(`warning: ${warning}`);
  for (const mismatch of mismatches)
    io.out(
      `${mismatch.field}: ${mismatch.consumer.value} (${mismatch.consumer.from}), expected ${mismatch.payload.value} (${mismatch.payload.from})`,
    );
  io.out(
    mismatches.length
      ? `✖ ${pinPath} does not match ${handoffPath}: ${plural(mismatches.length, 'mismatch', 'mismatches')}`
      : `✔ ${pinPath} matches the active runtime baseline in ${handoffPath}: ${handoff.active_runtime_baseline.release_tag} ${handoff.active_runtime_baseline.commit_sha} ${handoff.active_runtime_baseline.expected_service_contract_version}`,
  );
  return mismatches.length ? 1 : 0;
}

export function verifyEnvelope(args: readonly string[], io: Io): number {
  const { values, positionals } = parse(args, ['payload', 'contract'], verifyEnvelopeUsage);
  if (values.help) {
    io.out(verifyEnvelopeUsage);
    return 0;
  }
  const format = formatOf(values.format);
  const payloadPath = required(values.payload, '--payload', verifyEnvelopeUsage);
  const contract = required(values.contract, '--contract', verifyEnvelopeUsage);
  if (!positionals.length) throw new InputError(`no response files given\n\n${verifyEnvelopeUsage}`);
  const { evaluate, warnings } = envelopeEvaluatorFor(payloadPath, contract);
  const results: { file: string; violations: EnvelopeViolation[] }[] = positionals.map((file) => ({
    file,
    violations: evaluate(readJson(file, 'response')),
  }));
  const failed = results.filter((result) => result.violations.length);
  if (format === 'json') {
    io.out(JSON.stringify({ ok: failed.length === 0, contract, payload: payloadPath, results, warnings }, null, 2));
  } else {
    for (const warning of warnings) io.err(`warning: ${warning}`);
    for (const result of results) {
      for (const violation of result.violations)
        io.out(`${result.file}: ${violation.field}: ${violation.rule}: ${violation.message}`);
    }
    io.out(
      failed.length
        ? `✖ ${failed.length} of ${plural(results.length, 'response')} ${failed.length === 1 ? 'breaks' : 'break'} the ${contract} envelope policy`
        : `✔ ${plural(results.length, 'response')} ${results.length === 1 ? 'conforms' : 'conform'} to the ${contract} envelope policy`,
    );
  }
  return failed.length ? 1 : 0;
}

/** The evaluator for `contract` from our payload or from a producer's release handoff JSON, whichever the file is. */
function envelopeEvaluatorFor(
  payloadPath: string,
  contract: string,
): { evaluate: EnvelopeEvaluator; warnings: string[] } {
  if (isReleaseHandoff(readValidated(payloadPath, 'handoff payload', z.unknown()))) {
    const handoff = readValidated(payloadPath, 'release handoff', releaseHandoffSchema);
    const found = envelopePolicyFromHandoff(handoff, contract);
    if (!found.ok)
      throw new InputError(
        `Unexpected contract \`${contract}\`, expected one the release handoff ${payloadPath} describes: ${found.described.map((item) => `${item.contract} (${item.from})`).join(', ')}`,
      );
    return {
      evaluate: envelopeEvaluator(contract, found.policy),
      warnings: [
        `${payloadPath} is a release handoff JSON: the ${contract} policy comes from its ${found.from}; it lists no error codes and does not close the envelope, so error.code values and fields it does not name were not judged`,
      ],
    };
  }
  const payload = readPayload(payloadPath);
  // Own properties only: `--contract constructor` or `__proto__` is an unknown contract, not Object's.
  const policy = Object.hasOwn(payload.envelopePolicies, contract) ? payload.envelopePolicies[contract] : undefined;
  if (!policy) {
    throw new InputError(
      `Unexpected contract \`${contract}\`, expected one of ${Object.keys(payload.envelopePolicies).join(', ')} (from ${payloadPath})`,
    );
  }
  return { evaluate: envelopeEvaluator(contract, policy, payload.errorCodes), warnings: [] };
}
