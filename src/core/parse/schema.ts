import type { z } from 'zod';
import type { Span } from '../diagnostic.ts';
import { closestMatch } from '../text/closest-match.ts';
import { nonAsciiHint } from '../text/non-ascii.ts';
import { plural } from '../text/plural.ts';
import { formatDataPath, type Locate } from './data-path.ts';

export interface SchemaProblem {
  /** The data path the problem is about (for an unknown key, the path of the object holding it). */
  path?: readonly PropertyKey[];
  place: Span;
  reason: string;
  actual?: string;
  expected?: string[];
  hint: string;
}

export type SchemaResult<T> = { ok: true; data: T } | { ok: false; problems: SchemaProblem[] };

/**
 * The one way user input meets a zod schema. Every issue becomes a located problem whose text says
 * where (the data path), what was found, and what was expected, instead of zod's generic messages.
 */
export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  input: unknown,
  locate: Locate,
  schemaName: string,
): SchemaResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const problems: SchemaProblem[] = [];
  for (const issue of result.error.issues)
    for (const problem of describeIssue(schema, input, issue, locate, schemaName))
      problems.push({ ...problem, path: issue.path as PropertyKey[] });
  return { ok: false, problems };
}

type Issue = z.core.$ZodIssue;

function describeIssue(
  root: z.ZodType,
  input: unknown,
  issue: Issue,
  locate: Locate,
  schemaName: string,
): SchemaProblem[] {
  const path = issue.path as PropertyKey[];
  const where = path.length ? `\`${formatDataPath(path)}\`` : 'the top level';
  const actualValue = valueAt(input, path);
  const hint = `Fix the value so it matches the ${schemaName} schema; each field is described, with an example, in src/schemas/.`;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(root, input, path);
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, allowed);
        return {
          place: locate([...path, key]),
          reason: `Unexpected key \`${key}\` in ${where}, expected one of ${allowed.map((k) => `\`${k}\``).join(', ')}`,
          actual: key,
          expected: allowed,
          hint: suggestion
            ? `Did you mean \`${suggestion}\`? Rename the key.`
            : 'Remove the key: the schema is strict so that typos cannot hide facts.',
        };
      });
    }
    case 'invalid_type': {
      if (actualValue === undefined) {
        const parent = path.slice(0, -1);
        const key = path.at(-1);
        return [
          {
            place: locate(parent),
            reason: `Missing required key \`${String(key)}\` in ${parent.length ? `\`${formatDataPath(parent)}\`` : 'the top level'}, expected ${article(issue.expected)}`,
            expected: [issue.expected],
            hint: `Add \`${String(key)}\` to ${parent.length ? `\`${formatDataPath(parent)}\`` : 'the top level'}.`,
          },
        ];
      }
      if (actualValue instanceof Date && issue.expected === 'string') {
        // The build reads YAML the same way: an unquoted date-like value is a date, not text.
        const date = Number.isNaN(actualValue.getTime())
          ? 'date'
          : actualValue.toISOString().replace(/T00:00:00\.000Z$/, '');
        return [
          {
            place: locate(path),
            reason: `Unexpected date \`${date}\` at ${where}, expected a string (YAML reads an unquoted date as a date)`,
            actual: date,
            expected: ['string'],
            hint: `Quote the value, e.g. \`${String(path.at(-1) ?? 'key')}: "${date}"\`.`,
          },
        ];
      }
      return [
        {
          place: locate(path),
          reason: `Unexpected ${describeType(actualValue)} at ${where}, expected ${article(issue.expected)}`,
          actual: preview(actualValue),
          expected: [issue.expected],
          hint,
        },
      ];
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      const suggestion = typeof actualValue === 'string' ? closestMatch(actualValue, values) : undefined;
      return [
        {
          place: locate(path),
          reason: `Unexpected ${preview(actualValue)} at ${where}, expected ${values.map((v) => `\`${v}\``).join(' or ')}`,
          actual: preview(actualValue),
          expected: values,
          hint: suggestion ? `Did you mean \`${suggestion}\`?` : hint,
        },
      ];
    }
    case 'invalid_union': {
      // A discriminated union on `kind` fails as a whole when the kind is unknown: say that, not N branch errors.
      const expected = [...new Set(issue.errors.flatMap((branch) => branch.map((inner) => inner.message)))];
      return [
        {
          place: locate(path),
          reason: `Unexpected ${preview(actualValue)} at ${where}, expected ${expected.join(' or ')}`,
          actual: preview(actualValue),
          expected,
          hint,
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const size = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const expected = `${bound} ${
        issue.origin === 'string' ? plural(size, 'character') : issue.origin === 'array' ? plural(size, 'item') : size
      }`;
      return [
        {
          place: locate(path),
          reason: `Unexpected ${issue.origin === 'array' ? `list of ${Array.isArray(actualValue) ? actualValue.length : 0}` : preview(actualValue)} at ${where}, expected ${expected}`,
          actual: preview(actualValue),
          expected: [expected],
          hint:
            issue.origin === 'string' && size === 1
              ? `Write a value for \`${formatDataPath(path)}\`, or remove the key if it is optional.`
              : hint,
        },
      ];
    }
    case 'invalid_format':
      return [
        {
          place: locate(path),
          // Our formats carry their own message, written as the expectation ("release tags look like v0.3.2").
          reason: `Unexpected ${preview(actualValue)} at ${where}, expected ${issue.message}`,
          actual: preview(actualValue),
          expected: [issue.message],
          // Our formats are ASCII: a look-alike letter from another script is the likely cause, so name it.
          hint: (typeof actualValue === 'string' && nonAsciiHint(actualValue)) || hint,
        },
      ];
    default:
      return [
        {
          place: locate(path),
          reason: `Unexpected ${preview(actualValue)} at ${where}: ${issue.message}`,
          actual: preview(actualValue),
          hint,
        },
      ];
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : `${typeof value} ${preview(value)}`;
}

export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text && text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `\`${short}\``;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The keys the schema allows at a path, walking through wrappers, arrays and discriminated unions. */
function keysAt(root: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] {
  let schema: unknown = root;
  let value = input;
  const step = (segment?: PropertyKey): boolean => {
    for (let guard = 0; guard < 20; guard++) {
      const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      if (!def) return false;
      const type = def['type'];
      if (type === 'optional' || type === 'default' || type === 'nullable' || type === 'prefault')
        schema = def['innerType'];
      else if (type === 'pipe') schema = def['out'];
      else if (type === 'union') {
        const kind = (value as { kind?: unknown } | undefined)?.kind;
        const options = def['options'] as unknown[];
        schema =
          options.find((option) => shapeOf(option)?.['kind'] && literalOf(shapeOf(option)?.['kind']) === kind) ??
          options[0];
      } else break;
    }
    if (segment === undefined) return true;
    const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def['type'] === 'object') schema = (def['shape'] as Record<string, unknown>)[String(segment)];
    else if (def['type'] === 'array') schema = def['element'];
    else return false;
    value = valueAt(value, [segment]);
    return schema !== undefined;
  };
  for (const segment of path) if (!step(segment)) return [];
  step();
  const shape = shapeOf(schema);
  return shape ? Object.keys(shape) : [];
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  return def?.['type'] === 'object' ? (def['shape'] as Record<string, unknown>) : undefined;
}

function literalOf(schema: unknown): unknown {
  const def = (schema as { _zod?: { def?: { values?: unknown[] } } })?._zod?.def;
  return def?.values?.[0];
}

/**
 * Keys the schema does not know, for input whose objects are loose on purpose (a producer's own JSON,
 * which gains fields release after release). Each becomes a problem meant to be reported as a warning:
 * the data still parses, but a typo of a known key, or a fact nobody checks, is visible.
 */
export function unknownKeyWarnings(
  schema: z.ZodType,
  input: unknown,
  locate: Locate,
  schemaName: string,
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const visit = (node: unknown, value: unknown, path: PropertyKey[]): void => {
    const def = unwrap(node);
    if (!def || value === null || typeof value !== 'object') return;
    if (def['type'] === 'array' && Array.isArray(value)) {
      value.forEach((item, index) => visit(def['element'], item, [...path, index]));
      return;
    }
    if (def['type'] !== 'object' || Array.isArray(value)) return;
    const shape = def['shape'] as Record<string, unknown>;
    const allowed = Object.keys(shape);
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (Object.hasOwn(shape, key)) {
        visit(shape[key], child, [...path, key]);
        continue;
      }
      const where = path.length ? `\`${formatDataPath(path)}\`` : 'the top level';
      const suggestion = closestMatch(key, allowed);
      problems.push({
        place: locate([...path, key]),
        reason: `Unexpected key \`${key}\` in ${where} of the ${schemaName}, expected one of ${allowed.map((k) => `\`${k}\``).join(', ')}`,
        actual: key,
        expected: allowed,
        hint: suggestion
          ? `Did you mean \`${suggestion}\`? Rename the key; as written, its value is not checked.`
          : 'Nothing checks this key. Remove it, or leave it if the producer added it on purpose (this is a warning only).',
      });
    }
  };
  visit(schema, input, []);
  return problems;
}

/** The definition under optional/default/nullable/pipe wrappers. */
function unwrap(schema: unknown): Record<string, unknown> | undefined {
  let current = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return undefined;
    const type = def['type'];
    if (type === 'optional' || type === 'default' || type === 'nullable' || type === 'prefault')
      current = def['innerType'];
    else if (type === 'pipe') current = def['out'];
    else return def;
  }
  return undefined;
}
