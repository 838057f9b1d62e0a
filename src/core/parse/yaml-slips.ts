import { plural } from '../text/plural.ts';

/**
 * The YAML mistakes authors actually make in frontmatter and data files, recognised from the parser's
 * error and the text around it, so a report can say exactly where the slip is and how to fix it. The
 * `yaml` package reports these at the start of the node it could not read (for an unquoted `: ` in a
 * value, the value's first character), which is rarely where the author has to type.
 */

/** A parser error, as the `yaml` package gives it: a code, a message and an offset range in `text`. */
export interface YamlParserError {
  code: string;
  message: string;
  offset: number;
}

/** What to report for one slip: the offset the author must edit, the message and a specific hint. */
export interface YamlSlip {
  offset: number;
  reason: string;
  hint: string;
}

interface LineAt {
  /** Offset of the line's first character. */
  start: number;
  /** The line without its line break. */
  text: string;
  /** 1-based line number within `text`. */
  number: number;
}

/** `key: value` on one line, possibly as the first key of a sequence item (`- key: value`). */
const keyValueLine = /^(\s*(?:-\s+)?)([^\s#:'"[\]{},&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*'):[ \t]+(\S.*)$/;
/** A value YAML reads as one token whatever it contains: quoted, flow, block scalar, alias, anchor, tag. */
const selfDelimitedValue = /^["'[{|>&*!]/;

/** Recognises a common slip behind `error`, or undefined when the parser's own message is the best we have. */
export function recogniseYamlSlip(
  text: string,
  error: YamlParserError,
  fileLineOf: (offset: number) => number = (offset) => text.slice(0, offset).split('\n').length,
): YamlSlip | undefined {
  // Line numbers in messages are the file's (frontmatter starts after the fence), not the YAML text's.
  const lineAt = (offset: number) => {
    const line = lineIn(text, offset);
    return { ...line, number: fileLineOf(line.start) };
  };
  const line = lineAt(error.offset);
  if (error.code === 'TAB_AS_INDENT' || (/tab/i.test(error.message) && /\t/.test(indentOf(line.text)))) {
    const tab = line.start + line.text.indexOf('\t');
    return {
      offset: tab,
      reason: `Unexpected tab in the indentation of line ${line.number}, expected spaces`,
      hint: 'YAML indents with spaces only: replace the tab with spaces, lined up with the sibling keys above.',
    };
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') {
    const colon = colonInsidePlainValue(line);
    if (colon) return colon;
    const next = nextContentLine(text, line, lineAt);
    if (next) return badIndent(next, line);
  }
  if (error.code === 'MISSING_CHAR' && /without - indicator/.test(error.message)) {
    const previous = previousContentLine(line, lineAt);
    if (previous) return badIndent(line, previous);
  }
  if (error.code === 'BAD_INDENT' && !/flow/i.test(error.message)) {
    const previous = previousContentLine(line, lineAt);
    if (previous) return badIndent(line, previous);
  }
  return undefined;
}

/** `title: a plan: draft`: YAML reads the second `: ` as a nested key, which a plain value cannot hold. */
function colonInsidePlainValue(line: LineAt): YamlSlip | undefined {
  const match = keyValueLine.exec(line.text);
  if (!match) return undefined;
  const [, lead = '', key = '', value = ''] = match;
  if (selfDelimitedValue.test(value)) return undefined;
  const inner = /:(?:[ \t]|$)/.exec(value);
  if (!inner) return undefined;
  const valueStart = line.text.length - value.length;
  const quoted = `"${value.replace(/\s+#.*$/, '').replace(/[\\"]/g, (char) => `\\${char}`)}"`;
  return {
    offset: line.start + valueStart + inner.index,
    reason: `Unexpected \`:\` followed by a space inside the unquoted value of \`${key.trim()}\`, expected a plain value without \`: \` (YAML reads it as the start of another key)`,
    hint: `Quote the value: \`${lead.replace(/^\s+/, '')}${key.trim()}: ${quoted}\`.`,
  };
}

/** `line` is indented differently from `reference`, the line it should line up with or nest under. */
function badIndent(line: LineAt, reference: LineAt): YamlSlip | undefined {
  const actual = indentOf(line.text).length;
  const expected = keyColumn(reference.text);
  // Lined up already: the slip is something else, and the parser's message says more than a guess.
  if (actual === expected) return undefined;
  const name = keyName(line.text);
  const referenceName = keyName(reference.text);
  const what = name ? `\`${name}\`` : `line ${line.number}`;
  const spaces = (count: number) => plural(count, 'space');
  return {
    offset: line.start + actual,
    reason: `Unexpected indentation of ${what} (${spaces(actual)}), expected ${spaces(expected)} to line up with ${referenceName ? `\`${referenceName}\`` : 'the line'} on line ${reference.number}`,
    hint:
      actual > expected
        ? `Indent ${what} by ${spaces(expected)} like its sibling; only the entries under a key that has no value of its own are indented deeper.`
        : `Indent ${what} by ${spaces(expected)} like its sibling, or by fewer to close the enclosing list item or mapping.`,
  };
}

function lineIn(text: string, offset: number): LineAt {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf('\n', clamped - 1) + 1;
  const end = text.indexOf('\n', clamped);
  const number = text.slice(0, start).split('\n').length;
  return { start, text: text.slice(start, end === -1 ? text.length : end).replace(/\r$/, ''), number };
}

type LineLookup = (offset: number) => LineAt;

function nextContentLine(text: string, line: LineAt, lineAt: LineLookup): LineAt | undefined {
  let start = line.start + line.text.length;
  while (start < text.length) {
    start = text.indexOf('\n', start);
    if (start === -1) return undefined;
    start += 1;
    const candidate = lineAt(start);
    if (isContent(candidate.text)) return candidate;
    start = candidate.start + candidate.text.length;
  }
  return undefined;
}

function previousContentLine(line: LineAt, lineAt: LineLookup): LineAt | undefined {
  let end = line.start - 1;
  while (end > 0) {
    const candidate = lineAt(end - 1);
    if (isContent(candidate.text)) return candidate;
    end = candidate.start - 1;
  }
  return undefined;
}

const isContent = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');
const indentOf = (line: string) => /^[ \t]*/.exec(line)?.[0] ?? '';
/** Column (0-based) where the line's key starts: after the indentation and any `- ` item markers. */
const keyColumn = (line: string) => /^[ \t]*(?:-[ \t]+)*/.exec(line)?.[0].length ?? 0;
const keyName = (line: string) => /^[ \t]*(?:-[ \t]+)*([^\s:#][^:#]*?):(?:\s|$)/.exec(line)?.[1];

/**
 * A frontmatter block that opens with `---` and never closes: the whole file was read as YAML, so the
 * parser's own errors point into the body. Returns the 0-based offset of the line where the body seems
 * to start (the first Markdown heading, import, JSX tag or prose line after the YAML-looking lines), or
 * undefined when every line looks like YAML.
 */
export function bodyStartInUnclosedFrontmatter(text: string, yamlOffset: number): number | undefined {
  let offset = yamlOffset;
  for (const line of text.slice(yamlOffset).split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (looksLikeBody(trimmed)) return offset;
    offset += line.length + 1;
  }
  return undefined;
}

/** Lines frontmatter never holds at column 1: a heading, an import, a JSX tag, or prose without a key. */
function looksLikeBody(line: string): boolean {
  if (line === '' || /^[ \t]/.test(line)) return false;
  if (/^#{1,6} \S/.test(line) || /^import\s/.test(line) || /^</.test(line)) return true;
  // `key: value`, `key:`, `- item`, a comment or a document marker are YAML.
  if (/^(?:-(?:\s|$)|#|\.\.\.)/.test(line) || /^[^\s:#][^:]*:(?:\s|$)/.test(line)) return false;
  return true;
}
