import { parse as parseMomoa, type AnyNode } from '@humanwhocodes/momoa';
import { labelWords, listConceptOf, type ListConcept } from '../conventions.ts';
import { factsOfLabelled } from './labelled.ts';
import { listFact, slugOf, type FactStatement, type ListItemValue } from './statement.ts';

/**
 * Reads a producer's JSON (a handoff payload in camelCase, a release handoff in snake_case, a manifest)
 * into fact statements: keys at any depth are labels (`releaseTag` and `release_tag` read alike), arrays
 * under a key naming a fact list are that list, and objects in `tasks`/`gates` arrays state statuses.
 */

export interface JsonExtraction {
  statements: FactStatement[];
  /** `YYYY-MM-DD` the file is dated by (a top-level `sourceDate`, `updated`, `date` ...). */
  date?: string | undefined;
  /** The file did not parse: it states nothing we can trust (reported, not treated as empty). */
  error?: { line: number; column: number; reason: string } | undefined;
}

const dateKey =
  /^(source date|updated|last updated|date|as of|generated at|published at|released at|release date|recorded at|decided at)$/;
const itemTextKeys = ['title', 'text', 'description', 'command', 'name', 'summary', 'trigger', 'action'];
const groupKeys = ['owner', 'side', 'party', 'group', 'team'];

export function extractJson(file: string, text: string, reference: boolean): JsonExtraction {
  let root: AnyNode;
  try {
    root = parseMomoa(text, { mode: 'json', ranges: false }).body;
  } catch (error) {
    const { line = 1, column = 1, message } = error as { line?: number; column?: number; message: string };
    return { statements: [], error: { line, column, reason: message } };
  }
  const statements: FactStatement[] = [];
  let date: string | undefined;
  if (root.type === 'Object')
    for (const member of root.members) {
      if (member.name.type !== 'String' || member.value.type !== 'String') continue;
      const match = /^\d{4}-\d{2}-\d{2}/.exec(member.value.value);
      if (match && dateKey.test(labelWords(member.name.value))) date = match[0];
    }
  const place = (node: AnyNode) => ({ file, line: node.loc.start.line, column: node.loc.start.column });
  const push = (fact: Omit<FactStatement, 'place' | 'date' | 'reference'>, node: AnyNode) =>
    statements.push({ ...fact, place: place(node), date, reference: reference || undefined });

  /** `keys`: the object keys from the root down to `node` (array indexes left out), nearest last. */
  const walk = (node: AnyNode, keys: string[], item: { task?: string; gate?: string }) => {
    const key = keys.at(-1) ?? '';
    if (node.type === 'Object') {
      const asItem = itemOf(node, keys);
      for (const member of node.members) {
        if (member.name.type !== 'String') continue;
        walk(member.value, [...keys, member.name.value], { ...item, ...asItem });
      }
      const concept = conceptOfKeys(keys);
      if (concept && groupedObject(node)) {
        const items = node.members.flatMap((member) =>
          member.name.type === 'String' && member.value.type === 'Array'
            ? stringsOf(member.value).map((text) => ({ group: (member.name as { value: string }).value, text }))
            : [],
        );
        if (items.length) push({ ...listFact(concept), value: '', shown: '', items }, node);
      }
      return;
    }
    if (node.type === 'Array') {
      // An array inside a grouped list (`evidenceChecklist.producer`) is one group of its parent's list.
      const concept = conceptOfKeys(keys.slice(0, -1)) ? undefined : conceptOfKeys(keys);
      const elements = node.elements.map((element) => element.value);
      if (concept) {
        const items = elements.flatMap((element) => itemsOf(element));
        if (items.length) push({ ...listFact(concept), value: '', shown: '', items }, node);
      } else if (/\bprerequisites\b/.test(labelWords(key))) {
        // One array of both sides' prerequisites, each naming its owner: two fact lists.
        for (const side of ['producer', 'consumer'] as const) {
          const items = elements.flatMap((element) => itemsOf(element)).filter((entry) => entry.group === side);
          if (items.length)
            push(
              { ...listFact(`${side}Prerequisites`), value: '', shown: '', items: items.map(({ text }) => ({ text })) },
              node,
            );
        }
      }
      elements.forEach((element) => walk(element, keys, item));
      return;
    }
    if (node.type === 'String' && keys.length) {
      const around = keys.slice(0, -1).reverse().map(labelWords);
      const context = { around, task: item.task, gate: item.gate, rfcHeader: around[0] === 'rfc' };
      for (const fact of factsOfLabelled(key, node.value, context)) push(fact, node);
    }
  };
  walk(root, [], {});
  return { statements, date };
}

/** A task or gate object in a `tasks` / `gates` array: its `status` belongs to it. */
function itemOf(node: AnyNode & { type: 'Object' }, keys: string[]): { task?: string; gate?: string } {
  const container = labelWords(keys.at(-1) ?? '');
  const field = (name: string) => {
    const member = node.members.find((entry) => entry.name.type === 'String' && entry.name.value === name);
    return member?.value.type === 'String' ? member.value.value : undefined;
  };
  if (/\btasks?\b/.test(container)) {
    const id = field('id') ?? field('task') ?? field('task_id') ?? field('taskId');
    return id ? { task: id } : {};
  }
  if (/\bgates?\b/.test(container)) {
    const name = field('title') ?? field('name') ?? field('id');
    return name ? { gate: slugOf(name) } : {};
  }
  return {};
}

/** The fact list named by the last two keys (`rollback.triggers`, `requiredChecks.producer`, `evidence_checklist`). */
function conceptOfKeys(keys: string[]): ListConcept | undefined {
  const last = keys.at(-1);
  if (!last) return undefined;
  return listConceptOf(keys.slice(-2).join(' ')) ?? listConceptOf(last);
}

/** An object whose every member is an array of items: a grouped list such as `{ producer: [...], consumer: [...] }`. */
function groupedObject(node: AnyNode & { type: 'Object' }): boolean {
  return node.members.length > 0 && node.members.every((member) => member.value.type === 'Array');
}

function stringsOf(node: AnyNode & { type: 'Array' }): string[] {
  return node.elements.flatMap((element) => itemsOf(element.value).map((item) => item.text));
}

function itemsOf(node: AnyNode): ListItemValue[] {
  if (node.type === 'String') return node.value.trim() ? [{ text: node.value }] : [];
  if (node.type !== 'Object') return [];
  const value = (names: readonly string[]) => {
    for (const name of names) {
      const member = node.members.find(
        (entry) => entry.name.type === 'String' && labelWords(entry.name.value) === name,
      );
      if (member?.value.type === 'String') return member.value.value;
    }
    return undefined;
  };
  const text = value(itemTextKeys);
  return text ? [{ group: value(groupKeys), text }] : [];
}
