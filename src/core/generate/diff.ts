import { formatDataPath, type DataPath } from '../parse/data-path.ts';

/** The first place where a committed JSON file differs from the generated one. */
export interface JsonDifference {
  /** Data path of the difference, e.g. `['gates', 1, 'status']` (for `order`, the object's path); empty for the whole file. */
  path: DataPath;
  /** What the difference is. */
  kind: 'value' | 'missing' | 'extra' | 'order' | 'bytes';
  /** Short rendering of the committed side, e.g. `"passed"`. */
  committed: string;
  /** Short rendering of the generated side, e.g. `"pending"`. */
  generated: string;
  /** For `kind: 'bytes'`: the 1-based line of the committed file where the bytes first differ. */
  line?: number;
}

/**
 * Finds the first difference between two files meant to be byte-identical, walking the generated value
 * in its key order. When the data is equal but the bytes are not (key order, indentation, line ends,
 * final newline), the difference is reported at the first differing line with `kind: 'bytes'`.
 * `committedData` is undefined when the committed file is not valid JSON.
 */
export function firstDifference(
  committedText: string,
  committedData: unknown,
  generatedText: string,
): JsonDifference | undefined {
  if (committedText === generatedText) return undefined;
  if (committedData !== undefined) {
    const found = walk(committedData, JSON.parse(generatedText) as unknown, []);
    if (found) return found;
  }
  return byteDifference(committedText, generatedText);
}

/** `gates[1].status: committed "pending", generated "passed"` */
export function describeDifference(difference: JsonDifference): string {
  const where = difference.path.length ? formatDataPath(difference.path) : '(top level)';
  return `${where}: committed ${difference.committed}, generated ${difference.generated}`;
}

function walk(committed: unknown, generated: unknown, path: DataPath): JsonDifference | undefined {
  if (isObject(generated) && isObject(committed)) {
    const committedKeys = Object.keys(committed);
    for (const key of Object.keys(generated)) {
      if (!Object.hasOwn(committed, key))
        return { path: [...path, key], kind: 'missing', committed: '(missing)', generated: preview(generated[key]) };
      const found = walk(committed[key], generated[key], [...path, key]);
      if (found) return found;
    }
    for (const key of committedKeys) {
      if (!Object.hasOwn(generated, key))
        return { path: [...path, key], kind: 'extra', committed: preview(committed[key]), generated: '(no such key)' };
    }
    const generatedKeys = Object.keys(generated);
    const index = generatedKeys.findIndex((key, position) => committedKeys[position] !== key);
    if (index !== -1) {
      return {
        path,
        kind: 'order',
        committed: `key \`${committedKeys[index] ?? ''}\` in position ${index + 1}`,
        generated: `key \`${generatedKeys[index] ?? ''}\` in position ${index + 1}`,
      };
    }
    return undefined;
  }
  if (Array.isArray(generated) && Array.isArray(committed)) {
    const shared = Math.min(generated.length, committed.length);
    for (let index = 0; index < shared; index++) {
      const found = walk(committed[index], generated[index], [...path, index]);
      if (found) return found;
    }
    if (generated.length > committed.length) {
      return {
        path: [...path, committed.length],
        kind: 'missing',
        committed: '(missing)',
        generated: preview(generated[committed.length]),
      };
    }
    if (committed.length > generated.length) {
      return {
        path: [...path, generated.length],
        kind: 'extra',
        committed: preview(committed[generated.length]),
        generated: '(no such item)',
      };
    }
    return undefined;
  }
  if (Object.is(committed, generated)) return undefined;
  return { path, kind: 'value', committed: preview(committed), generated: preview(generated) };
}

function byteDifference(committed: string, generated: string): JsonDifference {
  const a = committed.split('\n');
  const b = generated.split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const show = (lines: string[]) => (line < lines.length ? JSON.stringify(lines[line]) : '(end of file)');
  return {
    path: [],
    kind: 'bytes',
    committed: `line ${line + 1} ${show(a)}`,
    generated: `line ${line + 1} ${show(b)}`,
    line: line + 1,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function preview(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
