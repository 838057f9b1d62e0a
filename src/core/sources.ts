import { valueSourceSchema, type ValueSource } from '../schemas/index.ts';
import type { LoadProblem } from './corpus.ts';
import type { Span } from './diagnostic.ts';
import type { DataPath, Locate } from './parse/data-path.ts';
import { resolvePointer } from './parse/json-pointer.ts';
import { parseJson } from './parse/json.ts';
import { LineIndex } from './parse/line-index.ts';
import { parseWithSchema } from './parse/schema.ts';
import { parseYaml, type YamlSyntaxError } from './parse/yaml.ts';

/**
 * Sourced facts: a runtime pin, producer manifest or contract policy may say that some of its fields live
 * in a file of the producer's repository (`source: { file, values: { field: pointer } }`). The loader
 * reads them from there before the schema runs, so every rule sees them as if they were written by hand,
 * and every problem with them is reported at the declaration, naming the source file.
 */

/** What reading a repository file gives: its text, or why it cannot be used. */
export type RepositoryFileRead = { ok: true; text: string } | { ok: false; reason: string; hint: string };

/** Reads a file by its repository-relative path. The CLI's reader confines it to the repository root. */
export type ReadRepositoryFile = (path: string) => RepositoryFileRead;

/** One value an entry took from a source file. */
export interface SourcedValue {
  /** The field as a dotted path in the declaring file, e.g. `pin.release_tag`. */
  field: string;
  /** Repository-relative path of the source file. */
  file: string;
  /** JSON Pointer of the value in the source file, e.g. `/release_tag`. */
  pointer: string;
  /** Where the pointer is declared (in the declaring file). */
  declaration: Span;
  /** Where the value is in the source file. */
  place: Span;
}

/** A parsed source file, shared by every entry that reads from it. */
export interface ParsedSource {
  data: unknown;
  locate: Locate;
  errors: YamlSyntaxError[];
}

/** Kinds that may declare `source:`. */
export const sourceableKinds: ReadonlySet<string> = new Set(['runtime-pin', 'producer-manifest', 'contract-policy']);

export type SourceResult =
  | { ok: true; data: Record<string, unknown>; locate: Locate; sourced: SourcedValue[] }
  | { ok: false; problems: LoadProblem[] };

/**
 * Applies a `source:` declaration to raw (not yet validated) data: returns a copy with every sourced field
 * filled in, a `locate` that points sourced fields at their declaration, and the list of sourced values.
 */
export function applySource(
  file: string,
  data: Record<string, unknown>,
  locate: Locate,
  read: ReadRepositoryFile,
  cache: Map<string, ParsedSource | RepositoryFileRead>,
): SourceResult {
  const problems: LoadProblem[] = [];
  const declared = parseWithSchema(valueSourceSchema, data['source'], (path) => locate(['source', ...path]), 'source');
  if (!declared.ok) {
    for (const problem of declared.problems)
      problems.push({ stage: 'schema', file, ...problem, reason: problem.reason.replace(/at `/, 'at `source.') });
    return { ok: false, problems };
  }
  const source: ValueSource = declared.data;
  // Places are found when something asks for one (a diagnostic, the runtime page), not here: locating a
  // path can mean parsing the declaring file again with the precise YAML parser, which a clean check never
  // needs.
  const declarationOf = (field: string) => locate(['source', 'values', field]);
  const fileDeclaration = () => locate(['source', 'file']);

  const parsed = readSource(source.file, read, cache);
  if (!('data' in parsed)) {
    problems.push({
      stage: 'syntax',
      file,
      place: fileDeclaration(),
      reason: `Unexpected source file \`${source.file}\`: ${lowerFirst(parsed.reason)}`,
      actual: source.file,
      hint: `${parsed.hint} The values in \`source.values\` are read from this file.`,
    });
    return { ok: false, problems };
  }
  if (parsed.errors.length) {
    const first = parsed.errors[0];
    problems.push({
      stage: 'syntax',
      file,
      place: fileDeclaration(),
      reason: `Unexpected unparsable source file \`${source.file}\` (${source.file}:${first?.place.start.line}:${first?.place.start.column}: ${first?.reason}), expected ${formatOf(source.file)}`,
      actual: source.file,
      hint: `Fix the syntax of ${source.file}: until it parses, the values read from it are unknown.`,
    });
    return { ok: false, problems };
  }

  const filled = structuredClone(data);
  const sourced: SourcedValue[] = [];
  for (const [field, pointer] of Object.entries(source.values)) {
    const found = resolvePointer(parsed.data, pointer);
    if (!found.found) {
      const at = parsed.locate(found.path).start;
      problems.push({
        stage: 'schema',
        file,
        place: declarationOf(field),
        reason: `Missing \`${found.missing}\` for pointer \`${pointer}\` in source file \`${source.file}\` (${found.path.length ? `${source.file}:${at.line}:${at.column} has no such key` : 'its top level has no such key'}), expected a value for \`${field}\``,
        actual: pointer,
        hint: `Point \`source.values.${field}\` at the key that holds the value in ${source.file}, or write the value by hand and remove the pointer.`,
      });
      continue;
    }
    const segments = field.split('.');
    if (valueAt(data, segments) !== undefined) {
      problems.push({
        stage: 'schema',
        file,
        place: locate(segments),
        reason: `Unexpected hand-written \`${field}\` that is also read from \`${source.file}\` at \`${pointer}\`, expected it in one place`,
        actual: field,
        hint: `Remove \`${field}\` here (the source file is the truth), or remove its pointer from \`source.values\`.`,
      });
      continue;
    }
    if (!setAt(filled, segments, found.value)) {
      problems.push({
        stage: 'schema',
        file,
        place: declarationOf(field),
        reason: `Unexpected field \`${field}\` under a value that is not a mapping, expected a dotted path of mapping keys`,
        actual: field,
        hint: 'Name a field of this file by its keys, such as pin.release_tag.',
      });
      continue;
    }
    const valuePath = found.path;
    let declaration: Span | undefined;
    let place: Span | undefined;
    sourced.push({
      field,
      file: source.file,
      pointer,
      get declaration() {
        return (declaration ??= declarationOf(field));
      },
      get place() {
        return (place ??= parsed.locate(valuePath));
      },
    });
  }
  if (problems.length) return { ok: false, problems };
  const sourcedLocate: Locate = (path: DataPath) => {
    const value = sourcedValueAt(sourced, path);
    if (value) return value.declaration;
    // A mapping that only sourcing created (`pin` when every pin field is sourced) is declared by `values`.
    if (
      sourced.some((candidate) => startsWith(candidate.field.split('.'), path.map(String))) &&
      valueAt(data, path.map(String)) === undefined
    )
      return locate(['source', 'values']);
    return locate(path);
  };
  return { ok: true, data: filled, locate: sourcedLocate, sourced };
}

/** The sourced value a data path is (or lies under), if any. */
export function sourcedValueAt(
  sourced: readonly SourcedValue[],
  path: readonly PropertyKey[],
): SourcedValue | undefined {
  return sourced.find((value) => startsWith(path, value.field.split('.')));
}

function readSource(
  path: string,
  read: ReadRepositoryFile,
  cache: Map<string, ParsedSource | RepositoryFileRead>,
): ParsedSource | Extract<RepositoryFileRead, { ok: false }> {
  const cached = cache.get(path);
  if (cached) return cached as ParsedSource | Extract<RepositoryFileRead, { ok: false }>;
  const result = read(path);
  let parsed: ParsedSource | Extract<RepositoryFileRead, { ok: false }>;
  if (!result.ok) parsed = result;
  else if (/\.json$/i.test(path)) parsed = parseJson(result.text);
  else if (/\.ya?ml$/i.test(path)) parsed = parseYaml(result.text, 0, new LineIndex(result.text));
  else
    parsed = {
      ok: false,
      reason: 'Unexpected file type, expected a .json, .yaml or .yml file',
      hint: 'Source values from the JSON or YAML file the producer publishes.',
    };
  cache.set(path, parsed);
  return parsed;
}

function formatOf(path: string): string {
  return /\.json$/i.test(path) ? 'JSON' : 'YAML';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function startsWith(path: readonly PropertyKey[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => String(path[index]) === segment);
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let value = data;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Sets a nested value, creating mappings on the way; false when a step is not a mapping. */
function setAt(data: Record<string, unknown>, segments: readonly string[], value: unknown): boolean {
  let target: Record<string, unknown> = data;
  // A dotted path comes from content: it must never reach an object's prototype.
  if (segments.some((segment) => segment === '__proto__' || segment === 'constructor' || segment === 'prototype'))
    return false;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(target, segment) ? target[segment] : undefined;
    if (next === undefined) {
      const created: Record<string, unknown> = {};
      target[segment] = created;
      target = created;
    } else if (next !== null && typeof next === 'object' && !Array.isArray(next))
      target = next as Record<string, unknown>;
    else return false;
  }
  const last = segments.at(-1);
  if (last === undefined) return false;
  target[last] = structuredClone(value);
  return true;
}
