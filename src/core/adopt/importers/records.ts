import type {
  Decision,
  DecisionScope,
  EvidenceRecord,
  Gates,
  Owner,
  Plan,
  RecordedEvent,
  Records,
  Tracker,
} from '../../../schemas/index.ts';
import { driftOfFiles } from '../../drift/run.ts';
import type { ExtractedEntity } from '../../drift/statement.ts';
import { slugOf } from '../../drift/statement.ts';
import { resolveReference } from '../blocks.ts';
import {
  checkpointDate,
  decisionsInJson,
  decisionsInMarkdown,
  type Placed,
  type StatedDecision,
} from '../cutover-records.ts';
import { claimId, idFromTitle, ownerParty, parseStatus } from '../derive.ts';
import type { SourcePlace } from '../model.ts';
import type { ImportContext } from './context.ts';

/**
 * `records.yaml` from what the producer's records state: each go/no-go decision (a cutover record JSON, a
 * dated checkpoint's sentence, labels or decision-log table; one decision per moment, its parts from every
 * record that states it), the cutover's execution (a go decision whose record puts the runtime on the
 * target contract, or says when it was carried out), and an evidence record for each CI run link or
 * artifact the producer gives as the evidence of a gate or a task. Nothing is invented: a decision
 * without an outcome or without who took it, and a finished gate or task with no evidence, is a finding
 * at the producer's line.
 */

export interface RecordFile {
  path: string;
  text: string;
}

export interface RecordsInput {
  files: readonly RecordFile[];
  gates: Gates | undefined;
  tracker: Tracker | undefined;
  plan: Plan;
  /** Every producer path of the folder, to resolve an artifact link. */
  producerPaths: ReadonlySet<string>;
  /** The text of every producer file by path (a table cell's link, which the extraction reads as its text). */
  texts: ReadonlyMap<string, string>;
}

/** A link, a bare URL or a code-span path in an `Evidence:` value: what proves it, and the words naming it. */
export interface EvidenceTarget {
  text?: string | undefined;
  target: string;
}

const linkPattern = /\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const urlPattern = /\bhttps?:\/\/[^\s)<>\]`]+/g;
const pathSpan = /`([^`\s]+\/[^`\s]*|[^`\s]+\.(?:md|markdown|json|ya?ml|txt|log|html|csv|xml|zip|tar\.gz))`/g;

/** What an evidence value points at: its links (with their text), bare URLs, and code-span paths. */
export function evidenceTargets(value: string): EvidenceTarget[] {
  const out: EvidenceTarget[] = [];
  const rest = value.replace(linkPattern, (_whole, text: string, target: string) => {
    out.push({ text: text.trim(), target });
    return ' ';
  });
  for (const match of rest.matchAll(urlPattern)) out.push({ target: match[0].replace(/[.,;]+$/, '') });
  for (const match of rest.replace(urlPattern, ' ').matchAll(pathSpan)) out.push({ target: match[1] ?? '' });
  return out;
}

/** An evidence value without its link targets: `[Producer suite results](https://…)` names `Producer suite results`. */
export function evidenceWords(value: string): string {
  return value
    .replace(linkPattern, (_whole, text: string) => text)
    .replace(urlPattern, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One decision, merged from every record that states it at the same moment. */
interface MergedDecision {
  at: Placed<string>;
  outcomes: Placed<'go' | 'no-go'>[];
  approvers: Placed<string[]>[];
  scope?: Placed<DecisionScope> | undefined;
  executedAt?: Placed<string> | undefined;
  runtimeContract?: Placed<string> | undefined;
  runtimeTag?: string | undefined;
  gates: StatedDecision['gates'];
  places: SourcePlace[];
}

export function importRecords(ctx: ImportContext, input: RecordsInput): { records: Records | undefined } {
  const { teams, model, origins, note, inform } = ctx;
  const migration = model.migration;
  if (!migration) return { records: undefined };
  const { files, gates, tracker, plan, producerPaths, texts } = input;

  // 1. Decisions, one per moment: a JSON record and a checkpoint that state the same decision complete each other.
  const merged: MergedDecision[] = [];
  /** The moment each record speaks for: its one decision's, else its day's start (00:00 UTC). */
  const moments = new Map<string, string>();
  for (const file of files) {
    const stated = /\.json$/i.test(file.path)
      ? decisionsInJson(file.path, file.text)
      : withCheckpointRuntime(file, decisionsInMarkdown(file.path, file.text));
    const date = /\.json$/i.test(file.path) ? undefined : checkpointDate(file.path, file.text);
    const only = stated.length === 1 ? stated[0] : undefined;
    const moment = only?.at.value ?? (date ? `${date.value}T00:00:00Z` : undefined);
    if (moment) moments.set(file.path, moment);
    for (const decision of stated) {
      if (!decision.at.value) continue;
      let entry = merged.find((candidate) => candidate.at.value === decision.at.value);
      if (!entry) {
        entry = { at: decision.at, outcomes: [], approvers: [], gates: [], places: [] };
        merged.push(entry);
      }
      if (decision.outcome) entry.outcomes.push(decision.outcome);
      if (decision.approvers) entry.approvers.push(decision.approvers);
      entry.scope ??= decision.scope;
      entry.executedAt ??= decision.executedAt;
      entry.runtimeContract ??= decision.runtimeContract;
      entry.runtimeTag ??= decision.runtimeTag;
      entry.gates.push(...decision.gates);
      entry.places.push(decision.place);
    }
  }
  merged.sort((a, b) => (a.at.value < b.at.value ? -1 : a.at.value > b.at.value ? 1 : 0));

  const gateIdOf = (name: string) => gates?.gates.find((gate) => slugOf(gate.title) === slugOf(name))?.id;
  const decisionIds = new Set<string>();
  const decisions: Decision[] = [];
  const events: RecordedEvent[] = [];
  const eventIds = new Set<string>();
  const where = (places: readonly SourcePlace[]) => places.map((place) => `${place.file}:${place.line}`).join(', ');
  for (const entry of merged) {
    const outcomes = [...new Set(entry.outcomes.map((outcome) => outcome.value))];
    const [outcome] = outcomes;
    if (!outcome) {
      note(
        entry.at.place,
        `the decision recorded at ${entry.at.value} states no outcome (\`go\` or \`no-go\`) in any record (${where(entry.places)}); not imported: state it (\`Decision: go\`, or \`"decision": "go"\` in the record)`,
      );
      continue;
    }
    if (outcomes.length > 1) {
      note(
        entry.outcomes[1]?.place ?? entry.at.place,
        `the decision recorded at ${entry.at.value} is \`${outcomes.join('` and `')}\` in different records (${where(entry.outcomes.map((stated) => stated.place))}); not imported: correct the record that is wrong`,
      );
      continue;
    }
    const approvers = [
      ...new Set(
        entry.approvers.flatMap((stated) =>
          stated.value.map((team) => ownerParty(team, [teams.producer, teams.consumer]) ?? team),
        ),
      ),
    ];
    if (!approvers.length) {
      note(
        entry.at.place,
        `the ${outcome} decision recorded at ${entry.at.value} names nobody who took it (${where(entry.places)}); not imported: state who signed it (\`by A and B\`, \`Approvers:\`, or \`"approvers"\` in the record)`,
      );
      continue;
    }
    const scope: DecisionScope | undefined =
      entry.scope?.value ??
      (entry.runtimeContract?.value === migration.to
        ? 'runtime-cutover'
        : entry.runtimeContract?.value === migration.from &&
            decisions.some((earlier) => earlier.scope === 'runtime-cutover')
          ? 'rollback'
          : entry.gates.length
            ? 'runtime-cutover'
            : undefined);
    if (!scope) {
      note(
        entry.at.place,
        `the ${outcome} decision recorded at ${entry.at.value} does not say what it decides (a cutover, a rollback, the rehearsal); not imported: say it (\`Scope: runtime cutover\`)`,
      );
      continue;
    }
    const base = {
      'runtime-cutover': 'cutover',
      rollback: 'rollback',
      rehearsal: 'rehearsal',
      'stabilization-close': 'stabilization-close',
    }[scope];
    const id = claimId(`${base}-${outcome}`, decisionIds);
    const evidence: string[] = [];
    for (const gate of entry.gates) {
      const gateId = gateIdOf(gate.name);
      if (!gateId) {
        note(
          gate.place,
          `gate “${gate.name}” of the ${outcome} decision at ${entry.at.value} is no gate of the gates document; not cited`,
        );
        continue;
      }
      if (parseStatus('gate', gate.status) === 'passed' && !evidence.includes(`gate:${gateId}`))
        evidence.push(`gate:${gateId}`);
    }
    const what = {
      'runtime-cutover': `the runtime cutover to ${migration.to}`,
      rollback: `the rollback to ${migration.from}`,
      rehearsal: `the ${migration.to} rehearsal`,
      'stabilization-close': 'closing the stabilization window',
    }[scope];
    const index =
      decisions.push({
        id,
        title: `${outcome === 'go' ? 'Go' : 'No-go'} for ${what}.`,
        scope,
        outcome,
        decidedAt: entry.at.value,
        approvers,
        evidence,
        supersedes: [],
      }) - 1;
    origins.record(
      'records',
      ['decisions', index],
      entry.places[0],
      `${outcome} decision \`${id}\` (${scope}, ${entry.at.value})`,
    );
    origins.record('records', ['decisions', index, 'outcome'], entry.outcomes[0]?.place, `outcome of \`${id}\``);
    origins.record('records', ['decisions', index, 'decidedAt'], entry.at.place, `moment of \`${id}\``);
    origins.record('records', ['decisions', index, 'approvers'], entry.approvers[0]?.place, `approvers of \`${id}\``);

    // 2. The execution: a go whose record puts the runtime on the decided contract, or says when it was carried out.
    if (outcome !== 'go' || (scope !== 'runtime-cutover' && scope !== 'rollback')) continue;
    const contract = scope === 'runtime-cutover' ? migration.to : migration.from;
    const carriedOut =
      entry.executedAt ??
      (entry.runtimeContract?.value === contract
        ? { value: entry.at.value, place: entry.runtimeContract.place }
        : undefined);
    if (!carriedOut) {
      inform(
        entry.at.place,
        `go decision \`${id}\`: no record says it was carried out (the runtime on \`${contract}\`, or when it ran); no event imported`,
      );
      continue;
    }
    const type = scope === 'runtime-cutover' ? 'cutover-executed' : 'rollback-executed';
    const eventIndex =
      events.push({
        id: claimId(type, eventIds),
        title: `The runtime serves ${contract}${entry.runtimeTag ? ` from ${entry.runtimeTag}` : ''}.`,
        type,
        at: carriedOut.value,
        authorisedBy: id,
      }) - 1;
    origins.record('records', ['events', eventIndex], carriedOut.place, `event \`${type}\` (${carriedOut.value})`);
  }

  // 3. Evidence records: every CI run link or artifact given as the evidence of a gate or a task, dated by
  //    the record that gives it (a checkpoint's decision moment, else its day; a document's `Updated:` day).
  const dayOf = (file: string) => {
    const known = moments.get(file);
    if (known) return known;
    const document = [...ctx.documents.values()].find((candidate) => candidate.file === file);
    const updated = document?.header.updated?.value;
    return updated ? `${updated}T00:00:00Z` : undefined;
  };
  const evidence: EvidenceRecord[] = [];
  const evidenceFiles = new Set<string>();
  const evidencePlaces: SourcePlace[] = [];
  const evidenceIds = new Set<string>();
  const checklist = gates?.evidenceChecklist ?? [];
  /** One evidence record for `item` from a link the producer gives, at the moment of the record that gives it. */
  const add = (item: Item, target: EvidenceTarget, place: SourcePlace, recordedAt: string | undefined) => {
    if (!recordedAt) {
      note(
        place,
        `evidence \`${target.target}\` of ${item.reference} is in a file with no date (\`Date:\` or \`Updated:\`); not imported: date the file`,
      );
      return;
    }
    const proof = proofOf(target.target, place.file, producerPaths);
    if (!proof) {
      note(
        place,
        `evidence \`${target.target}\` of ${item.reference} is neither an https link to a CI run nor a file path; not imported`,
      );
      return;
    }
    // The link's words may name what else the evidence stands for, `;`-separated: evidence checklist items
    // and exit criteria, by title or as `kind:id` in code (how the exporter writes an evidence record back).
    const named = (target.text ?? '').split(';').flatMap((part) => {
      const checklistId = resolveReference('evidence', part, checklist);
      if (checklistId) return [`evidence:${checklistId}`];
      const exitId = resolveReference('exit', part, plan.exitCriteria);
      return exitId ? [`exit:${exitId}`] : [];
    });
    const name = place.file.split('/').at(-1) ?? place.file;
    const record: EvidenceRecord = {
      id: claimId(`${idFromTitle(item.id)}-${recordedAt.slice(0, 10)}`, evidenceIds),
      title: `${capitalised(target.text ?? ('ci' in proof ? 'CI run' : 'Artifact'))} for ${item.noun} “${item.title}”, as recorded in ${name}.`,
      recordedAt,
      by: item.owner,
      for: [item.reference, ...new Set(named)],
      ...proof,
    };
    const index = evidence.push(record) - 1;
    evidencePlaces.push(place);
    evidenceFiles.add(place.file);
    origins.record('records', ['evidence', index], place, `evidence record \`${record.id}\` for \`${item.reference}\``);
  };
  const stated = ctx.entities.filter((entity) => !entity.history);
  for (const entity of stated) {
    const item = itemOf(entity, gates, tracker);
    for (const field of entity.fields) {
      if (!/^evidence$/.test(field.label)) continue;
      const values = field.items?.length
        ? field.items.map((part) => ({ text: part.text, line: part.line }))
        : [{ text: cellAsWritten(texts.get(field.place.file), field) ?? field.value, line: field.place.line }];
      for (const value of values) {
        const place = { file: field.place.file, line: value.line };
        for (const target of evidenceTargets(value.text)) {
          if (!item) {
            note(
              place,
              `evidence for ${entity.kind} “${entity.title}”, which is no ${entity.kind} of the package; not imported`,
            );
            continue;
          }
          add(item, target, place, dayOf(field.place.file));
        }
      }
    }
  }
  // A JSON record's gates may carry their evidence (`"evidence": "https://…"`): recorded at the record's moment.
  for (const entry of merged)
    for (const gate of entry.gates) {
      const item = gateItemOf(gate.name, gates);
      for (const value of gate.evidence ?? []) {
        const targets = evidenceTargets(value.value);
        for (const target of targets.length ? targets : [{ target: value.value.trim() }])
          if (item) add(item, target, value.place, entry.at.value);
      }
    }

  // A record that gave nothing is said, so a checkpoint in an unread form is not silently dropped.
  const used = new Set([...merged.flatMap((entry) => entry.places.map((place) => place.file)), ...evidenceFiles]);
  for (const file of files)
    if (!used.has(file.path))
      inform(
        { file: file.path, line: 1 },
        'a record of the package (a decision record or a dated checkpoint) that states no decision and no evidence link the import reads; its statuses and pins are compared by the drift report only',
      );
  if (!decisions.length && !events.length && !evidence.length) return { records: undefined };

  // 4. A go relies on its evidence being recorded by then (every gate, for a cutover): evidence the producer
  //    states only where it is dated later (a living document's `Updated:` day) is said at its line.
  const recordFiles = new Set(files.map((file) => file.path));
  for (const decision of decisions) {
    if (decision.outcome !== 'go') continue;
    const relied = new Set(decision.evidence);
    if (decision.scope === 'runtime-cutover') for (const gate of gates?.gates ?? []) relied.add(`gate:${gate.id}`);
    for (const reference of relied) {
      const own = evidence.flatMap((record, index) => (record.for.includes(reference) ? [index] : []));
      const first = own[0];
      const record = first === undefined ? undefined : evidence[first];
      const place = first === undefined ? undefined : evidencePlaces[first];
      if (!record || !place || own.some((index) => (evidence[index]?.recordedAt ?? '') <= decision.decidedAt)) continue;
      note(
        place,
        `the evidence of \`${reference}\` is dated ${record.recordedAt} (${recordFiles.has(place.file) ? "its record's moment" : `the \`Updated:\` day of ${place.file}`}), after the go decision \`${decision.id}\` of ${decision.decidedAt} that relies on it; state it in the dated checkpoint of the decision, or correct the date that is wrong`,
      );
    }
  }

  // 5. With a records file, a passed gate, a done task and a met exit criterion need an evidence record:
  //    one the producer does not give is said here, at the status line, never made up.
  const proven = new Set(evidence.flatMap((record) => record.for));
  const unproven = (reference: string, what: string, place: SourcePlace | undefined) => {
    if (proven.has(reference)) return;
    note(
      place ?? { file: ctx.planDocument.file, line: 1 },
      `${what} but no evidence of it is stated (a CI run link or an artifact path under \`Evidence:\`, in its document or in a dated checkpoint of the folder imported); state it, or set the status back`,
    );
  };
  gates?.gates.forEach((gate, index) => {
    if (gate.status === 'passed')
      unproven(
        `gate:${gate.id}`,
        `gate \`${gate.id}\` is passed`,
        origins.find('gates', ['gates', index, 'status'])?.source,
      );
  });
  tracker?.tasks.forEach((task, index) => {
    if (task.status === 'done')
      unproven(
        `task:${task.id}`,
        `task \`${task.id}\` is done`,
        origins.find('tracker', ['tasks', index, 'status'])?.source,
      );
  });
  plan.exitCriteria.forEach((criterion, index) => {
    if (criterion.status === 'met')
      unproven(
        `exit:${criterion.id}`,
        `exit criterion \`${criterion.id}\` is met`,
        origins.find('plan', ['exitCriteria', index])?.source,
      );
  });

  const days = [
    ...decisions.map((decision) => decision.decidedAt),
    ...events.map((event) => event.at),
    ...evidence.map((record) => record.recordedAt),
  ]
    .map((moment) => moment.slice(0, 10))
    .sort();
  const records: Records = {
    kind: 'records',
    title: `${migration.to} decisions, events and evidence`,
    updated: days.at(-1) ?? migration.started,
    decisions,
    events,
    windows: [],
    evidence,
  };
  model.records = records;
  return { records };
}

/** A gate or task of the imported package an evidence record can be for, with who records its evidence. */
interface Item {
  id: string;
  reference: string;
  noun: string;
  title: string;
  owner: Owner;
}

/** The gate of the imported package a name states (matched by its slug, as the drift report matches gates). */
function gateItemOf(name: string, gates: Gates | undefined): Item | undefined {
  const gate = gates?.gates.find((candidate) => slugOf(candidate.title) === slugOf(name));
  return gate
    ? { id: gate.id, reference: `gate:${gate.id}`, noun: 'gate', title: gate.title, owner: gate.owner }
    : undefined;
}

/** The gate or task an entity names in the imported package. */
function itemOf(entity: ExtractedEntity, gates: Gates | undefined, tracker: Tracker | undefined): Item | undefined {
  if (entity.kind === 'gate') return gateItemOf(entity.title, gates) ?? gateItemOf(entity.key, gates);
  const task = tracker?.tasks.find((candidate) => candidate.id === entity.key);
  return task
    ? { id: task.id, reference: `task:${task.id}`, noun: 'task', title: task.title, owner: task.owner }
    : undefined;
}

/** A CI run (an https link) or an artifact (a path, resolved against the file that names it). */
function proofOf(
  target: string,
  from: string,
  producerPaths: ReadonlySet<string>,
): { ci: string } | { artifact: string } | undefined {
  if (/^https:\/\//i.test(target)) return { ci: target };
  if (/^[a-z]+:/i.test(target)) return undefined;
  const path = target.replace(/#.*$/, '');
  if (!path) return undefined;
  const folder = from.includes('/') ? from.replace(/\/[^/]*$/, '') : '';
  const joined = normalisePath(folder ? `${folder}/${path}` : path);
  // As written when it names a file of the folder from the root (`docs/…`), else relative to the file (a link).
  if (producerPaths.has(path)) return { artifact: path };
  return { artifact: joined ?? path };
}

function normalisePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * A checkpoint's decisions learn the runtime it states: its live pin's contract, read from the checkpoint
 * alone (a later document's statement makes the checkpoint history for the drift report, but not for what
 * the runtime was that day); a history section or snapshot inside it still does not count.
 */
function withCheckpointRuntime(file: RecordFile, decisions: StatedDecision[]): StatedDecision[] {
  if (!decisions.length) return decisions;
  const own = driftOfFiles('.', [file]).read.filter((statement) => !statement.history);
  const contract = own.find((statement) => statement.fact === 'pin:live:service_contract_version');
  const tag = own.find((statement) => statement.fact === 'pin:live:release_tag');
  for (const decision of decisions) {
    if (contract && !decision.runtimeContract)
      decision.runtimeContract = { value: contract.shown, place: { file: file.path, line: contract.place.line } };
    if (tag && !decision.runtimeTag) decision.runtimeTag = tag.shown;
  }
  return decisions;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A table cell as written, links included: the extraction gives a cell's text only, so an `Evidence` column
 * holding `[Producer suite results](https://…)` is read back from the producer's line at the cell's column.
 */
function cellAsWritten(text: string | undefined, field: ExtractedEntity['fields'][number]): string | undefined {
  const line = text?.split('\n')[field.place.line - 1];
  if (!line || !/^\s*\|/.test(line)) return undefined;
  // The column is the cell's, which may be its opening pipe.
  const start = field.place.column - 1;
  const rest = line.slice(line[start] === '|' ? start + 1 : start);
  const end = rest.search(/(?<!\\)\|/);
  return (end === -1 ? rest : rest.slice(0, end)).trim() || undefined;
}
