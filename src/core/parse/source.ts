import type { SourceFile } from '../corpus.ts';

export type DecodedSource = { ok: true; text: string } | { ok: false; reason: string };

/** Decodes bytes to text: strips a BOM, refuses binary content instead of parsing garbage. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return { ok: false, reason: 'Unexpected binary content (a NUL byte), expected UTF-8 text' };
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

export function sourceFile(path: string, text: string): SourceFile {
  return { path, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
