import { listConcepts, type ListConcept } from '../conventions.ts';
import { where } from './analyse.ts';
import { foldItem, type LooseBlock } from './markdown.ts';
import { listFact, type FactStatement } from './statement.ts';

/**
 * Finds restatements by their content. A producer does not always put a restated list under a heading we
 * recognise: the verification commands reappear as step 3 of a runbook, the rollback triggers under "When to
 * roll back". A loose block (a shell block or a list under no list heading) is matched against the named fact
 * lists, and loose blocks that match no named list are matched with each other.
 *
 * The test is deliberately strict, because two lists that merely share items are not one list: they must
 * share at least two items and half of the larger one, and every item one has and the other lacks must pair
 * with an item the other has as an edit of it (same words but for a number, a flag, a word or two). A block
 * that is a small subset of a named list is an excerpt ("first run the linters"), not a restatement.
 */

/** Share of words two items must have in common (Dice coefficient) for one to be an edit of the other. */
export const editSimilarity = 0.6;
/** A subset of a named list restates it when it has at least this share of the list's items. */
export const restatementShare = 2 / 3;
const minimumShared = 2;

const commandConcepts: readonly ListConcept[] = ['producerCommands', 'consumerCommands'];

function fold(kind: LooseBlock['kind'], text: string): string {
  return kind === 'commands' ? foldItem(text, 'producerCommands') : foldItem(text);
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Dice coefficient of two items' words (as multisets). */
export function wordSimilarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.length < 2 || right.length < 2) return 0;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(word, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** Whether every item only one side has pairs, one to one, with an item only the other side has, as an edit. */
function differencesAreEdits(only: readonly string[], otherOnly: readonly string[]): boolean {
  if (only.length !== otherOnly.length) return false;
  const unmatched = [...otherOnly];
  for (const item of only) {
    let best = -1;
    let bestScore = editSimilarity;
    unmatched.forEach((candidate, index) => {
      const score = wordSimilarity(item, candidate);
      if (score >= bestScore) {
        best = index;
        bestScore = score;
      }
    });
    if (best === -1) return false;
    unmatched.splice(best, 1);
  }
  return true;
}

interface Compared {
  shared: number;
  only: string[];
  otherOnly: string[];
}

function compare(items: ReadonlySet<string>, other: ReadonlySet<string>): Compared {
  return {
    shared: [...items].filter((item) => other.has(item)).length,
    only: [...items].filter((item) => !other.has(item)),
    otherOnly: [...other].filter((item) => !items.has(item)),
  };
}

/**
 * A loose block restates a named list: an edited copy of it, or a subset holding most of it. Also the
 * `commands-agree` rule's test of whether a shell block restates the declared command list (one definition).
 */
export function restatesNamed(block: ReadonlySet<string>, named: ReadonlySet<string>): boolean {
  const { shared, only, otherOnly } = compare(block, named);
  if (shared < minimumShared) return false;
  if (!only.length) return block.size >= Math.ceil(restatementShare * named.size);
  // Every item of the named list and a few more: a restatement that adds (a fourth trigger nobody copied back).
  if (!otherOnly.length) return shared >= Math.ceil(restatementShare * block.size);
  return shared >= Math.ceil(Math.max(block.size, named.size) / 2) && differencesAreEdits(only, otherOnly);
}

const sides = ['producer', 'consumer'] as const;

/** The side a heading names (`Producer sign-off`), if exactly one. */
function sideOf(heading: string | undefined): string | undefined {
  const named = sides.filter((side) => new RegExp(`\\b${side}\\b`, 'i').test(heading ?? ''));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * Two loose blocks are one list: the same items, or the same items with some of them edited. Lists under
 * headings naming different sides (the producer's and the consumer's sign-off) are two lists however alike.
 */
function sameList(a: LooseBlock, b: LooseBlock, aItems: ReadonlySet<string>, bItems: ReadonlySet<string>): boolean {
  if (a.kind !== b.kind) return false;
  const [aSide, bSide] = [sideOf(a.heading), sideOf(b.heading)];
  if (aSide && bSide && aSide !== bSide) return false;
  const { shared, only, otherOnly } = compare(aItems, bItems);
  if (shared < minimumShared || shared < Math.ceil(Math.max(aItems.size, bItems.size) / 2)) return false;
  return differencesAreEdits(only, otherOnly);
}

function statementOf(
  block: LooseBlock,
  fact: { fact: string; label: string },
  itemFold: FactStatement['itemFold'],
): FactStatement {
  return {
    ...fact,
    value: '',
    shown: '',
    items: block.items.map((text) => ({ text })),
    itemFold,
    ...block.statement,
  };
}

/**
 * The statements the loose blocks add: each block that restates a named fact list joins it; the others that
 * restate each other become one list fact of their own, named after the heading of its first statement.
 */
export function restatedBlocks(statements: readonly FactStatement[], blocks: readonly LooseBlock[]): FactStatement[] {
  const named = (Object.keys(listConcepts) as ListConcept[]).map((concept) => {
    const kind: LooseBlock['kind'] = commandConcepts.includes(concept) ? 'commands' : 'items';
    const items = new Set(
      statements
        .filter((statement) => statement.fact === `list:${concept}` && !statement.history)
        .flatMap((statement) => (statement.items ?? []).map((item) => fold(kind, item.text))),
    );
    return { concept, kind, items };
  });
  const added: FactStatement[] = [];
  const unmatched: { block: LooseBlock; items: Set<string> }[] = [];
  for (const block of blocks) {
    const items = new Set(block.items.map((text) => fold(block.kind, text)));
    const matches = named.filter(
      (entry) => entry.kind === block.kind && entry.items.size && restatesNamed(items, entry.items),
    );
    // A block that could restate two named lists is not called a restatement of either.
    if (matches.length === 1 && matches[0]) added.push(statementOf(block, listFact(matches[0].concept), undefined));
    else if (!matches.length) unmatched.push({ block, items });
  }

  // Loose blocks that restate each other: grouped through union-find, so a chain of edits is one list.
  const parent = unmatched.map((_, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index] as number] as number;
    return index;
  };
  // Only blocks sharing an item can be one list, so pairs come from an index of items, not all pairs.
  const holders = new Map<string, number[]>();
  unmatched.forEach((entry, index) => {
    for (const item of entry.items) {
      const key = `${entry.block.kind}\u0000${item}`;
      holders.set(key, [...(holders.get(key) ?? []), index]);
    }
  });
  const tried = new Set<string>();
  for (const indexes of holders.values())
    for (let i = 0; i < indexes.length; i++)
      for (let j = i + 1; j < indexes.length; j++) {
        const [x, y] = [indexes[i] as number, indexes[j] as number];
        const key = `${x}:${y}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const a = unmatched[x];
        const b = unmatched[y];
        if (a && b && sameList(a.block, b.block, a.items, b.items)) parent[find(y)] = find(x);
      }
  const groups = new Map<number, LooseBlock[]>();
  unmatched.forEach((entry, index) => groups.set(find(index), [...(groups.get(find(index)) ?? []), entry.block]));
  for (const group of groups.values()) {
    const first = group[0];
    if (group.length < 2 || !first) continue;
    const name = first.heading ? `“${first.heading}”` : where(first.statement.place);
    const fact = {
      fact: `list:restated:${where(first.statement.place)}`,
      label: `${first.kind === 'commands' ? 'command list' : 'list'} restated by its items (first under ${name})`,
    };
    for (const block of group) added.push(statementOf(block, fact, first.kind === 'commands' ? 'command' : 'text'));
  }
  return [...statements, ...added];
}
