import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseJson } from '../core/parse/json.ts';
import { parseWithSchema } from '../core/parse/schema.ts';
import { decodeSource } from '../core/parse/source.ts';

/** Thrown for input the user must fix (unreadable, not JSON, wrong shape): exit code 2, one message, no stack. */
export class InputError extends Error {}

export function readText(path: string, label: string): { bytes: Buffer; text: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${label} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`,
    );
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) throw new InputError(`${path}: ${decoded.reason}`);
  return { bytes, text: decoded.text };
}

export function readJson(path: string, label: string): unknown {
  const { text } = readText(path, label);
  const parsed = parseJson(text);
  const [error] = parsed.errors;
  if (error) throw new InputError(`${path}:${error.place.start.line}:${error.place.start.column}: ${error.reason}`);
  return parsed.data;
}

/** Reads a JSON file and validates it, naming the file, line and field of the first problems. */
export function readValidated<S extends z.ZodType>(path: string, label: string, schema: S): z.output<S> {
  const { text } = readText(path, label);
  const parsed = parseJson(text);
  const [error] = parsed.errors;
  if (error) throw new InputError(`${path}:${error.place.start.line}:${error.place.start.column}: ${error.reason}`);
  const result = parseWithSchema(schema, parsed.data, parsed.locate, label);
  if (!result.ok) {
    const lines = result.problems
      .slice(0, 10)
      .map(
        (problem) =>
          `${path}:${problem.place.start.line}:${problem.place.start.column}: ${problem.reason}${problem.hint.startsWith('Did you mean') ? ` (${problem.hint})` : ''}`,
      );
    throw new InputError(`invalid ${label}:\n${lines.join('\n')}`);
  }
  return result.data;
}
