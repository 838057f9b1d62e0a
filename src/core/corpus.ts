import type { Root } from 'mdast';
import type { DataByKind, DataKind, DocumentKind, EvidenceBundle, ReleaseHandoff } from '../schemas/index.ts';
import type { Span } from './diagnostic.ts';
import type { Locate } from './parse/data-path.ts';
import type { LineIndex } from './parse/line-index.ts';
import type { RepositoryGit } from './git.ts';
import type { SourcedValue } from './sources.ts';

/** A file as read from disk (or given by a test), with a repository-relative POSIX path. */
export interface SourceFile {
  path: string;
  text: string;
  /** The file started with a UTF-8 byte order mark (removed from `text`). */
  bom?: boolean;
}

/**
 * A problem found while reading a file, before any rule runs: it could not be parsed, did not match its
 * schema, defines a second copy of a single fact, or is a contract named after another version.
 */
export interface LoadProblem {
  /** What went wrong, and so the id of the rule that reports it (see `src/core/rules/load-problems.ts`). */
  stage: 'syntax' | 'schema' | 'single-definition' | 'contract-file-name' | 'content-limits';
  file: string;
  place: Span;
  reason: string;
  actual?: string | undefined;
  expected?: string[] | undefined;
  hint: string;
}

/** One validated file: its data, where it came from, and how to point back into it. */
export interface Entry<K extends DataKind | DocumentKind = DataKind | DocumentKind> {
  kind: K;
  file: string;
  data: DataByKind[K];
  /** Maps a data path (`['gates', 0, 'status']`) to the span of its key in the file. */
  locate: Locate;
  /** The migration folder the file sits in, if any. */
  migration?: string | undefined;
  /** Fields read from a source file (`source:`), with the file and pointer each came from. */
  sourced?: SourcedValue[] | undefined;
}

/** A prose document: frontmatter entry plus its Markdown tree (positions are file positions). */
export interface DocumentEntry<K extends DocumentKind = DocumentKind> extends Entry<K> {
  body: Root;
  /** The file's text with the frontmatter blanked out, for scans that work on raw text. */
  bodyText: string;
  lines: LineIndex;
  /**
   * Set when the body broke a content limit (`src/core/limits.ts`): `body` was cut or emptied, and checks
   * that parse `bodyText` again (the content policy) leave it alone; `content-limits` has reported it.
   */
  overLimit?: true;
}

/** The documents of one migration folder. */
export interface MigrationBundle {
  id: string;
  dir: string;
  meta?: Entry<'migration'> | undefined;
  /** Decisions, events, windows and evidence records (`records.yaml`). */
  records?: Entry<'records'> | undefined;
  plan?: DocumentEntry<'plan'> | undefined;
  tracker?: DocumentEntry<'tracker'> | undefined;
  rfc?: DocumentEntry<'rfc'> | undefined;
  gates?: DocumentEntry<'gates'> | undefined;
  documents: DocumentEntry[];
  data: Entry[];
}

/** Everything in `content/`, typed. Rules are functions of this and nothing else. */
export interface Corpus {
  /** Repository-relative paths of every file that was read. */
  files: readonly string[];
  runtimePin?: Entry<'runtime-pin'> | undefined;
  manifest?: Entry<'producer-manifest'> | undefined;
  contracts: Entry<'contract-policy'>[];
  migrations: MigrationBundle[];
  /** Every valid prose document. */
  documents: DocumentEntry[];
  /** Every valid data file. */
  data: Entry[];
  /**
   * The UTC day the check runs for (`YYYY-MM-DD`), injected by whoever starts the check (`checkProject`
   * uses today's UTC day); rules that compare dates with "now" read it and skip when it is absent, so a
   * corpus alone always checks the same way.
   */
  checkDate?: string | undefined;
  /** Problems found while loading; reported by the `syntax` and `schema` rules. */
  loadProblems: LoadProblem[];
  /** Whether a repository-relative path exists (deliverables may live outside `content/`). */
  exists: (path: string) => boolean;
  /** The text of every file that was read, by repository-relative path: source digests and generated files need it. */
  texts: ReadonlyMap<string, string>;
  /** Files that started with a byte order mark, which `texts` no longer shows. */
  withBom: ReadonlySet<string>;
  /** The text of every source file a `source:` declaration read, by repository-relative path. */
  sourceTexts: ReadonlyMap<string, string>;
  /** The git repository the content lives in, for the git rules; absent when the loader was given none. */
  git?: RepositoryGit | undefined;
  /** The producer's release handoff JSON files that parsed and matched their schema. */
  releaseHandoffs: ReleaseHandoffEntry[];
  /** Evidence bundles (`path` + `sha256` pairs) that parsed and matched their schema. */
  evidenceBundles: EvidenceBundleEntry[];
  /** Reads a repository file's bytes, for the artifact digest rule; absent when the loader was given none. */
  readRepositoryBytes?: ReadRepositoryBytes | undefined;
}

/** Reads the bytes of a repository file by repository-relative path. */
export type ReadRepositoryBytes = (path: string) => { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** A repository JSON file loaded with its own schema (not a content `kind`). */
export interface RepositoryJsonEntry<T> {
  /** Repository-relative path. */
  file: string;
  data: T;
  locate: Locate;
}

export interface ReleaseHandoffEntry extends RepositoryJsonEntry<ReleaseHandoff> {
  /** Keys the schema does not know: reported as warnings by the `release-handoff` rule. */
  unknownKeys: { place: Span; reason: string; hint: string }[];
}

export type EvidenceBundleEntry = RepositoryJsonEntry<EvidenceBundle>;
