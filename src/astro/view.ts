import type { ContractPolicy, Migration } from '../schemas/index.ts';

/**
 * Plain functions that turn validated content into what pages show. No Astro import, so they are
 * tested like the rest of the core.
 */

/** Starlight badge variants. */
export type BadgeVariant = 'default' | 'note' | 'danger' | 'success' | 'caution' | 'tip';

/** How a status reads at a glance: green when finished, amber while open, red when it blocks. */
const statusVariants: Record<string, BadgeVariant> = {
  // documents
  active: 'note',
  draft: 'caution',
  review: 'caution',
  accepted: 'success',
  superseded: 'default',
  historical: 'default',
  // gates
  pending: 'caution',
  passed: 'success',
  failed: 'danger',
  // tasks
  ready: 'note',
  'in-progress': 'caution',
  blocked: 'danger',
  done: 'success',
  // exit criteria
  met: 'success',
  unmet: 'caution',
  // stages
  current: 'note',
  upcoming: 'default',
  // contracts
  live: 'success',
  candidate: 'caution',
  retired: 'default',
};

export function statusVariant(status: string): BadgeVariant {
  return statusVariants[status] ?? 'default';
}

/** What a migration's mode means for the live runtime, e.g. `rehearsal — no runtime cutover`. */
export function modeLabel(mode: Migration['mode']): string {
  switch (mode) {
    case 'rehearsal':
      return 'rehearsal — no runtime cutover';
    case 'cutover':
      return 'cutover — go/no-go gates being decided';
    case 'stabilization':
      return 'stabilization — overlap window, rollback still possible';
    case 'complete':
      return 'complete';
  }
}

export interface Progress {
  done: number;
  total: number;
}

export function progress<T>(items: readonly T[], isDone: (item: T) => boolean): Progress {
  return { done: items.filter(isDone).length, total: items.length };
}

export function formatProgress({ done, total }: Progress, noun: string): string {
  return `${done}/${total} ${noun}`;
}

export type PolicyRule = 'required' | 'optional' | 'forbidden';

/** Each envelope field with what each contract version says about it; fields in first-mention order. */
export interface PolicyMatrix {
  versions: string[];
  rows: { field: string; rules: (PolicyRule | undefined)[] }[];
}

export function policyMatrix(contracts: readonly ContractPolicy[]): PolicyMatrix {
  const versions = contracts.map((contract) => contract.version);
  const fields: string[] = [];
  for (const contract of contracts) {
    for (const field of [
      ...contract.envelope.required,
      ...contract.envelope.optional,
      ...contract.envelope.forbidden,
    ]) {
      if (!fields.includes(field)) fields.push(field);
    }
  }
  return {
    versions,
    rows: fields.map((field) => ({ field, rules: contracts.map((contract) => policyRule(contract, field)) })),
  };
}

export function policyRule(contract: ContractPolicy, field: string): PolicyRule | undefined {
  if (contract.envelope.required.includes(field)) return 'required';
  if (contract.envelope.optional.includes(field)) return 'optional';
  if (contract.envelope.forbidden.includes(field)) return 'forbidden';
  return undefined;
}

/** Contract versions in numeric order: `service.v2` before `service.v10`. */
export function compareContractVersions(a: string, b: string): number {
  const number = (version: string) => Number(/(\d+)$/.exec(version)?.[1] ?? Number.NaN);
  return number(a) - number(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Lists read better as prose: `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** A heading as Starlight's table of contents takes it. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * Splits text on backtick code spans, CommonMark-style: a run of N backticks closes only with a run of
 * N, so ``` `` `a` `` ``` keeps its inner backticks. Unclosed runs stay literal text.
 */
export function splitInlineCode(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  let plain = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] !== '`') {
      plain += text[index];
      index += 1;
      continue;
    }
    let run = 0;
    while (text[index + run] === '`') run += 1;
    const fence = '`'.repeat(run);
    let close = text.indexOf(fence, index + run);
    while (close !== -1 && text[close + run] === '`') {
      let skip = close;
      while (text[skip] === '`') skip += 1;
      close = text.indexOf(fence, skip);
    }
    if (close === -1) {
      plain += fence;
      index += run;
      continue;
    }
    if (plain) parts.push({ text: plain, code: false });
    plain = '';
    let inner = text.slice(index + run, close);
    if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '')
      inner = inner.slice(1, -1);
    parts.push({ text: inner, code: true });
    index = close + run;
  }
  if (plain) parts.push({ text: plain, code: false });
  return parts;
}

/** What a change of one field's rule between two contract versions means for a consumer reading error bodies. */
export interface ConsumerChange {
  /** Whether the consumer has to look at this field when it moves to the newer version. */
  changed: boolean;
  text: string;
}

export function consumerChange(from: PolicyRule | undefined, to: PolicyRule | undefined): ConsumerChange {
  if (from === to) return { changed: false, text: 'no change' };
  const key = `${from ?? 'unnamed'}→${to ?? 'unnamed'}`;
  const texts: Record<string, string> = {
    'required→forbidden': 'removed: never sent; stop reading it and fall back to the structured fields',
    'optional→forbidden': 'removed: never sent; stop reading it',
    'unnamed→forbidden': 'must not be sent; nothing to read',
    'required→optional': 'may be missing: handle its absence',
    'unnamed→optional': 'new and optional: may appear; tolerate it, do not require it',
    'forbidden→optional': 'may now appear; tolerate it',
    'optional→required': 'always present: may be relied on',
    'unnamed→required': 'new and always present',
    'forbidden→required': 'now always present',
    'required→unnamed': 'no longer guaranteed: handle its absence',
    'optional→unnamed': 'no longer named; tolerate it if it appears',
    'forbidden→unnamed': 'no longer forbidden; tolerate it if it appears',
  };
  return { changed: true, text: texts[key] ?? `${from ?? 'not named'} → ${to ?? 'not named'}` };
}

/** The document that replaces a superseded or historical one, as its page names it. */
export interface Replacement {
  /** The `supersededBy` value as written in the frontmatter. */
  value: string;
  /** Site path (without the base) of the replacing document's page; undefined when no page of this site matches. */
  path: string | undefined;
  /** Title of the replacing document, when its page exists. */
  title: string | undefined;
}

/**
 * Resolves `supersededBy` (a content path such as `content/migrations/service-v3/rfc.mdx`, the same path
 * without `content/`, or the page's site path) to the page of that document. `pageOf` maps a content file
 * to its site path (the site map's answer); only pages in `documents` count, so a link never dangles.
 */
export function resolveReplacement(
  value: string,
  documents: readonly { path: string; title: string }[],
  pageOf: (file: string) => string | undefined,
): Replacement {
  const trimmed = value.trim().replace(/^\.\//, '');
  const candidates = new Set<string>();
  if (/\.(mdx?|ya?ml)$/.test(trimmed)) {
    const file = trimmed.replace(/^\//, '');
    const page = pageOf(file.startsWith('content/') ? file : `content/${file}`);
    if (page) candidates.add(page);
  } else {
    const path = `/${trimmed.replace(/^\/+|\/+$/g, '')}/`;
    candidates.add(path.replace(/^\/content\//, '/'));
  }
  const target = documents.find((document) => candidates.has(document.path));
  return { value, path: target?.path, title: target?.title };
}
