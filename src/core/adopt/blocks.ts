import type { Code, List, RootContent, Table } from 'mdast';
import {
  pinFields,
  type Command,
  type Gates,
  type Owner,
  type Pin,
  type PinField,
  type Plan,
  type Rfc,
  type Task,
} from '../../schemas/index.ts';
import { isListGroupLabel, shellCommandsOf } from '../conventions.ts';
import { commandOfListItem } from '../drift/markdown.ts';
import { foldSentence } from '../prose.ts';
import type { ReferenceKind } from '../ids.ts';
import type { DataPath } from '../parse/data-path.ts';
import {
  allCommandsPattern,
  allCommandsText,
  allGatesPattern,
  allGatesText,
  bulletKeys,
  bulletLinePattern,
  type BulletKey,
} from './conventions.ts';
import {
  claimId,
  defaultPurpose,
  idFromCommand,
  idFromTitle,
  ownerFromSubject,
  parseOwner,
  parseStatus,
  titleFromFileName,
  type Teams,
} from './derive.ts';
import {
  codeSpans,
  itemsOf,
  leadingReference,
  plainLabel,
  sourceAfter,
  sourceOf,
  withoutWrappingEmphasis,
  type Item,
  type MarkdownText,
} from './markdown.ts';
import type { PackageModel, Target } from './model.ts';

/**
 * The fact blocks of the producer's documents. Each block is read in two steps: `parse` turns Markdown
 * into raw items (titles, codes, line numbers) without looking anything up, and `resolve` turns raw items
 * into schema values against the rest of the package (ids, owners, references). `render` writes the
 * schema values back in the producer's conventions, and only annotates what `resolve` would not derive
 * (an id that is not the title's, an owner that is not the sentence's subject): `resolve(parse(render(x)))`
 * is `x`, which is what makes export followed by import give the same content.
 */

/** A problem with one part of a block: it is kept as prose, or a default was used. */
export interface BlockIssue {
  /** Line in the parsed Markdown. */
  line: number;
  reason: string;
}

/** A rendered line with the fact it states, so the importer can map the line back to its source. */
export interface RenderedLine {
  text: string;
  fact?: { target: Target; path: DataPath } | undefined;
}

/** What resolving needs from the rest of the package. Parts not known yet are absent. */
export interface ResolveContext {
  teams: Teams;
  /** The live pin, for values a restatement leaves out. */
  pin: Pin;
  /** The content path of a deliverable, from its path in the producer's repository. */
  contentPath: (producerPath: string) => string;
  model: Partial<PackageModel>;
}

// ---------------------------------------------------------------------------------------------- ids

/** Hands out ids in item order, the same way on import and on export. */
export class IdSequence {
  readonly #taken = new Set<string>();

  /** The id of an item: its explicit annotation, or the next free id made from its title. */
  resolve(explicit: string | undefined, title: string): string {
    if (explicit) {
      this.#taken.add(explicit);
      return explicit;
    }
    return claimId(idFromTitle(title), this.#taken);
  }

  /** Whether an item must carry its id explicitly, i.e. `resolve(undefined, title)` would not give it. */
  needsAnnotation(id: string, base: string): boolean {
    let candidate = base;
    for (let n = 2; this.#taken.has(candidate); n++) candidate = `${base}-${n}`;
    this.#taken.add(id);
    return candidate !== id;
  }
}

function annotation(kind: ReferenceKind, id: string, needed: boolean): string {
  return needed ? `\`${kind}:${id}\` ` : '';
}

// ------------------------------------------------------------------------------------- bullets

/** `- Key: value` bullets of a task or a gate, with the values of nested items. */
interface Bullet {
  key?: BulletKey | undefined;
  label: string;
  value: string;
  children: Item[];
  line: number;
}

function bulletsOf(items: readonly Item[]): Bullet[] {
  return items.map((item) => {
    const match = bulletLinePattern.exec(plainLabel(item.text));
    const label = match?.[1] ?? '';
    const key = (Object.keys(bulletKeys) as BulletKey[]).find((candidate) => bulletKeys[candidate].test(label));
    return { key, label, value: match?.[2]?.trim() ?? item.text, children: item.children, line: item.line };
  });
}

/** The values of a bullet: its nested items, or its inline value split at `;`. `none` means no value. */
function bulletValues(bullet: Bullet): { text: string; line: number }[] {
  if (bullet.children.length) return bullet.children.map((child) => ({ text: child.text, line: child.line }));
  return bullet.value
    .split(';')
    .map((text) => text.trim())
    .filter((text) => text && !/^(none|n\/a|-|\u2014)\.?$/i.test(text))
    .map((text) => ({ text, line: bullet.line }));
}

/** A bullet with one value inline, or several as nested items. */
function renderMulti(indent: string, label: string, values: readonly string[]): string[] {
  if (!values.length) return [];
  if (values.length === 1) return [`${indent}- ${label}: ${values[0]}`];
  return [`${indent}- ${label}:`, ...values.map((value) => `${indent}  - ${value}`)];
}

// --------------------------------------------------------------------------------- references

/** How a cross-reference is written: the item's title when that names it unambiguously, else `kind:id`. */
function referenceText(kind: ReferenceKind, id: string, items: readonly { id: string; title: string }[]): string {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) return `\`${kind}:${id}\``;
  const folded = foldSentence(item.title);
  const unique = items.filter((candidate) => foldSentence(candidate.title) === folded).length === 1;
  const plain =
    unique && !item.title.includes(';') && !/^`[a-z]+:/.test(item.title) && !allGatesPattern.test(item.title);
  return plain ? item.title : `\`${kind}:${id}\``;
}

export function resolveReference(
  kind: ReferenceKind,
  text: string,
  items: readonly { id: string; title: string }[],
): string | undefined {
  const code = new RegExp(`^\`${kind}:([^\`]+)\`\\.?$`).exec(text.trim());
  if (code) return items.find((item) => item.id === code[1])?.id;
  const folded = foldSentence(text);
  const matches = items.filter((item) => foldSentence(item.title) === folded);
  return matches.length === 1 ? matches[0]?.id : undefined;
}

// ------------------------------------------------------------------------------- simple lists

/** A list of `{id, title}` items: triggers, prerequisites, non-negotiables ... */
export interface RawListItem {
  id?: string | undefined;
  owner?: Owner | undefined;
  title: string;
  line: number;
}

export function parseTitledItems(list: List, markdown: MarkdownText, kind: ReferenceKind): RawListItem[] {
  return itemsOf(list, markdown)
    .filter((item) => item.text)
    .map((item) => {
      const { id, rest } = leadingReference(item.text, kind);
      const owned = /^\((producer|consumer|joint)\)\s*[:\u2013\u2014-]?\s*/i.exec(rest);
      return {
        id,
        owner: owned ? (owned[1]?.toLowerCase() as Owner) : undefined,
        title: owned ? rest.slice(owned[0].length) : rest,
        line: item.line,
      };
    });
}

/** Ids for a list of raw items, in order (ids of earlier lists in `sequence` are taken). */
export function resolveTitled(raw: readonly RawListItem[], sequence: IdSequence): { id: string; title: string }[] {
  return raw.map((item) => ({ id: sequence.resolve(item.id, item.title), title: item.title }));
}

export function renderTitled(
  items: readonly { id: string; title: string; owner?: Owner }[],
  kind: ReferenceKind,
  sequence: IdSequence,
  fact: (index: number) => RenderedLine['fact'],
  derivedOwner?: (title: string) => Owner,
  ordered = true,
): RenderedLine[] {
  return items.map((item, index) => {
    const ownerDiffers =
      item.owner !== undefined && derivedOwner !== undefined && derivedOwner(item.title) !== item.owner;
    const idDiffers = sequence.needsAnnotation(item.id, idFromTitle(item.title));
    const marker = ordered ? `${index + 1}.` : '-';
    const prefix = idDiffers || ownerDiffers ? annotation(kind, item.id, true) : '';
    const owner = ownerDiffers ? `(${item.owner}) ` : '';
    return { text: `${marker} ${prefix}${owner}${item.title}`, fact: fact(index) };
  });
}

// ----------------------------------------------------------------------------- deliverables

export interface RawDeliverable {
  id?: string | undefined;
  title: string;
  producerPath: string;
  line: number;
}

/** `this plan`, `this document`: a deliverable list naming the plan itself, with no path. */
const selfReference = /^(this|the present)\s+(plan|document|file)\b/i;

/**
 * A deliverables list: ``Title: `path` `` items, `title (`path`)`, groups with nested items, and `this plan`
 * for the plan itself when `self` (the plan's producer path) is given.
 */
export function parseDeliverables(
  list: List,
  markdown: MarkdownText,
  self?: string,
): { items: RawDeliverable[]; issues: BlockIssue[] } {
  const items: RawDeliverable[] = [];
  const issues: BlockIssue[] = [];
  const single = (item: Item, fallbackTitle?: string) => {
    const { id, rest } = leadingReference(item.text, 'deliverable');
    const path = codeSpans(rest).find((code) => /[/.]/.test(code) && !/\s/.test(code));
    if (!path && self && selfReference.test(rest.trim())) {
      items.push({ id, title: rest.trim().replace(/[.:]$/, ''), producerPath: self, line: item.line });
      return;
    }
    if (!path) {
      issues.push({ line: item.line, reason: 'deliverable without a `path` in inline code; kept as prose' });
      return;
    }
    const label = rest
      .slice(0, rest.indexOf(`\`${path}\``))
      .trim()
      .replace(/[:(\u2013\u2014-]+$/, '')
      .trim();
    items.push({ id, title: label || fallbackTitle || titleFromFileName(path), producerPath: path, line: item.line });
  };
  for (const item of itemsOf(list, markdown)) {
    if (!item.children.length) {
      single(item);
      continue;
    }
    const group = item.text.replace(/[:\s]+$/, '');
    for (const child of item.children) single(child, item.children.length === 1 ? group : undefined);
  }
  return { items, issues };
}

/**
 * A deliverables table (`| Deliverable | Path |`): a row's path is the first code span that looks like a
 * path, its title the first cell without one.
 */
export function parseDeliverableTable(
  table: Table,
  markdown: MarkdownText,
): { items: RawDeliverable[]; issues: BlockIssue[] } {
  const items: RawDeliverable[] = [];
  const issues: BlockIssue[] = [];
  for (const row of table.children.slice(1)) {
    const cells = row.children.map((cell) => sourceOf(cell as unknown as RootContent, markdown));
    const line = row.position?.start.line ?? 1;
    const path = cells.flatMap(codeSpans).find((code) => /[/.]/.test(code) && !/\s/.test(code));
    const { id, rest } = leadingReference(cells.find((cell) => !codeSpans(cell).length) ?? '', 'deliverable');
    if (!path) {
      issues.push({ line, reason: 'deliverable row without a `path` in inline code; kept as prose' });
      continue;
    }
    items.push({ id, title: rest.trim() || titleFromFileName(path), producerPath: path, line });
  }
  return { items, issues };
}

export function resolveDeliverables(raw: readonly RawDeliverable[], context: ResolveContext): Plan['deliverables'] {
  const sequence = new IdSequence();
  return raw.map((item) => ({
    id: sequence.resolve(item.id, item.title),
    title: item.title,
    path: context.contentPath(item.producerPath),
    producerPath: item.producerPath,
  }));
}

export function renderDeliverables(deliverables: Plan['deliverables']): RenderedLine[] {
  const sequence = new IdSequence();
  return deliverables.map((deliverable, index) => {
    const prefix = annotation(
      'deliverable',
      deliverable.id,
      sequence.needsAnnotation(deliverable.id, idFromTitle(deliverable.title)),
    );
    return {
      text: `${index + 1}. ${prefix}${deliverable.title}: \`${deliverable.producerPath}\``,
      fact: { target: 'plan', path: ['deliverables', index] },
    };
  });
}

// ---------------------------------------------------------------------------- exit criteria

export interface RawExitCriterion extends RawListItem {
  checked: boolean | null;
}

export function parseExitCriteria(list: List, markdown: MarkdownText): RawExitCriterion[] {
  const items = itemsOf(list, markdown).filter((item) => item.text);
  return parseTitledItems(list, markdown, 'exit').map((item, index) => ({
    ...item,
    checked: items[index]?.checked ?? null,
  }));
}

/** An exit criterion's status when the list does not tick it: met exactly when it depends on something and all of it is finished. */
export function derivedExitStatus(
  criterion: Pick<Plan['exitCriteria'][number], 'tasks' | 'gates'>,
  model: Partial<PackageModel>,
): 'met' | 'unmet' {
  if (!criterion.tasks.length && !criterion.gates.length) return 'unmet';
  const tasksDone = criterion.tasks.every(
    (id) => model.tracker?.tasks.find((task) => task.id === id)?.status === 'done',
  );
  const gatesPassed = criterion.gates.every(
    (id) => model.gates?.gates.find((gate) => gate.id === id)?.status === 'passed',
  );
  return tasksDone && gatesPassed ? 'met' : 'unmet';
}

export function renderExitCriteria(criteria: Plan['exitCriteria']): RenderedLine[] {
  const sequence = new IdSequence();
  return criteria.map((criterion, index) => {
    const prefix = annotation(
      'exit',
      criterion.id,
      sequence.needsAnnotation(criterion.id, idFromTitle(criterion.title)),
    );
    return {
      text: `${index + 1}. [${criterion.status === 'met' ? 'x' : ' '}] ${prefix}${criterion.title}`,
      fact: { target: 'plan', path: ['exitCriteria', index] },
    };
  });
}

// --------------------------------------------------------------------------------- commands

export interface RawCommand {
  id?: string | undefined;
  run: string;
  purpose?: string | undefined;
  /** A machine-specific path the command keeps on purpose, declared next to it (see `machinePathNote`). */
  machineSpecificPath?: MachineSpecificPath | undefined;
  line: number;
}

type MachineSpecificPath = NonNullable<Command['machineSpecificPath']>;

/**
 * How the producer's Markdown states a command's `machineSpecificPath`, so that export then import keeps
 * it: `machine-specific path `<path>`: <reason>`, a comment line above the command in a shell block, or in
 * parentheses after a listed command. Without it, a re-imported command with a home-folder path would be
 * a `portable-commands` warning again.
 */
export function machinePathNote(declared: MachineSpecificPath): string {
  return `machine-specific path \`${declared.path}\`: ${declared.reason}`;
}

const machinePathNotePattern = /^machine-specific path `([^`]+)`:\s*(\S.*)$/;
const listedMachinePathNotePattern = /\s*\(machine-specific path `([^`]+)`:\s*(\S.*)\)$/;

function machinePathOf(match: RegExpExecArray | null): MachineSpecificPath | undefined {
  return match?.[1] && match[2] ? { path: match[1], reason: match[2].trim() } : undefined;
}

/**
 * Commands of a shell block, read as the drift report reads them (`shellCommandsOf`: prompts dropped,
 * `\` continuations joined); `# [id] purpose` comment lines right above a command annotate it.
 */
export function parseShellCommands(code: Code): RawCommand[] {
  const firstLine = (code.position?.start.line ?? 1) + 1;
  return shellCommandsOf(code.value).map((entry) => {
    const declarations = entry.comments.map((comment) => machinePathOf(machinePathNotePattern.exec(comment)));
    const note = entry.comments
      .filter((_, at) => !declarations[at])
      .join(' ')
      .trim();
    const annotated = /^\[([A-Za-z0-9][A-Za-z0-9._-]*)\]\s*(.*)$/.exec(note);
    const machineSpecificPath = declarations.find((declared) => declared !== undefined);
    return {
      id: annotated?.[1],
      run: entry.command,
      purpose: (annotated ? annotated[2] : note) || undefined,
      ...(machineSpecificPath ? { machineSpecificPath } : {}),
      line: firstLine + entry.line,
    };
  });
}

/**
 * Commands of a numbered list: `` 1. `pnpm run test:ci` stays green ... ``. The command is the item's first
 * code span that is not a reference, as the drift report reads it (`commandOfListItem`); a leading
 * `` `command:id` `` annotates it, the rest of the item is its purpose.
 */
export function parseListedCommands(list: List, markdown: MarkdownText): { items: RawCommand[]; issues: BlockIssue[] } {
  const items: RawCommand[] = [];
  const issues: BlockIssue[] = [];
  for (const item of itemsOf(list, markdown)) {
    const { id } = leadingReference(item.text, 'command');
    const command = commandOfListItem(item.node);
    const paragraph = item.node.children.find((child) => child.type === 'paragraph');
    if (!command || !paragraph) {
      if (item.text)
        issues.push({ line: item.line, reason: 'validation signal without a command in inline code; kept as prose' });
      continue;
    }
    let after = sourceAfter(command.code, paragraph, markdown)
      .replace(/^\s*[:\u2013\u2014-]?\s*/, '')
      .trim();
    const declared = listedMachinePathNotePattern.exec(after);
    const machineSpecificPath = machinePathOf(declared);
    if (declared && machineSpecificPath) after = after.slice(0, declared.index).trim();
    items.push({
      id,
      run: command.run,
      purpose: after || undefined,
      ...(machineSpecificPath ? { machineSpecificPath } : {}),
      line: item.line,
    });
  }
  return { items, issues };
}

export function resolveCommands(raw: readonly RawCommand[], owner: Command['owner'], sequence: IdSequence): Command[] {
  return raw.map((command) => {
    const taken = sequence.resolve(command.id, idFromCommand(command.run));
    return {
      id: taken,
      owner,
      run: command.run,
      purpose: command.purpose ?? defaultPurpose(command.run),
      ...(command.machineSpecificPath ? { machineSpecificPath: command.machineSpecificPath } : {}),
    };
  });
}

/** `IdSequence.resolve` takes a title; commands hand it their derived id, which `idFromTitle` leaves unchanged. */
function commandAnnotation(command: Command, sequence: IdSequence): { id?: string; purpose?: string } {
  const idDiffers = sequence.needsAnnotation(command.id, idFromTitle(idFromCommand(command.run)));
  return {
    ...(idDiffers ? { id: command.id } : {}),
    ...(command.purpose !== defaultPurpose(command.run) ? { purpose: command.purpose } : {}),
  };
}

export function renderShellCommands(
  commands: readonly Command[],
  indexOf: (command: Command) => number,
  sequence: IdSequence,
): RenderedLine[] {
  const lines: RenderedLine[] = [{ text: '```bash' }];
  for (const command of commands) {
    const fact = { target: 'plan' as const, path: ['commands', indexOf(command)] };
    const { id, purpose } = commandAnnotation(command, sequence);
    if (id !== undefined || purpose !== undefined)
      lines.push({
        text: `# ${id !== undefined ? `[${id}]` : ''}${id !== undefined && purpose ? ' ' : ''}${purpose ?? ''}`,
        fact,
      });
    if (command.machineSpecificPath) lines.push({ text: `# ${machinePathNote(command.machineSpecificPath)}`, fact });
    lines.push({ text: command.run, fact });
  }
  lines.push({ text: '```' });
  return lines;
}

export function renderListedCommands(
  commands: readonly Command[],
  indexOf: (command: Command) => number,
  sequence: IdSequence,
): RenderedLine[] {
  return commands.map((command, index) => {
    const { id, purpose } = commandAnnotation(command, sequence);
    const prefix = id !== undefined ? `\`command:${id}\` ` : '';
    const text = purpose === undefined ? '' : /^[a-z]/.test(purpose) ? ` ${purpose}` : `: ${purpose}`;
    const declared = command.machineSpecificPath ? ` (${machinePathNote(command.machineSpecificPath)})` : '';
    return {
      text: `${index + 1}. ${prefix}\`${command.run}\`${text}${declared}`,
      fact: { target: 'plan', path: ['commands', indexOf(command)] },
    };
  });
}

// ------------------------------------------------------------------------------------- tasks

export interface RawTask {
  id: string;
  title: string;
  headingLine: number;
  status?: { value: string; line: number } | undefined;
  owner?: { value: string; line: number } | undefined;
  definitionOfDone: { text: string; line: number }[];
  waitsOn: { text: string; line: number }[];
  deliverables: { text: string; line: number }[];
  satisfies: { text: string; line: number }[];
  issues: BlockIssue[];
}

export function parseTaskBullets(
  id: string,
  title: string,
  headingLine: number,
  list: List | undefined,
  markdown: MarkdownText,
): RawTask {
  const raw: RawTask = {
    id,
    title,
    headingLine,
    definitionOfDone: [],
    waitsOn: [],
    deliverables: [],
    satisfies: [],
    issues: [],
  };
  for (const bullet of list ? bulletsOf(itemsOf(list, markdown)) : []) {
    if (bullet.key === 'status') raw.status = { value: bullet.value, line: bullet.line };
    else if (bullet.key === 'owner') raw.owner = { value: bullet.value, line: bullet.line };
    else if (bullet.key === 'definitionOfDone') raw.definitionOfDone = bulletValues(bullet);
    else if (bullet.key === 'waitsOn') raw.waitsOn = bulletValues(bullet);
    else if (bullet.key === 'deliverables')
      raw.deliverables = [bullet.value, ...bullet.children.map((child) => child.text)].flatMap((text) =>
        codeSpans(text).map((code) => ({ text: code, line: bullet.line })),
      );
    else if (bullet.key === 'satisfies') raw.satisfies = bulletValues(bullet);
    else
      raw.issues.push({
        line: bullet.line,
        reason: `unrecognised task bullet \`${bullet.label || bullet.value}\`; kept as prose`,
      });
  }
  return raw;
}

export interface ResolvedTask {
  task: Task;
  satisfies: string[];
  issues: BlockIssue[];
  /** Whether a field was not stated and took its default (reported, not an error). */
  defaulted: string[];
}

export function resolveTask(raw: RawTask, context: ResolveContext): ResolvedTask {
  const issues: BlockIssue[] = [...raw.issues];
  const defaulted: string[] = [];
  let status = raw.status ? parseStatus('task', raw.status.value) : undefined;
  if (raw.status && !status)
    issues.push({ line: raw.status.line, reason: `unknown task status \`${raw.status.value}\`; used \`ready\`` });
  if (!status) {
    if (!raw.status) defaulted.push('status `ready`');
    status = 'ready';
  }
  let owner = raw.owner ? parseOwner(raw.owner.value, context.teams) : undefined;
  if (raw.owner && !owner)
    issues.push({ line: raw.owner.line, reason: `unknown owner \`${raw.owner.value}\`; used \`joint\`` });
  if (!owner) {
    if (!raw.owner) defaulted.push('owner `joint`');
    owner = 'joint';
  }
  let definitionOfDone = raw.definitionOfDone.map((item) => item.text).filter(Boolean);
  if (!definitionOfDone.length) {
    definitionOfDone = [`${raw.title.replace(/\.$/, '')} is complete.`];
    defaulted.push('definition of done');
  }
  const gates = context.model.gates?.gates ?? [];
  const waitsOn = raw.waitsOn.flatMap((value) => {
    const id = resolveReference('gate', value.text, gates);
    if (!id)
      issues.push({
        line: value.line,
        reason: `\`Waits on: ${value.text}\` names no gate of the gates document; dropped`,
      });
    return id ? [id] : [];
  });
  const deliverables = context.model.plan?.deliverables ?? [];
  const deliverableIds = raw.deliverables.flatMap((value) => {
    const byId = /^deliverable:(.+)$/.exec(value.text)?.[1];
    const found = deliverables.find((deliverable) =>
      byId ? deliverable.id === byId : deliverable.producerPath === value.text,
    );
    if (!found)
      issues.push({ line: value.line, reason: `deliverable \`${value.text}\` is not listed in the plan; dropped` });
    return found ? [found.id] : [];
  });
  const criteria = context.model.plan?.exitCriteria ?? [];
  const satisfies = raw.satisfies.flatMap((value) => {
    const id = resolveReference('exit', value.text, criteria);
    if (!id)
      issues.push({
        line: value.line,
        reason: `\`Satisfies: ${value.text}\` names no exit criterion of the plan; dropped`,
      });
    return id ? [id] : [];
  });
  return {
    task: { id: raw.id, title: raw.title, status, owner, definitionOfDone, waitsOn, deliverables: deliverableIds },
    satisfies,
    issues,
    defaulted,
  };
}

export function renderTask(
  task: Task,
  index: number,
  model: Partial<PackageModel>,
): { heading: RenderedLine; bullets: RenderedLine[] } {
  const at = (path: DataPath) => ({ target: 'tracker' as const, path: ['tasks', index, ...path] });
  const gates = model.gates?.gates ?? [];
  const criteria = model.plan?.exitCriteria ?? [];
  const deliverables = model.plan?.deliverables ?? [];
  const satisfied = criteria.filter((criterion) => criterion.tasks.includes(task.id)).map((criterion) => criterion.id);
  const lines: RenderedLine[] = [
    { text: `- Status: ${task.status}`, fact: at(['status']) },
    { text: `- Owner: ${task.owner}`, fact: at(['owner']) },
    { text: '- Definition of done:', fact: at(['definitionOfDone']) },
    ...task.definitionOfDone.map((item, n) => ({ text: `  - ${item}`, fact: at(['definitionOfDone', n]) })),
    ...renderMulti(
      '',
      'Waits on',
      task.waitsOn.map((id) => referenceText('gate', id, gates)),
    ).map((text) => ({ text, fact: at(['waitsOn']) })),
  ];
  if (task.deliverables.length) {
    const paths = task.deliverables.map((id) => {
      const found = deliverables.find((deliverable) => deliverable.id === id);
      return found ? `\`${found.producerPath}\`` : `\`deliverable:${id}\``;
    });
    lines.push({ text: `- Deliverables: ${paths.join(', ')}`, fact: at(['deliverables']) });
  }
  for (const text of renderMulti(
    '',
    'Satisfies',
    satisfied.map((id) => referenceText('exit', id, criteria)),
  ))
    lines.push({ text, fact: at([]) });
  return { heading: { text: `### Task ${task.id}: ${task.title}`, fact: at(['title']) }, bullets: lines };
}

// ------------------------------------------------------------------------------------ stages

export interface RawStage {
  id?: string | undefined;
  number?: number | undefined;
  status?: string | undefined;
  title: string;
  requires: { text: string; line: number }[];
  line: number;
  issues: BlockIssue[];
}

export function parseStages(list: List, markdown: MarkdownText): RawStage[] {
  return itemsOf(list, markdown)
    .filter((item) => item.text)
    .map((item) => {
      const { id, rest } = leadingReference(item.text, 'stage');
      let text = rest;
      const numbered = /^Stage\s+(\d+)\s*[:.\u2013\u2014-]\s*/i.exec(text);
      if (numbered) text = text.slice(numbered[0].length);
      const status = /\s*\(([^)]+)\)\s*$/.exec(text);
      const statusValue = status?.[1] && parseStatus('stage', status[1]) ? status[1] : undefined;
      if (status && statusValue) text = text.slice(0, status.index);
      const issues: BlockIssue[] = [];
      let requires: { text: string; line: number }[] = [];
      for (const bullet of bulletsOf(item.children)) {
        if (bullet.key === 'requires') requires = bulletValues(bullet);
        else
          issues.push({
            line: bullet.line,
            reason: `unrecognised stage bullet \`${bullet.label || bullet.value}\`; kept as prose`,
          });
      }
      return {
        id,
        number: numbered ? Number(numbered[1]) : undefined,
        status: statusValue,
        title: text.trim(),
        requires,
        line: item.line,
        issues,
      };
    });
}

export function resolveStages(
  raw: readonly RawStage[],
  context: ResolveContext,
): { stages: Rfc['stages']; issues: BlockIssue[]; defaultedCurrent: boolean } {
  const issues: BlockIssue[] = raw.flatMap((stage) => stage.issues);
  const sequence = new IdSequence();
  const explicit = raw.map((stage) => (stage.status ? parseStatus('stage', stage.status) : undefined));
  let current = explicit.indexOf('current');
  const defaultedCurrent = current === -1 && raw.length > 0;
  if (current === -1) current = 0;
  const gates = context.model.gates?.gates ?? [];
  const stages = raw.map((stage, index) => {
    const requiresGates = stage.requires.flatMap((value) => {
      if (allGatesPattern.test(value.text.trim())) return gates.map((gate) => gate.id);
      const id = resolveReference('gate', value.text, gates);
      if (!id)
        issues.push({
          line: value.line,
          reason: `\`Requires: ${value.text}\` names no gate of the gates document; dropped`,
        });
      return id ? [id] : [];
    });
    return {
      id: sequence.resolve(stage.id, stage.title),
      number: stage.number ?? index,
      title: stage.title,
      status: explicit[index] ?? (index < current ? 'done' : index > current ? 'upcoming' : 'current'),
      requiresGates,
    };
  });
  return { stages, issues, defaultedCurrent };
}

export function renderStages(stages: Rfc['stages'], model: Partial<PackageModel>): RenderedLine[] {
  const sequence = new IdSequence();
  const current = stages.findIndex((stage) => stage.status === 'current');
  const gates = model.gates?.gates ?? [];
  const lines: RenderedLine[] = [];
  stages.forEach((stage, index) => {
    const fact = { target: 'rfc' as const, path: ['stages', index] };
    const derived = current === -1 ? 'current' : index < current ? 'done' : index > current ? 'upcoming' : 'current';
    const status = stage.status === 'current' || stage.status !== derived ? ` (${stage.status})` : '';
    const prefix = annotation('stage', stage.id, sequence.needsAnnotation(stage.id, idFromTitle(stage.title)));
    const marker = `${index + 1}. `;
    lines.push({ text: `${marker}${prefix}Stage ${stage.number}: ${stage.title}${status}`, fact });
    const all =
      gates.length > 0 &&
      stage.requiresGates.length === gates.length &&
      stage.requiresGates.every((id, n) => gates[n]?.id === id);
    const values = all ? [allGatesText] : stage.requiresGates.map((id) => referenceText('gate', id, gates));
    for (const text of renderMulti(' '.repeat(marker.length), 'Requires', values)) lines.push({ text, fact });
  });
  return lines;
}

// ------------------------------------------------------------------------------------- gates

export interface RawGate {
  id?: string | undefined;
  title: string;
  line: number;
  owner?: { value: string; line: number } | undefined;
  status?: { value: string; line: number } | undefined;
  evidence: { text: string; line: number }[];
  satisfies: { text: string; line: number }[];
  issues: BlockIssue[];
}

export function parseGates(list: List, markdown: MarkdownText): RawGate[] {
  return itemsOf(list, markdown)
    .filter((item) => item.text)
    .map((item) => {
      const { id, rest } = leadingReference(item.text, 'gate');
      const raw: RawGate = {
        id,
        title: withoutWrappingEmphasis(rest),
        line: item.line,
        evidence: [],
        satisfies: [],
        issues: [],
      };
      for (const bullet of bulletsOf(item.children)) {
        if (bullet.key === 'owner') raw.owner = { value: bullet.value, line: bullet.line };
        else if (bullet.key === 'status') raw.status = { value: bullet.value, line: bullet.line };
        else if (bullet.key === 'evidence') raw.evidence = bulletValues(bullet);
        else if (bullet.key === 'satisfies') raw.satisfies = bulletValues(bullet);
        else
          raw.issues.push({
            line: bullet.line,
            reason: `unrecognised gate bullet \`${bullet.label || bullet.value}\`; kept as prose`,
          });
      }
      return raw;
    });
}

export interface ResolvedGates {
  gates: Gates['gates'];
  satisfies: string[][];
  issues: BlockIssue[];
  defaulted: { line: number; what: string }[];
}

export function resolveGates(
  raw: readonly RawGate[],
  context: ResolveContext,
  checklist: Gates['evidenceChecklist'],
): ResolvedGates {
  const issues: BlockIssue[] = raw.flatMap((gate) => gate.issues);
  const defaulted: ResolvedGates['defaulted'] = [];
  const sequence = new IdSequence();
  const commands = context.model.plan?.commands ?? [];
  const criteria = context.model.plan?.exitCriteria ?? [];
  const satisfies: string[][] = [];
  const gates = raw.map((gate) => {
    let owner = gate.owner ? parseOwner(gate.owner.value, context.teams) : undefined;
    if (gate.owner && !owner)
      issues.push({ line: gate.owner.line, reason: `unknown owner \`${gate.owner.value}\`; derived from the title` });
    if (!owner) {
      owner = ownerFromSubject(gate.title, context.teams);
      if (!gate.owner)
        defaulted.push({ line: gate.line, what: `owner \`${owner}\` of gate “${gate.title}” (from its title)` });
    }
    let status = gate.status ? parseStatus('gate', gate.status.value) : undefined;
    if (gate.status && !status)
      issues.push({ line: gate.status.line, reason: `unknown gate status \`${gate.status.value}\`; used \`pending\`` });
    if (!status) {
      if (!gate.status) defaulted.push({ line: gate.line, what: `status \`pending\` of gate “${gate.title}”` });
      status = 'pending';
    }
    const evidence: Gates['gates'][number]['evidence'] = { commands: [], checklist: [] };
    for (const value of gate.evidence) {
      const text = value.text.trim();
      const all = allCommandsPattern.exec(text);
      if (all) {
        const side = all[2]?.toLowerCase();
        evidence.commands.push(...commands.filter((command) => command.owner === side).map((command) => command.id));
        continue;
      }
      const statement = parseEnvelopeStatement(text);
      if (statement) {
        const { qualifier: _qualifier, ...envelope } = statement;
        evidence.envelope = envelope;
        continue;
      }
      const code = /^`([^`]+)`\.?$/.exec(text)?.[1];
      const command = code
        ? commands.find((candidate) => candidate.run === code || `command:${candidate.id}` === code)
        : undefined;
      if (command) {
        evidence.commands.push(command.id);
        continue;
      }
      const item = resolveReference('evidence', text, checklist);
      if (item) {
        evidence.checklist.push(item);
        continue;
      }
      issues.push({
        line: value.line,
        reason: `evidence \`${text}\` is neither a declared command, an evidence checklist item nor an envelope statement; dropped`,
      });
    }
    // A side's "suite green" gate that names none of the commands (no evidence, or only a checklist item
    // such as "Producer suite results") stands on that side's commands (the seed's gate model); said as a
    // default, like an owner taken from the title.
    const side = owner === 'producer' || owner === 'consumer' ? owner : undefined;
    if (!evidence.commands.length && !evidence.envelope && side && /\bsuite\b/i.test(gate.title)) {
      const own = commands.filter((command) => command.owner === side).map((command) => command.id);
      if (own.length) {
        evidence.commands.push(...own);
        defaulted.push({
          line: gate.line,
          what: `evidence of gate “${gate.title}”: all ${side} commands (from its title)`,
        });
      }
    }
    satisfies.push(
      gate.satisfies.flatMap((value) => {
        const id = resolveReference('exit', value.text, criteria);
        if (!id)
          issues.push({
            line: value.line,
            reason: `\`Satisfies: ${value.text}\` names no exit criterion of the plan; dropped`,
          });
        return id ? [id] : [];
      }),
    );
    return { id: sequence.resolve(gate.id, gate.title), title: gate.title, owner, status, evidence };
  });
  return { gates, satisfies, issues, defaulted };
}

export function renderGates(
  gates: Gates['gates'],
  model: Partial<PackageModel>,
  checklist: Gates['evidenceChecklist'],
): RenderedLine[] {
  const sequence = new IdSequence();
  const commands = model.plan?.commands ?? [];
  const criteria = model.plan?.exitCriteria ?? [];
  const lines: RenderedLine[] = [];
  gates.forEach((gate, index) => {
    const at = (path: DataPath) => ({ target: 'gates' as const, path: ['gates', index, ...path] });
    const marker = `${index + 1}. `;
    const indent = ' '.repeat(marker.length);
    const prefix = annotation('gate', gate.id, sequence.needsAnnotation(gate.id, idFromTitle(gate.title)));
    lines.push({ text: `${marker}${prefix}${gate.title}`, fact: at([]) });
    lines.push({ text: `${indent}- Owner: ${gate.owner}`, fact: at(['owner']) });
    lines.push({ text: `${indent}- Status: ${gate.status}`, fact: at(['status']) });
    const evidence: string[] = [];
    let rest = gate.evidence.commands;
    for (const owner of ['producer', 'consumer'] as const) {
      const own = commands.filter((command) => command.owner === owner).map((command) => command.id);
      if (own.length && rest.length >= own.length && own.every((id, n) => rest[n] === id)) {
        evidence.push(allCommandsText[owner]);
        rest = rest.slice(own.length);
      }
    }
    for (const id of rest) {
      const command = commands.find((candidate) => candidate.id === id);
      const unique = command && commands.filter((candidate) => candidate.run === command.run).length === 1;
      evidence.push(command && unique ? `\`${command.run}\`` : `\`command:${id}\``);
    }
    for (const id of gate.evidence.checklist) evidence.push(referenceText('evidence', id, checklist));
    if (gate.evidence.envelope)
      evidence.push(renderEnvelopeStatement(gate.evidence.envelope.contract, gate.evidence.envelope, ''));
    if (evidence.length) {
      lines.push({ text: `${indent}- Evidence:`, fact: at(['evidence']) });
      for (const text of evidence) lines.push({ text: `${indent}  - ${text}`, fact: at(['evidence']) });
    }
    const satisfied = criteria
      .filter((criterion) => criterion.gates.includes(gate.id))
      .map((criterion) => referenceText('exit', criterion.id, criteria));
    for (const text of renderMulti(indent, 'Satisfies', satisfied)) lines.push({ text, fact: at([]) });
  });
  return lines;
}

// -------------------------------------------------------------------------- evidence checklist

export interface RawChecklistItem extends RawListItem {
  group?: Owner | undefined;
}

export function parseChecklist(
  list: List,
  markdown: MarkdownText,
  teams: Teams,
): { items: RawChecklistItem[]; issues: BlockIssue[] } {
  const items: RawChecklistItem[] = [];
  const issues: BlockIssue[] = [];
  const add = (item: Item, group: Owner | undefined) => {
    const { id, rest } = leadingReference(item.text, 'evidence');
    items.push({ id, title: rest, group, line: item.line });
  };
  for (const item of itemsOf(list, markdown)) {
    // An item with nested items is a group only when it reads as one (as the drift report groups lists):
    // otherwise it is an item, and what is nested under it is its detail.
    if (!item.children.length || !isListGroupLabel(item.text)) {
      if (item.text) add(item, undefined);
      continue;
    }
    const group = parseOwner(item.text.replace(/evidence|[:*]/gi, ''), teams);
    if (!group)
      issues.push({
        line: item.line,
        reason: `group \`${item.text}\` names no side (producer, consumer, joint); its items get the owner of their subject`,
      });
    for (const child of item.children) add(child, group);
  }
  return { items, issues };
}

export function renderChecklist(checklist: Gates['evidenceChecklist'], sequence: IdSequence): RenderedLine[] {
  const lines: RenderedLine[] = [];
  let group: Owner | undefined;
  checklist.forEach((item, index) => {
    if (item.owner !== group) {
      group = item.owner;
      lines.push({
        text: `- ${group.charAt(0).toUpperCase()}${group.slice(1)}`,
        fact: { target: 'gates', path: ['evidenceChecklist', index] },
      });
    }
    const prefix = annotation('evidence', item.id, sequence.needsAnnotation(item.id, idFromTitle(item.title)));
    lines.push({ text: `  - ${prefix}${item.title}`, fact: { target: 'gates', path: ['evidenceChecklist', index] } });
  });
  return lines;
}

// ------------------------------------------------------------------------------ pins, policies

export const pinLinePattern = new RegExp(`^(\\s*[-*+]\\s+)\`(${pinFields.join('|')})\`\\s*:\\s*\`([^\`]*)\`(.*)$`);

export interface PinLines {
  /** First line of the group (1-based). */
  start: number;
  values: { field: PinField; value: string; line: number; prefix: string; suffix: string }[];
}

/** The first group of consecutive `` - `field`: `value` `` lines, skipping lines `skip` says are not facts. */
export function findPinLines(
  lines: readonly string[],
  skip: (line: number) => boolean,
  from = 1,
): PinLines | undefined {
  for (let index = from - 1; index < lines.length; index++) {
    if (skip(index + 1) || !pinLinePattern.test(lines[index] ?? '')) continue;
    const values: PinLines['values'] = [];
    for (let at = index; at < lines.length && !skip(at + 1); at++) {
      const match = pinLinePattern.exec(lines[at] ?? '');
      if (!match) break;
      values.push({
        field: match[2] as PinField,
        value: match[3] ?? '',
        line: at + 1,
        prefix: match[1] ?? '- ',
        suffix: match[4] ?? '',
      });
    }
    return { start: index + 1, values };
  }
  return undefined;
}

export function pinFromLines(group: PinLines | undefined, fallback: Pin): Pin {
  const pin = { ...fallback };
  for (const { field, value } of group?.values ?? []) pin[field] = value;
  return pin;
}

export interface EnvelopeStatement {
  contract: string;
  required: string[];
  optional: string[];
  forbidden: string[];
}

const statementPattern = /`(service\.v\d+)`([^:\n`]*):\s*((?:requires|required|optional|forbids|forbidden)\b.*)$/;

/** `` `service.v3` candidate: requires `a`, `b`; optional `c`; forbids `d` `` (the envelope-policy rule's form). */
export function parseEnvelopeStatement(text: string): (EnvelopeStatement & { qualifier: string }) | undefined {
  const match = statementPattern.exec(text);
  if (!match) return undefined;
  const statement = {
    contract: match[1] ?? '',
    qualifier: (match[2] ?? '').trim(),
    required: [] as string[],
    optional: [] as string[],
    forbidden: [] as string[],
  };
  for (const part of (match[3] ?? '').split(';')) {
    const clause = /^(requires|required|optional|forbids|forbidden)\b(.*)$/.exec(part.trim());
    if (!clause) continue;
    const bucket = clause[1]?.startsWith('requ') ? 'required' : clause[1] === 'optional' ? 'optional' : 'forbidden';
    statement[bucket].push(...codeSpans(clause[2] ?? ''));
  }
  return statement;
}

export function renderEnvelopeStatement(
  contract: string,
  policy: Omit<EnvelopeStatement, 'contract'>,
  qualifier: string,
): string {
  const list = (fields: readonly string[]) => fields.map((field) => `\`${field}\``).join(', ');
  const clauses = [
    policy.required.length ? `requires ${list(policy.required)}` : '',
    policy.optional.length ? `optional ${list(policy.optional)}` : '',
    policy.forbidden.length ? `forbids ${list(policy.forbidden)}` : '',
  ].filter(Boolean);
  return `\`${contract}\`${qualifier ? ` ${qualifier}` : ''}: ${clauses.join('; ')}.`;
}
