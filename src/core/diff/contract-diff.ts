import type { Corpus, SourceFile } from '../corpus.ts';
import { pinFields } from '../../schemas/index.ts';
import { handoffPayloadLocation, isHandoffPayload } from '../handoff-file.ts';
import { loadCorpusFromFiles, type LoadOptions } from '../load.ts';
import { compareCodeUnits } from '../text/compare.ts';
import { parseJson } from '../parse/json.ts';
import { formatDataPath } from '../parse/data-path.ts';

/** What kind of contract fact changed. Sections of the report follow this order. */
export const changeAreas = ['pin', 'policy', 'gate', 'task', 'exit', 'rfc', 'migration', 'payload', 'file'] as const;
export type ChangeArea = (typeof changeAreas)[number];

/** One change of a contract fact between the base and the head of a review. */
export interface ContractChange {
  area: ChangeArea;
  /** Migration the fact belongs to, for migration-scoped facts. */
  migration?: string | undefined;
  /** What changed: a pin field, `service.v2 legacy_error`, a gate id, a payload path, a file. */
  subject: string;
  change: 'added' | 'removed' | 'changed';
  from?: string | undefined;
  to?: string | undefined;
  /** The head file that holds the fact (the base file for removals). */
  file?: string | undefined;
}

/**
 * Compares the contract facts of two versions of the content, not their text: a reworded paragraph is
 * a changed file, but a gate that passed or a field that moved from required to forbidden is named.
 */
export function diffContracts(
  base: readonly SourceFile[],
  head: readonly SourceFile[],
  /** How each side reads `source:` files: the base from git at its ref, the head from the working tree. */
  options: { base?: LoadOptions; head?: LoadOptions } = {},
): ContractChange[] {
  const before = loadCorpusFromFiles(base, options.base);
  const after = loadCorpusFromFiles(head, options.head);
  return [
    ...diffPins(before, after),
    ...diffPolicies(before, after),
    ...diffMigrations(before, after),
    ...diffPayloads(base, head),
    ...diffFiles(base, head),
  ];
}

function diffPins(before: Corpus, after: Corpus): ContractChange[] {
  const a = before.runtimePin?.data.pin;
  const b = after.runtimePin?.data.pin;
  const out: ContractChange[] = [];
  for (const field of pinFields) {
    const from = a?.[field];
    const to = b?.[field];
    if (from === to) continue;
    out.push({
      area: 'pin',
      subject: field,
      ...change(from, to),
      file: after.runtimePin?.file ?? before.runtimePin?.file,
    });
  }
  return out;
}

function diffPolicies(before: Corpus, after: Corpus): ContractChange[] {
  const out: ContractChange[] = [];
  const buckets = ['required', 'optional', 'forbidden'] as const;
  const versions = sortedUnion(
    before.contracts.map((contract) => contract.data.version),
    after.contracts.map((contract) => contract.data.version),
  );
  for (const version of versions) {
    const a = before.contracts.find((contract) => contract.data.version === version);
    const b = after.contracts.find((contract) => contract.data.version === version);
    if (!a || !b) {
      out.push({ area: 'policy', subject: version, change: a ? 'removed' : 'added', file: (b ?? a)?.file });
      continue;
    }
    if (a.data.status !== b.data.status) {
      out.push({
        area: 'policy',
        subject: `${version} status`,
        change: 'changed',
        from: a.data.status,
        to: b.data.status,
        file: b.file,
      });
    }
    if (a.data.envelope.closed !== b.data.envelope.closed) {
      out.push({
        area: 'policy',
        subject: `${version} closed`,
        change: 'changed',
        from: String(a.data.envelope.closed),
        to: String(b.data.envelope.closed),
        file: b.file,
      });
    }
    const bucketOf = (envelope: typeof a.data.envelope, field: string) =>
      buckets.find((bucket) => envelope[bucket].includes(field));
    const fields = sortedUnion(
      ...buckets.map((bucket) => a.data.envelope[bucket]),
      ...buckets.map((bucket) => b.data.envelope[bucket]),
    );
    for (const field of fields) {
      const from = bucketOf(a.data.envelope, field);
      const to = bucketOf(b.data.envelope, field);
      if (from === to) continue;
      out.push({ area: 'policy', subject: `${version} ${field}`, ...change(from, to), file: b.file });
    }
  }
  return out;
}

function diffMigrations(before: Corpus, after: Corpus): ContractChange[] {
  const out: ContractChange[] = [];
  const ids = sortedUnion(
    before.migrations.map((bundle) => bundle.id),
    after.migrations.map((bundle) => bundle.id),
  );
  for (const id of ids) {
    const a = before.migrations.find((bundle) => bundle.id === id);
    const b = after.migrations.find((bundle) => bundle.id === id);
    if (a?.meta?.data.mode !== b?.meta?.data.mode) {
      out.push({
        area: 'migration',
        migration: id,
        subject: 'mode',
        ...change(a?.meta?.data.mode, b?.meta?.data.mode),
        file: b?.meta?.file ?? a?.meta?.file,
      });
    }
    const items = <T extends { id: string; status: string }>(
      area: ChangeArea,
      list: (bundle: typeof a) => readonly T[] | undefined,
      file: (bundle: typeof a) => string | undefined,
    ) => {
      // A document that does not load on one side is not a document whose items were all removed.
      if ((!list(a) && failsToLoad(before, id)) || (!list(b) && failsToLoad(after, id))) return;
      const from = new Map((list(a) ?? []).map((item) => [item.id, item]));
      const to = new Map((list(b) ?? []).map((item) => [item.id, item]));
      for (const key of sortedUnion([...from.keys()], [...to.keys()])) {
        const x = from.get(key);
        const y = to.get(key);
        if (x?.status === y?.status) continue;
        out.push({ area, migration: id, subject: key, ...change(x?.status, y?.status), file: file(y ? b : a) });
      }
    };
    items(
      'gate',
      (bundle) => bundle?.gates?.data.gates,
      (bundle) => bundle?.gates?.file,
    );
    items(
      'task',
      (bundle) => bundle?.tracker?.data.tasks,
      (bundle) => bundle?.tracker?.file,
    );
    items(
      'exit',
      (bundle) => bundle?.plan?.data.exitCriteria,
      (bundle) => bundle?.plan?.file,
    );
    if (a?.rfc?.data.status !== b?.rfc?.data.status) {
      out.push({
        area: 'rfc',
        migration: id,
        subject: 'status',
        ...change(a?.rfc?.data.status, b?.rfc?.data.status),
        file: b?.rfc?.file ?? a?.rfc?.file,
      });
    }
  }
  return out;
}

/** Whether some file of a migration failed to load (its facts are unknown on that side). */
function failsToLoad(corpus: Corpus, migration: string): boolean {
  return corpus.loadProblems.some((problem) => problem.file.includes(`/migrations/${migration}/`));
}

/** Leaf differences of the handoff payloads; source digests are summarised as one line per source. */
function diffPayloads(base: readonly SourceFile[], head: readonly SourceFile[]): ContractChange[] {
  const out: ContractChange[] = [];
  const payloads = (files: readonly SourceFile[]) =>
    new Map(files.filter((file) => isHandoffPayload(file.path)).map((file) => [file.path, file.text]));
  const a = payloads(base);
  const b = payloads(head);
  for (const path of sortedUnion([...a.keys()], [...b.keys()])) {
    const migration = handoffPayloadLocation(path)?.migration;
    const from = a.get(path);
    const to = b.get(path);
    if (from === to) continue;
    if (from === undefined || to === undefined) {
      out.push({
        area: 'payload',
        migration,
        subject: path,
        change: from === undefined ? 'added' : 'removed',
        file: path,
      });
      continue;
    }
    const x = parseJson(from).data;
    const y = parseJson(to).data;
    for (const leaf of leafChanges(x, y, [])) {
      out.push({
        area: 'payload',
        migration,
        subject: formatDataPath(leaf.path),
        ...change(leaf.from, leaf.to),
        file: path,
      });
    }
  }
  return out;
}

function diffFiles(base: readonly SourceFile[], head: readonly SourceFile[]): ContractChange[] {
  const a = new Map(base.map((file) => [file.path, file.text]));
  const b = new Map(head.map((file) => [file.path, file.text]));
  const out: ContractChange[] = [];
  for (const path of sortedUnion([...a.keys()], [...b.keys()])) {
    if (a.get(path) === b.get(path)) continue;
    out.push({
      area: 'file',
      subject: path,
      change: !a.has(path) ? 'added' : !b.has(path) ? 'removed' : 'changed',
      file: path,
    });
  }
  return out;
}

function leafChanges(
  a: unknown,
  b: unknown,
  path: PropertyKey[],
): { path: PropertyKey[]; from: string | undefined; to: string | undefined }[] {
  const isContainer = (value: unknown) => value !== null && typeof value === 'object';
  if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
    // Source digests are keyed by path, not by position: an added source should not shift every line.
    if (Array.isArray(a) && Array.isArray(b) && path.at(-1) === 'sources') {
      const digests = (list: unknown[]) =>
        new Map(
          list.map((item) => [
            String((item as { path?: unknown }).path),
            String((item as { sha256?: unknown }).sha256),
          ]),
        );
      const x = digests(a);
      const y = digests(b);
      return sortedUnion([...x.keys()], [...y.keys()])
        .filter((key) => x.get(key) !== y.get(key))
        .map((key) => ({ path: [...path, key], from: short(x.get(key)), to: short(y.get(key)) }));
    }
    const keys = Array.isArray(a)
      ? Array.from({ length: Math.max(a.length, (b as unknown[]).length) }, (_, index) => index)
      : sortedUnion(Object.keys(a as object), Object.keys(b as object));
    return keys.flatMap((key) =>
      leafChanges((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], [...path, key]),
    );
  }
  const from = a === undefined ? undefined : JSON.stringify(a);
  const to = b === undefined ? undefined : JSON.stringify(b);
  return from === to ? [] : [{ path, from, to }];
}

function short(digest: string | undefined): string | undefined {
  return digest === undefined ? undefined : digest.slice(0, 12);
}

function change(from: string | undefined, to: string | undefined): Pick<ContractChange, 'change' | 'from' | 'to'> {
  if (from === undefined) return { change: 'added', to };
  if (to === undefined) return { change: 'removed', from };
  return { change: 'changed', from, to };
}

function sortedUnion(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort(compareCodeUnits);
}
