/**
 * JSON Pointers (RFC 6901) into parsed data. Only own properties count: `/constructor` or `/__proto__`
 * in a pointer must find a key the file wrote, never something every object inherits.
 */

/** The keys a pointer names: `/a~1b/0` → `['a/b', '0']`. The empty pointer names the whole value. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export type PointerResult =
  | { found: true; value: unknown; path: (string | number)[] }
  | { found: false; /** The longest prefix that exists, as a data path. */ path: (string | number)[]; missing: string };

/** The value a pointer names in `data`, with the data path it was found at (numbers for array indices). */
export function resolvePointer(data: unknown, pointer: string): PointerResult {
  let value = data;
  const path: (string | number)[] = [];
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(value)) {
      const index = /^(?:0|[1-9]\d*)$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= value.length) return { found: false, path, missing: segment };
      value = value[index];
      path.push(index);
    } else if (value !== null && typeof value === 'object' && Object.hasOwn(value, segment)) {
      value = (value as Record<string, unknown>)[segment];
      path.push(segment);
    } else return { found: false, path, missing: segment };
  }
  return { found: true, value, path };
}
