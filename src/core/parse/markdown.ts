import type { Root } from 'mdast';
import { markdownToMdast, mdxToMdast } from 'satteri';
import type { Span } from '../diagnostic.ts';
import type { LineIndex } from './line-index.ts';

export interface SplitFrontmatter {
  /** YAML text between the fences, or undefined when the file has none. */
  yaml?: string;
  /** Offset of the YAML text in the file. */
  yamlOffset: number;
  /** The file text with the frontmatter replaced by blank lines, so body offsets stay file offsets. */
  body: string;
  /** Set when a fence opens but never closes. */
  unterminated?: Span;
}

const openFence = /^---[ \t]*\r?\n/;
const closeFence = /^---[ \t]*$/m;

export function splitFrontmatter(text: string, lines: LineIndex): SplitFrontmatter {
  const open = openFence.exec(text);
  if (!open) return { yamlOffset: 0, body: text };
  const rest = text.slice(open[0].length);
  const close = closeFence.exec(rest);
  if (!close) return { yamlOffset: 0, body: text, unterminated: { start: lines.point(0) } };
  const yamlOffset = open[0].length;
  const yaml = rest.slice(0, close.index);
  const end = yamlOffset + close.index + close[0].length;
  const body = text.slice(0, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
  return { yaml, yamlOffset, body };
}

export type ParsedMarkdown = { ok: true; tree: Root } | { ok: false; tree: Root; place: Span; reason: string };

/** Parses a body with satteri (fast, with positions). MDX syntax errors become a problem, not a throw. */
export function parseMarkdownBody(body: string, mdx: boolean): ParsedMarkdown {
  try {
    return { ok: true, tree: (mdx ? mdxToMdast(body) : markdownToMdast(body)) as unknown as Root };
  } catch (error) {
    const { message = String(error), line, column } = error as { message?: string; line?: number; column?: number };
    const match = /(\d+):(\d+)/.exec(message);
    const place = {
      start: { line: line ?? Number(match?.[1] ?? 1), column: column ?? Number(match?.[2] ?? 1) },
    };
    // Fall back to plain Markdown so prose checks still see the text.
    let tree: Root;
    try {
      tree = markdownToMdast(body) as unknown as Root;
    } catch {
      tree = { type: 'root', children: [] };
    }
    return {
      ok: false,
      tree,
      place,
      reason: `Unexpected MDX syntax: ${(message.split('\n')[0] ?? '').replace(/^\d+:\d+(?:-\d+:\d+)?:\s*/, '')}`,
    };
  }
}
