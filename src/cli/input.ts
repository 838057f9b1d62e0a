import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { parseJson } from '../core/parse/json.ts';
import { parseWithSchema } from '../core/parse/schema.ts';
import { decodeSource } from '../core/parse/source.ts';
import { payloadSchema, type Payload } from '../schemas/payload.ts';

/** Thrown for input the user must fix (unreadable, not JSON, wrong shape): exit code 2, one message, no stack. */
export class InputError extends Error {}

/** Largest input file read, in bytes: payloads, pins, manifests and response fixtures are kilobytes. */
export const maxInputBytes = 64 * 2 ** 20;

export function readText(path: string, label: string): { bytes: Buffer; text: string } {
  const bytes = readBytes(path, label);
  return { bytes, text: decode(path, bytes) };
}

/**
 * Reads a regular file. Anything else is refused before it is opened: opening a FIFO waits for a
 * writer forever, and `/dev/zero` never ends.
 */
export function readBytes(path: string, label: string): Buffer {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      throw new InputError(
        `cannot read ${label} ${path}: not a regular file (${stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a FIFO' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'a socket or special file'})`,
      );
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${label} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`,
    );
  }
  if (size > maxInputBytes)
    throw new InputError(`cannot read ${label} ${path}: ${size} bytes, expected at most ${maxInputBytes}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${label} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`,
    );
  }
  return bytes;
}

function decode(path: string, bytes: Buffer): string {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) throw new InputError(`${path}: ${decoded.reason}`);
  return decoded.text;
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

/**
 * Reads the producer's payload given as `--payload`: the one place the consumer commands read it, so a
 * new kind of producer file (such as the release handoff JSON) is accepted here and nowhere else.
 */
export function readPayload(path: string): Payload {
  return readValidated(path, 'handoff payload', payloadSchema);
}
