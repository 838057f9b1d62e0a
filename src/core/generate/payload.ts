import { createHash } from 'node:crypto';
import {
  payloadFormatVersion,
  payloadGeneratorName,
  payloadSchema,
  type Payload,
  type PayloadEnvelopePolicy,
} from '../../schemas/payload.ts';
import { contractFactsDigest } from '../consumer/contract-facts.ts';
import type { Corpus, MigrationBundle, SourceFile } from '../corpus.ts';
import { dayMs, instantOf, timelineOf, timestampOf } from '../lifecycle.ts';
import { compareCodeUnits } from '../text/compare.ts';

export { compareCodeUnits };

/**
 * The handoff payload generator. Pure: a function of the typed corpus and the texts of its source files,
 * with no clock, no file system, no locale and no environment (the one outside input, SOURCE_DATE_EPOCH,
 * is passed in explicitly by the caller). Every order in the output is either document order or plain
 * code-unit order, so the bytes are the same on every machine.
 */

export interface PayloadOptions {
  /** Which migration to generate for; defaults to the only migration whose plan lists a payload deliverable. */
  migration?: string | undefined;
  /** The raw value of `SOURCE_DATE_EPOCH` (integer seconds since 1970, UTC), if set. */
  sourceDateEpoch?: string | undefined;
}

/** Thrown when the corpus lacks what a payload needs; each reason is one line in "Unexpected X, expected Y" form. */
export class PayloadInputError extends Error {
  readonly reasons: readonly string[];
  constructor(reasons: readonly string[]) {
    super(reasons.join('; '));
    this.name = 'PayloadInputError';
    this.reasons = reasons;
  }
}

/** A migration that ships a handoff payload: the plan deliverable whose path is a `.json` file in the migration folder. */
export interface PayloadTarget {
  bundle: MigrationBundle;
  /** Index of the deliverable in the plan's `deliverables`. */
  deliverableIndex: number;
  /** Repository-relative path of the payload file, e.g. `content/migrations/service-v3/handoff-candidate.json`. */
  path: string;
}

/** Every payload the corpus asks for, in migration order. */
export function payloadTargets(corpus: Corpus): PayloadTarget[] {
  const targets: PayloadTarget[] = [];
  for (const bundle of corpus.migrations) {
    bundle.plan?.data.deliverables.forEach((deliverable, deliverableIndex) => {
      if (isPayloadDeliverable(bundle, deliverable.path))
        targets.push({ bundle, deliverableIndex, path: deliverable.path });
    });
  }
  return targets;
}

/** Whether a deliverable path names the migration's handoff payload: a `.json` file directly in its folder. */
export function isPayloadDeliverable(bundle: MigrationBundle, path: string): boolean {
  return (
    path.startsWith(`${bundle.dir}/`) && path.endsWith('.json') && !path.slice(bundle.dir.length + 1).includes('/')
  );
}

/** Repository-relative paths of the files a migration's payload is made from, sorted in code-unit order. */
export function payloadSourcePaths(corpus: Corpus, bundle: MigrationBundle): string[] {
  const paths = new Set<string>();
  if (corpus.runtimePin) paths.add(corpus.runtimePin.file);
  if (corpus.manifest) paths.add(corpus.manifest.file);
  for (const contract of corpus.contracts) paths.add(contract.file);
  // Values read from the producer's files (`source:`) come from those files: they are sources too.
  for (const entry of [corpus.runtimePin, corpus.manifest, ...corpus.contracts])
    for (const value of entry?.sourced ?? []) paths.add(value.file);
  if (bundle.meta) paths.add(bundle.meta.file);
  if (bundle.records) paths.add(bundle.records.file);
  for (const document of bundle.documents) paths.add(document.file);
  return [...paths].sort(compareCodeUnits);
}

/**
 * Builds the payload of one migration. `sources` may hold any files in any order (for example every
 * file of the content folder): the payload's sources are picked from it by path.
 */
export function buildPayload(
  corpus: Corpus,
  sources: readonly SourceFile[] | ReadonlyMap<string, string>,
  options: PayloadOptions = {},
): Payload {
  const bundle = pickMigration(corpus, options.migration);
  const problems: string[] = [];
  const need = <T>(value: T | undefined, what: string): T | undefined => {
    if (value === undefined) problems.push(`Missing ${what}`);
    return value;
  };
  const pin = need(corpus.runtimePin, 'runtime pin, expected content/runtime/pin.yaml (`kind: runtime-pin`)');
  const manifest = need(
    corpus.manifest,
    'producer manifest, expected content/runtime/producer-manifest.yaml (`kind: producer-manifest`)',
  );
  const meta = need(bundle.meta, `migration.yaml in ${bundle.dir}, expected \`kind: migration\``);
  const plan = need(bundle.plan, `plan in ${bundle.dir}, expected a \`kind: plan\` document`);
  const gates = need(bundle.gates, `gates document in ${bundle.dir}, expected a \`kind: gates\` document`);
  if (!pin || !manifest || !meta || !plan || !gates) throw new PayloadInputError(problems);

  const policies = new Map<string, PayloadEnvelopePolicy>();
  for (const contract of [...corpus.contracts].sort((a, b) => compareCodeUnits(a.data.version, b.data.version))) {
    if (policies.has(contract.data.version)) {
      problems.push(
        `Unexpected second policy for \`${contract.data.version}\` in ${contract.file}, expected one file per contract version`,
      );
      continue;
    }
    const { required, optional, forbidden, closed } = contract.data.envelope;
    policies.set(contract.data.version, {
      status: contract.data.status,
      required: [...required],
      optional: [...optional],
      forbidden: [...forbidden],
      closed,
    });
  }
  for (const version of [meta.data.from, meta.data.to]) {
    if (!policies.has(version))
      problems.push(
        `Missing policy for \`${version}\` named by ${meta.file}, expected content/contracts/${version}.yaml`,
      );
  }

  const commands = new Map(plan.data.commands.map((command) => [command.id, command]));
  const checklist = new Map(gates.data.evidenceChecklist.map((item) => [item.id, item]));
  const payloadGates = gates.data.gates.map((gate) => ({
    id: gate.id,
    title: gate.title,
    owner: gate.owner,
    status: gate.status,
    evidence: {
      commands: gate.evidence.commands.flatMap((id) => {
        const command = commands.get(id);
        if (command) return [{ id, run: command.run }];
        problems.push(
          `Unexpected command \`${id}\` in gate \`${gate.id}\`, expected a command declared in ${plan.file}`,
        );
        return [];
      }),
      checklist: gate.evidence.checklist.flatMap((id) => {
        const item = checklist.get(id);
        if (item) return [{ id, title: item.title }];
        problems.push(
          `Unexpected evidence \`${id}\` in gate \`${gate.id}\`, expected an item of the evidence checklist in ${gates.file}`,
        );
        return [];
      }),
      envelopeContract: gate.evidence.envelope?.contract ?? null,
    },
  }));
  for (const gate of payloadGates) {
    const contract = gate.evidence.envelopeContract;
    if (contract !== null && !policies.has(contract)) {
      problems.push(
        `Unexpected envelope contract \`${contract}\` in gate \`${gate.id}\`, expected a contract declared in content/contracts`,
      );
    }
  }

  // A map can be shared across migrations; building one per call would make a big corpus quadratic.
  const texts =
    sources instanceof Map
      ? sources
      : new Map((sources as readonly SourceFile[]).map((file) => [file.path, file.text]));
  const sourceList = payloadSourcePaths(corpus, bundle).flatMap((path) => {
    const text = texts.get(path) ?? corpus.sourceTexts.get(path);
    if (text !== undefined) return [{ path, sha256: digestOf(texts, path, text) }];
    problems.push(`Missing text of source file ${path}, expected it among the files read`);
    return [];
  });

  const {
    date: sourceDate,
    from: sourceDateFrom,
    problem: dateProblem,
  } = resolveSourceDate(
    [
      pin.data.updated,
      manifest.data.updated,
      ...corpus.contracts.map((contract) => contract.data.updated),
      ...bundle.documents.map((document) => document.data.updated),
    ],
    options.sourceDateEpoch,
  );
  if (dateProblem) problems.push(dateProblem);
  if (problems.length) throw new PayloadInputError(problems);

  const byOwner = (items: readonly { id: string; title: string; owner: string }[], owner: string) =>
    items.filter((item) => item.owner === owner).map(({ id, title }) => ({ id, title }));
  const commandsOf = (owner: string) =>
    plan.data.commands
      .filter((command) => command.owner === owner)
      .map((command) => ({ id: command.id, run: command.run }));

  // The overlap window follows the recorded, authorised cutover; before one there is no date to publish.
  const cutover = timelineOf(bundle)?.cutover;
  const overlapOpens = cutover ? instantOf(cutover.event.item.at) : undefined;

  const payload = {
    payloadFormatVersion,
    generator: payloadGeneratorName,
    sourceDate,
    sourceDateFrom,
    producer: meta.data.producer,
    consumer: meta.data.consumer,
    livePin: {
      release_tag: pin.data.pin.release_tag,
      commit_sha: pin.data.pin.commit_sha,
      service_contract_version: pin.data.pin.service_contract_version,
      api_contract_version: pin.data.pin.api_contract_version,
      integration_baseline: pin.data.pin.integration_baseline,
    },
    candidate: {
      contract: meta.data.to,
      from: meta.data.from,
      migration: meta.data.id,
      mode: meta.data.mode,
      runtimeCutover: meta.data.mode !== 'rehearsal',
      started: meta.data.started,
      notBefore: meta.data.notBefore ?? null,
    },
    envelopePolicies: Object.fromEntries(policies),
    errorCodes: { validation: manifest.data.errorCodes.validation, codes: [...manifest.data.errorCodes.codes] },
    additiveNotice: {
      standardBusinessDays: manifest.data.additiveNotice.standardBusinessDays,
      emergencyHours: manifest.data.additiveNotice.emergencyHours,
      emergencyRequiresSameDay: [...manifest.data.additiveNotice.emergencyRequiresSameDay],
    },
    overlap: {
      days: manifest.data.overlap.days,
      guarantees: manifest.data.overlap.guarantees.map(({ id, title }) => ({ id, title })),
      opensAt: overlapOpens === undefined ? null : timestampOf(overlapOpens),
      closesAt: overlapOpens === undefined ? null : timestampOf(overlapOpens + manifest.data.overlap.days * dayMs),
    },
    gates: payloadGates,
    prerequisites: {
      producer: byOwner(gates.data.prerequisites, 'producer'),
      consumer: byOwner(gates.data.prerequisites, 'consumer'),
    },
    requiredChecks: { producer: commandsOf('producer'), consumer: commandsOf('consumer') },
    rollback: {
      triggers: gates.data.rollbackTriggers.map(({ id, title }) => ({ id, title })),
      actions: gates.data.rollbackActions.map(({ id, owner, title }) => ({ id, owner, title })),
    },
    evidenceChecklist: {
      producer: byOwner(gates.data.evidenceChecklist, 'producer'),
      consumer: byOwner(gates.data.evidenceChecklist, 'consumer'),
      joint: byOwner(gates.data.evidenceChecklist, 'joint'),
    },
    digests: {
      // Filled in below from the parsed payload, whose key order is the one a consumer sees.
      contractFacts: '0'.repeat(64),
      // The producer's own manifest when the facts are read from it (`source:`), which is the file a
      // consumer mirrors; otherwise the manifest in content/.
      producerManifest: {
        path: manifest.data.source?.file ?? manifest.file,
        sha256:
          sourceList.find((source) => source.path === (manifest.data.source?.file ?? manifest.file))?.sha256 ?? '',
      },
    },
    sources: sourceList,
  };
  // Parsing through the strict schema proves the output valid and puts every key in schema order.
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new PayloadInputError(
      parsed.error.issues.map(
        (issue) =>
          `Unexpected value at \`${issue.path.map(String).join('.')}\` of the generated payload: ${issue.message}`,
      ),
    );
  }
  parsed.data.digests.contractFacts = contractFactsDigest(parsed.data);
  return parsed.data;
}

/** The payload's exact bytes: 2-space JSON in schema key order, LF line ends, one final newline. */
export function serializePayload(payload: Payload): string {
  return `${JSON.stringify(payload, null, 2)}\n`;
}

/** sha256 of a text's UTF-8 bytes, lower-case hex. */
const digests = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();

/** Shared files (pin, manifest, contracts) are sources of every migration's payload: hash them once per corpus. */
function digestOf(texts: ReadonlyMap<string, string>, path: string, text: string): string {
  let cache = digests.get(texts);
  if (!cache) digests.set(texts, (cache = new Map()));
  let digest = cache.get(path);
  if (digest === undefined) cache.set(path, (digest = sha256(text)));
  return digest;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The payload date: `SOURCE_DATE_EPOCH` as a UTC day when given, else the latest of the documents'
 * `updated` dates (ISO dates compare correctly as strings).
 */
export function resolveSourceDate(
  updated: readonly string[],
  sourceDateEpoch: string | undefined,
): { date: string; from: 'documents' | 'SOURCE_DATE_EPOCH'; problem?: string } {
  const latest = updated.reduce((max, date) => (date > max ? date : max), '');
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    const seconds = /^\d{1,12}$/.test(sourceDateEpoch) ? Number(sourceDateEpoch) : Number.NaN;
    if (!Number.isSafeInteger(seconds) || seconds * 1000 > 8.64e15) {
      return {
        date: latest,
        from: 'documents',
        problem: `Unexpected SOURCE_DATE_EPOCH \`${sourceDateEpoch}\`, expected whole seconds since 1970-01-01 UTC, e.g. 1770508800`,
      };
    }
    return { date: new Date(seconds * 1000).toISOString().slice(0, 10), from: 'SOURCE_DATE_EPOCH' };
  }
  return { date: latest, from: 'documents' };
}

function pickMigration(corpus: Corpus, id: string | undefined): MigrationBundle {
  if (id !== undefined) {
    const bundle = corpus.migrations.find((candidate) => candidate.id === id);
    if (!bundle) {
      throw new PayloadInputError([
        `Unexpected migration \`${id}\`, expected one of ${corpus.migrations.map((candidate) => `\`${candidate.id}\``).join(', ') || '(none)'}`,
      ]);
    }
    return bundle;
  }
  const targets = payloadTargets(corpus);
  const only = targets.length === 1 ? targets[0] : undefined;
  if (!only) {
    throw new PayloadInputError([
      targets.length
        ? `Unexpected ${targets.length} migrations with a payload deliverable, expected the migration to be named`
        : 'Missing payload deliverable, expected a plan deliverable whose path is a `.json` file in its migration folder',
    ]);
  }
  return only.bundle;
}
