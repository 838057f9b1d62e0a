import type { Decision, DecisionScope, EvidenceRecord, Gates, Records, Tracker } from '../../schemas/index.ts';
import { writeProducerMarkdown } from '../parse/producer-markdown.ts';
import { resolveReference } from './blocks.ts';
import { parseMarkdownText } from './markdown.ts';

/**
 * A migration's records (`records.yaml`) written back as the producer keeps them: dated checkpoint
 * documents, in the form the records importer reads (`cutover-records.ts`, `importers/records.ts`). One
 * checkpoint per decision (its moment, outcome, scope, approvers as labels, the execution of a go as
 * `Executed at:`) holding the evidence recorded that day up to the decision, and one checkpoint per other
 * day that has evidence: each evidence record under its gate (a numbered list under `## Gates`) or its
 * task (`## Task <id>: <title>`), as `Evidence:` with the CI run link or the artifact path, the link's words
 * naming the evidence checklist item it stands for.
 *
 * Only what the importer reads back is written, so an export of a re-import is the same bytes. What a
 * checkpoint cannot say is left out, not approximated: ids and titles (the importer derives them), an
 * evidence record's time of day (a checkpoint dates its evidence by its decision's moment, else its day),
 * evidence for exit criteria (the importer reads gate and task evidence only), `supersedes`, window
 * events and windows.
 */

/** Where the checkpoints go, and how content paths (an artifact) read in the producer's repository. */
export interface RecordsExportContext {
  /** The producer folder holding the checkpoints, e.g. `docs/checkpoints`. */
  folder: string;
  gates: Gates | undefined;
  tracker: Tracker | undefined;
  exitCriteria: readonly { id: string; title: string }[];
  /** The records file's content path: an evidence record whose artifact is the log itself points at its checkpoint. */
  recordsFile: string;
  /** The producer path of a content file, when it is a deliverable; else the path unchanged. */
  producerPath: (contentPath: string) => string;
}

export interface RecordsCheckpoint {
  path: string;
  text: string;
}

const scopeWords: Record<DecisionScope, string> = {
  'runtime-cutover': 'Runtime cutover',
  rollback: 'Rollback',
  rehearsal: 'Rehearsal',
  'stabilization-close': 'Stabilization close',
};

/** The event type that carries out a go of this scope, if any. */
const executionOf: Partial<Record<DecisionScope, string>> = {
  'runtime-cutover': 'cutover-executed',
  rollback: 'rollback-executed',
};

const byMoment =
  <T>(moment: (item: T) => string) =>
  (a: T, b: T) =>
    moment(a) < moment(b) ? -1 : moment(a) > moment(b) ? 1 : 0;

/** The checkpoints that state `records`, in date order. */
export function recordsCheckpoints(records: Records, context: RecordsExportContext): RecordsCheckpoint[] {
  const decisions = [...records.decisions].sort(byMoment((decision: Decision) => decision.decidedAt));
  // Evidence goes to the checkpoint of the first decision of its day taken at or after it (the state the
  // decision saw), else to the checkpoint of its day.
  const holders = new Map<string, EvidenceRecord[]>();
  const hold = (key: string, record: EvidenceRecord) => holders.set(key, [...(holders.get(key) ?? []), record]);
  for (const record of [...records.evidence].sort(byMoment((item: EvidenceRecord) => item.recordedAt))) {
    const day = record.recordedAt.slice(0, 10);
    const decision = decisions.find(
      (candidate) => candidate.decidedAt.slice(0, 10) === day && candidate.decidedAt >= record.recordedAt,
    );
    hold(decision ? `decision:${decision.id}` : `day:${day}`, record);
  }
  const out: { sortKey: string; checkpoint: RecordsCheckpoint }[] = [];
  const names = new Set<string>();
  const nameOf = (day: string, suffix: string) => {
    let name = `CHECKPOINT_${day}${suffix}.md`;
    for (let index = 2; names.has(name); index++) name = `CHECKPOINT_${day}${suffix}-${index}.md`;
    names.add(name);
    return `${context.folder}/${name}`;
  };
  for (const decision of decisions) {
    const day = decision.decidedAt.slice(0, 10);
    const event = records.events.find(
      (candidate) => candidate.authorisedBy === decision.id && candidate.type === executionOf[decision.scope],
    );
    const labels = [
      `Date: ${day}`,
      `Scope: ${scopeWords[decision.scope]}`,
      `Decision: ${decision.outcome === 'go' ? 'Go' : 'No-go'}`,
      `Decided at: ${decision.decidedAt}`,
      `Approvers: ${decision.approvers.join(', ')}`,
      ...(event ? [`Executed at: ${event.at}`] : []),
    ];
    // One paragraph, each label on its line (a hard break after every label but the last).
    const lines = [
      `# Checkpoint: ${scopeWords[decision.scope].toLowerCase()} ${decision.outcome}`,
      '',
      ...labels.map((label, index) => (index < labels.length - 1 ? `${label}  ` : label)),
    ];
    const path = nameOf(day, `_${decision.id}`);
    const text = [...lines, '', ...evidenceSections(holders.get(`decision:${decision.id}`) ?? [], path, context)];
    out.push({ sortKey: decision.decidedAt, checkpoint: { path, text: written(text) } });
  }
  for (const [key, held] of holders) {
    if (!key.startsWith('day:')) continue;
    const day = key.slice('day:'.length);
    const path = nameOf(day, '');
    const text = [`# Checkpoint: evidence of ${day}`, '', `Date: ${day}`, '', ...evidenceSections(held, path, context)];
    out.push({ sortKey: `${day}T00:00:00Z`, checkpoint: { path, text: written(text) } });
  }
  return out.sort(byMoment((entry) => entry.sortKey)).map((entry) => entry.checkpoint);
}

/** The `## Gates` list and `## Task` sections stating where the evidence of each item is. */
function evidenceSections(held: readonly EvidenceRecord[], at: string, context: RecordsExportContext): string[] {
  const lines: string[] = [];
  const gates = (context.gates?.gates ?? []).flatMap((gate) => {
    const targets = held.flatMap((record) => evidenceOf(record, `gate:${gate.id}`, at, context));
    return targets.length ? [{ title: gate.title, targets }] : [];
  });
  if (gates.length) {
    lines.push('## Gates', '');
    gates.forEach((gate, index) =>
      lines.push(`${index + 1}. ${gate.title}`, `   - Evidence: ${gate.targets.join('; ')}`),
    );
    lines.push('');
  }
  for (const task of context.tracker?.tasks ?? []) {
    const targets = held.flatMap((record) => evidenceOf(record, `task:${task.id}`, at, context));
    if (targets.length) lines.push(`## Task ${task.id}: ${task.title}`, '', `- Evidence: ${targets.join('; ')}`, '');
  }
  return lines;
}

/**
 * How a checkpoint states one evidence record for `reference`: one link (the CI run, or the artifact's
 * path from the checkpoint) whose words name what else the record stands for, `;`-separated: evidence
 * checklist items and exit criteria by title (as `kind:id` in code where the title would not resolve back
 * to that one item); a bare CI link or artifact path when it stands for nothing else. Nothing when the
 * record is not for `reference`.
 */
function evidenceOf(record: EvidenceRecord, reference: string, at: string, context: RecordsExportContext): string[] {
  if (!record.for.includes(reference)) return [];
  const target =
    record.ci ??
    relativePath(at, record.artifact === context.recordsFile ? at : context.producerPath(record.artifact ?? ''));
  const words = record.for.flatMap((each) => {
    const [, kind, id] = /^(evidence|exit):(.+)$/.exec(each) ?? [];
    if (!kind || !id) return [];
    const items = kind === 'evidence' ? (context.gates?.evidenceChecklist ?? []) : context.exitCriteria;
    const title = items.find((item) => item.id === id)?.title;
    return title && !title.includes(';') && resolveReference(kind as 'evidence' | 'exit', title, items) === id
      ? [title]
      : [`\`${kind}:${id}\``];
  });
  if (words.length) return [`[${words.join('; ')}](${target})`];
  return [record.ci ? target : `\`${target}\``];
}

/** `path` as a link from the file `from` (both from the producer's root): the importer resolves it back. */
function relativePath(from: string, path: string): string {
  const base = from.split('/').slice(0, -1);
  const parts = path.split('/');
  let common = 0;
  while (common < base.length && common < parts.length - 1 && base[common] === parts[common]) common++;
  return [...base.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}

/** Through the one producer Markdown writer, as every exported document. */
function written(lines: readonly string[]): string {
  return writeProducerMarkdown(parseMarkdownText(lines.join('\n')).tree);
}
