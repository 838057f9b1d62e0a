import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { contentLimits } from '../limits.ts';
import { blockquoteMarkerOverflow } from './body-limits.ts';

/**
 * The one parse of a producer's Markdown (the files the importer, `check --scan` and the drift report
 * read): unified with remark-parse + remark-gfm, so tables, task lists and nested lists parse as GitHub
 * renders them. Our own content keeps Sätteri (`parse/markdown.ts`) for speed; producer files are few.
 */

const producerMarkdown = unified().use(remarkParse).use(remarkGfm).freeze();

/** Why a producer file has no tree: where, and what went wrong. What it states is unknown, not absent. */
export interface ProducerParseProblem {
  line: number;
  column: number;
  reason: string;
}

export interface ParsedProducerMarkdown {
  /** The tree; empty when the text could not be parsed (then `problem` says why). */
  tree: Root;
  problem?: ProducerParseProblem | undefined;
}

/**
 * Parses producer Markdown once. A text whose blockquote markers open more levels than the nesting limit
 * is refused before parsing (the parser's time grows faster than the depth), and a parser failure (a stack
 * overflow on pathological input) is a located problem, never a throw and never a silently empty file.
 */
export function parseProducerMarkdown(text: string): ParsedProducerMarkdown {
  const tooDeep = blockquoteMarkerOverflow(text);
  if (tooDeep)
    return {
      tree: emptyTree(),
      problem: {
        ...tooDeep,
        reason: `Unexpected blockquote nesting deeper than ${contentLimits.nestingDepth} levels, expected at most ${contentLimits.nestingDepth} (the nesting limit); the file was not parsed, so what it states is unknown: remove the extra \`>\` markers`,
      },
    };
  const tooNested = listNestingOverflow(text);
  if (tooNested)
    return {
      tree: emptyTree(),
      problem: {
        ...tooNested,
        reason: `Unexpected list nested deeper than ${contentLimits.nestingDepth} levels, expected at most ${contentLimits.nestingDepth} (the nesting limit); the file was not parsed, so what it states is unknown: flatten the list`,
      },
    };
  try {
    return { tree: producerMarkdown.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      tree: emptyTree(),
      problem: {
        line: 1,
        column: 1,
        reason: `Unexpected Markdown the parser could not read (${message.split('\n')[0] ?? ''}); the file was not parsed, so what it states is unknown: expected Markdown as GitHub renders it, simplify the structure the message names`,
      },
    };
  }
}

/**
 * The place of a line that may open more list or blockquote levels than the nesting limit, found before
 * parsing: remark's time grows about with the cube of list depth (800 levels, 640 KB: 17 s of CPU on the
 * 2-core machine; 100 levels: 0.2 s). Each level needs two columns of indentation or one marker on the
 * line (`- - - x` nests three deep), so half the leading indentation plus the markers that follow it bound
 * a line's depth; past the limit the file is refused. Only a line indented 200 columns or more can be
 * refused without being that deep: no real document has one.
 */
export function listNestingOverflow(text: string): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    let at = 0;
    let columns = 0;
    const whitespace = () => {
      while (at < line.length && (line[at] === ' ' || line[at] === '\t')) {
        columns += line[at] === '\t' ? 4 - (columns % 4) : 1;
        at++;
      }
    };
    whitespace();
    const indentation = columns;
    let markers = 0;
    for (;;) {
      const marker = /^(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(at));
      if (!marker) break;
      markers++;
      at += marker[0].length;
      whitespace();
      if (Math.floor(indentation / 2) + markers > contentLimits.nestingDepth)
        return { line: index + 1, column: at + 1 };
    }
    if (Math.floor(indentation / 2) + markers > contentLimits.nestingDepth) return { line: index + 1, column: 1 };
  }
  return undefined;
}

function emptyTree(): Root {
  return { type: 'root', children: [] };
}

/**
 * The one writer of producer Markdown (the exporter): remark-stringify with remark-gfm, in the producer's
 * conventions: `-` bullets, one space after a list marker, numbered lists counting up, backtick fences,
 * `*emphasis*` (it also works inside a word, where `_` does not), `**strong**`, a hard line break as two trailing spaces (the header lines' style), and
 * compact tables (`| a | b |` over `| --- | --- |`: every cell is measured as three wide, so none is
 * padded and the delimiter row is three dashes). Blocks that came from a parsed text keep the blank lines
 * the text had between them (the producer's spacing, e.g. a list right under its heading); built blocks
 * are separated by one blank line.
 */
const producerWriter = unified()
  .use(remarkGfm, { tablePipeAlign: true, stringLength: () => 3 })
  .use(remarkStringify, {
    bullet: '-',
    listItemIndent: 'one',
    incrementListMarker: true,
    fence: '`',
    emphasis: '*',
    strong: '*',
    rule: '-',
    handlers: { break: () => '  \n' },
    join: [sourceSpacing],
  })
  .freeze();

export function writeProducerMarkdown(tree: Root): string {
  return producerWriter.stringify(tree);
}

/**
 * Blank lines between two blocks as the parsed text had them. None only where the writer cannot change
 * the meaning: a thematic break right under a paragraph would be read as a setext underline, so that
 * case (and blocks without positions) is left to remark-stringify's own rules.
 */
function sourceSpacing(left: Nodes, right: Nodes): number | undefined {
  if (!left.position || !right.position) return undefined;
  const gap = right.position.start.line - left.position.end.line - 1;
  if (gap < 0 || (gap === 0 && right.type === 'thematicBreak')) return undefined;
  return gap;
}
