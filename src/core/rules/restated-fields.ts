import { parseTaskHeading, statusStates } from '../conventions.ts';
import type { List, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DocumentEntry, Entry, MigrationBundle } from '../corpus.ts';
import type { Span } from '../diagnostic.ts';
import { referencePattern, type ReferenceKind } from '../ids.ts';
import { nodesOfType } from '../mdast-index.ts';
import { foldSentence, inlineCodes, ownNodes, sectionsOf, spanOf } from '../prose.ts';
import { plural } from '../text/plural.ts';
import { defineRule, type Report } from '../rule.ts';

/** The fields of an item that prose restates, as the data holds them. */
interface ItemFacts {
  file: string;
  /** Where the item's `field` is defined in `file`: a restatement's `see:` points there. */
  locate: (field: string) => Span;
  title: string;
  status?: string;
  owner?: string;
  definitionOfDone?: readonly string[];
}

type Field = 'title' | 'status' | 'owner';
const fields: readonly Field[] = ['title', 'status', 'owner'];

export const restatedFieldsRule = defineRule(
  {
    id: 'restated-fields',
    description: 'Statuses, owners and titles restated in prose tables and task sections equal the data.',
    docs: {
      checks:
        'A table row that names exactly one item by reference (`gate:producer-suite-green`, `task:P4` ...) restates that item: its `Status`, `Owner` and `Title` columns must equal the data. A task section in the producer convention (`### Task P4: Joint rehearsal entry handshake` followed by `- Status:`, `- Owner:` and `- Definition of done:` bullets) must name an existing task, its exact title, status and owner, and the same definition of done (order ignored). Owners may be written as the role (`producer`) or as the team named in migration.yaml.',
      fix: 'Update the prose to the current data (usually a status that changed in frontmatter), or change the data if the prose is right.',
      examples: [
        {
          title: "A task's status changed in the data but not in the prose",
          file: 'content/migrations/service-v3/tracker.mdx',
          ok: '    title: Joint rehearsal entry handshake\n    status: ready\n',
          notOk: '    title: Joint rehearsal entry handshake\n    status: in-progress\n',
          reports: [
            'content/migrations/service-v3/tracker.mdx:65:57 Unexpected status `ready` for task `P4`, expected `in-progress` as in content/migrations/service-v3/tracker.mdx',
            'content/migrations/service-v3/tracker.mdx:120:1 Unexpected status `ready` for task `P4`, expected `in-progress` as in content/migrations/service-v3/tracker.mdx',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const items = itemFacts(bundle);
      const owners = ownerNames(bundle);
      for (const document of bundle.documents) {
        checkTables(document, items, owners, report);
        checkTaskSections(document, items, owners, report);
      }
    }
  },
);

function itemFacts(bundle: MigrationBundle): Map<string, ItemFacts> {
  const facts = new Map<string, ItemFacts>();
  const add = (
    kind: ReferenceKind,
    entry: Entry | undefined,
    key: string,
    list: readonly (Omit<ItemFacts, 'file' | 'locate'> & { id: string })[] | undefined,
  ) => {
    if (!entry) return;
    const file = entry.file;
    for (const [index, { id, title, status, owner, definitionOfDone }] of (list ?? []).entries()) {
      facts.set(`${kind}:${id}`, {
        file,
        locate: (field) => entry.locate([key, index, field]),
        title,
        ...(status === undefined ? {} : { status }),
        ...(owner === undefined ? {} : { owner }),
        ...(definitionOfDone === undefined ? {} : { definitionOfDone }),
      });
    }
  };
  const { plan, tracker, rfc, gates } = bundle;
  add('gate', gates, 'gates', gates?.data.gates);
  add('prereq', gates, 'prerequisites', gates?.data.prerequisites);
  add('trigger', gates, 'rollbackTriggers', gates?.data.rollbackTriggers);
  add('action', gates, 'rollbackActions', gates?.data.rollbackActions);
  add('evidence', gates, 'evidenceChecklist', gates?.data.evidenceChecklist);
  add('task', tracker, 'tasks', tracker?.data.tasks);
  add('exit', plan, 'exitCriteria', plan?.data.exitCriteria);
  add('deliverable', plan, 'deliverables', plan?.data.deliverables);
  add('stage', rfc, 'stages', rfc?.data.stages);
  add('principle', rfc, 'nonNegotiables', rfc?.data.nonNegotiables);
  return facts;
}

/** Accepted spellings of each owner role: the role itself and the team the migration names for it. */
function ownerNames(bundle: MigrationBundle): Map<string, string> {
  const names = new Map<string, string>([
    ['producer', 'producer'],
    ['consumer', 'consumer'],
    ['joint', 'joint'],
  ]);
  const meta = bundle.meta?.data;
  if (meta) {
    names.set(meta.producer.toLowerCase(), 'producer');
    names.set(meta.consumer.toLowerCase(), 'consumer');
  }
  return names;
}

function same(field: Field, stated: string, actual: string, owners: Map<string, string>): boolean {
  const folded = foldSentence(stated);
  // Status words map both ways: a producer's `Completed` states the data's `done`.
  if (
    field === 'status' &&
    (['task', 'gate', 'stage', 'document'] as const).some((kind) => statusStates(kind, stated, actual))
  )
    return true;
  if (field === 'owner') return (owners.get(folded) ?? folded) === actual;
  return folded === foldSentence(actual);
}

function checkTables(
  document: DocumentEntry,
  items: Map<string, ItemFacts>,
  owners: Map<string, string>,
  report: Report,
): void {
  for (const table of nodesOfType(document.body, 'table') as readonly Table[]) {
    const [header, ...rows] = table.children;
    if (!header) continue;
    const columns = header.children.map((cell) => foldSentence(toString(cell)));
    for (const row of rows) {
      const references = row.children.flatMap((cell) =>
        inlineCodes(cell).filter((code) => referencePattern.test(code)),
      );
      if (references.length !== 1) continue;
      const key = references[0] ?? '';
      const item = items.get(key);
      if (!item) continue;
      row.children.forEach((cell, index) => {
        const field = fields.find((name) => name === columns[index]);
        const actual = field ? item[field] : undefined;
        if (!field || actual === undefined) return;
        const stated = toString(cell);
        // A title column that holds the reference itself restates nothing.
        if (!stated.trim() || (field === 'title' && stated.trim() === key)) return;
        if (same(field, stated, actual, owners)) return;
        reportField(report, document, spanOf(cell.children[0] ?? cell), key, field, stated, actual, item);
      });
    }
  }
}

const labelled = /^(Status|Owner|Definition of done)\s*:\s*(.*)$/i;

function checkTaskSections(
  document: DocumentEntry,
  items: Map<string, ItemFacts>,
  owners: Map<string, string>,
  report: Report,
): void {
  for (const section of sectionsOf(document.body)) {
    const task = parseTaskHeading(section.heading);
    if (!task) continue;
    const heading = [section.heading, task.id, task.title] as const;
    const key = `task:${task.id}`;
    const item = items.get(key);
    if (!item) {
      report({
        file: document.file,
        place: section.place,
        reason: `Unexpected task section \`${heading[1]}\`, expected a task defined in the tracker`,
        actual: heading[1],
        expected: [...items.keys()].filter((id) => id.startsWith('task:')).map((id) => id.slice(5)),
        hint: 'Use the id of an existing task in the heading, or add the task to the tracker frontmatter.',
      });
      continue;
    }
    const title = heading[2] ?? '';
    if (!same('title', title, item.title, owners)) {
      reportField(report, document, section.place, key, 'title', title, item.title, item);
    }
    const list = ownNodes(section).find((node): node is List => node.type === 'list');
    for (const entry of list?.children ?? []) {
      const [first] = entry.children;
      const match = labelled.exec(first ? toString(first).trim() : '');
      if (!match) continue;
      const label = (match[1] ?? '').toLowerCase();
      const value = match[2] ?? '';
      if (label === 'status' || label === 'owner') {
        const actual = item[label];
        if (actual !== undefined && !same(label, value, actual, owners)) {
          reportField(report, document, spanOf(entry), key, label, value, actual, item);
        }
      } else if (item.definitionOfDone) {
        const nested = entry.children.find((child): child is List => child.type === 'list');
        const stated = (nested?.children ?? []).map((child) => foldSentence(toString(child)));
        const expected = item.definitionOfDone.map(foldSentence);
        const missing = item.definitionOfDone.filter((text) => !stated.includes(foldSentence(text)));
        const unexpected = (nested?.children ?? [])
          .map((child) => toString(child).trim())
          .filter((text) => !expected.includes(foldSentence(text)));
        if (!missing.length && !unexpected.length) continue;
        const parts = [
          ...(missing.length ? [`missing ${missing.map((text) => `“${text}”`).join(', ')}`] : []),
          ...(unexpected.length ? [`unexpected ${unexpected.map((text) => `“${text}”`).join(', ')}`] : []),
        ];
        report({
          file: document.file,
          place: spanOf(entry),
          reason: `Unexpected definition of done for task \`${key.slice(5)}\`: ${parts.join('; ')}, expected the ${plural(expected.length, 'item')} in ${item.file}`,
          expected: [...item.definitionOfDone],
          hint: 'Restate the definition of done exactly as the tracker frontmatter has it, or update the frontmatter.',
          related: {
            file: item.file,
            place: item.locate('definitionOfDone'),
            reason: 'The definition of done is defined here',
          },
        });
      }
    }
  }
}

function reportField(
  report: Report,
  document: DocumentEntry,
  place: ReturnType<typeof spanOf>,
  key: string,
  field: Field,
  stated: string,
  actual: string,
  item: ItemFacts,
): void {
  const [kind, id] = key.split(':');
  report({
    file: document.file,
    place,
    reason: `Unexpected ${field} \`${stated.trim()}\` for ${kind} \`${id}\`, expected \`${actual}\` as in ${item.file}`,
    actual: stated.trim(),
    expected: [actual],
    hint: `Restate the ${field} as the data has it; when the ${field} changed, the prose has to change with it.`,
    related: { file: item.file, place: item.locate(field), reason: `The ${kind}'s ${field} is defined here` },
  });
}
