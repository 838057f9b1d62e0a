import { stringify } from 'yaml';
import type {
  ContractPolicy,
  Gates,
  Migration,
  Plan,
  ProducerManifest,
  Records,
  Rfc,
  RuntimePin,
  Tracker,
} from '../../schemas/index.ts';
import type { Corpus, MigrationBundle } from '../corpus.ts';
import { formatDataPath, type DataPath } from '../parse/data-path.ts';
import { LineIndex } from '../parse/line-index.ts';
import { parseYaml } from '../parse/yaml.ts';
import type { Teams } from './derive.ts';

/**
 * One migration package as typed facts: what the importer builds from the producer's files and what the
 * exporter reads from the content. Both directions render and parse the same model, so facts survive a
 * round trip.
 */
export interface PackageModel {
  migration: Migration;
  pin: RuntimePin;
  manifest?: ProducerManifest | undefined;
  contracts: ContractPolicy[];
  plan: Plan;
  tracker?: Tracker | undefined;
  rfc?: Rfc | undefined;
  gates?: Gates | undefined;
  /** Decisions, events and evidence records the producer's records state (a cutover record, dated checkpoints). */
  records?: Records | undefined;
}

export function teamsOf(model: Pick<PackageModel, 'migration'>): Teams {
  return { producer: model.migration.producer, consumer: model.migration.consumer };
}

/** The model of one migration of a loaded corpus (the exporter's input). */
export function modelFromCorpus(corpus: Corpus, bundle: MigrationBundle): PackageModel | undefined {
  const migration = bundle.meta?.data;
  const pin = corpus.runtimePin?.data;
  const plan = bundle.plan?.data;
  if (!migration || !pin || !plan) return undefined;
  return {
    migration,
    pin,
    manifest: corpus.manifest?.data,
    contracts: corpus.contracts.map((contract) => contract.data),
    plan,
    tracker: bundle.tracker?.data,
    rfc: bundle.rfc?.data,
    gates: bundle.gates?.data,
    records: bundle.records?.data,
  };
}

/** Where an imported fact came from. */
export interface SourcePlace {
  /** Path in the producer folder, e.g. `docs/implementation/SERVICE_V3_CUTOVER_GATES.md`. */
  file: string;
  line: number;
  column?: number | undefined;
  /** The content line is the producer's line as written, so a diagnostic's column holds for both. */
  verbatim?: boolean | undefined;
}

/** Which content file a fact goes to: a document kind, or a data file. */
export type Target =
  'plan' | 'tracker' | 'rfc' | 'gates' | 'pin' | 'manifest' | 'migration' | 'records' | `contract:${string}`;

export interface Origin {
  target: Target;
  path: DataPath;
  source: SourcePlace;
  /** What the fact became, for the report, e.g. `rollback trigger \`consumer-suite-fails\``. */
  what: string;
}

/** Every recognised fact with the place it came from; the import report and the line maps are made from it. */
export class OriginTable {
  readonly entries: Origin[] = [];
  readonly #byKey = new Map<string, Origin>();

  record(target: Target, path: DataPath, source: SourcePlace | undefined, what: string): void {
    if (!source) return;
    // A fact in frontmatter stands for its source line, not for the columns of it.
    const origin = { target, path, source: { file: source.file, line: source.line, column: source.column }, what };
    const key = originKey(target, path);
    if (this.#byKey.has(key)) return;
    this.#byKey.set(key, origin);
    this.entries.push(origin);
  }

  /** The origin of a path, or of its nearest recorded ancestor. */
  find(target: Target, path: DataPath): Origin | undefined {
    for (let length = path.length; length >= 0; length--) {
      const found = this.#byKey.get(originKey(target, path.slice(0, length)));
      if (found) return found;
    }
    return undefined;
  }
}

export function originKey(target: Target, path: DataPath): string {
  return `${target}|${formatDataPath(path)}`;
}

const yamlOptions = { lineWidth: 0 } as const;

/** Deterministic YAML for a data file or frontmatter: block style, keys in the order given, no line folding. */
export function toYaml(data: unknown): string {
  return stringify(data, yamlOptions);
}

/**
 * For each line of a YAML text (starting at `firstLine` of its file), the origin of the fact on it:
 * every recorded path is located with the same parser the checker uses, so a diagnostic's line finds
 * the fact it is about. Lines without a fact of their own inherit the one above.
 */
export function yamlLineOrigins(
  yaml: string,
  firstLine: number,
  target: Target,
  origins: OriginTable,
): Map<number, SourcePlace> {
  const parsed = parseYaml(yaml, 0, new LineIndex(yaml));
  const out = new Map<number, SourcePlace>();
  const own = origins.entries
    .filter((origin) => origin.target === target)
    .sort((a, b) => a.path.length - b.path.length);
  for (const origin of own) out.set(parsed.locate(origin.path).start.line + firstLine - 1, origin.source);
  const lineCount = yaml.split('\n').length;
  let last: SourcePlace | undefined;
  for (let line = firstLine; line < firstLine + lineCount; line++) {
    const found = out.get(line);
    if (found) last = found;
    else if (last) out.set(line, last);
  }
  return out;
}

// Key order of each file kind, as the schemas declare it (the content files read like the hand-written ones).

export function pinData(pin: RuntimePin): Record<string, unknown> {
  return {
    kind: 'runtime-pin',
    title: pin.title,
    producer: pin.producer,
    consumer: pin.consumer,
    updated: pin.updated,
    pin: { ...pin.pin },
    snapshots: pin.snapshots,
    ...(pin.planned?.length ? { planned: pin.planned } : {}),
  };
}

export function manifestData(manifest: ProducerManifest): Record<string, unknown> {
  return {
    kind: 'producer-manifest',
    title: manifest.title,
    updated: manifest.updated,
    errorCodes: manifest.errorCodes,
    additiveNotice: manifest.additiveNotice,
    overlap: manifest.overlap,
  };
}

export function contractData(contract: ContractPolicy): Record<string, unknown> {
  return {
    kind: 'contract-policy',
    version: contract.version,
    title: contract.title,
    status: contract.status,
    updated: contract.updated,
    envelope: contract.envelope,
    ...(contract.example ? { example: contract.example } : {}),
  };
}

export function migrationData(migration: Migration): Record<string, unknown> {
  return {
    kind: 'migration',
    id: migration.id,
    title: migration.title,
    producer: migration.producer,
    consumer: migration.consumer,
    from: migration.from,
    to: migration.to,
    mode: migration.mode,
    started: migration.started,
    ...(migration.notBefore ? { notBefore: migration.notBefore } : {}),
  };
}

export type DocumentBase = Pick<Plan, 'title' | 'description' | 'updated' | 'owner' | 'status' | 'supersededBy'>;

function baseData(kind: string, document: DocumentBase): Record<string, unknown> {
  return {
    kind,
    title: document.title,
    ...(document.description ? { description: document.description } : {}),
    updated: document.updated,
    owner: document.owner,
    status: document.status,
    ...(document.supersededBy ? { supersededBy: document.supersededBy } : {}),
  };
}

export function planData(plan: Plan): Record<string, unknown> {
  return {
    ...baseData('plan', plan),
    objective: plan.objective,
    deliverables: plan.deliverables,
    exitCriteria: plan.exitCriteria,
    commands: plan.commands,
  };
}

export function trackerData(tracker: Tracker): Record<string, unknown> {
  return { ...baseData('tracker', tracker), tasks: tracker.tasks };
}

export function rfcData(rfc: Rfc): Record<string, unknown> {
  return {
    ...baseData('rfc', rfc),
    approvers: rfc.approvers,
    baseline: rfc.baseline,
    stages: rfc.stages,
    nonNegotiables: rfc.nonNegotiables,
  };
}

export function gatesData(gates: Gates): Record<string, unknown> {
  return {
    ...baseData('gates', gates),
    gates: gates.gates.map((gate) => ({
      ...gate,
      evidence: {
        commands: gate.evidence.commands,
        checklist: gate.evidence.checklist,
        ...(gate.evidence.envelope ? { envelope: gate.evidence.envelope } : {}),
      },
    })),
    prerequisites: gates.prerequisites,
    rollbackTriggers: gates.rollbackTriggers,
    rollbackActions: gates.rollbackActions,
    evidenceChecklist: gates.evidenceChecklist,
  };
}

export function recordsData(records: Records): Record<string, unknown> {
  return {
    kind: 'records',
    title: records.title,
    updated: records.updated,
    decisions: records.decisions,
    events: records.events,
    windows: records.windows,
    evidence: records.evidence,
  };
}
