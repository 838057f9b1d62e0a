import type { DocumentEntry, MigrationBundle } from '../corpus.ts';
import type { Span } from '../diagnostic.ts';
import { referencePattern } from '../ids.ts';
import { nodesOfType } from '../mdast-index.ts';
import { foldSentence, leafListItems } from '../prose.ts';
import { defineRule, type Report } from '../rule.ts';
import { sentencesOf } from '../sentences.ts';

/** A list the data declares ordered, with what prose may call its items. */
interface OrderedList {
  /** The frontmatter key, e.g. `rollbackActions`. */
  key: string;
  /** How messages name it, e.g. `rollback actions`. */
  name: string;
  /** The reference kind of its items, e.g. `action`. */
  kind: string;
  items: readonly { id: string; title: string; owner?: string; run?: string }[];
  entry: DocumentEntry;
}

const shellLanguages = new Set(['bash', 'sh', 'shell', 'console', 'zsh']);

export const listOrderRule = defineRule(
  {
    id: 'list-order',
    description:
      'A list the data declares ordered (rollback actions and commands by default) is restated in that order wherever it is restated.',
    docs: {
      checks: [
        "A document's `ordered` field names the lists whose order is part of the fact: in the gates document any of `gates`, `prerequisites`, `rollbackTriggers`, `rollbackActions`, `evidenceChecklist` (default `[rollbackActions]`), in the plan any of `commands`, `exitCriteria`, `deliverables` (default `[commands]`). `ordered: []` makes every list a set. Lists not named are compared as sets, by `lists-agree` and `commands-agree`.",
        'A restatement of an ordered list is compared item by item with the data: a Markdown list whose every item names one item of the list (by its reference, `action:consumer-repin`, or its exact title), a sentence that names the items by reference (“`command:cargo-fmt-check`, `command:cargo-clippy` … and `command:run-trilogy-compliance-suite`”), or, for commands, the lines of a shell code block. It is a restatement when it names every item of the list, or every item of one side (`owner`), each once; the data order is then filtered to those items. The report shows the first position that differs. A restatement that misses or adds items is not compared here (the set rules report it).',
      ].join('\n\n'),
      fix: 'Restate the items in the order of the data, or change the order in the data if the order really changed (or remove the list from `ordered` if its order does not matter).',
      examples: [
        {
          title: 'Rollback actions restated in another order',
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '2. `action:publish-rollback-advisory` (producer): publish a rollback advisory.\n3. `action:reopen-overlap-window` (joint): reopen the overlap window until the issue is fixed and verified again.\n',
          notOk:
            '2. `action:reopen-overlap-window` (joint): reopen the overlap window until the issue is fixed and verified again.\n3. `action:publish-rollback-advisory` (producer): publish a rollback advisory.\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:227:1 Unexpected order of rollback actions: position 2 is `reopen-overlap-window`, expected `publish-rollback-advisory`, as content/migrations/service-v3/gates.mdx orders them',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const lists = orderedLists(bundle);
      if (!lists.length) continue;
      for (const document of bundle.documents) {
        checkMarkdownLists(document, lists, report);
        checkSentences(document, lists, report);
        const commands = lists.find((list) => list.key === 'commands');
        if (commands) checkShellBlocks(document, commands, report);
      }
    }
  },
);

function orderedLists(bundle: MigrationBundle): OrderedList[] {
  const out: OrderedList[] = [];
  const { gates, plan } = bundle;
  if (gates) {
    const names = {
      gates: ['gates', 'gate'],
      prerequisites: ['prerequisites', 'prereq'],
      rollbackTriggers: ['rollback triggers', 'trigger'],
      rollbackActions: ['rollback actions', 'action'],
      evidenceChecklist: ['evidence checklist', 'evidence'],
    } as const;
    for (const key of gates.data.ordered ?? ['rollbackActions']) {
      const [name, kind] = names[key];
      out.push({ key, name, kind, items: gates.data[key], entry: gates });
    }
  }
  if (plan) {
    const names = {
      commands: ['commands', 'command'],
      exitCriteria: ['exit criteria', 'exit'],
      deliverables: ['deliverables', 'deliverable'],
    } as const;
    for (const key of plan.data.ordered ?? ['commands']) {
      const [name, kind] = names[key];
      const items =
        key === 'commands'
          ? plan.data.commands.map((command) => ({ ...command, title: command.purpose }))
          : plan.data[key];
      out.push({ key, name, kind, items, entry: plan });
    }
  }
  return out;
}

/**
 * The expected order for a stated sequence: the data order of the whole list, or of one side's items,
 * when the sequence names exactly those items once each. Undefined when it is not a full restatement.
 */
function expectedOrder(list: OrderedList, stated: readonly string[]): { ids: string[]; side?: string } | undefined {
  if (stated.length < 2 || new Set(stated).size !== stated.length) return undefined;
  const named = new Set(stated);
  const same = (ids: string[]) => ids.length === named.size && ids.every((id) => named.has(id));
  const all = list.items.map((item) => item.id);
  if (same(all)) return { ids: all };
  for (const side of new Set(list.items.map((item) => item.owner).filter((owner): owner is string => Boolean(owner)))) {
    const ids = list.items.filter((item) => item.owner === side).map((item) => item.id);
    if (same(ids)) return { ids, side };
  }
  return undefined;
}

function compare(
  report: Report,
  document: DocumentEntry,
  list: OrderedList,
  stated: readonly { id: string; place: Span }[],
): void {
  const expected = expectedOrder(
    list,
    stated.map((item) => item.id),
  );
  if (!expected) return;
  const position = stated.findIndex((item, index) => item.id !== expected.ids[index]);
  const differing = stated[position];
  if (!differing) return;
  const what = expected.side ? `${expected.side} ${list.name}` : list.name;
  report({
    file: document.file,
    place: differing.place,
    reason: `Unexpected order of ${what}: position ${position + 1} is \`${differing.id}\`, expected \`${expected.ids[position]}\`, as ${list.entry.file} orders them`,
    actual: stated.map((item) => item.id).join(', '),
    expected: expected.ids,
    hint: `Restate the ${what} in the order of the data (${expected.ids.map((id) => `\`${id}\``).join(', ')}); if the order really changed, change it in ${list.entry.file}, or remove \`${list.key}\` from \`ordered\` if the order does not matter.`,
    related: {
      file: list.entry.file,
      place: list.entry.locate([list.key]),
      reason: `The ${list.name} are declared here, in order`,
    },
  });
}

/** How prose may name each item of a list: by reference id or by folded title. */
function namesOf(list: OrderedList): { ids: Set<string>; byTitle: Map<string, string> } {
  let names = nameCache.get(list.items);
  if (!names) {
    names = {
      ids: new Set(list.items.map((item) => item.id)),
      byTitle: new Map(list.items.map((item) => [foldSentence(item.title), item.id])),
    };
    nameCache.set(list.items, names);
  }
  return names;
}
const nameCache = new WeakMap<object, { ids: Set<string>; byTitle: Map<string, string> }>();

function checkMarkdownLists(document: DocumentEntry, lists: readonly OrderedList[], report: Report): void {
  const found = leafListItems(
    document.body.children.flatMap(function all(node): (typeof node)[] {
      // Lists anywhere in the body, not only at the top level (a list inside a block quote is a list too).
      return node.type === 'list' ? [node] : 'children' in node ? (node.children as (typeof node)[]).flatMap(all) : [];
    }),
  );
  for (const { items } of found) {
    if (items.length < 2) continue;
    for (const list of lists) {
      const { ids, byTitle } = namesOf(list);
      const stated: { id: string; place: Span }[] = [];
      for (const entry of items) {
        const reference = entry.codes
          .map((code) => referencePattern.exec(code))
          .find((match) => match?.[1] === list.kind && ids.has(match[2] ?? ''));
        const id = reference?.[2] ?? byTitle.get(foldSentence(entry.text));
        if (!id) break;
        stated.push({ id, place: { start: entry.place.start } });
      }
      if (stated.length === items.length) compare(report, document, list, stated);
    }
  }
}

function checkSentences(document: DocumentEntry, lists: readonly OrderedList[], report: Report): void {
  for (const sentence of sentencesOf(document)) {
    if (sentence.codes.length < 3) continue;
    const references = sentence.codes.flatMap((code) => {
      const match = referencePattern.exec(code.value);
      return match ? [{ kind: match[1], id: match[2] ?? '', offset: code.offset }] : [];
    });
    for (const list of lists) {
      const { ids } = namesOf(list);
      const stated = references
        .filter((reference) => reference.kind === list.kind && ids.has(reference.id))
        .map((reference) => ({ id: reference.id, place: { start: document.lines.point(reference.offset) } }));
      // A sentence naming two items is a comparison, not the list; three or more in a row restate it.
      if (stated.length >= 3) compare(report, document, list, stated);
    }
  }
}

function checkShellBlocks(document: DocumentEntry, commands: OrderedList, report: Report): void {
  const byRun = new Map(commands.items.map((item) => [item.run, item.id]));
  for (const node of nodesOfType(document.body, 'code')) {
    if (node.lang && !shellLanguages.has(node.lang)) continue;
    const firstLine = (node.position?.start.line ?? 0) + 1;
    const stated = node.value.split('\n').flatMap((line, index) => {
      const id = byRun.get(line.replace(/^\$\s+/, '').trim());
      return id ? [{ id, place: { start: { line: firstLine + index, column: 1 } } }] : [];
    });
    for (const side of new Set(commands.items.map((item) => item.owner))) {
      const own = stated.filter((item) => commands.items.find((command) => command.id === item.id)?.owner === side);
      compare(report, document, commands, own);
    }
  }
}
