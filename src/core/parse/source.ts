import type { SourceFile } from '../corpus.ts';

export type DecodedSource =
  { ok: true; text: string; bom: boolean } | { ok: false; reason: string; place?: { line: number; column: number } };

/**
 * Decodes bytes to text: strips a BOM, refuses binary content instead of parsing garbage. A NUL byte
 * anywhere (not only in the first 8,000 bytes: a NUL further down would reach the HTML) and bytes that are
 * not UTF-8 (which a lenient decoder would silently replace with U+FFFD) are refused at their line and column.
 */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    return {
      ok: false,
      reason: 'Unexpected binary content (a NUL byte), expected UTF-8 text',
      place: placeOfByte(bytes, nul),
    };
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  const invalid = text === undefined ? (firstInvalidUtf8(bytes) ?? 0) : undefined;
  if (invalid !== undefined)
    return {
      ok: false,
      reason: `Unexpected byte 0x${(bytes[invalid] ?? 0).toString(16).padStart(2, '0')} that is not UTF-8, expected UTF-8 text`,
      place: placeOfByte(bytes, invalid),
    };
  // The decoder drops a UTF-8 byte order mark; say that there was one, since generated files must not have it.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, text: text ?? '', bom };
}

/** 1-based line and column (in characters of the valid text before it) of a byte offset. */
function placeOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const lineStart = bytes.lastIndexOf(10, offset - 1) + 1;
  let line = 1;
  for (let index = bytes.indexOf(10); index !== -1 && index < offset; index = bytes.indexOf(10, index + 1)) line++;
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, if any. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] as number;
    if (byte < 0x80) {
      index++;
      continue;
    }
    // Sequence length and the allowed range of the second byte (excludes overlongs and surrogates).
    const [length, low, high] =
      byte >= 0xc2 && byte <= 0xdf
        ? [2, 0x80, 0xbf]
        : byte === 0xe0
          ? [3, 0xa0, 0xbf]
          : byte === 0xed
            ? [3, 0x80, 0x9f]
            : byte >= 0xe1 && byte <= 0xef
              ? [3, 0x80, 0xbf]
              : byte === 0xf0
                ? [4, 0x90, 0xbf]
                : byte >= 0xf1 && byte <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : byte === 0xf4
                    ? [4, 0x80, 0x8f]
                    : [0, 0, 0];
    if (length === 0) return index;
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf];
      if (continuation === undefined || continuation < min || continuation > max) return index;
    }
    index += length;
  }
  return undefined;
}

export function sourceFile(path: string, text: string): SourceFile {
  return { path, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
