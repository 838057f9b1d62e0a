import type { Root, RootContent } from 'mdast';
import type { Corpus, DocumentEntry, Entry } from './corpus.ts';
import { fullShasIn } from './conventions.ts';
import type { Span } from './diagnostic.ts';
import type { GitResolution, RepositoryGit } from './git.ts';
import { walkData, type DataPath } from './parse/data-path.ts';

/**
 * What the content states about this repository's git history: release tags stated together with a
 * commit, and commits stated at all. Values declared with a `repo:` qualifier (the pin of a producer whose
 * repository is elsewhere, and everything restating them) belong to another repository and are left out.
 */

export interface StatedCommit {
  sha: string;
  file: string;
  /**
   * Where it is stated. Computed on first read: a data file's positions come from a second, slower YAML
   * parse that only a reported problem should pay for (see `parseYaml`), and most stated commits are fine.
   */
  readonly place: Span;
}

export interface StatedTagCommit extends StatedCommit {
  tag: string;
}

export interface GitFacts {
  pairs: StatedTagCommit[];
  commits: StatedCommit[];
  /** Tags declared under `planned` in the runtime pin: not expected to exist yet. */
  plannedTags: ReadonlySet<string>;
}

const tagPattern = /(?<![\w.])v\d+\.\d+\.\d+(?![\w.-]*\d)/g;
/** A shorter sha counts only where the text calls it a commit: "commit `cf33144`", "commit_sha: cf33144". */
const calledCommitPattern = /\bcommit(?:[ _]sha)?\b[`*\s:=]*([0-9a-f]{7,39})(?![0-9a-fA-F])/gi;

const cache = new WeakMap<Corpus, GitFacts>();
const resolutions = new WeakMap<Corpus, GitResolution>();

/** The object name git resolves for a stated tag: its commit (an annotated tag is peeled). */
export const tagCommitName = (tag: string): string => `refs/tags/${tag}^{commit}`;
/** The object name git resolves for a stated sha: the commit it names or abbreviates. */
export const shaCommitName = (sha: string): string => `${sha}^{commit}`;

/**
 * Every tag and sha both git rules need, resolved by one `git cat-file --batch-check` per check run:
 * whichever rule asks first pays for both (`tagCommitName`, `shaCommitName` are the keys).
 */
export function resolveGitFacts(corpus: Corpus, git: RepositoryGit): GitResolution {
  const cached = resolutions.get(corpus);
  if (cached) return cached;
  const facts = gitFactsOf(corpus);
  const resolution = git.resolveCommits([
    ...facts.pairs.map((pair) => tagCommitName(pair.tag)),
    ...facts.commits.map((commit) => shaCommitName(commit.sha)),
  ]);
  resolutions.set(corpus, resolution);
  return resolution;
}

export function gitFactsOf(corpus: Corpus): GitFacts {
  const cached = cache.get(corpus);
  if (cached) return cached;
  const exempt = new Set<string>();
  const runtime = corpus.runtimePin?.data;
  // A snapshot is of this repository unless it says otherwise with its own `repo:`.
  if (runtime?.repo) exempt.add(runtime.pin.commit_sha);
  for (const snapshot of runtime?.snapshots ?? [])
    if (snapshot.repo && snapshot.commit_sha) exempt.add(snapshot.commit_sha);
  const plannedTags = new Set((runtime?.planned ?? []).flatMap((planned) => planned.release_tag ?? []));

  const facts: GitFacts = { pairs: [], commits: [], plannedTags };
  // Without a valid pin, which values are another repository's (`repo:`) is unknown: checking them would
  // report consequences of the pin's own problem, which the schema rule already reports.
  if (!runtime) {
    cache.set(corpus, facts);
    return facts;
  }
  const isExempt = (sha: string) => exempt.has(sha) || [...exempt].some((full) => full.startsWith(sha));
  // `at` says where the value is (a data path or a text offset), so one statement is taken once.
  const seen = new Set<string>();
  const addCommit = (sha: string, file: string, at: string, place: () => Span) => {
    if (isExempt(sha)) return;
    const key = `${file}\0${at}\0${sha}`;
    if (seen.has(key)) return;
    seen.add(key);
    facts.commits.push(lazyPlace({ sha, file }, place));
  };
  const addPair = (tag: string, sha: string, file: string, at: string, place: () => Span) => {
    if (isExempt(sha)) return;
    const key = `${file}\0${at}\0${tag}\0${sha}`;
    if (seen.has(key)) return;
    seen.add(key);
    facts.pairs.push(lazyPlace({ tag, sha, file }, place));
  };

  // Data: any mapping holding `commit_sha` (with `release_tag` beside it, a pair), anywhere in any entry.
  for (const entry of [...corpus.data, ...corpus.documents]) {
    if (entry.kind === 'runtime-pin' && runtime?.repo) {
      // The pin belongs to another repository; its snapshots may still be of this one.
      walkData(runtime.snapshots, ['snapshots'], (object, path) => visitObject(entry, object, path));
      continue;
    }
    walkData(entry.data, [], (object, path) => visitObject(entry, object, path));
  }
  // The producer's release handoff JSON files state their release and the active runtime baseline.
  for (const handoff of corpus.releaseHandoffs)
    walkData(handoff.data, [], (object, path) => visitObject(handoff, object, path));
  function visitObject(entry: Pick<Entry, 'file' | 'locate'>, object: Record<string, unknown>, path: () => DataPath) {
    const sha = object['commit_sha'];
    if (typeof sha !== 'string' || !/^[0-9a-f]{7,40}$/.test(sha)) return;
    if (typeof object['repo'] === 'string') return;
    const at = [...path(), 'commit_sha'];
    const key = at.map(String).join('.');
    const place = () => entry.locate(at);
    addCommit(sha, entry.file, key, place);
    const tag = object['release_tag'];
    if (typeof tag === 'string') addPair(tag, sha, entry.file, key, place);
  }

  // Prose: shas anywhere; a tag and a sha in the same list item, table row or sentence are a pair.
  // Each copy of a restated pin declares the same sha: compare prose with each distinct value once.
  const declared = [...new Set([...exempt, ...facts.commits.map((commit) => commit.sha)])];
  for (const document of corpus.documents) collectProse(document, declared, addCommit, addPair);
  cache.set(corpus, facts);
  return facts;
}

function collectProse(
  document: DocumentEntry,
  declared: readonly string[],
  addCommit: (sha: string, file: string, at: string, place: () => Span) => void,
  addPair: (tag: string, sha: string, file: string, at: string, place: () => Span) => void,
): void {
  const text = document.bodyText;
  const placeAt = (offset: number, length: number) => (): Span => {
    const start = document.lines.point(offset);
    return { start, end: { line: start.line, column: start.column + length } };
  };
  // Every sha and tag of the text once, in offset order; a unit then takes the ones inside it.
  const shas = fullShasIn(text);
  for (const match of text.matchAll(calledCommitPattern)) {
    const sha = match[1] ?? '';
    shas.push({ sha, offset: (match.index ?? 0) + match[0].lastIndexOf(sha) });
  }
  shas.sort((a, b) => a.offset - b.offset);
  const tags = [...text.matchAll(tagPattern)].map((match) => ({ tag: match[0], offset: match.index ?? 0 }));
  // A full sha in prose must be a declared value (pins-agree says so where it is not), and each declared
  // value is checked at its declaration: reporting the prose too would say one problem twice. A shorter
  // sha the text calls a commit is checked here, unless it abbreviates a declared one.
  for (const found of shas)
    if (found.sha.length < 40 && !declared.some((sha) => sha.startsWith(found.sha)))
      addCommit(found.sha, document.file, `@${found.offset}`, placeAt(found.offset, found.sha.length));
  if (!shas.length || !tags.length) return;

  for (const [from, to] of proseUnits(document.body, text, shas)) {
    const inside = <T extends { offset: number }>(items: readonly T[]) =>
      items.slice(firstAtOrAfter(items, from), firstAtOrAfter(items, to));
    const unitShas = inside(shas);
    const unitTags = inside(tags);
    const [sha] = unitShas;
    const [tag] = unitTags;
    if (unitShas.length !== 1 || unitTags.length !== 1 || !sha || !tag) continue;
    addPair(tag.tag, sha.sha, document.file, `@${sha.offset}`, placeAt(sha.offset, sha.sha.length));
  }
}

/** Gives `fact` a `place` computed on first read and kept. */
function lazyPlace<T extends object>(fact: T, place: () => Span): T & { readonly place: Span } {
  let span: Span | undefined;
  return Object.defineProperty(fact, 'place', { enumerable: true, get: () => (span ??= place()) }) as T & {
    readonly place: Span;
  };
}

/** Index of the first item whose offset is at or after `offset` (items sorted by offset). */
function firstAtOrAfter(items: readonly { offset: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((items[middle]?.offset ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Offsets of the list items, table rows and paragraph sentences that hold a sha: where a tag and a sha
 * belong together. Only branches of the tree around a sha are entered; the rest cannot hold a pair.
 */
function proseUnits(tree: Root, text: string, shas: readonly { offset: number }[]): [number, number][] {
  const units: [number, number][] = [];
  const holdsSha = (start: number, end: number) => (shas[firstAtOrAfter(shas, start)]?.offset ?? end) < end;
  const visit = (node: RootContent | Root) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined && !holdsSha(start, end)) return;
    if (node.type === 'tableRow' && start !== undefined && end !== undefined) units.push([start, end]);
    if (node.type === 'listItem' && start !== undefined && end !== undefined) {
      const nested = node.children.some((child) => child.type === 'list');
      if (!nested) units.push([start, end]);
    }
    if (node.type === 'paragraph' && start !== undefined && end !== undefined) {
      let sentenceStart = start;
      for (const match of text.slice(start, end).matchAll(/[.!?](?=\s)/g)) {
        const stop = start + (match.index ?? 0) + 1;
        units.push([sentenceStart, stop]);
        sentenceStart = stop;
      }
      units.push([sentenceStart, end]);
    }
    if ('children' in node) for (const child of node.children as RootContent[]) visit(child);
  };
  visit(tree);
  return units;
}
