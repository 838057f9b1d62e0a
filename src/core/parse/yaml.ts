import jsYaml from 'js-yaml';
import type { Node as YamlNode } from 'yaml';
import type { Point, Span } from '../diagnostic.ts';
import { limitMessages } from '../limits.ts';
import type { DataPath, Locate } from './data-path.ts';
import type { LineIndex } from './line-index.ts';
import { recogniseYamlSlip } from './yaml-slips.ts';
import { isCalendarDate } from '../../schemas/common.ts';
import { loadOnUse } from '../load-on-use.ts';

/** The `yaml` package: needed only off the fast path below, so loaded then (see `load-on-use.ts`). */
const yamlPackage = loadOnUse<typeof import('yaml')>('yaml');

export interface YamlSyntaxError {
  place: Span;
  reason: string;
  /** A fix for the specific slip, when one was recognised (see `yaml-slips.ts`). */
  hint?: string;
  /** The rule that reports it, when the problem is a content limit rather than the syntax. */
  stage?: 'content-limits';
}

export interface ParsedYaml {
  data: unknown;
  locate: Locate;
  errors: YamlSyntaxError[];
}

/** An anchor (`&name`) makes aliases possible, and aliases are how expansion bombs are built. */
const anchor = /(?:^|[\s,[{:-])&[^\s,[\]{}]/;

/**
 * Parses YAML that starts at `baseOffset` of a file (0 for a data file, after the fence for frontmatter).
 *
 * Valid YAML without anchors, the usual case, goes through js-yaml (about seven times faster here) and
 * its source positions are computed only when something asks for one, which is when a diagnostic is
 * reported. Anything else (syntax errors, duplicate keys, anchors) goes through the `yaml` package,
 * which locates errors precisely and caps alias expansion.
 */
export function parseYaml(text: string, baseOffset: number, lines: LineIndex): ParsedYaml {
  const impossible = impossibleDates(text, baseOffset, lines);
  if (impossible.length) return { data: null, locate: () => ({ start: lines.point(baseOffset) }), errors: impossible };
  if (!anchor.test(text)) {
    let data: unknown;
    try {
      // The schema Astro's content layer reads YAML and frontmatter with (js-yaml's default: YAML 1.2 core
      // plus timestamps, merge keys and the !!binary/!!set/!!omap/!!pairs tags), so the check sees the values
      // the build sees: an unquoted `2026-02-08` is a date for both, and a tag the build cannot read is an
      // error for both.
      data = jsYaml.load(text, { schema: jsYaml.DEFAULT_SCHEMA });
    } catch {
      return parseYamlPrecisely(text, baseOffset, lines);
    }
    let locate: Locate | undefined;
    return {
      data: data === undefined ? null : data,
      locate: (path) => (locate ??= parseYamlPrecisely(text, baseOffset, lines).locate)(path),
      errors: [],
    };
  }
  return parseYamlPrecisely(text, baseOffset, lines);
}

/** The `yaml` package's document model: exact error positions and key ranges for every data path. */
function parseYamlPrecisely(text: string, baseOffset: number, lines: LineIndex): ParsedYaml {
  // Timestamps and merge keys as the build's reader (js-yaml's default schema) has them.
  const doc = yamlPackage().parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    customTags: ['timestamp'],
    merge: true,
  });
  const at = (offset: number) => lines.point(baseOffset + offset);
  // Runaway nesting makes the parser repeat its stack overflow at every level: report it once. Other
  // errors (two duplicate keys, say) are distinct problems at distinct places and all stay.
  let overflowReported = false;
  const reported = new Set<string>();
  // After a structural error (bad indentation, a stray `: `) the parser is out of step with the author
  // and every later error is an echo of the first: report the first only. Duplicate keys are
  // independent problems and all stay, up to that point.
  let structuralReported = false;
  // A tag the `yaml` package cannot resolve is a warning there, but the build's reader throws on it.
  const unknownTags = doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  const inOrder = [...doc.errors, ...unknownTags].sort((a, b) => a.pos[0] - b.pos[0]);
  const errors: YamlSyntaxError[] = inOrder.flatMap((error) => {
    if (structuralReported) return [];
    if (error.code !== 'DUPLICATE_KEY') structuralReported = true;
    if (/maximum call stack/i.test(error.message)) {
      if (overflowReported) return [];
      overflowReported = true;
      // The parser recurses per level: running out of stack is the input breaking the nesting limit.
      return [tooDeep(at(error.pos[0]))];
    }
    const message = firstLine(error.message);
    // The parser reports some slips where it gave up, not where the author must type: recognise those.
    const slip = recogniseYamlSlip(
      text,
      { code: error.code, message, offset: error.pos[0] },
      (offset) => at(offset).line,
    );
    if (slip) {
      const place = { start: at(slip.offset) };
      // One slip can trip two parser errors (an over-indented key is both a nested and a multi-line key).
      if (reported.has(`${place.start.line}:${place.start.column}`)) return [];
      reported.add(`${place.start.line}:${place.start.column}`);
      return [{ place, reason: slip.reason, hint: slip.hint }];
    }
    if (error.code === 'TAG_RESOLVE_FAILED') {
      const tag = /!\S*/.exec(text.slice(error.pos[0]))?.[0] ?? 'tag';
      return [
        {
          place: { start: at(error.pos[0]) },
          reason: `Unexpected YAML tag \`${tag}\`, expected plain values (the site build cannot read custom tags)`,
          hint: 'Remove the tag; to keep the text as it is, quote the whole value.',
        },
      ];
    }
    // An unclosed flow collection is detected lines later; point at the bracket the author left open.
    const opener = /flow (sequence|mapping)/i.test(message) ? unclosedOpener(text, error.pos[0]) : undefined;
    return [
      opener === undefined
        ? { place: { start: at(error.pos[0]) }, reason: `Unexpected YAML: ${message}` }
        : { place: { start: at(opener) }, reason: `Unexpected YAML: \`${text[opener]}\` is never closed (${message})` },
    ];
  });
  let data: unknown;
  if (errors.length === 0) {
    try {
      // maxAliasCount stops alias expansion bombs ("billion laughs") before they eat memory.
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      const message = String((error as Error).message);
      errors.push(
        /maximum call stack/i.test(message)
          ? tooDeep(at(0))
          : { place: { start: at(0) }, reason: `Unexpected YAML: ${firstLine(message)}` },
      );
    }
  }
  const root = doc.contents as YamlNode | null;
  const { isMap, isScalar, isSeq } = yamlPackage();
  const locate: Locate = (path: DataPath) => {
    let node: unknown = root;
    let range: readonly number[] | undefined = root?.range ?? undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        // Point at the key: that is the line an author looks for.
        range = (pair.key as YamlNode).range ?? range;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as YamlNode | undefined;
        if (!item) break;
        range = item.range ?? range;
        node = item;
      } else break;
    }
    const [start = 0, end = start] = range ?? [];
    return { start: at(start), end: at(end) };
  };
  return { data, locate, errors };
}

/**
 * Unquoted date-shaped values that are no calendar day (`2026-99-99`, `2026-02-30`). Both YAML readers
 * turn them into a date silently rolled over (`2034-06-21`), so the typo would publish a wrong date: the
 * source text is the only place left to see it.
 */
function impossibleDates(text: string, baseOffset: number, lines: LineIndex): YamlSyntaxError[] {
  const errors: YamlSyntaxError[] = [];
  const plainDate = /(^|:[ \t]+|^[ \t]*-[ \t]+|[[,][ \t]*)(\d{4}-\d{2}-\d{2})(?=[ \t]*(?:#.*)?$|[ \t]*[,\]])/gm;
  for (const match of text.matchAll(plainDate)) {
    const value = match[2] ?? '';
    if (isCalendarDate(value)) continue;
    const offset = (match.index ?? 0) + (match[1]?.length ?? 0);
    errors.push({
      place: { start: lines.point(baseOffset + offset) },
      reason: `Unexpected date \`${value}\`, expected a real calendar date written YYYY-MM-DD`,
      hint: 'Correct the month or the day; YAML would silently roll an impossible date over into a later one.',
    });
  }
  return errors;
}

/** YAML nested past what the parser can read: past the nesting limit too (the parser reads well beyond it). */
function tooDeep(start: Point): YamlSyntaxError {
  return {
    place: { start },
    reason: limitMessages.nestingDepth.reason('in YAML'),
    hint: limitMessages.nestingDepth.hint,
    stage: 'content-limits',
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** The offset of the last `[` or `{` before `offset` that no bracket closes, ignoring quoted text roughly. */
function unclosedOpener(text: string, offset: number): number | undefined {
  let depth = 0;
  for (let index = Math.min(offset, text.length) - 1; index >= 0; index--) {
    const char = text[index];
    if (char === ']' || char === '}') depth++;
    else if (char === '[' || char === '{') {
      if (depth === 0) return index;
      depth--;
    }
  }
  return undefined;
}
