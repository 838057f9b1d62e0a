import type { SourceFile } from '../corpus.ts';

export type DecodedSource = { ok: true; text: string; bom: boolean } | { ok: false; reason: string };

/** Decodes bytes to text: strips a BOM, refuses binary content instead of parsing garbage. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return { ok: false, reason: 'Unexpected binary content (a NUL byte), expected UTF-8 text' };
  // The decoder drops a UTF-8 byte order mark; say that there was one, since generated files must not have it.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), bom };
}

export function sourceFile(path: string, text: string): SourceFile {
  return { path, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
