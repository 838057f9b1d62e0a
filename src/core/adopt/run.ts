import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { checkCorpus, checkProject } from '../check.ts';
import type { Corpus } from '../corpus.ts';
import { isError, isFinding, sortDiagnostics, type Diagnostic } from '../diagnostic.ts';
import { confinedPath, writeConfined, type ConfinedFile } from '../fs/confined-write.ts';
import { decodeSource } from '../parse/source.ts';
import { loadCorpus, readContentFiles } from '../read.ts';
import { exportPackage, type ExportedFile } from './export.ts';
import { handoffRestatement, looksLikeHandoff, readHandoffJson } from './handoff-json.ts';
import { importPackage, type ImportResult, type ProducerFile } from './import.ts';
import { normaliseText } from './markdown.ts';
import type { SourcePlace } from './model.ts';
import { checkProse, dedupe, originAt, withPlace, type ProseInput } from './scan.ts';

/**
 * The file-system side of adopting: read a producer folder, write content or producer files atomically
 * (never replacing a different file unless forced), and run the checker on the result. The pure work is
 * in import.ts, export.ts and scan.ts.
 */

const skippedFolders = new Set(['node_modules', '.git', 'dist', '.astro']);

/** Every Markdown, JSON and YAML file under `folder`, relative POSIX paths, in code-unit order (YAML: for the drift extraction). */
export function readProducerFolder(folder: string): ProducerFile[] {
  if (!existsSync(folder) || !lstatSync(folder).isDirectory()) throw new AdoptInputError(`${folder}: no such folder`);
  const files: ProducerFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) {
        if (!skippedFolders.has(name)) walk(full);
        continue;
      }
      if (!/\.(md|markdown|json|ya?ml)$/i.test(name) || name === exportManifestName) continue;
      const decoded = decodeSource(readFileSync(full));
      if (!decoded.ok) continue;
      files.push({ path: relative(folder, full).split(sep).join('/'), text: decoded.text });
    }
  };
  walk(folder);
  return files;
}

/** Input the user must fix (missing folder, files in the way): exit code 2, nothing written. */
export class AdoptInputError extends Error {}

export interface FileWrite {
  path: string;
  status: 'written' | 'unchanged';
}

/**
 * Writes files under `root` through the confined writer (`src/core/fs/confined-write.ts`): every path is
 * checked before anything is written, and a path that leaves `root` is a `ConfinedWriteError` naming the
 * data it came from. Every target that exists with other bytes is listed first; unless `force` (or
 * `mayReplace` says the file is one this tool wrote and nobody changed since), the whole write is
 * refused, so a refused run leaves no trace.
 */
export function writeFiles(
  root: string,
  files: readonly ConfinedFile[],
  force: boolean,
  mayReplace: (path: string, current: string) => boolean = () => false,
): { writes: FileWrite[]; refused: string[] } {
  const plan = files.map((file) => {
    const target = confinedPath(root, file.path, file.origin);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    const status =
      current === undefined
        ? 'new'
        : current === file.text
          ? 'same'
          : mayReplace(file.path, current)
            ? 'ours'
            : 'different';
    return { file, status };
  });
  const refused = plan.filter((entry) => entry.status === 'different').map((entry) => entry.file.path);
  if (refused.length && !force) return { writes: [], refused };
  const changed = plan.filter((entry) => entry.status !== 'same');
  writeConfined(
    root,
    changed.map((entry) => entry.file),
  );
  return {
    writes: plan.map((entry) => ({ path: entry.file.path, status: entry.status === 'same' ? 'unchanged' : 'written' })),
    refused: [],
  };
}

export interface ImportRunOptions {
  root: string;
  contentDir: string;
  migration?: string | undefined;
  /** The plan file as the user named it (`--plan`): absolute, or relative to the current folder. */
  plan?: string | undefined;
  force?: boolean | undefined;
}

export interface MappedDiagnostic {
  /** The diagnostic as the checker reports it on the imported content. */
  diagnostic: Diagnostic;
  /** The producer file and line the reported line was imported from. */
  source?: SourcePlace | undefined;
}

export interface ImportRun {
  result: ImportResult;
  writes: FileWrite[];
  /** Existing files the import would have replaced; nothing was written. */
  refused: string[];
  /** Every diagnostic of the check of the content after the import, with the producer line it came from. */
  diagnostics: MappedDiagnostic[];
  /** Facts the handoff JSON restates that disagree with the imported definitions, at the JSON's lines. */
  handoffDrift: Diagnostic[];
  milliseconds: { import: number; write: number; check: number };
}

/**
 * Where a producer folder is, relative to the repository root (`docs/implementation`), or undefined when it
 * lies outside the root. Inside the root, producer paths are repository-relative: that is how the user's
 * editor and CI show them, and what a `source:` declaration written by the import must name.
 */
export function folderInRoot(folder: string, root: string): string | undefined {
  const inside = relative(root, folder);
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}

export function runImport(folder: string, options: ImportRunOptions): ImportRun {
  const started = performance.now();
  const base = folderInRoot(folder, options.root);
  const files = readProducerFolder(folder).map((file) => (base ? { ...file, path: `${base}/${file.path}` } : file));
  const existing = existsSync(join(options.root, options.contentDir))
    ? readContentFiles(options.root, options.contentDir).files
    : [];
  let plan: string | undefined;
  if (options.plan !== undefined) {
    const inside = relative(folder, resolve(options.plan));
    if (!inside || inside.startsWith('..') || isAbsolute(inside))
      throw new AdoptInputError(
        `Unexpected --plan ${options.plan}: outside the folder ${folder}; expected a Markdown file inside the folder imported`,
      );
    const path = inside.split(sep).join('/');
    plan = base ? `${base}/${path}` : path;
  }
  const result = importPackage(files, {
    contentDir: options.contentDir,
    migration: options.migration,
    plan,
    existing,
    repositoryRelative: base !== undefined,
  });
  const imported = performance.now();
  const { writes, refused } = writeFiles(options.root, result.files, options.force ?? false);
  const written = performance.now();
  if (refused.length)
    return {
      result,
      writes,
      refused,
      diagnostics: [],
      handoffDrift: [],
      milliseconds: { import: imported - started, write: written - imported, check: 0 },
    };
  const { corpus, diagnostics } = checkProject(options.root, options.contentDir);
  const mapped = diagnostics.map((diagnostic) => {
    const map = result.lineMaps.get(diagnostic.file);
    return { diagnostic, source: map ? originAt(map, diagnostic.line) : undefined };
  });
  const handoffDrift = result.handoff ? checkHandoff(corpus, result.handoff.file, files, result.migration, false) : [];
  return {
    result,
    writes,
    refused,
    diagnostics: mapped,
    handoffDrift,
    milliseconds: { import: imported - started, write: written - imported, check: performance.now() - written },
  };
}

/**
 * The diagnostics of an import as they read against the producer's own files. Two reports of one source
 * line (the RFC baseline in frontmatter and the pin bullet it came from) are one drift: the report on the
 * line as written, which has the exact column, is kept.
 */
export function driftAtSource(run: ImportRun): Diagnostic[] {
  // Info lines say how the check ran in the folder imported into, nothing about the producer's files.
  const moved = run.diagnostics
    .filter(({ diagnostic }) => isFinding(diagnostic))
    .map(({ diagnostic, source }) => ({
      verbatim: source?.verbatim === true,
      diagnostic: source
        ? withPlace(diagnostic, source.file, {
            line: source.line,
            column: source.column ?? (source.verbatim ? diagnostic.column : 1),
          })
        : diagnostic,
    }));
  const preferred = [...moved.filter((entry) => entry.verbatim), ...moved.filter((entry) => !entry.verbatim)];
  return sortDiagnostics(dedupe([...preferred.map((entry) => entry.diagnostic), ...run.handoffDrift]));
}

function checkHandoff(
  corpus: Corpus,
  file: string,
  files: readonly ProducerFile[],
  migration: string | undefined,
  pin: boolean,
): Diagnostic[] {
  const text = files.find((candidate) => candidate.path === file)?.text;
  if (text === undefined) return [];
  const facts = readHandoffJson(file, normaliseText(text));
  const restated = handoffRestatement(facts, { pin });
  return checkProse(corpus, [{ file, text: restated.text, origins: restated.origins }], { migration });
}

export interface ExportRunOptions {
  root: string;
  contentDir: string;
  migration?: string | undefined;
  /** Replace files in the producer folder that an earlier export did not write (or that were edited since). */
  force?: boolean | undefined;
}

/**
 * What `export` wrote last into a producer folder, by path, as sha256 of the bytes: a file still holding
 * those bytes is ours to replace; anything else (a file the producer wrote or edited) needs `--force`.
 */
export const exportManifestName = '.contract-docs-export.json';

function readExportManifest(folder: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(folder, exportManifestName), 'utf8'));
    const files = (parsed as { files?: unknown } | null)?.files;
    if (!files || typeof files !== 'object') return {};
    return Object.fromEntries(
      Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface ExportRun {
  migration?: string | undefined;
  files: ExportedFile[];
  writes: FileWrite[];
  /** Files in the producer folder the export would have replaced without having written them; nothing was written. */
  refused: string[];
  /** Errors in the content: nothing is exported until they are fixed. */
  blocking: Diagnostic[];
  fileCount: number;
  milliseconds: { export: number; write: number };
}

export function runExport(folder: string, options: ExportRunOptions): ExportRun {
  const started = performance.now();
  if (!existsSync(join(options.root, options.contentDir)))
    throw new AdoptInputError(`no content folder ${options.contentDir} under ${options.root}`);
  const corpus = loadCorpus(options.root, options.contentDir);
  const blocking = checkCorpus(corpus).filter(isError);
  if (blocking.length)
    return {
      files: [],
      writes: [],
      refused: [],
      blocking,
      fileCount: corpus.files.length,
      milliseconds: { export: performance.now() - started, write: 0 },
    };
  const { migration, files } = exportPackage(corpus, { migration: options.migration });
  const exported = performance.now();
  const manifest = readExportManifest(folder);
  const { writes, refused } = writeFiles(
    folder,
    files,
    options.force ?? false,
    (path, current) => manifest[path] === sha256(current),
  );
  if (!refused.length) {
    const record = { ...manifest, ...Object.fromEntries(files.map((file) => [file.path, sha256(file.text)])) };
    const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeConfined(folder, [
      {
        path: exportManifestName,
        text: `${JSON.stringify({ files: sorted }, null, 2)}\n`,
        origin: 'the export record',
      },
    ]);
  }
  return {
    migration,
    files,
    writes,
    refused,
    blocking,
    fileCount: corpus.files.length,
    milliseconds: { export: exported - started, write: performance.now() - exported },
  };
}

export interface ScanOptions {
  root: string;
  contentDir: string;
  migration?: string | undefined;
  /** How scanned paths are shown (the folder as the user typed it). */
  display: string;
}

/**
 * Checks the producer's plain Markdown files (and handoff JSON files) in `folder` against the content's
 * facts. Files with frontmatter are content and are skipped.
 */
export function runScan(
  folder: string,
  options: ScanOptions,
): { diagnostics: Diagnostic[]; scanned: string[]; skipped: string[]; fileCount: number } {
  if (!existsSync(join(options.root, options.contentDir)))
    throw new AdoptInputError(`no content folder ${options.contentDir} under ${options.root}`);
  const corpus = loadCorpus(options.root, options.contentDir);
  if (options.migration && !corpus.migrations.some((bundle) => bundle.id === options.migration))
    throw new AdoptInputError(`no migration \`${options.migration}\` in ${options.contentDir}`);
  const inputs: ProseInput[] = [];
  const scanned: string[] = [];
  const skipped: string[] = [];
  const shown = (path: string) => (options.display ? `${options.display.replace(/\/+$/, '')}/${path}` : path);
  for (const file of readProducerFolder(folder)) {
    const text = normaliseText(file.text);
    const path = shown(file.path);
    // YAML files state facts to the drift extraction; the scan checks prose and handoff JSON.
    if (/\.ya?ml$/i.test(file.path)) continue;
    if (/\.json$/i.test(file.path)) {
      if (!looksLikeHandoff(text)) continue;
      const restated = handoffRestatement(readHandoffJson(path, text), { pin: true });
      inputs.push({ file: path, text: restated.text, origins: restated.origins });
    } else if (/^---[ \t]*\n/.test(text)) {
      skipped.push(path);
      continue;
    } else inputs.push({ file: path, text });
    scanned.push(path);
  }
  const diagnostics = checkProse(corpus, inputs, { migration: options.migration });
  // Problems loading the content itself would make every comparison unreliable: report them too.
  const loadErrors = checkCorpus(corpus).filter(
    (diagnostic) => diagnostic.ruleId === 'syntax' || diagnostic.ruleId === 'schema',
  );
  return {
    diagnostics: sortDiagnostics([...loadErrors, ...diagnostics]),
    scanned,
    skipped,
    fileCount: corpus.files.length + scanned.length,
  };
}
