import type { Span } from '../diagnostic.ts';

/** A path into parsed data, e.g. `['gates', 2, 'status']`. */
export type DataPath = readonly PropertyKey[];

/** Finds the source span of a data path; falls back to the nearest ancestor that exists. */
export type Locate = (path: DataPath) => Span;

/** Renders a data path the way authors write it: `gates[2].status`. */
export function formatDataPath(path: DataPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

/** Calls `visit` on every mapping under `value`; one shared path stack, copied only when a mapping is used. */
export function walkData(
  value: unknown,
  path: PropertyKey[],
  visit: (object: Record<string, unknown>, path: () => DataPath) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (item && typeof item === 'object') {
        path.push(index);
        walkData(item, path, visit);
        path.pop();
      }
    });
  } else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>, () => [...path]);
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (item && typeof item === 'object') {
        path.push(key);
        walkData(item, path, visit);
        path.pop();
      }
    }
  }
}
