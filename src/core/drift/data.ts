import { historyHeadingPattern, labelWords, listConceptOf, type ListConcept } from '../conventions.ts';
import { factsOfLabelled } from './labelled.ts';
import { gateIdPattern, gateKeyOf, type GateAlias } from './gates.ts';
import { listFact, type FactStatement, type ListItemValue } from './statement.ts';

/**
 * Reads a producer's data (JSON: a handoff payload in camelCase, a release handoff in snake_case, a manifest;
 * YAML files and Markdown front matter alike) into fact statements: keys at any depth are labels (`releaseTag`
 * and `release_tag` read alike), arrays under a key naming a fact list are that list, and objects in
 * `tasks`/`gates` arrays state statuses. `json.ts` and `yaml.ts` parse into the neutral tree below, so both
 * formats are read by this one walker.
 */

/** A 1-based line and column of the producer's file. */
export interface DataPlace {
  line: number;
  column: number;
}

/** JSON or YAML as a tree with places: only what the walker needs (numbers, booleans and nulls state nothing here). */
export type DataNode =
  | { type: 'object'; members: { key: string; value: DataNode }[]; loc: DataPlace }
  | { type: 'array'; elements: DataNode[]; loc: DataPlace }
  | { type: 'string'; value: string; loc: DataPlace }
  | { type: 'other'; loc: DataPlace };

export interface DataExtraction {
  statements: FactStatement[];
  /** `YYYY-MM-DD` the file is dated by (a top-level `sourceDate`, `updated`, `last_reviewed`, `date` ...). */
  date?: string | undefined;
  /** The file did not parse: it states nothing we can trust (reported, not treated as empty). */
  error?: { line: number; column: number; reason: string } | undefined;
  /** Gates stated with both a short id and a name (`"G3": { "name": "Envelope assertions pass" }`). */
  gateAliases?: GateAlias[] | undefined;
}

export interface DataOptions {
  /** The file is a machine-readable source: its statements are the reference. */
  reference: boolean;
  /** The data is the front matter of an RFC: a top-level `status` is the RFC's status. */
  rfc?: boolean | undefined;
}

const dateKey =
  /^(source date|updated|last updated|last reviewed|reviewed|date|as of|generated at|published at|released at|release date|recorded at|decided at)$/;
const itemTextKeys = ['title', 'text', 'description', 'command', 'name', 'summary', 'trigger', 'action'];
const groupKeys = ['owner', 'side', 'party', 'group', 'team'];

/** A date key's `YYYY-MM-DD` among the top-level members of the data. */
function dateOf(root: DataNode): string | undefined {
  let date: string | undefined;
  if (root.type === 'object')
    for (const member of root.members) {
      if (member.value.type !== 'string') continue;
      const match = /^\d{4}-\d{2}-\d{2}/.exec(member.value.value);
      if (match && dateKey.test(labelWords(member.key))) date = match[0];
    }
  return date;
}

export function extractData(file: string, root: DataNode, options: DataOptions): DataExtraction {
  const statements: FactStatement[] = [];
  const gateAliases: GateAlias[] = [];
  const date = dateOf(root);
  const reference = options.reference;
  const push = (fact: Omit<FactStatement, 'place' | 'date' | 'reference'>, node: DataNode, history?: string) =>
    statements.push({
      ...fact,
      place: { file, line: node.loc.line, column: node.loc.column },
      date,
      reference: reference || undefined,
      history,
    });

  /**
   * `keys`: the object keys from the root down to `node` (array indexes left out), nearest last. `inArray`: the
   * node is inside an array's element, a record of a list (releases, checkpoints): a pin field there states the
   * live pin only when a key says so, never by default.
   */
  const walk = (node: DataNode, keys: string[], item: { task?: string; gate?: string }, inArray: boolean) => {
    const key = keys.at(-1) ?? '';
    if (node.type === 'object') {
      // A gate in a map keyed by its id (`"gates": { "G3": { "status": … } }`) is that gate.
      const keyedGate = /\bgates?\b/.test(labelWords(keys.at(-2) ?? '')) && gateIdPattern.test(key);
      const asItem = keyedGate ? { gate: key.toLowerCase() } : itemOf(node, keys);
      // A gate object stating its id and its name: the name is another way to say the id.
      const named = node.members.find((member) => /^(name|title)$/.test(member.key) && member.value.type === 'string');
      if (asItem.gate && named?.value.type === 'string' && gateIdPattern.test(asItem.gate.toUpperCase()))
        gateAliases.push({ name: gateKeyOf(named.value.value), key: asItem.gate });
      for (const member of node.members) walk(member.value, [...keys, member.key], { ...item, ...asItem }, inArray);
      const concept = conceptOfKeys(keys);
      if (concept && groupedObject(node)) {
        const items = node.members.flatMap((member) =>
          member.value.type === 'array' ? stringsOf(member.value).map((text) => ({ group: member.key, text })) : [],
        );
        if (items.length) push({ ...listFact(concept), value: '', shown: '', items }, node, historyOfKeys(keys));
      }
      return;
    }
    if (node.type === 'array') {
      // An array inside a grouped list (`evidenceChecklist.producer`) is one group of its parent's list.
      const concept = conceptOfKeys(keys.slice(0, -1)) ? undefined : conceptOfKeys(keys);
      const elements = node.elements;
      if (concept) {
        const items = elements.flatMap((element) => itemsOf(element));
        if (items.length) push({ ...listFact(concept), value: '', shown: '', items }, node, historyOfKeys(keys));
      } else if (/\bprerequisites\b/.test(labelWords(key))) {
        // One array of both sides' prerequisites, each naming its owner: two fact lists.
        for (const side of ['producer', 'consumer'] as const) {
          const items = elements.flatMap((element) => itemsOf(element)).filter((entry) => entry.group === side);
          if (items.length)
            push(
              { ...listFact(`${side}Prerequisites`), value: '', shown: '', items: items.map(({ text }) => ({ text })) },
              node,
              historyOfKeys(keys),
            );
        }
      }
      elements.forEach((element) => walk(element, keys, item, true));
      return;
    }
    if (node.type === 'string' && keys.length) {
      const around = keys.slice(0, -1).reverse().map(labelWords);
      const context = {
        around,
        task: item.task,
        gate: item.gate,
        rfcHeader: around[0] === 'rfc' || (options.rfc === true && keys.length === 1),
        ownerRequired: inArray,
      };
      for (const fact of factsOfLabelled(key, node.value, context)) push(fact, node, historyOfKeys(keys.slice(0, -1)));
    }
  };
  walk(root, [], {}, false);
  return { statements, date, gateAliases };
}

/** A key above a value that names history (`changelog`, `history`, `previous`): the value records the past. */
function historyOfKeys(keys: readonly string[]): string | undefined {
  const key = keys.find((candidate) => historyHeadingPattern.test(labelWords(candidate)));
  return key === undefined ? undefined : `under the history key \`${key}\``;
}

/** A task or gate object in a `tasks` / `gates` array: its `status` belongs to it. */
function itemOf(node: DataNode & { type: 'object' }, keys: string[]): { task?: string; gate?: string } {
  const container = labelWords(keys.at(-1) ?? '');
  const field = (name: string) => {
    const member = node.members.find((entry) => entry.key === name);
    return member?.value.type === 'string' ? member.value.value : undefined;
  };
  if (/\btasks?\b/.test(container)) {
    const id = field('id') ?? field('task') ?? field('task_id') ?? field('taskId');
    return id ? { task: id } : {};
  }
  if (/\bgates?\b/.test(container)) {
    // A short id (`G3`) is how the gate is known; else its name.
    const id = field('id');
    const name = id && gateIdPattern.test(id) ? id : (field('title') ?? field('name') ?? id);
    return name ? { gate: gateKeyOf(name) } : {};
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
function groupedObject(node: DataNode & { type: 'object' }): boolean {
  return node.members.length > 0 && node.members.every((member) => member.value.type === 'array');
}

function stringsOf(node: DataNode & { type: 'array' }): string[] {
  return node.elements.flatMap((element) => itemsOf(element).map((item) => item.text));
}

function itemsOf(node: DataNode): ListItemValue[] {
  if (node.type === 'string') return node.value.trim() ? [{ text: node.value }] : [];
  if (node.type !== 'object') return [];
  const value = (names: readonly string[]) => {
    for (const name of names) {
      const member = node.members.find((entry) => labelWords(entry.key) === name);
      if (member?.value.type === 'string') return member.value.value;
    }
    return undefined;
  };
  const text = value(itemTextKeys);
  return text ? [{ group: value(groupKeys), text }] : [];
}
