import { contentLimits } from '../limits.ts';
import type { DataPath } from './data-path.ts';

/**
 * Offset of the first `[` or `{` of a JSON text that opens a level past the nesting limit, or undefined.
 * A scan of the text, before any parser runs: the location-keeping JSON parser recurses per level and
 * would end in a stack overflow, reported at no useful place.
 */
export function jsonNestingOverflow(text: string, limit: number = contentLimits.nestingDepth): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return index;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return undefined;
}

/**
 * The path of the first value nested deeper than the limit in parsed data, or undefined. Iterative, so it
 * is safe on any depth a parser produced; the checker's data walkers recurse and rely on it.
 */
export function dataNestingOverflow(value: unknown, limit: number = contentLimits.nestingDepth): DataPath | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop() as (typeof stack)[number];
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.path.length >= limit) return next.path;
    const entries: [PropertyKey, unknown][] = Array.isArray(next.value)
      ? next.value.map((item, index) => [index, item])
      : Object.entries(next.value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index] as [PropertyKey, unknown];
      stack.push({ value: item, path: [...next.path, key] });
    }
  }
  return undefined;
}
