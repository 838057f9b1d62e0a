import { isDeepStrictEqual } from 'node:util';
import type { Code, List, Paragraph } from 'mdast';
import { pinFields, type Command, type DocumentKind, type Gates, type Owner } from '../../schemas/index.ts';
import {
  IdSequence,
  derivedExitStatus,
  findPinLines,
  parseChecklist,
  parseDeliverables,
  parseExitCriteria,
  parseGates,
  parseListedCommands,
  parseShellCommands,
  parseStages,
  parseTaskBullets,
  parseTitledItems,
  pinFromLines,
  renderChecklist,
  renderDeliverables,
  renderExitCriteria,
  renderGates,
  renderListedCommands,
  renderShellCommands,
  renderStages,
  renderTask,
  renderTitled,
  resolveCommands,
  resolveDeliverables,
  resolveGates,
  resolveStages,
  resolveTask,
  resolveTitled,
  type PinLines,
  type RenderedLine,
  type ResolveContext,
} from './blocks.ts';
import { parseTaskHeading } from '../conventions.ts';
import { sectionHeadings, type SectionName } from './conventions.ts';
import { ownerFromSubject } from './derive.ts';
import { foldSentence } from '../prose.ts';
import {
  firstList,
  firstShellBlock,
  inSnapshot,
  parseMarkdownText,
  sectionsOf,
  sourceOf,
  type BodySection,
  type MarkdownText,
} from './markdown.ts';
import type { PackageModel, SourcePlace } from './model.ts';

/**
 * Makes a document body state the model's facts in the producer's conventions. A fact block that already
 * states exactly the model's facts is left byte for byte as written; one that states something else is
 * rewritten from the model; a missing one is added (to its section, or in a new section at the end). The
 * importer runs this on the producer's text and the exporter on the content's text, so both write the
 * same Markdown, and exporting what was imported changes nothing.
 */

/** Body lines with, for each, the place in the producer's file it came from (import only). */
export interface BodyLines {
  lines: string[];
  origins: (SourcePlace | undefined)[];
}

interface Edit {
  /** First line replaced (1-based); for an insertion, the line the new lines go before. */
  start: number;
  /** Number of lines replaced (0 for an insertion). */
  count: number;
  lines: RenderedLine[];
}

export type OriginOf = (fact: RenderedLine['fact']) => SourcePlace | undefined;

export function ensureBlocks(
  kind: DocumentKind,
  body: BodyLines,
  model: PackageModel,
  context: ResolveContext,
  originOf: OriginOf = () => undefined,
  /** The body's parse when the caller has it (the importer's document): the body is not parsed again. */
  parsed: MarkdownText = parseMarkdownText(body.lines.join('\n')),
): BodyLines {
  const markdown = parsed;
  const edits = editsFor(kind, markdown, model, context);
  return applyEdits(body, edits, originOf);
}

function editsFor(kind: DocumentKind, markdown: MarkdownText, model: PackageModel, context: ResolveContext): Edit[] {
  const sections = sectionsOf(markdown);
  const find = (name: SectionName) => sections.find((section) => sectionHeadings[name].pattern.test(section.heading));
  const edits: Edit[] = [];
  const block = <N extends List | Code | Paragraph>(spec: BlockSpec<N>) => {
    const edit = ensureBlock(markdown, find(spec.section), spec);
    if (edit) edits.push(edit);
  };

  if (kind === 'plan') {
    const plan = model.plan;
    const objective = find('objective');
    const first = objective?.own[0];
    const stated = first?.type === 'paragraph' ? sourceOf(first, markdown) : undefined;
    if (stated !== plan.objective) {
      const rendered = [{ text: plan.objective, fact: { target: 'plan' as const, path: ['objective'] } }];
      edits.push(
        objective
          ? {
              start: objective.line + 1,
              count: 0,
              lines: [{ text: '' }, ...rendered, ...(first ? [{ text: '' }] : [])],
            }
          : {
              start: firstContentLine(markdown),
              count: 0,
              lines: [{ text: `## ${sectionHeadings.objective.title}` }, { text: '' }, ...rendered, { text: '' }],
            },
      );
    }
    block<List>({
      section: 'deliverables',
      pick: (section) => firstList(section),
      stated: (list) =>
        resolveDeliverables(
          parseDeliverables(
            list,
            markdown,
            plan.deliverables.find((deliverable) => deliverable.path.endsWith('/plan.mdx'))?.producerPath,
          ).items,
          context,
        ),
      expected: () => plan.deliverables,
      render: () => renderDeliverables(plan.deliverables),
    });
    block<List>({
      section: 'exitCriteria',
      pick: (section) => firstList(section),
      stated: (list) => {
        const sequence = new IdSequence();
        return parseExitCriteria(list, markdown).map((item) => {
          const id = sequence.resolve(item.id, item.title);
          const criterion = plan.exitCriteria.find((candidate) => candidate.id === id);
          const status =
            item.checked === null
              ? derivedExitStatus(criterion ?? { tasks: [], gates: [] }, model)
              : item.checked
                ? 'met'
                : 'unmet';
          return { id, title: item.title, status };
        });
      },
      expected: () => plan.exitCriteria.map(({ id, title, status }) => ({ id, title, status })),
      render: () => renderExitCriteria(plan.exitCriteria),
    });
    const producer = plan.commands.filter((command) => command.owner === 'producer');
    const consumer = plan.commands.filter((command) => command.owner === 'consumer');
    const indexOf = (command: Command) => plan.commands.indexOf(command);
    block<Code>({
      section: 'producerCommands',
      pick: (section) => firstShellBlock(section),
      stated: (code) => resolveCommands(parseShellCommands(code), 'producer', new IdSequence()),
      expected: () => producer,
      render: () => renderShellCommands(producer, indexOf, new IdSequence()),
    });
    const seeded = () => {
      const sequence = new IdSequence();
      for (const command of producer) sequence.resolve(command.id, '');
      return sequence;
    };
    block<List | Code>({
      section: 'consumerCommands',
      heading: sectionHeadings.consumerCommands.title.replace('{consumer}', model.migration.consumer),
      pick: (section) => firstList(section, true) ?? firstShellBlock(section),
      stated: (node) =>
        resolveCommands(
          node.type === 'code' ? parseShellCommands(node) : parseListedCommands(node, markdown).items,
          'consumer',
          seeded(),
        ),
      expected: () => consumer,
      render: () => renderListedCommands(consumer, indexOf, seeded()),
    });
  }

  if (kind === 'tracker' && model.tracker) edits.push(...taskEdits(markdown, sections, model, context));

  if (kind === 'rfc' && model.rfc) {
    const rfc = model.rfc;
    edits.push(...baselineEdits(markdown, model));
    block<List>({
      section: 'stages',
      pick: (section) => firstList(section),
      stated: (list) => resolveStages(parseStages(list, markdown), context).stages,
      expected: () => rfc.stages,
      render: () => renderStages(rfc.stages, model),
    });
    block<List>({
      section: 'nonNegotiables',
      pick: (section) => firstList(section),
      stated: (list) => resolveTitled(parseTitledItems(list, markdown, 'principle'), new IdSequence()),
      expected: () => rfc.nonNegotiables.map(({ id, title }) => ({ id, title })),
      render: () =>
        renderTitled(rfc.nonNegotiables, 'principle', new IdSequence(), (index) => ({
          target: 'rfc',
          path: ['nonNegotiables', index],
        })),
    });
  }

  if (kind === 'gates' && model.gates) {
    const gates = model.gates;
    block<List>({
      section: 'gates',
      pick: (section) => firstList(section),
      stated: (list) => {
        const resolved = resolveGates(parseGates(list, markdown), context, gates.evidenceChecklist);
        return { gates: resolved.gates, satisfies: resolved.satisfies };
      },
      expected: () => ({
        gates: gates.gates.map((gate) => ({ ...gate, evidence: { ...gate.evidence } })),
        satisfies: gates.gates.map((gate) =>
          model.plan.exitCriteria
            .filter((criterion) => criterion.gates.includes(gate.id))
            .map((criterion) => criterion.id),
        ),
      }),
      render: () => renderGates(gates.gates, model, gates.evidenceChecklist),
    });
    const prerequisites = (owner: 'producer' | 'consumer') =>
      gates.prerequisites.filter((item) => item.owner === owner);
    const prerequisiteSequence = (owner: 'producer' | 'consumer') => {
      const sequence = new IdSequence();
      if (owner === 'consumer') for (const item of prerequisites('producer')) sequence.resolve(item.id, '');
      return sequence;
    };
    for (const owner of ['producer', 'consumer'] as const) {
      block<List>({
        section: owner === 'producer' ? 'producerPrerequisites' : 'consumerPrerequisites',
        pick: (section) => firstList(section),
        stated: (list) =>
          resolveTitled(parseTitledItems(list, markdown, 'prereq'), prerequisiteSequence(owner)).map((item) => ({
            ...item,
            owner,
          })),
        expected: () => prerequisites(owner).map(({ id, title }) => ({ id, title, owner })),
        render: () =>
          renderTitled(prerequisites(owner), 'prereq', prerequisiteSequence(owner), (index) => ({
            target: 'gates',
            path: [
              'prerequisites',
              gates.prerequisites.indexOf(prerequisites(owner)[index] as Gates['prerequisites'][number]),
            ],
          })),
      });
    }
    block<List>({
      section: 'rollbackTriggers',
      pick: (section) => firstList(section),
      stated: (list) => resolveTitled(parseTitledItems(list, markdown, 'trigger'), new IdSequence()),
      expected: () => gates.rollbackTriggers.map(({ id, title }) => ({ id, title })),
      render: () =>
        renderTitled(gates.rollbackTriggers, 'trigger', new IdSequence(), (index) => ({
          target: 'gates',
          path: ['rollbackTriggers', index],
        })),
    });
    const subject = (title: string) => ownerFromSubject(title, context.teams);
    block<List>({
      section: 'rollbackActions',
      pick: (section) => firstList(section),
      stated: (list) => {
        const raw = parseTitledItems(list, markdown, 'action');
        return resolveTitled(raw, new IdSequence()).map((item, index) => ({
          ...item,
          owner: raw[index]?.owner ?? subject(item.title),
        }));
      },
      expected: () => gates.rollbackActions.map(({ id, title, owner }) => ({ id, title, owner })),
      render: () =>
        renderTitled(
          gates.rollbackActions,
          'action',
          new IdSequence(),
          (index) => ({ target: 'gates', path: ['rollbackActions', index] }),
          subject,
        ),
    });
    block<List>({
      section: 'evidenceChecklist',
      pick: (section) => firstList(section),
      stated: (list) => resolveChecklist(list, markdown, context),
      expected: () => gates.evidenceChecklist.map(({ id, title, owner }) => ({ id, title, owner })),
      render: () => renderChecklist(gates.evidenceChecklist, new IdSequence()),
    });
  }
  return edits;
}

/** The evidence checklist as written: owners from the group labels, else from each item's subject. */
export function resolveChecklist(
  list: List,
  markdown: MarkdownText,
  context: ResolveContext,
): { id: string; title: string; owner: Owner }[] {
  const { items } = parseChecklist(list, markdown, context.teams);
  const sequence = new IdSequence();
  return items.map((item) => ({
    id: sequence.resolve(item.id, item.title),
    title: item.title,
    owner: item.group ?? ownerFromSubject(item.title, context.teams),
  }));
}

interface BlockSpec<N> {
  section: SectionName;
  /** Heading for a new section; defaults to the convention's title. */
  heading?: string;
  pick: (section: BodySection) => N | undefined;
  /** The facts the block states, resolved the way the importer resolves them. */
  stated: (node: N) => unknown;
  expected: () => unknown;
  render: () => RenderedLine[];
}

function ensureBlock<N extends List | Code | Paragraph>(
  markdown: MarkdownText,
  section: BodySection | undefined,
  spec: BlockSpec<N>,
): Edit | undefined {
  const node = section ? spec.pick(section) : undefined;
  const expected = spec.expected();
  if (node?.position) {
    if (isDeepStrictEqual(spec.stated(node), expected)) return undefined;
    const start = node.position.start.line;
    return { start, count: node.position.end.line - start + 1, lines: spec.render() };
  }
  if (Array.isArray(expected) && !expected.length) return undefined;
  const rendered = spec.render();
  if (!rendered.length) return undefined;
  if (section) return { start: section.ownEndLine + 1, count: 0, lines: [{ text: '' }, ...rendered] };
  const heading = spec.heading ?? sectionHeadings[spec.section].title;
  return {
    start: endLine(markdown),
    count: 0,
    lines: [{ text: '' }, { text: `## ${heading}` }, { text: '' }, ...rendered],
  };
}

function taskEdits(
  markdown: MarkdownText,
  sections: BodySection[],
  model: PackageModel,
  context: ResolveContext,
): Edit[] {
  const tracker = model.tracker;
  if (!tracker) return [];
  const edits: Edit[] = [];
  const taskSections = sections
    .map((section) => ({ section, task: parseTaskHeading(section.heading) }))
    .filter(
      (entry): entry is { section: BodySection; task: { id: string; title: string } } => entry.task !== undefined,
    );
  const missing: RenderedLine[] = [];
  tracker.tasks.forEach((task, index) => {
    const rendered = renderTask(task, index, model);
    const found = taskSections.find((entry) => entry.task.id === task.id);
    if (!found) {
      missing.push({ text: '' }, rendered.heading, { text: '' }, ...rendered.bullets);
      return;
    }
    const title = found.task.title;
    if (title !== task.title) edits.push({ start: found.section.line, count: 1, lines: [rendered.heading] });
    const list = firstList(found.section);
    const stated = resolveTask(parseTaskBullets(task.id, title, found.section.line, list, markdown), context);
    const expectedSatisfies = model.plan.exitCriteria
      .filter((criterion) => criterion.tasks.includes(task.id))
      .map((criterion) => criterion.id);
    const raw = parseTaskBullets(task.id, title, found.section.line, list, markdown);
    // The wording must also be what the `restated-fields` rule accepts: the value itself, or the owner's team name.
    const plain =
      raw.status !== undefined &&
      foldSentence(raw.status.value) === task.status &&
      raw.owner !== undefined &&
      [task.owner, ...(task.owner === 'joint' ? [] : [teamOf(task.owner, context).toLowerCase()])].includes(
        foldSentence(raw.owner.value),
      );
    const same =
      list !== undefined &&
      plain &&
      isDeepStrictEqual({ ...stated.task, title: task.title }, task) &&
      isDeepStrictEqual(stated.satisfies, expectedSatisfies);
    if (same) return;
    if (list?.position) {
      const start = list.position.start.line;
      edits.push({ start, count: list.position.end.line - start + 1, lines: rendered.bullets });
    } else edits.push({ start: found.section.line + 1, count: 0, lines: [{ text: '' }, ...rendered.bullets] });
  });
  if (missing.length) {
    const last = taskSections.at(-1)?.section;
    const tasksSection = sections.find((section) => sectionHeadings.tasks.pattern.test(section.heading));
    const after = last ?? tasksSection;
    edits.push({ start: after ? after.ownEndLine + 1 : endLine(markdown), count: 0, lines: missing });
  }
  return edits;
}

/**
 * The pin bullets that state an RFC's baseline, for the importer and the exporter alike: the first group
 * outside snapshot sections, else the first group inside one. The baseline is the pin the RFC was written
 * against, historical by nature once the runtime has moved, so a document marks that section as a
 * snapshot (and then the live pin's restatements elsewhere stay the ones judged). Code blocks never count.
 */
export function rfcBaselineLines(markdown: MarkdownText): PinLines | undefined {
  return (
    findPinLines(markdown.lines, (line) => inSnapshot(markdown, line) || inCode(markdown, line)) ??
    findPinLines(markdown.lines, (line) => inCode(markdown, line))
  );
}

/** The RFC's baseline is the first group of pin bullets in it; fields it leaves out are the live pin's. */
function baselineEdits(markdown: MarkdownText, model: PackageModel): Edit[] {
  const rfc = model.rfc;
  if (!rfc) return [];
  const group = rfcBaselineLines(markdown);
  const stated = pinFromLines(group, model.pin.pin);
  if (isDeepStrictEqual(stated, rfc.baseline)) return [];
  const fact = (field: string) => ({ target: 'rfc' as const, path: ['baseline', field] });
  if (!group) {
    const lines = pinFields.map((field) => ({ text: `- \`${field}\`: \`${rfc.baseline[field]}\``, fact: fact(field) }));
    return [
      {
        start: endLine(markdown),
        count: 0,
        lines: [{ text: '' }, { text: `## ${sectionHeadings.baseline.title}` }, { text: '' }, ...lines],
      },
    ];
  }
  const edits: Edit[] = [];
  for (const value of group.values) {
    if (value.value === rfc.baseline[value.field]) continue;
    edits.push({
      start: value.line,
      count: 1,
      lines: [
        {
          text: `${value.prefix}\`${value.field}\`: \`${rfc.baseline[value.field]}\`${value.suffix}`,
          fact: fact(value.field),
        },
      ],
    });
  }
  const written = new Set(group.values.map((value) => value.field));
  const prefix = group.values[0]?.prefix ?? '- ';
  const added = pinFields
    .filter((field) => !written.has(field) && rfc.baseline[field] !== model.pin.pin[field])
    .map((field) => ({ text: `${prefix}\`${field}\`: \`${rfc.baseline[field]}\``, fact: fact(field) }));
  const last = group.values.at(-1)?.line ?? group.start;
  if (added.length) edits.push({ start: last + 1, count: 0, lines: added });
  return edits;
}

function teamOf(owner: 'producer' | 'consumer', context: ResolveContext): string {
  return owner === 'producer' ? context.teams.producer : context.teams.consumer;
}

/** Whether a line is inside a fenced code block. */
export function inCode(markdown: MarkdownText, line: number): boolean {
  return markdown.tree.children.some(
    (node) =>
      node.type === 'code' && (node.position?.start.line ?? 0) <= line && line <= (node.position?.end.line ?? 0),
  );
}

/** Where a new section goes: before the final newline of the body. */
function endLine(markdown: MarkdownText): number {
  let line = markdown.lines.length;
  while (line > 1 && markdown.lines[line - 1] === '') line--;
  return line + 1;
}

/** The first line after the body's leading blank lines, where a section that belongs at the top goes. */
function firstContentLine(markdown: MarkdownText): number {
  const index = markdown.lines.findIndex((line) => line.trim() !== '');
  return index === -1 ? markdown.lines.length + 1 : index + 1;
}

function applyEdits(body: BodyLines, edits: readonly Edit[], originOf: OriginOf): BodyLines {
  const lines = [...body.lines];
  const origins = [...body.origins];
  // Bottom up, so earlier line numbers stay valid; of two insertions at one line, the later one goes in first.
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => b.edit.start - a.edit.start || b.index - a.index);
  for (const { edit } of ordered) {
    const replacedOrigin = origins[edit.start - 1];
    lines.splice(edit.start - 1, edit.count, ...edit.lines.map((line) => line.text));
    origins.splice(
      edit.start - 1,
      edit.count,
      ...edit.lines.map(
        (line) => (line.fact ? originOf(line.fact) : undefined) ?? (edit.count ? replacedOrigin : undefined),
      ),
    );
  }
  return { lines, origins };
}
