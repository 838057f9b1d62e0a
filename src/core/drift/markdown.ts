import type { Code, InlineCode, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import {
  canonicalStatus,
  commandsOfShellBlock,
  excerptLeadInPattern,
  foldSentence,
  historyHeadingPattern,
  isListGroupLabel,
  isTranscript as isTranscriptText,
  labelWords,
  listConceptOf,
  parseTaskHeading,
  pinFieldLabels,
  pinFieldOfValue,
  runLogHeadingPattern,
  shellLanguages,
  snapshotRegions,
  type ListConcept,
} from '../conventions.ts';
import { parseProducerMarkdown } from '../parse/producer-markdown.ts';
import { gateKeyOf, gateName } from './gates.ts';
import { withSides, type Parties } from './parties.ts';
import { factsOfLabelled, inlineText, type LabelContext } from './labelled.ts';
import { pinsInSentences, statusesInSentences } from './sentences.ts';
import { extractYaml, frontMatterOf } from './yaml.ts';
import {
  listFact,
  pinFact,
  slugOf,
  type EntityField,
  type ExtractedEntity,
  type FactStatement,
  type ListItemValue,
  type StatementPlace,
} from './statement.ts';

/**
 * Reads a producer's Markdown tree (the one unified parse of `parse/producer-markdown.ts`, shared with the
 * importer and the scan) into fact statements with their file:line.
 */

/**
 * A shell block or a list under no list heading or label: it may still restate a fact list, or another loose
 * block, by its content (decided once every file is read, in `restated-blocks.ts`).
 */
export interface LooseBlock {
  /** A shell block's commands, or a list's leaf items. */
  kind: 'commands' | 'items';
  items: string[];
  /** The heading the block sits under (the report's name for a list restated by content alone). */
  heading?: string | undefined;
  statement: Omit<FactStatement, 'fact' | 'label' | 'value' | 'shown'>;
}

export interface MarkdownExtraction {
  statements: FactStatement[];
  /** The gates and tasks the file states, with every `label: value` stated for each. */
  entities: ExtractedEntity[];
  looseBlocks: LooseBlock[];
  /** `YYYY-MM-DD` the file is dated by (`Updated:` in its header, a date key of its front matter, or a date in its name). */
  date?: string | undefined;
  /** The front matter did not parse: what it states is unknown (reported, not treated as empty). */
  frontMatterError?: { line: number; column: number; reason: string } | undefined;
}

const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/;
/** A task id leading a table cell's title: `P3 Producer verification suite`. */
const taskIdLeading = /^([A-Z]{1,3}\d+)\s+\S/;
const dateLabel = /^(updated|last updated|date|as of|recorded|dated|checkpoint date)$/;
const gatesHeading = /\b(go no go|gates)\b/;

interface Heading {
  depth: number;
  text: string;
  words: string;
  line: number;
  task?: string | undefined;
  gate?: string | undefined;
  gates: boolean;
  concept?: ListConcept | undefined;
  history: boolean;
  log: boolean;
  date?: string | undefined;
  /** The gate or task this heading opens. */
  entity?: ExtractedEntity | undefined;
}

/** Items collected for one fact list, across the lists, tables and shell blocks under its heading or label. */
interface Collector {
  concept: ListConcept;
  items: ListItemValue[];
  line: number;
  column: number;
  history?: string | undefined;
  date?: string | undefined;
}

/**
 * `tree` is the file's parse when the caller has it already (the importer): the text is never parsed twice.
 * YAML front matter is data, read like a YAML file (`yaml.ts`); whatever the parse made of its lines (a rule
 * and a setext heading) is left out of the body.
 */
export function extractMarkdown(
  file: string,
  source: string,
  parsed?: Root,
  parties: Parties = new Map(),
): MarkdownExtraction {
  /** The list a label names, the package's party names read as their sides ("AssistSupport checks"). */
  const conceptOf = (label: string) => listConceptOf(withSides(label, parties));
  const frontMatter = frontMatterOf(source);
  const frontMatterLines = frontMatter ? source.slice(0, frontMatter.end).replace(/\n$/, '').split('\n').length : 0;
  // Blanked rather than cut, so every offset and line of the body is the file's own.
  const text = frontMatter
    ? source.slice(0, frontMatter.end).replace(/[^\n]/g, ' ') + source.slice(frontMatter.end)
    : source;
  const whole = parsed ?? parseProducerMarkdown(text).tree;
  const tree: Root = frontMatter
    ? { ...whole, children: whole.children.filter((node) => (node.position?.start.line ?? 0) > frontMatterLines) }
    : whole;
  const lines = text.split('\n');
  const snapshots = snapshotRegions(tree.children, lines.length);
  const statements: FactStatement[] = [];
  const entities: ExtractedEntity[] = [];
  const looseBlocks: LooseBlock[] = [];
  const name = file.split('/').at(-1) ?? file;
  const h1 = tree.children.find((node) => node.type === 'heading' && node.depth === 1);
  const rfc = /(^|[^a-z])rfc([^a-z]|$)/i.test(name) || (h1 ? /\bRFC\b/.test(toString(h1)) : false);
  let fileDate = dateIn(name.replace(/_/g, '-'));
  const data = frontMatter ? extractYaml(file, frontMatter.yaml, { reference: false, rfc }, 2) : undefined;
  fileDate = data?.date ?? fileDate;
  const firstSection = tree.children.findIndex((node) => node.type === 'heading' && node.depth > 1);
  for (const node of tree.children.slice(0, firstSection === -1 ? undefined : firstSection)) {
    // The header: `Updated: 2026-02-08` lines, or a two-column table of the same.
    const pairs =
      node.type === 'paragraph'
        ? labelledLines(node, text)
        : node.type === 'table'
          ? node.children.map((row) => ({
              label: toString(row.children[0] ?? { type: 'text', value: '' }),
              value: toString(row.children[1] ?? { type: 'text', value: '' }),
            }))
          : [];
    for (const { label, value } of pairs) if (dateLabel.test(labelWords(label))) fileDate = dateIn(value) ?? fileDate;
  }

  const stack: Heading[] = [];
  const collectors = new Map<Heading, Collector>();
  let pendingLabel: { concept: ListConcept; line: number; column: number } | undefined;
  let logLabel = false;

  const historyOf = (line: number): string | undefined => {
    const region = snapshots.find((candidate) => line >= candidate.start && line <= candidate.end);
    if (region)
      return region.by === 'marker'
        ? 'in a section marked `<!-- contract-docs: snapshot -->`'
        : `in the history section “${region.heading ?? ''}” (line ${region.start})`;
    const section = stack.find((heading) => heading.history);
    return section ? `in the history section “${section.text}” (line ${section.line})` : undefined;
  };
  const inLog = () => stack.some((heading) => heading.log);
  const dateHere = () => [...stack].reverse().find((heading) => heading.date)?.date ?? fileDate;
  const context = (extra: Partial<LabelContext> = {}): LabelContext => ({
    // The title (H1) names the whole migration (`from service.v2 to service.v3`), not whose value a line states.
    around: [...stack]
      .reverse()
      .filter((heading) => heading.depth > 1)
      .map((heading) => heading.words),
    task: [...stack].reverse().find((heading) => heading.task)?.task,
    gate: [...stack].reverse().find((heading) => heading.gate)?.gate,
    rfcHeader: rfc && stack.every((heading) => heading.depth === 1),
    ...extra,
  });
  const push = (
    fact: { fact: string; label: string; value: string; shown: string; items?: ListItemValue[] },
    line: number,
    column: number,
  ) => {
    statements.push({
      ...fact,
      place: { file, line, column },
      date: dateHere(),
      history: historyOf(line),
    });
  };
  const openEntity = (kind: ExtractedEntity['kind'], key: string, title: string, line: number, column: number) => {
    const entity: ExtractedEntity = {
      kind,
      key,
      title,
      place: { file, line, column },
      fields: [],
      history: historyOf(line),
    };
    entities.push(entity);
    return entity;
  };
  /** The gate or task whose section the current block is in. */
  const sectionEntity = () => [...stack].reverse().find((heading) => heading.entity)?.entity;
  const addField = (entity: ExtractedEntity | undefined, field: Omit<EntityField, 'label'> & { label: string }) => {
    entity?.fields.push({ ...field, label: labelWords(field.label) });
  };
  const pushLabelled = (
    label: string,
    value: string,
    line: number,
    column: number,
    extra?: Partial<LabelContext>,
    entity: ExtractedEntity | undefined = sectionEntity(),
  ) => {
    addField(entity, { label, value, place: { file, line, column } });
    for (const fact of factsOfLabelled(label, value, context(extra))) push(fact, line, column);
  };
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  /** 1-based line and column of an offset of the text. */
  const pointAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
  /** Pins stated in the free sentences of a paragraph ("confirm the live pin is still `v0.3.2`"). */
  const pushSentences = (paragraph: Paragraph) => {
    const start = paragraph.position?.start.offset;
    const end = paragraph.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (const pin of pinsInSentences(text.slice(start, end))) {
      const { line, column } = pointAt(start + pin.offset);
      push({ ...pinFact(pin.field, pin.owner), value: pin.value, shown: pin.value }, line, column);
    }
    for (const stated of statusesInSentences(text.slice(start, end))) {
      const { line, column } = pointAt(start + stated.offset);
      const extra =
        stated.kind === 'gate' ? { gate: stated.key, task: undefined } : { task: stated.key, gate: undefined };
      for (const fact of factsOfLabelled('status', stated.status, context(extra))) push(fact, line, column);
    }
  };
  const flush = (heading: Heading) => {
    const collector = collectors.get(heading);
    if (!collector) return;
    collectors.delete(heading);
    if (collector.items.length) emitList(collector);
  };
  const emitList = (collector: Collector) => {
    statements.push({
      ...listFact(collector.concept),
      value: '',
      shown: '',
      items: collector.items,
      place: { file, line: collector.line, column: collector.column },
      date: collector.date,
      history: collector.history,
    });
  };
  /** The fact list the current block belongs to, through the nearest heading naming one. */
  const conceptHeading = () => [...stack].reverse().find((heading) => heading.concept);
  const addToConcept = (heading: Heading, items: ListItemValue[], line: number, column: number) => {
    let collector = collectors.get(heading);
    if (!collector) {
      collector = {
        concept: heading.concept as ListConcept,
        items: [],
        line,
        column,
        history: historyOf(line),
        date: dateHere(),
      };
      collectors.set(heading, collector);
    }
    // Under a sub-heading of the list's heading, the sub-heading is the group (`### Producer` in a checklist).
    const top = stack.at(-1);
    const group = top && top !== heading ? top.text : undefined;
    collector.items.push(...items.map((item) => (group && !item.group ? { ...item, group } : item)));
  };

  for (const node of tree.children) {
    const line = node.position?.start.line ?? 1;
    const column = node.position?.start.column ?? 1;
    if (node.type === 'heading') {
      while (stack.length && (stack.at(-1)?.depth ?? 0) >= node.depth) flush(stack.pop() as Heading);
      pendingLabel = undefined;
      const headingText = toString(node).trim();
      const task = parseTaskHeading(headingText)?.id;
      const words = labelWords(headingText);
      const parent = stack.at(-1);
      // `# Rollback` then `## Triggers`: a heading that names a list only with its parent's words (or the file's).
      const concept =
        task || node.depth === 1
          ? undefined
          : (conceptOf(headingText) ??
            // (the parent's party names are left as they are: a title names whose package it is, not a side)
            (parent && !parent.concept && !parent.task
              ? listConceptOf(`${parent.text} ${withSides(headingText, parties)}`)
              : undefined) ??
            // `## Evidence` alone, outside any gate or task: the evidence checklist (a gate's evidence is its own).
            (/^(\d+ )*evidence$/.test(words) && !stack.some((heading) => heading.entity)
              ? 'evidenceChecklist'
              : undefined));
      // `## Go/No-Go Gates` holds the gates; `### Gate 1: …` under it is one gate, not another container.
      const gates = !task && !concept && node.depth > 1 && !parent?.gates && gatesHeading.test(words);
      const gate = parent?.gates && !gates && !concept ? gateKeyOf(headingText) : undefined;
      const taskHeading = task ? parseTaskHeading(headingText) : undefined;
      const entity = taskHeading
        ? openEntity('task', taskHeading.id, inlineText(taskHeading.title), line, column)
        : gate
          ? openEntity('gate', gate, gateName(headingText), line, column)
          : undefined;
      stack.push({
        depth: node.depth,
        text: headingText,
        words,
        line,
        task,
        gate,
        entity,
        gates,
        concept,
        history: historyHeadingPattern.test(headingText),
        log: runLogHeadingPattern.test(headingText),
        date: dateIn(headingText),
      });
      continue;
    }
    if (inLog()) continue;
    const listHeading = conceptHeading();
    if (node.type === 'paragraph') {
      const whole = toString(node).trim();
      const labelConcept = /:$/.test(whole) && !excerptLeadInPattern.test(whole) ? conceptOf(whole) : undefined;
      pendingLabel = labelConcept ? { concept: labelConcept, line, column } : undefined;
      // `Run log:` / `Commands executed:` introduces a log of what ran, never a required command list.
      logLabel = /:$/.test(whole) && runLogHeadingPattern.test(whole.split(/[.!?]\s/).at(-1) ?? whole);
      if (labelConcept) continue;
      for (const labelled of labelledLines(node, text)) {
        if (!labelled.continued) {
          pushLabelled(labelled.label, labelled.value, labelled.line, 1);
          continue;
        }
        for (const fact of factsOfLabelled(labelled.label, labelled.value, context()))
          if (/^(pin|contract):/.test(fact.fact)) push(fact, labelled.line, 1);
      }
      pushSentences(node);
      continue;
    }
    if (logLabel) {
      logLabel = false;
      if (node.type === 'code') continue;
    }
    if (node.type === 'code' && isTranscriptText(node.value)) continue;
    if (node.type === 'list' || node.type === 'table' || node.type === 'code') {
      const items = node.type === 'code' ? shellItems(node) : undefined;
      if (pendingLabel) {
        const concept = pendingLabel.concept;
        const collected = itemsOfBlock(node, concept);
        if (collected.length)
          emitList({
            concept,
            items: collected,
            line,
            column,
            history: historyOf(line),
            date: dateHere(),
          });
        pendingLabel = undefined;
        continue;
      }
      if (listHeading?.concept) {
        addToConcept(listHeading, itemsOfBlock(node, listHeading.concept), line, column);
        continue;
      }
      if (node.type === 'code') {
        if (items?.length && shellLike(node)) addLoose('commands', items, line, column);
        continue;
      }
      if (node.type === 'table') {
        readTable(node);
        continue;
      }
      const gateItems = stack.at(-1)?.gates ?? false;
      // A gate list states statuses; any other list may restate a fact list by its items alone.
      if (!gateItems) addLoose('items', leafItems(node), line, column);
      readList(node, gateItems);
    }
  }
  while (stack.length) flush(stack.pop() as Heading);
  // The front matter speaks for the whole file: dated as the file is.
  const fromFrontMatter = (data?.statements ?? []).map((statement) => ({ ...statement, date: fileDate }));
  return {
    statements: [...fromFrontMatter, ...statements],
    entities,
    looseBlocks,
    date: fileDate,
    frontMatterError: data?.error,
  };

  function addLoose(kind: LooseBlock['kind'], items: readonly ListItemValue[], line: number, column: number): void {
    if (!items.length) return;
    looseBlocks.push({
      kind,
      items: items.map((item) => item.text),
      heading: stack.at(-1)?.text,
      statement: { place: { file, line, column }, date: dateHere(), history: historyOf(line) },
    });
  }

  function readList(list: List, gateItems: boolean): void {
    for (const item of list.children) {
      const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
      const nested = item.children.filter((child): child is List => child.type === 'list');
      const line = item.position?.start.line ?? 1;
      const column = item.position?.start.column ?? 1;
      const first = paragraph ? labelledLines(paragraph, text)[0] : undefined;
      const whole = paragraph ? toString(paragraph).trim() : '';
      const named = /:$/.test(whole) && !excerptLeadInPattern.test(whole) ? conceptOf(whole) : undefined;
      // A step such as `3. Run the smoke tests:` with its commands in a shell block under it: it may restate a
      // list by its items (a step that names the list, `Run the verification suite:`, is that list, below).
      if (!named)
        for (const code of item.children)
          if (code.type === 'code' && shellLike(code) && !isTranscriptText(code.value))
            addLoose(
              'commands',
              shellItems(code),
              code.position?.start.line ?? line,
              code.position?.start.column ?? column,
            );
      // A task list item (`- [x] Joint go/no-go review`) states whether that task is done, by its name.
      if (typeof item.checked === 'boolean' && whole && !gateItems) {
        const name = inlineText(whole).replace(/[.:;]+$/, '');
        push(
          {
            fact: `status:task:${slugOf(name)}`,
            label: `status of task “${name}”`,
            value: item.checked ? 'done' : 'not done',
            shown: item.checked ? '[x] (done)' : '[ ] (not done)',
          },
          line,
          column,
        );
      }
      const concept = named;
      // `3. Run the verification suite:` with its list or shell block nested under it: that list.
      const nestedBlocks = item.children.filter(
        (child): child is List | Code => child.type === 'list' || (child.type === 'code' && shellLike(child)),
      );
      if (concept && nestedBlocks.length) {
        const collected = nestedBlocks.flatMap((child) => itemsOfBlock(child, concept));
        if (collected.length)
          emitList({ concept, items: collected, line, column, history: historyOf(line), date: dateHere() });
        continue;
      }
      if (gateItems && first && canonicalStatus('gate', inlineText(first.value)) !== undefined) {
        // `- G3 Envelope assertions pass for the candidate shape: Not started`: the gate and its status.
        const gate = gateKeyOf(first.label);
        const entity = gate ? openEntity('gate', gate, gateName(first.label), line, column) : undefined;
        if (gate) pushLabelled('status', first.value, line, column, { gate, task: undefined }, entity);
        continue;
      }
      if (gateItems && paragraph && !first) {
        // A gate written as a list item: its nested `Status:` bullets speak of that gate.
        const gate = gateKeyOf(whole);
        const entity = gate ? openEntity('gate', gate, gateName(whole), line, column) : undefined;
        for (const child of nested) readNested(child, { gate }, entity);
        continue;
      }
      if (paragraph) pushSentences(paragraph);
      if (first) pushLabelled(first.label, first.value, line, column);
      else if (/:$/.test(whole) && nested.length) {
        // `- Definition of done:` with the values nested under it.
        addField(sectionEntity(), {
          label: whole.replace(/:$/, ''),
          value: '',
          items: nested.flatMap(nestedItems),
          place: { file, line, column },
        });
        continue;
      }
      for (const child of nested) readList(child, false);
    }
  }

  function readNested(list: List, extra: Partial<LabelContext>, entity: ExtractedEntity | undefined): void {
    for (const item of list.children) {
      const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
      const first = paragraph ? labelledLines(paragraph, text)[0] : undefined;
      const place: StatementPlace = {
        file,
        line: item.position?.start.line ?? 1,
        column: item.position?.start.column ?? 1,
      };
      const whole = paragraph ? toString(paragraph).trim() : '';
      const nested = item.children.filter((child): child is List => child.type === 'list');
      if (first) pushLabelled(first.label, first.value, place.line, place.column, extra, entity);
      else if (/:$/.test(whole) && nested.length)
        addField(entity, { label: whole.replace(/:$/, ''), value: '', items: nested.flatMap(nestedItems), place });
    }
  }

  /** The items of a nested list as written (their first paragraph's Markdown source). */
  function nestedItems(list: List): { text: string; line: number }[] {
    return list.children.flatMap((item) => {
      const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
      const start = paragraph?.position?.start.offset;
      const end = paragraph?.position?.end.offset;
      if (start === undefined || end === undefined) return [];
      return [{ text: text.slice(start, end).replace(/\s+/g, ' ').trim(), line: item.position?.start.line ?? 1 }];
    });
  }

  function readTable(table: Table): void {
    const [header, ...rows] = table.children;
    if (!header) return;
    const columns = header.children.map((cell) => labelWords(toString(cell)));
    const statusColumn = columns.findIndex((words) => /^(status|state|current status)$/.test(words));
    // Under a gates heading, or a table with a `Gate` column (`| Gate | Name | Status |`): its rows are gates.
    const gatesHere = (stack.at(-1)?.gates ?? false) || columns.some((words) => /^gates?$/.test(words));
    /** A row's other columns (owner, evidence ...) as fields of the gate or task it is. */
    const rowEntity = (
      kind: ExtractedEntity['kind'],
      key: string,
      cells: readonly string[],
      skip: readonly number[],
      line: number,
      at: (index: number) => number,
    ) => {
      const titleColumn = columns.findIndex(
        (words, index) => !skip.includes(index) && /^(title|name|task|gate|description|what)$/.test(words),
      );
      const entity = openEntity(kind, key, inlineText(cells[titleColumn] ?? key), line, at(0));
      cells.forEach((cell, index) => {
        if (index === titleColumn || skip.includes(index) || index === statusColumn || !cell) return;
        addField(entity, { label: columns[index] ?? '', value: cell, place: { file, line, column: at(index) } });
      });
      return entity;
    };
    // `| Value | Field |`: the label is the second column.
    const reversed =
      columns.length === 2 && /^values?$/.test(columns[0] ?? '') && /^(field|key|name)$/.test(columns[1] ?? '');
    for (const row of rows) {
      const cells = row.children.map((cell) => toString(cell).trim());
      const line = row.position?.start.line ?? 1;
      const at = (index: number) => row.children[index]?.position?.start.column ?? 1;
      if (statusColumn !== -1) {
        // A task's id alone (`| P3 |`) or leading its title (`| P3 Producer verification suite |`).
        const taskColumn = cells.findIndex(
          (cell) => (parseTaskHeading(`${cell}: x`) !== undefined && cell.length < 12) || taskIdLeading.test(cell),
        );
        const status = cells[statusColumn] ?? '';
        // A row naming an RFC (`| RFC-0007 service.v3 error envelope | draft |`) states the RFC's status.
        if (!gatesHere && cells.some((cell, index) => index !== statusColumn && /^RFC\b/.test(cell))) {
          pushLabelled('RFC status', status, line, at(statusColumn));
          continue;
        }
        if (taskColumn !== -1 && !gatesHere) {
          const id =
            parseTaskHeading(`${cells[taskColumn]}: x`)?.id ?? taskIdLeading.exec(cells[taskColumn] ?? '')?.[1] ?? '';
          const entity = rowEntity('task', id, cells, [taskColumn], line, at);
          pushLabelled('status', status, line, at(statusColumn), { task: id, gate: undefined }, entity);
          continue;
        }
        if (gatesHere) {
          const nameColumn = columns.findIndex(
            (words, index) => index !== statusColumn && !/^(#|id|no|owner)$/.test(words),
          );
          const gate = gateKeyOf(cells[nameColumn] ?? '');
          if (gate) {
            const entity = rowEntity('gate', gate, cells, [], line, at);
            entity.title = gateName(cells[nameColumn] ?? '');
            pushLabelled('status', status, line, at(statusColumn), { gate, task: undefined }, entity);
          }
          continue;
        }
      }
      if (cells.length === 2) {
        // Value first, whatever the header says: the first cell is one value, the second names a pin field.
        const valueFirst =
          reversed ||
          (pinFieldOfValue(inlineText(cells[0] ?? '')) !== undefined &&
            pinFieldOfValue(inlineText(cells[1] ?? '')) === undefined &&
            pinFieldLabels.some((entry) => entry.pattern.test(labelWords(cells[1] ?? ''))));
        if (valueFirst) pushLabelled(cells[1] ?? '', cells[0] ?? '', line, at(0));
        else pushLabelled(cells[0] ?? '', cells[1] ?? '', line, at(1));
        continue;
      }
      // A wider table: each cell is a value of its column, and the row's first cell says whose.
      cells.forEach((cell, index) => {
        if (index === 0) return;
        pushLabelled(columns[index] ?? '', cell, line, at(index), {
          around: [labelWords(cells[0] ?? ''), ...context().around],
        });
      });
    }
  }

  function itemsOfBlock(node: RootContent, concept: ListConcept): ListItemValue[] {
    if (node.type === 'code') return shellLike(node) ? shellItems(node) : [];
    if (node.type === 'list') return listItems(node, concept, undefined);
    if (node.type === 'table') return tableItems(node, concept);
    return [];
  }
}

function shellLike(node: Code): boolean {
  return !node.lang || shellLanguages.has(node.lang);
}

function shellItems(node: Code): ListItemValue[] {
  return commandsOfShellBlock(node.value).map((command) => ({ text: command }));
}

const commandConcepts: ReadonlySet<ListConcept> = new Set(['producerCommands', 'consumerCommands']);

/** Leaf items of a list; an item that holds a nested list and reads as a label (`Producer`, `Consumer:`) is its group. */
function listItems(list: List, concept: ListConcept, group: string | undefined): ListItemValue[] {
  return list.children.flatMap((item) => {
    const nested = item.children.filter((child): child is List => child.type === 'list');
    const text = itemText(item, concept);
    if (nested.length && isListGroupLabel(text))
      return nested.flatMap((child) => listItems(child, concept, text.replace(/:$/, '').trim()));
    return text ? [{ group, text }] : [];
  });
}

/** The leaf items of a list as written, however deeply nested: what a list restates when nothing names it. */
function leafItems(list: List): ListItemValue[] {
  return list.children.flatMap((item) => {
    const nested = item.children.filter((child): child is List => child.type === 'list');
    if (nested.length) return nested.flatMap(leafItems);
    const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
    const text = paragraph ? toString(paragraph).trim() : '';
    return text ? [{ text }] : [];
  });
}

/**
 * The command a list item states (`` 1. `pnpm run test:ci` stays green ``): its first code span that is not a
 * `kind:id` reference, with the inline code node (where the rest of the item, its purpose, starts). The one
 * reading of a numbered list of inline-code commands, for the drift report and the importer.
 */
export function commandOfListItem(item: ListItem): { run: string; code: InlineCode } | undefined {
  const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
  const code = paragraph?.children.find(
    (child): child is InlineCode => child.type === 'inlineCode' && !/^[a-z]+:[\w.-]+$/.test(child.value),
  );
  return code ? { run: code.value.trim(), code } : undefined;
}

/** An item's text: a command list item is its first code span; a reference prefix (`trigger:x`) is dropped. */
function itemText(item: ListItem, concept: ListConcept): string {
  const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
  if (!paragraph) return '';
  if (commandConcepts.has(concept)) {
    const command = commandOfListItem(item);
    if (command) return command.run;
  }
  const [first, ...rest] = paragraph.children;
  if (first?.type === 'inlineCode' && /^[a-z]+:[\w.-]+$/.test(first.value))
    return toString({ type: 'paragraph', children: rest })
      .replace(/^\s*[:\u2013\u2014-]?\s*/, '')
      .trim();
  return toString(paragraph).trim();
}

const itemColumn =
  /\b(trigger|action|item|evidence|prerequisite|description|command|check|signal|step|what|requirement)s?\b/;
const groupColumn = /^(side|owner|party|group|who|team)$/;

function tableItems(table: Table, concept: ListConcept): ListItemValue[] {
  const [header, ...rows] = table.children;
  if (!header) return [];
  const columns = header.children.map((cell) => labelWords(toString(cell)));
  // A command list's command is the column that holds code (`| Check | Command |` lists commands, not names).
  const codeColumn = commandConcepts.has(concept)
    ? (rows[0]?.children.findIndex((cell) => cell.children.some((child) => child.type === 'inlineCode')) ?? -1)
    : -1;
  let textColumn =
    codeColumn !== -1 ? codeColumn : columns.findIndex((words) => itemColumn.test(words) && !groupColumn.test(words));
  if (textColumn === -1)
    textColumn = columns.findIndex((words) => !/^(#|id|no|n)$/.test(words) && !groupColumn.test(words));
  const group = columns.findIndex((words) => groupColumn.test(words));
  return rows.flatMap((row) => {
    const cell = row.children[textColumn];
    if (!cell) return [];
    const code = commandConcepts.has(concept) ? cell.children.find((child) => child.type === 'inlineCode') : undefined;
    const text = code && code.type === 'inlineCode' ? code.value.trim() : toString(cell).trim();
    const groupText = group === -1 ? undefined : toString(row.children[group] ?? { type: 'text', value: '' }).trim();
    return text ? [{ group: groupText || undefined, text }] : [];
  });
}

function dateIn(text: string): string | undefined {
  const match = isoDate.exec(text);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/**
 * The `label: value` lines of a paragraph, as written (bold labels such as `**Status:** Ready` included).
 * The label ends at the first colon followed by a space outside a code span, so `check:pin` in code is not one.
 */
function labelledLines(paragraph: Paragraph, text: string): LabelledLine[] {
  const start = paragraph.position?.start.offset;
  const end = paragraph.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const firstLine = paragraph.position?.start.line ?? 1;
  const out: LabelledLine[] = [];
  const rows = text.slice(start, end).split('\n');
  rows.forEach((raw, index) => {
    const previous = out.at(-1);
    const before = out.length;
    readLine(raw, index);
    // A line with no label of its own that goes on with the previous line's unfinished value
    // ("3.1 Live: `v0.3.1` at commit `…`,\nAPI `api.v2`."): more of that value, at its own line.
    if (
      out.length === before &&
      previous &&
      previous.line === firstLine + index - 1 &&
      !/[.!?;]\s|[.!?;]$/.test(previous.value)
    )
      out.push({ label: previous.label, value: raw.trim(), line: firstLine + index, continued: true });
  });
  return out;

  function readLine(raw: string, index: number): void {
    const line = raw
      .replace(/\\$/, '')
      .replace(/\*\*|__/g, '')
      .trim();
    // A definition line (`Live commit` then `: \`939825f…\``, as Pandoc and PHP Markdown Extra write a
    // definition list): the term is the label, the statement is at the value's line.
    const term = index > 0 ? (rows[index - 1] ?? '').replace(/\*\*|__/g, '').trim() : '';
    if (/^:\s/.test(line) && term && !/:\s/.test(term) && term.split(/\s+/).length <= 8) {
      out.push({ label: term, value: line.slice(1).trim(), line: firstLine + index });
      return;
    }
    let inCode = false;
    for (let position = 0; position < line.length; position++) {
      const char = line[position];
      if (char === '`') inCode = !inCode;
      else if (!inCode && char === ':' && (line[position + 1] === ' ' || line[position + 1] === '\t')) {
        const label = line.slice(0, position).trim();
        const value = line.slice(position + 1).trim();
        if (label && value && label.split(/\s+/).length <= 8) out.push({ label, value, line: firstLine + index });
        return;
      }
    }
  }
}

interface LabelledLine {
  label: string;
  value: string;
  line: number;
  /** The line goes on with the previous line's value: it adds values of the pin, nothing else. */
  continued?: boolean | undefined;
}

/** Folds a list item for comparison. */
export function foldItem(text: string, concept?: ListConcept): string {
  // Commands are compared as written (`-D warnings` is not `-d warnings`), spacing aside.
  if (concept && commandConcepts.has(concept)) return text.replace(/\s+/g, ' ').trim();
  return foldSentence(inlineText(text));
}
