import { assertFileNameValue } from '../fs/confined-write.ts';
import { labelWords, pinTokensIn, type ListConcept } from '../conventions.ts';
import { currentValueOf, listDifference, where } from '../drift/analyse.ts';
import { driftOfFiles } from '../drift/run.ts';
import { classifyPackage, planFactsNeeded } from './classify.ts';
import { frontMatterOf } from '../drift/yaml.ts';
import { skipLine, validId, type ImportContext, type ProducerDocument } from './importers/context.ts';
import { importGates } from './importers/gates.ts';
import { importPlan } from './importers/plan.ts';
import { importRecords } from './importers/records.ts';
import { importRfc } from './importers/rfc.ts';
import { importTracker } from './importers/tracker.ts';
import {
  idSchema,
  serviceContractVersionSchema,
  pinFields,
  type ContractPolicy,
  type DocumentKind,
  type Migration,
  type Pin,
  type PinField,
  type Plan,
  type ProducerManifest,
  type Rfc,
  type RuntimePin,
  type ValueSource,
} from '../../schemas/index.ts';
import type { SourceFile } from '../corpus.ts';
import { sourceDateEpochFromEnv } from '../generate/options.ts';
import { buildPayload, PayloadInputError, serializePayload } from '../generate/payload.ts';
import { loadCorpusFromFiles } from '../load.ts';
import { LineIndex } from '../parse/line-index.ts';
import { parseYaml } from '../parse/yaml.ts';
import {
  IdSequence,
  derivedExitStatus,
  findPinLines,
  parseEnvelopeStatement,
  type BlockIssue,
  type ResolveContext,
} from './blocks.ts';
import {
  defaultDocumentStatus,
  handoffFilePattern,
  headerKeys,
  headerKeysByKind,
  headerLinePattern,
  producerFileKinds,
  sectionHeadings,
  type HeaderKey,
  type SectionName,
} from './conventions.ts';
import { plural } from '../text/plural.ts';
import {
  claimId,
  idFromTitle,
  migrationIdFromContract,
  namedParties,
  ownerParty,
  parseMode,
  parseStatus,
  titleFromFileName,
  type Teams,
} from './derive.ts';
import { readHandoffJson, type HandoffFacts } from './handoff-json.ts';
import { ensureBlocks } from './layout.ts';
import { cutMarkdown, firstList, firstParagraph, normaliseText, sectionsOf, sourceOf } from './markdown.ts';
import { parseProducerMarkdown, type ParsedProducerMarkdown } from '../parse/producer-markdown.ts';
import { writtenDate } from '../text/written-date.ts';
import { markdownToMdx } from './mdx-text.ts';
import { relinkProducerPages } from './producer-links.ts';
import { readReleaseFacts, withSource } from './release-source.ts';
import {
  contractData,
  gatesData,
  manifestData,
  migrationData,
  OriginTable,
  pinData,
  planData,
  recordsData,
  rfcData,
  toYaml,
  trackerData,
  yamlLineOrigins,
  type PackageModel,
  type SourcePlace,
  type Target,
} from './model.ts';

/** A file of the producer's folder; `path` is relative to the folder, POSIX, e.g. `docs/implementation/X.md`. */
export interface ProducerFile {
  path: string;
  text: string;
}

export interface ImportOptions {
  /** Content folder, repository-relative (default `content`). */
  contentDir?: string | undefined;
  /** Migration id (default: from the handoff JSON, else the target contract, e.g. `service-v3`). */
  migration?: string | undefined;
  /** The plan, named by the user (`--plan`), a path as the producer files' paths are; else found by name or content. */
  plan?: string | undefined;
  /** Content files already in the repository, so the generated payload sees the whole corpus. */
  existing?: readonly SourceFile[] | undefined;
  /** `SOURCE_DATE_EPOCH`, as the payload generator reads it. */
  sourceDateEpoch?: string | undefined;
  /**
   * The producer paths are relative to the repository root the content lives in: a release handoff JSON
   * found among them is then declared as the `source:` of the pin and the envelope policies (read from
   * there by every check) instead of copied.
   */
  repositoryRelative?: boolean | undefined;
}

/** A fact the importer recognised: where it was and what it became. */
export interface Recognised {
  source: SourcePlace;
  /** Content file and line the fact was written to. */
  target: { file: string; line: number };
  what: string;
}

/**
 * A part the importer could not map (kept as prose, dropped or replaced by a default), and why. A finding
 * is something in the producer's files to correct (a disagreement, a value it cannot read, an ambiguity);
 * a `note` says what the import did where the producer states nothing (a default, a file left alone).
 */
export interface Unmapped {
  source: SourcePlace;
  reason: string;
  /** Not a finding: the producer states nothing here and the import says what it used instead. */
  note?: true | undefined;
}

export interface ImportResult {
  migration: string;
  /** The content folder written to, repository-relative. */
  contentDir: string;
  /** Content files to write, repository-relative, in a stable order. */
  files: SourceFile[];
  /** For each written content file: the producer place each line (index = line - 1) came from. */
  lineMaps: Map<string, (SourcePlace | undefined)[]>;
  recognised: Recognised[];
  unmapped: Unmapped[];
  /** The handoff JSON's facts, to check them against the imported definitions. */
  handoff?: HandoffFacts | undefined;
  /** Every fact the producer's files state with more than one value (each is one finding in `unmapped`). */
  disagreements: Disagreement[];
}

/** A fact the producer's files disagree on, with every place that states it (the drift extraction's grouping). */
export interface Disagreement {
  /** The drift report's fact key, e.g. `pin:live:release_tag`. */
  fact: string;
  places: SourcePlace[];
}

/** Input the importer cannot work with at all (no plan): exit code 2, nothing written. */
export class ImportInputError extends Error {}

export function importPackage(files: readonly ProducerFile[], options: ImportOptions = {}): ImportResult {
  const contentDir = (options.contentDir ?? 'content').replace(/\/+$/, '');
  const unmapped: Unmapped[] = [];
  const origins = new OriginTable();
  const headerOrigins: Recognised[] = [];
  const note = (source: SourcePlace, reason: string) => unmapped.push({ source, reason });
  const inform = (source: SourcePlace, reason: string) => unmapped.push({ source, reason, note: true });

  // 1. Sort the folder into the package's slots: a file named for a slot beats one that reads like it;
  //    competitors are reported with both names.
  const normalised = files.map((file) => ({ path: file.path, text: normaliseText(file.text) }));
  // Each Markdown file is parsed once: the drift extraction and the document readers share the tree.
  const parsed = new Map(
    normalised
      .filter((file) => /\.(md|markdown)$/i.test(file.path))
      .map((file) => [file.path, parseProducerMarkdown(file.text)] as const),
  );
  for (const [path, markdown] of parsed)
    if (markdown.problem)
      note({ file: path, line: markdown.problem.line, column: markdown.problem.column }, markdown.problem.reason);
  const classification = classifyPackage(normalised, { plan: options.plan });
  for (const other of classification.others) inform({ file: other.path, line: 1 }, other.reason);
  for (const chosen of classification.chosen) inform({ file: chosen.path, line: 1 }, chosen.reason);
  for (const ambiguity of classification.ambiguities)
    note(
      { file: ambiguity.others[0] ?? ambiguity.taken, line: 1 },
      `ambiguous ${ambiguity.slot}: ${[ambiguity.taken, ...ambiguity.others].map((path) => `\`${path}\``).join(' and ')} both match it by ${ambiguity.by}; imported \`${ambiguity.taken}\` (first in path order): rename the other or pass only one`,
    );
  const documents = new Map<DocumentKind, ProducerDocument>();
  for (const [kind, file] of classification.documents)
    documents.set(
      kind,
      splitDocument(
        kind,
        file.path,
        file.text,
        parsed.get(file.path) ?? parseProducerMarkdown(file.text),
        note,
        inform,
      ),
    );
  const handoff: HandoffFacts | undefined = classification.handoff
    ? readHandoffJson(classification.handoff.path, classification.handoff.text)
    : undefined;
  const releaseHandoff = classification.releaseHandoff;
  if (releaseHandoff)
    inform(
      { file: releaseHandoff.path, line: 1 },
      "release handoff JSON (the producer's machine-readable source): its values are the reference where the documents disagree; it stays where it is and is not copied into content",
    );
  for (const error of handoff?.errors ?? []) note(error.place, `${error.reason}; the handoff JSON was not read`);
  for (const key of handoff?.unknownKeys ?? [])
    inform(key.place, `handoff JSON key \`${key.key}\` is not part of the package; ignored`);

  const planDocument = documents.get('plan');
  if (!planDocument || (options.plan !== undefined && planDocument.file !== options.plan))
    throw new ImportInputError(noPlanMessage(classification.markdownFiles, options.plan));
  const ordered = (['gates', 'rfc', 'plan', 'tracker'] as const).flatMap((kind) => documents.get(kind) ?? []);
  const placeIn = (document: ProducerDocument, line: number): SourcePlace =>
    document.body.origins[line - 1] ?? { file: document.file, line: 1 };
  const issuesIn = (document: ProducerDocument, issues: readonly BlockIssue[]) => {
    for (const issue of issues) note(placeIn(document, issue.line), issue.reason);
  };
  const block = (document: ProducerDocument | undefined, name: SectionName) => {
    if (!document) return undefined;
    const section = sectionsOf(document.markdown).find((candidate) =>
      sectionHeadings[name].pattern.test(candidate.heading),
    );
    return section ? { document, section } : undefined;
  };
  const listIn = (document: ProducerDocument | undefined, name: SectionName) => {
    const found = block(document, name);
    const list = found && firstList(found.section);
    return found && list ? { document: found.document, list } : undefined;
  };
  /** The first list under a heading, the owner document first (the producer's precedence). */
  const firstListAnywhere = (name: SectionName) => {
    for (const document of ordered) {
      const found = listIn(document, name);
      if (found) return found;
    }
    return undefined;
  };

  // 2. Who is who.
  const rfcDocument = documents.get('rfc');
  const producerName = handoff?.producer ?? planDocument.header.owner?.value;
  const approvers = rfcDocument?.header.approvers
    ? parseApprovers(rfcDocument.header.approvers.value, producerName)
    : [];
  const signals = sectionsOf(planDocument.markdown).find((section) =>
    sectionHeadings.consumerCommands.pattern.test(section.heading),
  );
  const teams: Teams = {
    producer: handoff?.producer ?? planDocument.header.owner?.value ?? 'producer',
    consumer:
      handoff?.consumer ??
      approvers.find((approver) => approver.role === 'consumer')?.team ??
      /^Expected\s+(\S+)\s+Validation/i.exec(signals?.heading ?? '')?.[1] ??
      'consumer',
  };

  // 3. The live pin: the handoff JSON's, else the first pin bullets of the plan (then the other documents).
  const pinValues: Partial<Pin> = {};
  const pinPlaces: Partial<Record<PinField, SourcePlace>> = {};
  if (handoff?.pin) {
    Object.assign(pinValues, handoff.pin.values);
    Object.assign(pinPlaces, handoff.pin.places);
  }
  // The release handoff JSON is the producer's machine-readable source: its pin and policies come first.
  const release = releaseHandoff
    ? readReleaseFacts(releaseHandoff.path, normaliseText(releaseHandoff.text))
    : undefined;
  const sourced = release !== undefined && options.repositoryRelative === true;
  for (const field of pinFields) {
    if (!release || pinValues[field] !== undefined) continue;
    pinValues[field] = release.pin[field];
    pinPlaces[field] = { file: release.file, line: 1 };
  }
  for (const document of [planDocument, ...ordered]) {
    if (pinFields.every((field) => pinValues[field] !== undefined)) break;
    const group = findPinLines(document.markdown.lines, skipLine(document.markdown));
    for (const value of group?.values ?? []) {
      if (pinValues[value.field] !== undefined) continue;
      pinValues[value.field] = value.value;
      pinPlaces[value.field] = placeIn(document, value.line);
    }
  }
  // Where the producer's files disagree on a fact, every disagreement is a finding at the producer's lines;
  // for the pin, the machine-readable source's value is imported, else the value stated most often.
  const disagreements: Disagreement[] = [];
  const drift = driftOfFiles(
    '.',
    normalised.map((file) => ({ ...file, markdown: parsed.get(file.path) })),
  );
  for (const finding of drift.findings) {
    const [chosen, ...rest] = finding.values;
    if (!chosen) continue;
    const field = pinFields.find((candidate) => finding.fact === `pin:live:${candidate}`);
    const first = chosen.places[0];
    if (field && first) {
      pinValues[field] = chosen.shown;
      pinPlaces[field] = { file: first.file, line: first.line };
    }
    const most = rest.every((value) => value.places.length < chosen.places.length);
    const why = chosen.reference
      ? "the machine-readable source's value"
      : most
        ? `the value stated most often, ${chosen.places.length} of ${plural(finding.count, 'time')}`
        : 'no value is stated more often: the first in path order';
    const taken =
      field || finding.fact === 'contract:candidate' ? `; imported ${JSON.stringify(chosen.shown)} (${why})` : '';
    // One finding per disagreement, at the first line that differs from the value taken, naming every place.
    const at = rest[0]?.places[0];
    if (!at) continue;
    const values = finding.values.map((value, index) => {
      const difference = value.items && index > 0 ? listDifference(value, chosen) : undefined;
      const parts = difference
        ? [
            difference.missing.length
              ? `lacks ${difference.missing.map((item) => JSON.stringify(item)).join(', ')}`
              : '',
            difference.extra.length ? `adds ${difference.extra.map((item) => JSON.stringify(item)).join(', ')}` : '',
          ].filter(Boolean)
        : [];
      const shown = value.items
        ? `${value.items.length} items${parts.length ? ` (${parts.join('; ')})` : ''}`
        : JSON.stringify(value.shown);
      return `${shown} at ${value.places.map(where).join(', ')}`;
    });
    note(
      { file: at.file, line: at.line },
      `${finding.label} disagrees between the producer's files: ${values.join('; ')}${taken}; correct whichever lines are wrong`,
    );
    disagreements.push({
      fact: finding.fact,
      places: finding.values.flatMap((value) => value.places.map((place) => ({ file: place.file, line: place.line }))),
    });
  }
  /** A fact list as the shared extraction reads it (tables, numbered code lists, bold labels, JSON arrays): the fallback. */
  const extractedItems = (concept: ListConcept): { id?: string; title: string; line: number; place: SourcePlace }[] => {
    const current = currentValueOf(drift.read, `list:${concept}`);
    const place = current?.places[0];
    if (!current?.items || !place) return [];
    return current.items.map((item) => ({
      title: item.text,
      line: place.line,
      place: { file: place.file, line: place.line },
    }));
  };
  // A field no pin bullet and no payload states: the extraction reads tables, bold labels and sentences too.
  for (const field of pinFields) {
    if (pinValues[field] !== undefined) continue;
    const current = currentValueOf(drift.read, `pin:live:${field}`);
    const place = current?.places[0];
    if (!current || !place) continue;
    pinValues[field] = current.shown;
    pinPlaces[field] = { file: place.file, line: place.line };
  }
  for (const field of pinFields) {
    if (pinValues[field] === undefined)
      note(
        { file: planDocument.file, line: 1 },
        `live pin field \`${field}\` is stated nowhere (handoff JSON \`livePin\` or pin bullets); the runtime pin is incomplete`,
      );
  }
  const pin = Object.fromEntries(pinFields.map((field) => [field, pinValues[field] ?? ''])) as Pin;

  // 4. Contract policies: the first statement per version (plan, then RFC, gates, tracker), then the JSON.
  const statements = new Map<
    string,
    { statement: NonNullable<ReturnType<typeof parseEnvelopeStatement>>; place: SourcePlace }
  >();
  for (const document of [planDocument, ...ordered]) {
    document.markdown.lines.forEach((line, index) => {
      if (skipLine(document.markdown)(index + 1)) return;
      const statement = parseEnvelopeStatement(line);
      if (statement && !statements.has(statement.contract))
        statements.set(statement.contract, { statement, place: placeIn(document, index + 1) });
    });
  }
  // Where the files disagree on the candidate, the resolution above decides (the reference, else the most stated).
  const disputedCandidate = drift.findings.find((finding) => finding.fact === 'contract:candidate')?.values[0]?.shown;
  const target =
    disputedCandidate ??
    handoff?.candidate?.contract ??
    // A candidate stated as a fact (a `Candidate contract` row, `candidate.service_contract_version` in YAML).
    currentValueOf(drift.read, 'contract:candidate')?.shown ??
    [...statements.values()].find((entry) => /candidate/i.test(entry.statement.qualifier))?.statement.contract ??
    handoff?.policies.find((policy) => policy.status === 'candidate')?.version ??
    [...statements.keys(), ...(handoff?.policies.map((policy) => policy.version) ?? [])]
      .filter((version) => version !== pin.service_contract_version)
      .sort()
      .at(-1) ??
    contractFromMigrationId(classification.migrationFromNames);

  // 5. The migration.
  // The id comes from the producer's own file names (`SERVICE_V3_…` → `service-v3`), then the payload, then the target.
  const migrationId =
    options.migration ??
    classification.migrationFromNames ??
    handoff?.candidate?.migration ??
    (target ? migrationIdFromContract(target) : undefined);
  if (!migrationId || !target)
    throw new ImportInputError(
      'no candidate contract found (a `service.vN` other than the live one, in a policy line, the handoff JSON or the file names); state it, or pass --migration',
    );
  // The id becomes a folder name: checked against the id schema before it gets near the file system.
  assertFileNameValue(
    migrationId,
    (value) => idSchema.safeParse(value).success,
    'a kebab-case migration id such as `service-v3`',
    options.migration !== undefined
      ? '--migration'
      : classification.migrationFromNames !== undefined
        ? 'the producer file names'
        : handoff?.candidate?.migration !== undefined
          ? `${handoff.file}: candidate.migration`
          : `the candidate contract version \`${target}\``,
  );
  const dir = `${contentDir}/migrations/${migrationId}`;
  const dates = [planDocument, ...ordered]
    .map((document) => document.header.updated?.value)
    .filter((value): value is string => Boolean(value));
  const statedDates = drift.read.map((statement) => statement.date).filter((date): date is string => Boolean(date));
  const fallbackDate = handoff?.sourceDate ?? dates[0] ?? statedDates.sort().at(-1) ?? '';
  const modeLine = planDocument.header.mode;
  const mode =
    (modeLine ? parseMode(modeLine.value) : undefined) ??
    (handoff?.candidate?.mode ? parseMode(handoff.candidate.mode) : undefined);
  if (modeLine && !parseMode(modeLine.value))
    note(
      { file: planDocument.file, line: modeLine.line },
      `\`Mode: ${modeLine.value}\` names no migration mode (rehearsal, cutover, stabilization, complete); used \`rehearsal\``,
    );
  // The contract the migration leaves: the live pin's, unless the runtime already runs the target (a package
  // written after the cutover), where only the handoff payload still says where it came from.
  const from =
    (pin.service_contract_version !== target ? pin.service_contract_version : undefined) ||
    handoff?.candidate?.from ||
    pin.service_contract_version ||
    '';
  const migration: Migration = {
    kind: 'migration',
    id: migrationId,
    title: `${from || 'service.v?'} → ${target}`,
    producer: teams.producer,
    consumer: teams.consumer,
    from,
    to: target,
    mode: mode ?? 'rehearsal',
    started: handoff?.candidate?.started ?? planDocument.header.updated?.value ?? fallbackDate,
    ...(handoff?.candidate?.notBefore ? { notBefore: handoff.candidate.notBefore } : {}),
  };
  if (modeLine)
    origins.record(
      'migration',
      ['mode'],
      { file: planDocument.file, line: modeLine.line },
      `migration mode \`${migration.mode}\``,
    );
  else if (handoff?.candidate)
    origins.record('migration', ['mode'], handoff.candidate.place, `migration mode \`${migration.mode}\``);

  const updatedOf = (document: ProducerDocument) => {
    const updated = document.header.updated?.value;
    if (!updated)
      inform(
        { file: document.file, line: document.title?.line ?? 1 },
        `no \`Updated:\` line; used ${fallbackDate || 'nothing'}`,
      );
    return updated ?? fallbackDate;
  };

  const runtimePin: RuntimePin = {
    kind: 'runtime-pin',
    title: 'Live runtime pin',
    producer: teams.producer,
    consumer: teams.consumer,
    updated: handoff?.sourceDate ?? updatedOf(planDocument),
    pin,
    snapshots: [],
  };
  for (const field of pinFields)
    origins.record('pin', ['pin', field], pinPlaces[field], `live pin \`${field}\` \`${pin[field]}\``);

  const contracts: ContractPolicy[] = [];
  const contractVersions = [
    ...new Set([
      ...statements.keys(),
      ...(handoff?.policies.map((policy) => policy.version) ?? []),
      ...(release?.policies.map((policy) => policy.version) ?? []),
    ]),
  ].sort();
  const contractSources = new Map<string, ValueSource>();
  for (const version of contractVersions) {
    const fromRelease = release?.policies.find((policy) => policy.version === version);
    const fromText = statements.get(version);
    const fromJson = handoff?.policies.find((policy) => policy.version === version);
    // The machine-readable source's policy is the definition; prose that states another is then reported by the check.
    const envelope = fromRelease?.envelope ?? fromText?.statement ?? fromJson;
    if (!envelope) continue;
    if (fromRelease && sourced)
      contractSources.set(version, { file: fromRelease.place.file, values: fromRelease.pointers });
    // A contract the pin does not run is the candidate (the target), or what the machine-readable source says
    // it is (the old contract stays `live` through the overlap window after the cutover), else retired.
    const stated = fromRelease?.status ?? fromJson?.status;
    const status: ContractPolicy['status'] =
      version === pin.service_contract_version
        ? 'live'
        : version === target
          ? 'candidate'
          : stated === 'candidate' || stated === 'live'
            ? stated
            : 'retired';
    contracts.push({
      kind: 'contract-policy',
      version,
      title: `${version} error envelope`,
      status,
      updated: updatedOf(planDocument),
      envelope: {
        required: [...envelope.required],
        optional: [...envelope.optional],
        forbidden: [...envelope.forbidden],
        closed: fromJson?.closed ?? false,
      },
    } as ContractPolicy);
    origins.record(
      `contract:${version}`,
      ['envelope'],
      fromRelease?.place ?? fromText?.place ?? fromJson?.place,
      `\`${version}\` envelope policy (${status})${fromRelease ? ', from the release handoff JSON' : ''}`,
    );
  }
  // A candidate no file states an envelope policy for is still a contract the package names: declared as
  // planned, with the reason, so prose may name it; its policy is for the producer to write.
  if (!contracts.some((contract) => contract.version === target)) {
    runtimePin.planned = [
      {
        id: 'candidate-contract',
        reason: `The candidate contract of migration ${migrationId}; the producer's files state no envelope policy for it yet.`,
        service_contract_version: target,
      },
    ];
    inform(
      { file: planDocument.file, line: 1 },
      `no envelope policy for the candidate \`${target}\` (a policy line, the handoff JSON or a release handoff JSON); declared as planned in the runtime pin, with no contract file`,
    );
  }
  // The release candidate (its tag and commit, stated in prose or a JSON's candidate block) is named before it
  // runs live: declared as planned, so the prose that names it is not read as a wrong live pin.
  const candidateRelease = (['release_tag', 'commit_sha'] as const).flatMap((field) => {
    const current = currentValueOf(drift.read, `pin:candidate:${field}`);
    const place = current?.places[0];
    return current && place && current.shown !== pin[field] ? [{ field, value: current.shown, place }] : [];
  });
  const firstCandidatePlace = candidateRelease[0]?.place;
  if (firstCandidatePlace) {
    runtimePin.planned = [
      ...(runtimePin.planned ?? []),
      {
        id: 'release-candidate',
        reason: `The release candidate of migration ${migrationId}, rehearsed before it runs live (${firstCandidatePlace.file}:${firstCandidatePlace.line}).`,
        ...Object.fromEntries(candidateRelease.map((entry) => [entry.field, entry.value])),
      },
    ];
    origins.record(
      'pin',
      ['planned', runtimePin.planned.length - 1],
      { file: firstCandidatePlace.file, line: firstCandidatePlace.line },
      `release candidate ${candidateRelease.map((entry) => `\`${entry.value}\``).join(' at ')}`,
    );
  }

  let manifest: ProducerManifest | undefined;
  if (handoff?.errorCodes && handoff.additiveNotice && handoff.overlap) {
    const guarantees = new IdSequence();
    manifest = {
      kind: 'producer-manifest',
      title: 'Producer contract manifest',
      updated: handoff.sourceDate ?? fallbackDate,
      errorCodes: { validation: handoff.errorCodes.validation, codes: handoff.errorCodes.codes },
      additiveNotice: {
        standardBusinessDays: handoff.additiveNotice.standardBusinessDays,
        emergencyHours: handoff.additiveNotice.emergencyHours,
        emergencyRequiresSameDay: handoff.additiveNotice.emergencyRequiresSameDay,
      },
      overlap: {
        days: handoff.overlap.days,
        guarantees: handoff.overlap.guarantees.map((item) => ({
          id: guarantees.resolve(validId(item.id), item.title),
          title: item.title,
        })),
      },
    };
    origins.record(
      'manifest',
      ['errorCodes'],
      handoff.errorCodes.place,
      plural(handoff.errorCodes.codes.length, 'error code'),
    );
    origins.record('manifest', ['additiveNotice'], handoff.additiveNotice.place, 'additive error-code notice');
    origins.record(
      'manifest',
      ['overlap'],
      handoff.overlap.place,
      `overlap window of ${plural(handoff.overlap.days, 'day')}`,
    );
  } else if (handoff) {
    inform(
      { file: handoff.file, line: 1 },
      'handoff JSON has no `errorCodes`, `additiveNotice` and `overlap`; no producer manifest imported',
    );
  } else {
    inform(
      { file: planDocument.file, line: 1 },
      releaseHandoff
        ? `no handoff payload in the folder (the release handoff JSON ${releaseHandoff.path} is a source, not a payload): no producer manifest is imported and no payload generated`
        : 'no handoff JSON in the folder: no producer manifest is imported and no payload generated',
    );
  }

  // 6. Where each deliverable lives in this project.
  const handoffName = handoff ? `handoff-${handoffSuffix(handoff.file)}.json` : undefined;
  const baseName = (path: string) => path.split('/').at(-1) ?? path;
  // The payload is generated only with a producer manifest (imported now, or already in the content).
  const generatesPayload =
    manifest !== undefined ||
    (options.existing ?? []).some((file) => file.path === `${contentDir}/runtime/producer-manifest.yaml`);
  const producerPaths = new Set(files.map((file) => file.path));
  const planFolder = planDocument.file.includes('/') ? planDocument.file.replace(/\/[^/]*$/, '') : '';
  /** A path as the plan writes it, as a file of the folder: as written, else relative to the plan (like a link). */
  const producerFileOf = (path: string): string | undefined => {
    if (producerPaths.has(path)) return path;
    const joined = planFolder ? `${planFolder}/${path.replace(/^\.\//, '')}` : path;
    return producerPaths.has(joined) ? joined : undefined;
  };
  const contentPath = (producerPath: string): string => {
    const name = baseName(producerPath);
    const document = [...documents.values()].find((candidate) => baseName(candidate.file) === name);
    if (document) return `${dir}/${document.kind}.mdx`;
    const file = producerFileOf(producerPath);
    // A release handoff JSON is a source, and a handoff JSON no payload can be generated for stays the
    // producer's file: the deliverable is that file, where it is (repository-relative paths only).
    const staysWhereItIs =
      options.repositoryRelative === true &&
      file !== undefined &&
      (file === releaseHandoff?.path || (file === handoff?.file && !generatesPayload));
    if (staysWhereItIs) return file;
    if (handoff && baseName(handoff.file) === name && handoffName) return `${dir}/${handoffName}`;
    if (/\.(md|markdown)$/i.test(name)) {
      const kind = producerFileKinds.find((entry) => entry.pattern.test(name))?.kind;
      if (kind) return `${dir}/${kind}.mdx`;
    }
    if (/\.json$/i.test(name) && handoffFilePattern.test(name)) return `${dir}/handoff-${handoffSuffix(name)}.json`;
    // Any other file of the package (a protocol, a checklist) is a deliverable where it already is.
    return options.repositoryRelative === true && file ? file : producerPath;
  };
  const model: Partial<PackageModel> & { migration: Migration; pin: RuntimePin; contracts: ContractPolicy[] } = {
    migration,
    pin: runtimePin,
    manifest,
    contracts,
  };
  const context: ResolveContext = { teams, pin, contentPath, model };

  const importContext: ImportContext = {
    documents,
    planDocument,
    rfcDocument,
    handoff,
    teams,
    pin,
    approvers,
    context,
    model,
    origins,
    note,
    inform,
    placeIn,
    issuesIn,
    block,
    listIn,
    firstListAnywhere,
    extractedItems,
    entities: drift.entities,
    contentPath,
    readDocumentBase,
    readPlanBase,
  };
  // 7. The plan: deliverables, commands, exit criteria (their links come from the tracker and the gates).
  const { plan, exitRaw, exitBlock } = importPlan(importContext);

  // 8. The gates document.
  const { gates, gateSatisfies } = importGates(importContext);

  // 9. The tracker.
  const { tracker, taskSatisfies } = importTracker(importContext);

  // 10. Exit criteria: linked from the tasks and gates that satisfy them; ticked, or met when all of that is finished.
  plan.exitCriteria.forEach((criterion, index) => {
    criterion.tasks = (tracker?.tasks ?? [])
      .filter((task) => taskSatisfies.get(task.id)?.includes(criterion.id))
      .map((task) => task.id);
    criterion.gates = (gates?.gates ?? [])
      .filter((_gate, n) => gateSatisfies[n]?.includes(criterion.id))
      .map((gate) => gate.id);
    const checked = exitRaw[index]?.checked;
    criterion.status = checked === true ? 'met' : checked === false ? 'unmet' : derivedExitStatus(criterion, model);
    const item = exitRaw[index];
    if (item && exitBlock)
      origins.record(
        'plan',
        ['exitCriteria', index],
        placeIn(planDocument, item.line),
        `exit criterion \`${criterion.id}\` (${criterion.status})`,
      );
  });

  // 11. The RFC.
  const { rfc } = importRfc(importContext);

  // 12. Records: the decisions, the cutover's execution and the evidence the producer's records state.
  const { records } = importRecords(importContext, {
    files: classification.records,
    gates,
    tracker,
    plan,
    producerPaths,
    texts: new Map(normalised.map((file) => [file.path, file.text])),
  });

  // 13. Values in sections marked as snapshots are historical, declared as such in the runtime pin.
  const snapshots = snapshotsOf(ordered, pin);
  runtimePin.snapshots = snapshots.map((snapshot) => snapshot.entry);
  snapshots.forEach((snapshot, index) =>
    origins.record('pin', ['snapshots', index], snapshot.place, `historical snapshot \`${snapshot.entry.id}\``),
  );

  // 14. Write every document so it states the model, then the data files and the payload.
  const fullModel: PackageModel = {
    ...model,
    migration,
    pin: runtimePin,
    contracts,
    plan,
    tracker,
    rfc,
    gates,
    records,
  };
  const fullContext: ResolveContext = { ...context, model: fullModel };
  const out: SourceFile[] = [];
  const lineMaps = new Map<string, (SourcePlace | undefined)[]>();
  const targets = new Map<Target, string>();
  const writeData = (target: Target, path: string, data: Record<string, unknown>) => {
    const text = toYaml(data);
    out.push({ path, text });
    targets.set(target, path);
    const map = yamlLineOrigins(text, 1, target, origins);
    lineMaps.set(
      path,
      Array.from({ length: text.split('\n').length }, (_value, index) => map.get(index + 1)),
    );
  };
  writeData(
    'pin',
    `${contentDir}/runtime/pin.yaml`,
    sourced && release
      ? withSource(pinData(runtimePin), { file: release.file, values: release.pinPointers })
      : pinData(runtimePin),
  );
  if (manifest) writeData('manifest', `${contentDir}/runtime/producer-manifest.yaml`, manifestData(manifest));
  for (const contract of contracts) {
    // A contract version becomes a file name (`contracts/<version>.yaml`); it comes from a handoff JSON
    // key or a producer line, so it is checked first.
    assertFileNameValue(
      contract.version,
      (value) => serviceContractVersionSchema.safeParse(value).success,
      'a service contract version such as `service.v3`',
      handoff?.policies.some((policy) => policy.version === contract.version)
        ? `${handoff.file}: envelopePolicies key`
        : 'a contract version in the producer documents',
    );
    const source = contractSources.get(contract.version);
    writeData(
      `contract:${contract.version}`,
      `${contentDir}/contracts/${contract.version}.yaml`,
      source ? withSource(contractData(contract), source) : contractData(contract),
    );
  }
  writeData('migration', `${dir}/migration.yaml`, migrationData(migration));
  if (records) writeData('records', `${dir}/records.yaml`, recordsData(records));

  const documentData = {
    plan: () => planData(plan),
    tracker: () => (tracker ? trackerData(tracker) : undefined),
    rfc: () => (rfc ? rfcData(rfc) : undefined),
    gates: () => (gates ? gatesData(gates) : undefined),
  };
  for (const kind of ['plan', 'tracker', 'rfc', 'gates'] as const) {
    const document = documents.get(kind);
    const data = documentData[kind]();
    if (!document || !data) continue;
    const body = ensureBlocks(
      kind,
      document.body,
      fullModel,
      fullContext,
      (fact) => (fact ? origins.find(fact.target, fact.path)?.source : undefined),
      document.markdown,
    );
    const yaml = toYaml(data);
    // Links to the producer's other pages: to the content file a page became, else kept as text and said.
    const relinked = relinkProducerPages(
      body.lines,
      document.file,
      new Map([...documents.values()].map((other) => [other.file, `${other.kind}.mdx`])),
    );
    for (const { index, target } of relinked.unlinked) {
      const source = body.origins[index];
      inform(
        source ? { file: source.file, line: source.line } : { file: document.file, line: 1 },
        `link to \`${target}\`, a producer page that is not imported, kept as its text (content links only to content); import that page too, or link it from the producer's own docs`,
      );
    }
    const text = `---\n${yaml}---\n${markdownToMdx(relinked.lines.join('\n'))}`;
    const path = `${dir}/${kind}.mdx`;
    out.push({ path, text });
    targets.set(kind, path);
    const yamlLines = yaml.split('\n').length - 1;
    const map = yamlLineOrigins(yaml, 2, kind, origins);
    const lines: (SourcePlace | undefined)[] = [{ file: document.file, line: document.title?.line ?? 1 }];
    for (let line = 2; line <= yamlLines + 1; line++) lines.push(map.get(line));
    lines.push({ file: document.file, line: document.title?.line ?? 1 });
    lines.push(...body.origins);
    lineMaps.set(path, lines);
  }

  const payloadDeliverable =
    plan.deliverables.find(
      (deliverable) => handoffName !== undefined && deliverable.path === `${dir}/${handoffName}`,
    ) ??
    plan.deliverables.find(
      (deliverable) => deliverable.path.startsWith(`${dir}/handoff-`) && deliverable.path.endsWith('.json'),
    );
  if (payloadDeliverable) {
    const overlay = new Map((options.existing ?? []).map((file) => [file.path, file]));
    for (const file of out) overlay.set(file.path, file);
    const all = [...overlay.values()];
    try {
      const corpus = loadCorpusFromFiles(all, { contentDir });
      if (!corpus.loadProblems.length) {
        const payload = serializePayload(
          buildPayload(corpus, all, {
            migration: migrationId,
            sourceDateEpoch: options.sourceDateEpoch ?? sourceDateEpochFromEnv(),
          }),
        );
        out.push({ path: payloadDeliverable.path, text: payload });
      } else
        note(
          { file: handoff?.file ?? planDocument.file, line: 1 },
          'the handoff payload was not generated: the imported content does not load cleanly (see the check below)',
        );
    } catch (error) {
      if (!(error instanceof PayloadInputError)) throw error;
      note(
        { file: handoff?.file ?? planDocument.file, line: 1 },
        `the handoff payload was not generated: ${error.reasons.join('; ')}`,
      );
    }
  }

  // 15. What was recognised, and where it went.
  const recognised: Recognised[] = [];
  const located = new Map<string, (path: readonly PropertyKey[]) => number>();
  for (const file of out) {
    if (!file.path.endsWith('.yaml') && !file.path.endsWith('.mdx')) continue;
    located.set(file.path, locatorFor(file));
  }
  for (const header of headerOrigins) recognised.push(header);
  for (const origin of origins.entries) {
    const file = targets.get(origin.target);
    if (!file) continue;
    const line = located.get(file)?.(origin.path) ?? 1;
    recognised.push({ source: origin.source, target: { file, line }, what: origin.what });
  }
  recognised.sort((a, b) => compare(a.source.file, b.source.file) || a.source.line - b.source.line);
  unmapped.sort((a, b) => compare(a.source.file, b.source.file) || a.source.line - b.source.line);
  return { migration: migrationId, contentDir, files: out, lineMaps, recognised, unmapped, handoff, disagreements };

  // -------------------------------------------------------------------------------- helpers

  function readPlanBase(document: ProducerDocument): Plan {
    const base = readDocumentBase('plan', document);
    const objectiveSection = sectionsOf(document.markdown).find((section) =>
      sectionHeadings.objective.pattern.test(section.heading),
    );
    const paragraph =
      objectiveSection?.own[0]?.type === 'paragraph'
        ? objectiveSection.own[0]
        : objectiveSection
          ? firstParagraph(objectiveSection)
          : undefined;
    let objective =
      paragraph && objectiveSection?.own[0] === paragraph ? sourceOf(paragraph, document.markdown) : undefined;
    if (objective && paragraph)
      origins.record('plan', ['objective'], placeIn(document, paragraph.position?.start.line ?? 1), 'objective');
    if (!objective) {
      objective = base.title;
      inform({ file: document.file, line: 1 }, 'no objective (the first paragraph under “Objective”); used the title');
    }
    return { kind: 'plan', ...base, objective, deliverables: [], exitCriteria: [], commands: [] };
  }

  function readDocumentBase(kind: DocumentKind, document: ProducerDocument): DocumentBase {
    const title = document.title?.value ?? titleFromFileName(document.file);
    if (!document.title) inform({ file: document.file, line: 1 }, `no H1 title; used “${title}” from the file name`);
    const statusLine = document.header.status;
    const status = statusLine ? parseStatus('document', statusLine.value) : undefined;
    if (statusLine && !status)
      note(
        { file: document.file, line: statusLine.line },
        `\`Status: ${statusLine.value}\` is not a document status; used \`${defaultDocumentStatus[kind]}\``,
      );
    const written = document.header.owner;
    const owner = written ? ownerParty(written.value, [teams.producer, teams.consumer]) : undefined;
    if (written && owner === undefined)
      note(
        { file: document.file, line: written.line },
        `owner \`${written.value}\` names ${
          namedParties(written.value, [teams.producer, teams.consumer]).length ? 'more than one' : 'no'
        } declared party (${teams.producer}, ${teams.consumer}); kept as written: write one of them, or declare the team under \`parties\` in the runtime pin`,
      );
    if (!written)
      inform({ file: document.file, line: document.title?.line ?? 1 }, `no \`Owner:\` line; used ${teams.producer}`);
    const target = kind as Target;
    const headerPlace = (line: number | undefined) => (line === undefined ? undefined : { file: document.file, line });
    if (document.title)
      headerOrigins.push({
        source: { file: document.file, line: document.title.line },
        target: { file: `${dir}/${kind}.mdx`, line: 3 },
        what: `title “${title}”`,
      });
    origins.record(
      target,
      ['updated'],
      headerPlace(document.header.updated?.line),
      `updated ${document.header.updated?.value ?? ''}`,
    );
    origins.record(target, ['owner'], headerPlace(document.header.owner?.line), `owner ${owner ?? ''}`);
    origins.record(target, ['status'], headerPlace(statusLine?.line), `document status \`${status ?? ''}\``);
    origins.record(target, ['description'], headerPlace(document.header.summary?.line), 'description');
    return {
      title,
      ...(document.header.summary ? { description: document.header.summary.value } : {}),
      updated: updatedOf(document),
      owner: owner ?? written?.value ?? teams.producer,
      status: status ?? defaultDocumentStatus[kind],
    };
  }
}

type DocumentBase = Pick<Plan, 'title' | 'description' | 'updated' | 'owner' | 'status'>;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function handoffSuffix(path: string): string {
  const name = (path.split('/').at(-1) ?? path).replace(/\.json$/i, '');
  const after = /HANDOFF[_-]?(.*)$/i.exec(name)?.[1] ?? '';
  return idFromTitle(after.replace(/_/g, ' ')) === 'item' ? 'payload' : idFromTitle(after.replace(/_/g, ' '));
}

/** `service-v3` → `service.v3`: the candidate contract a migration id names, when it names one. */
function contractFromMigrationId(id: string | undefined): string | undefined {
  const match = /^service-v(\d+)$/.exec(id ?? '');
  return match ? `service.v${match[1]}` : undefined;
}

/** Front matter keys (folded to words) that name a header line under another name. */
const frontMatterKeys: Readonly<Record<string, HeaderKey>> = {
  'last reviewed': 'updated',
  'last updated': 'updated',
  date: 'updated',
  description: 'summary',
};

/** Why no plan was found, what the import looked for, and how to point it at the plan. */
function noPlanMessage(markdownFiles: readonly string[], plan: string | undefined): string {
  if (plan !== undefined)
    return `Unexpected --plan \`${plan}\`: no Markdown file of the folder has that path (paths are relative to the folder: ${markdownFiles.map((path) => `\`${path}\``).join(', ') || 'none'}); expected one of them`;
  const read = markdownFiles.length
    ? `the Markdown files read (${markdownFiles.map((path) => `\`${path}\``).join(', ')}) are`
    : 'the folder holds no Markdown file, so nothing is';
  return `no plan document found: no file is named like a plan (\`*_PLAN.md\`, e.g. \`SERVICE_V3_PLAN.md\`), and ${read} not a plan by content either (a plan by content states the live pin or the candidate contract and at least ${planFactsNeeded} of the plan's facts: pin fields, candidate contract, mode, command lists, rollback triggers and actions, evidence checklist, prerequisites, as \`contract-docs drift\` reads them); name the plan with \`--plan <file>\`, or rename it \`<SERVICE>_V<N>_PLAN.md\``;
}

/** Splits a producer document into its H1, its header lines and its body (with the source line of every body line). */
function splitDocument(
  kind: DocumentKind,
  file: string,
  text: string,
  parsed: ParsedProducerMarkdown,
  note: (source: SourcePlace, reason: string) => void,
  inform: (source: SourcePlace, reason: string) => void,
): ProducerDocument {
  const lines = text.split('\n');
  let index = 0;
  // The producer's own YAML front matter (`title:`, `owner:`, `last_reviewed:`): its keys are header lines.
  const fromFrontMatter: ProducerDocument['header'] = {};
  let frontTitle: { value: string; line: number } | undefined;
  const frontMatter = frontMatterOf(text);
  if (frontMatter) {
    const fenceLines = text.slice(0, frontMatter.end).replace(/\n$/, '').split('\n').length;
    for (let at = 1; at < fenceLines - 1; at++) {
      const pair = /^([A-Za-z][\w -]*):[ \t]*(.*?)[ \t]*$/.exec(lines[at] ?? '');
      if (!pair) continue;
      const label = labelWords(pair[1] ?? '');
      const value = (pair[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
      const key =
        frontMatterKeys[label] ??
        headerKeysByKind[kind].find((candidate: HeaderKey) => headerKeys[candidate].test(label));
      if (label === 'title' && value) frontTitle = { value, line: at + 1 };
      else if (key && value && (headerKeysByKind[kind] as readonly HeaderKey[]).includes(key))
        fromFrontMatter[key] ??= { value: headerValue(key, value), line: at + 1 };
      else if (value)
        inform(
          { file, line: at + 1 },
          `front matter key \`${pair[1] ?? ''}\` is not read for a ${kind} document; dropped`,
        );
    }
    index = fenceLines;
  }
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  // An ATX H1 (`# Title`) or a setext one (`Title` underlined with `===`).
  const setext = /^=+\s*$/.test(lines[index + 1] ?? '') && (lines[index] ?? '').trim() !== '';
  const h1 = setext
    ? [lines[index] ?? '', (lines[index] ?? '').trim()]
    : /^#\s+(.+?)\s*#*\s*$/.exec(lines[index] ?? '');
  const title = h1?.[1] ? { value: h1[1], line: index + 1 } : frontTitle;
  let after = h1 ? index + (setext ? 2 : 1) : index;
  let start = after;
  while (start < lines.length && (lines[start] ?? '').trim() === '') start++;
  let end = start;
  while (end < lines.length && (lines[end] ?? '').trim() !== '') end++;
  const paragraph = lines.slice(start, end);
  const header: ProducerDocument['header'] = { ...fromFrontMatter };
  const kept: number[] = [];
  const pairs = paragraph.map(headerPair);
  if (paragraph.length && pairs.every((pair) => pair !== undefined)) {
    const table = paragraph.every((line) => line.trim().startsWith('|'));
    pairs.forEach((pair, offset) => {
      if (pair === 'skip') return;
      const { label, value } = pair;
      const key = headerKeysByKind[kind].find((candidate: HeaderKey) => headerKeys[candidate].test(label));
      if (key && !header[key]) header[key] = { value: headerValue(key, value), line: start + offset + 1 };
      else if (table)
        // A row alone is not a table: an unread row of a header table is reported, not kept.
        note({ file, line: start + offset + 1 }, `header row \`${label}\` is not read for a ${kind} document; dropped`);
      else {
        kept.push(start + offset);
        // A header key another document kind reads (`Mode:` on the gates) restates that fact: prose the
        // drift report and the checker compare, not a finding.
        const known = Object.values(headerKeys).some((pattern) => pattern.test(label));
        (known ? inform : note)(
          { file, line: start + offset + 1 },
          `header line \`${label}:\` is not read for a ${kind} document; kept as prose`,
        );
      }
    });
    after = end;
  }
  // The body: header lines kept as prose, then the lines after the header; a blank line first and last.
  const restIndexes = Array.from({ length: lines.length - after }, (_value, offset) => after + offset);
  const keptLines = kept.map((at) => lines[at] ?? '');
  const lead = (keptLines[0] ?? lines[after]) !== '' ? [''] : [];
  const lastLine = restIndexes.length ? lines.at(-1) : (keptLines.at(-1) ?? lead.at(-1));
  const trail = lastLine !== '' ? [''] : [];
  const prefix = [...lead, ...keptLines];
  const markdown = cutMarkdown({ text, parsed }, prefix, after + 1, trail);
  const body = {
    lines: markdown.lines,
    origins: [
      ...lead.map(() => undefined),
      ...[...kept, ...restIndexes].map((at): SourcePlace => ({ file, line: at + 1, verbatim: true })),
      ...trail.map(() => undefined),
    ],
  };
  return { kind, file, title, header, body, markdown };
}

/**
 * A header value as the content holds it: the `updated` day as `YYYY-MM-DD` however the producer wrote it
 * (`3 March 2026`); a value that is no day stays as written, and the schema reports it at its line.
 */
function headerValue(key: HeaderKey, value: string): string {
  return key === 'updated' ? (writtenDate(value) ?? value) : value;
}

/**
 * A header line as `label: value`: `Updated: 2026-02-08`, `**Updated:** 2026-02-08`, or a row of a
 * two-column header table (`| Updated | 2026-02-08 |`; its column names and rule row are `skip`).
 */
function headerPair(line: string): { label: string; value: string } | 'skip' | undefined {
  const plain = line.replace(/\*\*|__/g, '').replace(/(\s{2,}|\\)$/, '');
  if (plain.trim().startsWith('|')) {
    const cells = plain
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
    if (cells.length !== 2) return undefined;
    if (cells.every((cell) => /^:?-+:?$/.test(cell)) || /^(field|key|name)$/i.test(cells[0] ?? '')) return 'skip';
    return { label: cells[0] ?? '', value: cells[1] ?? '' };
  }
  const match = headerLinePattern.exec(plain);
  return match ? { label: match[1] ?? '', value: match[2] ?? '' } : undefined;
}

/**
 * `Approvers: MemoryKernel (producer), AssistSupport (consumer)`; without the roles, two approvers of whom
 * one is the producer (the plan's owner or the handoff's producer) make the other the consumer.
 */
function parseApprovers(value: string, producer: string | undefined): Rfc['approvers'] {
  const parts = value
    .split(/[,;]|\s+and\s+/)
    .map((part) => part.replace(/[`*_]/g, '').trim())
    .filter(Boolean);
  const withRoles = parts
    .map((part) => /^(.+?)\s*\((producer|consumer)\)$/i.exec(part))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ team: match[1] ?? '', role: (match[2] ?? '').toLowerCase() as 'producer' | 'consumer' }));
  if (withRoles.length || parts.length !== 2 || !producer) return withRoles;
  const producerIndex = parts.findIndex((part) => namedParties(producer, [part]).length === 1);
  if (producerIndex === -1) return [];
  return parts.map((team, index) => ({ team, role: index === producerIndex ? 'producer' : 'consumer' }));
}

/** Pin values in snapshot sections that differ from the live pin, as historical snapshots. */
function snapshotsOf(
  documents: readonly ProducerDocument[],
  pin: Pin,
): { entry: RuntimePin['snapshots'][number]; place: SourcePlace }[] {
  const out: { entry: RuntimePin['snapshots'][number]; place: SourcePlace }[] = [];
  const ids = new Set<string>();
  for (const document of documents) {
    for (const region of document.markdown.snapshots) {
      const values = new Map<PinField, string[]>();
      for (let line = region.start; line <= region.end; line++) {
        const text = document.markdown.lines[line - 1] ?? '';
        for (const { field, value } of pinTokensIn(text)) {
          const known = values.get(field) ?? [];
          if (value !== pin[field] && !known.includes(value)) values.set(field, [...known, value]);
        }
      }
      const count = Math.max(0, ...[...values.values()].map((list) => list.length));
      const name = document.file.split('/').at(-1) ?? document.file;
      for (let n = 0; n < count; n++) {
        const entry: RuntimePin['snapshots'][number] = {
          id: claimId(idFromTitle(region.heading ?? name.replace(/\.[a-z]+$/i, '')), ids),
          reason: 'historical',
          note: `Historical values ${region.heading ? `under “${region.heading}” ` : ''}in ${name}, marked \`contract-docs: snapshot\`.`,
        };
        for (const field of pinFields) {
          const value = values.get(field)?.[n];
          if (value !== undefined) entry[field] = value;
        }
        out.push({ entry, place: document.body.origins[region.start - 1] ?? { file: document.file, line: 1 } });
      }
    }
  }
  return out;
}

/** Line of a data path in a content file (frontmatter or data), for the report. */
function locatorFor(file: SourceFile): (path: readonly PropertyKey[]) => number {
  const mdx = file.path.endsWith('.mdx');
  const yaml = mdx ? (/^---\n([\s\S]*?)---\n/.exec(file.text)?.[1] ?? '') : file.text;
  const { locate } = parseYaml(yaml, 0, new LineIndex(yaml));
  return (path) => locate(path).start.line + (mdx ? 1 : 0);
}
