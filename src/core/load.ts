import { isHandoffPayload } from './handoff-file.ts';
import { posix } from 'node:path';
import {
  dataSchemas,
  documentSchemas,
  evidenceBundleSchema,
  releaseHandoffSchema,
  type DataKind,
  type DocumentKind,
} from '../schemas/index.ts';
import type {
  Corpus,
  DocumentEntry,
  Entry,
  LoadProblem,
  MigrationBundle,
  ReadRepositoryBytes,
  SourceFile,
} from './corpus.ts';
import type { Span } from './diagnostic.ts';
import type { Locate } from './parse/data-path.ts';
import { parseJson } from './parse/json.ts';
import { LineIndex } from './parse/line-index.ts';
import { parseMarkdownBody, splitFrontmatter } from './parse/markdown.ts';
import { blockquoteMarkerOverflow, enforceBodyLimits, jsxOpeningOverflow } from './parse/body-limits.ts';
import { dataNestingOverflow } from './parse/nesting.ts';
import { formatDataPath } from './parse/data-path.ts';
import { contentLimits, limitMessages } from './limits.ts';
import { parseWithSchema, unknownKeyWarnings } from './parse/schema.ts';
import { parseYaml } from './parse/yaml.ts';
import {
  applySource,
  sourceableKinds,
  sourcedValueAt,
  type ParsedSource,
  type ReadRepositoryFile,
  type RepositoryFileRead,
} from './sources.ts';
import { bodyStartInUnclosedFrontmatter } from './parse/yaml-slips.ts';
import type { RepositoryGit } from './git.ts';
import { compareCodeUnits } from './text/compare.ts';

export interface LoadOptions {
  /** Folder holding the content, relative to the repository root. */
  contentDir?: string;
  /** Whether a repository-relative path exists; defaults to "is one of the given files". */
  exists?: (path: string) => boolean;
  /**
   * Reads a file of the repository by its repository-relative path, for `source:` declarations. Without
   * it, a declared source file is reported as unreadable: pure callers (tests, previews) pass one.
   */
  readRepositoryFile?: ReadRepositoryFile;
  /** The git repository, for the git rules; without it they stay silent (a pure load asked for no git). */
  git?: RepositoryGit;
  /** The producer's release handoff JSON files (repository-relative paths), found by the config's globs. */
  releaseHandoffs?: readonly SourceFile[];
  /** Evidence bundle JSON files (repository-relative paths), found by the config's globs. */
  evidenceBundles?: readonly SourceFile[];
  /** Reads repository files' bytes for the artifact digest rule; without it the rule stays silent. */
  readRepositoryBytes?: ReadRepositoryBytes;
}

/** The reader used when none is given: every source is unreadable, and says why. */
const noRepositoryFiles: ReadRepositoryFile = () => ({
  ok: false,
  reason: 'Unexpected source file outside the files given to the loader',
  hint: 'Load the content with a repository reader (the CLI and the Astro integration do).',
});

const migrationPath = /^migrations\/([^/]+)\//;
const documentExtensions = /\.(md|mdx)$/;
const dataExtensions = /\.(ya?ml|json)$/;

/**
 * Builds the typed corpus from files already read. Pure: no I/O, so tests and the Astro integration
 * feed it the same way the CLI does. Every file is attempted; problems are collected, never thrown.
 */
export function loadCorpusFromFiles(files: readonly SourceFile[], options: LoadOptions = {}): Corpus {
  const contentDir = normalizeContentDir(options.contentDir);
  // A leading U+FEFF in text given directly (not read through decodeSource) is a byte order mark too.
  const ordered = [...files]
    .map((file) => (file.text.charCodeAt(0) === 0xfeff ? { ...file, text: file.text.slice(1), bom: true } : file))
    .sort((a, b) => compareCodeUnits(a.path, b.path));
  const paths = new Set(ordered.map((file) => file.path));
  const corpus: Corpus = {
    files: ordered.map((file) => file.path),
    contracts: [],
    migrations: [],
    documents: [],
    data: [],
    loadProblems: [],
    exists: options.exists ?? ((path) => paths.has(path)),
    texts: new Map(ordered.map((file) => [file.path, file.text])),
    withBom: new Set(ordered.filter((file) => file.bom).map((file) => file.path)),
    sourceTexts: new Map(),
    git: options.git,
    releaseHandoffs: [],
    evidenceBundles: [],
    readRepositoryBytes: options.readRepositoryBytes,
  };
  for (const file of options.releaseHandoffs ?? []) {
    const parsed = loadRepositoryJson(file, releaseHandoffSchema, 'release handoff', corpus.loadProblems);
    if (parsed)
      corpus.releaseHandoffs.push({
        ...parsed,
        unknownKeys: unknownKeyWarnings(releaseHandoffSchema, parsed.raw, parsed.locate, 'release handoff'),
      });
  }
  for (const file of options.evidenceBundles ?? []) {
    const parsed = loadRepositoryJson(file, evidenceBundleSchema, 'evidence bundle', corpus.loadProblems);
    if (parsed) corpus.evidenceBundles.push({ file: parsed.file, data: parsed.data, locate: parsed.locate });
  }
  const read = options.readRepositoryFile ?? noRepositoryFiles;
  const sourceTexts = corpus.sourceTexts as Map<string, string>;
  const sources: SourceContext = {
    // Keep every text read, so the payload can list source files with their digests.
    read: (path) => {
      const result = read(path);
      if (result.ok) sourceTexts.set(path, result.text);
      return result;
    },
    cache: new Map(),
  };
  const bundles = new Map<string, MigrationBundle>();
  const bundleFor = (id: string): MigrationBundle => {
    let bundle = bundles.get(id);
    if (!bundle) {
      bundle = { id, dir: `${contentDir}/migrations/${id}`, documents: [], data: [] };
      bundles.set(id, bundle);
    }
    return bundle;
  };

  for (const file of ordered) {
    const oversize = oversizeProblem(file, limitMessages.fileBytes.hint);
    if (oversize) {
      // Files read from disk were refused on their size before reading (read.ts); text handed in directly
      // (tests, the dev server) is held to the same limit here.
      corpus.loadProblems.push(oversize);
      continue;
    }
    const relative = file.path.startsWith(`${contentDir}/`) ? file.path.slice(contentDir.length + 1) : file.path;
    const migration = migrationPath.exec(relative)?.[1];
    // A generated handoff payload is an output of the corpus, not an input: it is not loaded as a data file;
    // its text stays in `corpus.texts` and the `payload-fresh` rule validates it.
    if (relative.startsWith('migrations/') && isHandoffPayload(relative)) continue;
    if (documentExtensions.test(file.path)) {
      const entry = loadDocument(file, corpus.loadProblems);
      if (!entry) continue;
      entry.migration = migration;
      corpus.documents.push(entry);
      if (migration) {
        const bundle = bundleFor(migration);
        bundle.documents.push(entry);
        assignSingle(bundle, entry, corpus.loadProblems);
      }
    } else if (dataExtensions.test(file.path)) {
      const entry = loadData(file, corpus.loadProblems, sources);
      if (!entry) continue;
      entry.migration = migration;
      // One source of truth per fact: a second pin, manifest or migration.yaml would silently win.
      if (entry.kind === 'runtime-pin') {
        if (refuseSecond(corpus.runtimePin, entry, 'runtime pin', corpus.loadProblems)) continue;
        corpus.runtimePin = entry as Entry<'runtime-pin'>;
      } else if (entry.kind === 'producer-manifest') {
        if (refuseSecond(corpus.manifest, entry, 'producer manifest', corpus.loadProblems)) continue;
        corpus.manifest = entry as Entry<'producer-manifest'>;
      } else if (entry.kind === 'contract-policy') {
        const contract = entry as Entry<'contract-policy'>;
        const version = contract.data.version;
        const named = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
        if (named !== version) {
          corpus.loadProblems.push({
            stage: 'contract-file-name',
            file: file.path,
            place: contract.locate(['version']),
            reason: `Unexpected contract version \`${version}\` in a file named \`${named}\`, expected the file name to be the version`,
            actual: version,
            expected: [named],
            hint: `Rename the file to ${version}${file.path.slice(file.path.lastIndexOf('.'))}, or correct \`version\`.`,
          });
          continue;
        }
        const first = corpus.contracts.find((other) => other.data.version === version);
        if (refuseSecond(first, entry, `\`${version}\` contract`, corpus.loadProblems)) continue;
        corpus.contracts.push(contract);
      }
      const bundle = migration ? bundleFor(migration) : undefined;
      if (bundle && entry.kind === 'migration') {
        if (refuseSecond(bundle.meta, entry, 'migration.yaml', corpus.loadProblems)) continue;
        bundle.meta = entry as Entry<'migration'>;
      }
      if (entry.kind === 'records') {
        if (!bundle) {
          corpus.loadProblems.push({
            stage: 'schema',
            file: entry.file,
            place: entry.locate(['kind']),
            reason: 'Unexpected records file outside a migration folder, expected it under `migrations/<id>/`',
            hint: 'Move the file into the folder of the migration its decisions and evidence belong to.',
          });
          continue;
        }
        if (refuseSecond(bundle.records, entry, 'records file', corpus.loadProblems)) continue;
        bundle.records = entry as Entry<'records'>;
      }
      corpus.data.push(entry);
      bundle?.data.push(entry);
    }
  }
  corpus.migrations = [...bundles.values()];
  return corpus;
}

/** A repository JSON file with its own schema; problems become load problems of that file. */
function loadRepositoryJson<S extends import('zod').ZodType>(
  file: SourceFile,
  schema: S,
  name: string,
  problems: LoadProblem[],
): { file: string; data: import('zod').output<S>; raw: unknown; locate: Locate } | undefined {
  const oversize = oversizeProblem(file, `A ${name} is a small JSON file, not a log or a dump.`);
  if (oversize) {
    problems.push(oversize);
    return undefined;
  }
  const parsed = parseJson(file.text);
  for (const error of parsed.errors)
    problems.push({
      file: file.path,
      ...error,
      stage: error.stage ?? 'syntax',
      hint: error.hint ?? `Fix the JSON syntax of the ${name}.`,
    });
  if (parsed.errors.length) return undefined;
  const result = parseWithSchema(schema, parsed.data, parsed.locate, name);
  if (!result.ok) {
    for (const { path: _path, ...problem } of result.problems)
      problems.push({ stage: 'schema', file: file.path, ...problem });
    return undefined;
  }
  return { file: file.path, data: result.data, raw: parsed.data, locate: parsed.locate };
}

/** A file larger than `contentLimits.fileBytes` (in UTF-8 bytes), as a load problem; undefined when it fits. */
function oversizeProblem(file: SourceFile, hint: string): LoadProblem | undefined {
  // A string of n UTF-16 units encodes to at most 3n bytes: only long texts need counting.
  if (file.text.length * 3 <= contentLimits.fileBytes) return undefined;
  const bytes = Buffer.byteLength(file.text, 'utf8');
  if (bytes <= contentLimits.fileBytes) return undefined;
  return {
    stage: 'content-limits',
    file: file.path,
    place: { start: { line: 1, column: 1 } },
    reason: limitMessages.fileBytes.reason(bytes),
    actual: `${bytes} bytes`,
    expected: [`at most ${contentLimits.fileBytes} bytes`],
    hint,
  };
}

/** Reports `entry` as a second definition of a single fact; true when it was refused. */
function refuseSecond(first: Entry | undefined, entry: Entry, what: string, problems: LoadProblem[]): boolean {
  if (!first) return false;
  problems.push({
    stage: 'single-definition',
    file: entry.file,
    place: entry.locate(['kind']),
    reason: `Unexpected second ${what} in ${entry.file}, expected exactly one (the first is ${first.file})`,
    actual: entry.file,
    expected: [first.file],
    hint: `Keep the facts in ${first.file} and delete this file, or merge the two.`,
  });
  return true;
}

/** `./content/`, `content` and `content/` are the same folder; paths in the corpus never start with `./`. */
export function normalizeContentDir(contentDir = 'content'): string {
  return (
    posix
      .normalize(contentDir.replace(/\\/g, '/'))
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '') || '.'
  );
}

function assignSingle(bundle: MigrationBundle, entry: DocumentEntry, problems: LoadProblem[]): void {
  const slot = entry.kind;
  const existing = bundle[slot];
  if (existing) {
    problems.push({
      stage: 'single-definition',
      file: entry.file,
      place: entry.locate(['kind']),
      reason: `Unexpected second \`${slot}\` document in migration \`${bundle.id}\`, expected one per migration (the first is ${existing.file})`,
      actual: slot,
      hint: `Merge this file into ${existing.file}, or move it to its own migration folder.`,
    });
    return;
  }
  (bundle as unknown as Record<string, DocumentEntry>)[slot] = entry;
}

function loadDocument(file: SourceFile, problems: LoadProblem[]): DocumentEntry | undefined {
  const lines = new LineIndex(file.text);
  const split = splitFrontmatter(file.text, lines);
  const start: Span = { start: { line: 1, column: 1 } };
  if (split.unterminated) {
    problems.push(unclosedFrontmatter(file, lines));
    return undefined;
  }
  if (split.yaml === undefined) {
    problems.push({
      stage: 'schema',
      file: file.path,
      place: start,
      reason: 'Missing frontmatter, expected a `---` fenced YAML block with a `kind`',
      expected: Object.keys(documentSchemas),
      hint: `Start the file with frontmatter, e.g. \`---\\nkind: plan\\ntitle: ...\\n---\`.`,
    });
    return undefined;
  }
  const yaml = parseYaml(split.yaml, split.yamlOffset, lines);
  for (const error of yaml.errors) {
    problems.push({
      stage: 'syntax',
      file: file.path,
      place: error.place,
      reason: error.reason,
      hint: error.hint ?? 'Fix the YAML syntax in the frontmatter.',
    });
  }
  // A body whose blockquotes alone open more levels than the limit is not even parsed (the parser's cost
  // grows faster than the depth); any other body is parsed, then held to the limits before a rule walks it.
  const mdx = file.path.endsWith('.mdx');
  const tooDeepQuotes = blockquoteMarkerOverflow(split.body);
  const tooDeepTags = tooDeepQuotes ? undefined : mdx ? jsxOpeningOverflow(split.body) : undefined;
  const tooDeep = tooDeepQuotes ?? tooDeepTags;
  const body: ReturnType<typeof parseMarkdownBody> = tooDeep
    ? { ok: true, tree: { type: 'root', children: [] } }
    : parseMarkdownBody(split.body, mdx);
  const limited = tooDeep
    ? {
        changed: true,
        problems: [
          {
            place: { start: tooDeep },
            reason: limitMessages.nestingDepth.reason(tooDeepQuotes ? 'of blockquotes' : 'of JSX elements'),
            hint: limitMessages.nestingDepth.hint,
          },
        ],
      }
    : enforceBodyLimits(body.tree);
  for (const problem of limited.problems) problems.push({ stage: 'content-limits', file: file.path, ...problem });
  if (!body.ok) {
    problems.push({
      stage: 'syntax',
      file: file.path,
      place: body.place,
      reason: body.reason,
      hint: 'Escape `{`, `}` and `<` in MDX prose with a backslash, or close the expression or tag.',
    });
  }
  if (yaml.errors.length) return undefined;
  const validated = validate(file.path, yaml.data, yaml.locate, documentSchemas, problems);
  if (!validated) return undefined;
  return {
    ...validated,
    body: body.tree,
    bodyText: split.body,
    lines,
    ...(limited.changed ? { overLimit: true } : {}),
  } as DocumentEntry;
}

/**
 * A frontmatter fence that never closes. The report points at the line where the body seems to start,
 * which is where the closing `---` is missing, and names the line after which to add it.
 */
function unclosedFrontmatter(file: SourceFile, lines: LineIndex): LoadProblem {
  const fenceEnd = file.text.indexOf('\n') + 1;
  const body = bodyStartInUnclosedFrontmatter(file.text, fenceEnd);
  if (body === undefined) {
    return {
      stage: 'syntax',
      file: file.path,
      place: { start: lines.point(0) },
      reason: 'Missing closing `---` of the frontmatter opened on line 1, expected a line containing only `---`',
      hint: 'Add a line containing only `---` after the last frontmatter key.',
    };
  }
  const start = lines.point(body);
  const lastYamlLine = file.text.slice(0, body).replace(/\s+$/, '').split('\n').length;
  return {
    stage: 'syntax',
    file: file.path,
    place: { start },
    reason: `Missing closing \`---\` of the frontmatter opened on line 1, expected it before the body that starts on line ${start.line}`,
    hint: `Add a line containing only \`---\` after line ${lastYamlLine}, the last frontmatter line.`,
  };
}

interface SourceContext {
  read: ReadRepositoryFile;
  cache: Map<string, ParsedSource | RepositoryFileRead>;
}

function loadData(file: SourceFile, problems: LoadProblem[], sources: SourceContext): Entry | undefined {
  const parsed = file.path.endsWith('.json') ? parseJson(file.text) : parseYaml(file.text, 0, new LineIndex(file.text));
  for (const error of parsed.errors) {
    problems.push({
      stage: error.stage ?? 'syntax',
      file: file.path,
      place: error.place,
      reason: error.reason,
      hint: error.hint ?? `Fix the ${file.path.endsWith('.json') ? 'JSON' : 'YAML'} syntax.`,
    });
  }
  if (parsed.errors.length) return undefined;
  // The data walkers recurse: data nested past the limit (YAML the parser could still read) stops here.
  const tooDeep = dataNestingOverflow(parsed.data);
  if (tooDeep) {
    problems.push({
      stage: 'content-limits',
      file: file.path,
      place: parsed.locate(tooDeep),
      reason: limitMessages.nestingDepth.reason(`at \`${formatDataPath(tooDeep.slice(0, 3))}...\``),
      hint: limitMessages.nestingDepth.hint,
    });
    return undefined;
  }
  const raw = parsed.data as { kind?: unknown; source?: unknown } | null;
  if (
    raw !== null &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    raw.source !== undefined &&
    sourceableKinds.has(String(raw.kind))
  ) {
    const applied = applySource(file.path, raw, parsed.locate, sources.read, sources.cache);
    if (!applied.ok) {
      problems.push(...applied.problems);
      return undefined;
    }
    const entry = validate(file.path, applied.data, applied.locate, dataSchemas, problems, (path) =>
      sourcedValueAt(applied.sourced, path),
    );
    if (entry) entry.sourced = applied.sourced;
    return entry;
  }
  return validate(file.path, parsed.data, parsed.locate, dataSchemas, problems);
}

function validate<K extends DataKind | DocumentKind>(
  path: string,
  data: unknown,
  locate: Locate,
  schemas: Record<K, import('zod').ZodType>,
  problems: LoadProblem[],
  sourcedAt?: (path: readonly PropertyKey[]) => { file: string; pointer: string; field: string } | undefined,
): Entry<K> | undefined {
  const kinds = Object.keys(schemas) as K[];
  const kind = (data as { kind?: unknown } | null)?.kind;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({
      stage: 'schema',
      file: path,
      place: locate([]),
      reason: `Unexpected ${data === undefined || data === null ? 'empty content' : Array.isArray(data) ? 'list' : 'scalar'}, expected a mapping with a \`kind\` key`,
      expected: kinds,
      hint: `Write the file as a mapping whose \`kind\` is one of ${kinds.map((k) => `\`${k}\``).join(', ')}.`,
    });
    return undefined;
  }
  if (typeof kind !== 'string' || !kinds.includes(kind as K)) {
    problems.push({
      stage: 'schema',
      file: path,
      place: locate(kind === undefined ? [] : ['kind']),
      reason:
        kind === undefined
          ? `Missing required key \`kind\`, expected one of ${kinds.map((k) => `\`${k}\``).join(', ')}`
          : `Unexpected kind \`${String(kind)}\`, expected one of ${kinds.map((k) => `\`${k}\``).join(', ')}`,
      actual: kind === undefined ? undefined : String(kind),
      expected: kinds,
      hint: 'Set `kind` to the document kind this file is; each kind has its own schema.',
    });
    return undefined;
  }
  const result = parseWithSchema(schemas[kind as K], data, locate, kind);
  if (!result.ok) {
    for (const { path: dataPath, ...problem } of result.problems) {
      const sourced = dataPath && sourcedAt?.(dataPath);
      // A bad sourced value is reported at its pointer, and says which file holds it and how to fix that.
      problems.push(
        sourced
          ? {
              stage: 'schema',
              file: path,
              ...problem,
              reason: `${problem.reason} (read from \`${sourced.file}\` at \`${sourced.pointer}\`)`,
              hint: `Fix the value at ${sourced.pointer} in ${sourced.file}, or point \`source.values.${sourced.field}\` at the key that holds it.`,
            }
          : { stage: 'schema', file: path, ...problem },
      );
    }
    return undefined;
  }
  return { kind: kind as K, file: path, data: result.data as Entry<K>['data'], locate };
}
