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
