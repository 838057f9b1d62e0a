import type { Node as YamlNode } from 'yaml';
import { contentLimits } from '../limits.ts';
import { loadOnUse } from '../load-on-use.ts';
import { extractData, type DataExtraction, type DataNode, type DataOptions } from './data.ts';

/**
 * A producer's YAML (a `.yml`/`.yaml` file, or the front matter of a Markdown file) read into fact statements
 * by the same walker as JSON (`data.ts`). The `yaml` package keeps every node's offset; aliases are not
 * followed (a value reached through `*anchor` states nothing), so no alias expansion can blow up.
 */

const yamlPackage = loadOnUse<typeof import('yaml')>('yaml');

/**
 * `text` is the YAML; `firstLine` the line of the producer's file it starts on (2 for front matter after its
 * opening `---`), so every place is a place of that file.
 */
export function extractYaml(file: string, text: string, options: DataOptions, firstLine = 1): DataExtraction {
  const { parseAllDocuments, LineCounter, isMap, isSeq, isScalar } = yamlPackage();
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  const all = Array.isArray(documents) ? documents : [];
  const error = all.flatMap((document) => document.errors)[0];
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    const reason = error.message.split('\n')[0] ?? error.code;
    return { statements: [], error: { line: line + firstLine - 1, column: col, reason } };
  }
  const place = (node: YamlNode | null | undefined) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { line: line + firstLine - 1, column: col };
  };
  const dataNodeOf = (node: unknown, depth: number): DataNode => {
    const loc = place(node as YamlNode | undefined);
    if (depth > contentLimits.nestingDepth) return { type: 'other', loc };
    if (isMap(node))
      return {
        type: 'object',
        members: node.items.flatMap((pair) => {
          if (!isScalar(pair.key) || pair.key.value === null) return [];
          const value = dataNodeOf(pair.value, depth + 1);
          // A block list or map starts on the line after its key: the key's line is where the list is named.
          if (value.type === 'object' || value.type === 'array') value.loc = place(pair.key);
          return [{ key: String(pair.key.value), value }];
        }),
        loc,
      };
    if (isSeq(node)) return { type: 'array', elements: node.items.map((item) => dataNodeOf(item, depth + 1)), loc };
    if (isScalar(node) && typeof node.value === 'string') return { type: 'string', value: node.value, loc };
    return { type: 'other', loc };
  };
  const statements: DataExtraction['statements'] = [];
  const gateAliases: NonNullable<DataExtraction['gateAliases']> = [];
  let date: string | undefined;
  for (const document of all) {
    const extraction = extractData(file, dataNodeOf(document.contents, 0), options);
    statements.push(...extraction.statements);
    gateAliases.push(...(extraction.gateAliases ?? []));
    date ??= extraction.date;
  }
  return { statements, date, gateAliases };
}

/** YAML front matter: a first line `---`, then YAML up to a line `---` (or `...`). */
export function frontMatterOf(text: string): { yaml: string; end: number } | undefined {
  const match = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!match) return undefined;
  return { yaml: match[1] ?? '', end: match[0].length };
}
