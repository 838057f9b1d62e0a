/**
 * Escaping for the channels that echo content: HTML (the dev overlay renders its message as HTML),
 * terminals (the pretty reporter) and Markdown (the contract diff's pull-request comment).
 */

/** Text as HTML text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Characters a terminal acts on instead of printing: C0 controls (ESC starts colour, cursor and
 * clear-screen sequences; BEL rings; CR returns to the line start and lets a line overwrite itself),
 * DEL, the C1 range (a one-byte CSI) and the bidirectional overrides that make text read differently from
 * what it is. A line break is kept only where the reporter itself writes one.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const terminalControls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Content text safe to print on a terminal: every control character shown as a visible `\u{…}` escape. */
export function visibleControls(text: string): string {
  return text.replace(terminalControls, (char) => `\\u{${char.codePointAt(0)?.toString(16)}}`);
}

/**
 * A value quoted in Markdown as inline code that nothing can break out of: the code span's fence is one
 * backtick longer than the longest run inside, and line breaks (which would end a list item) and control
 * characters are shown as escapes. Inside a code span Markdown renders `<`, `[` and `*` as text.
 */
export function markdownCode(value: string): string {
  const flat = visibleControls(value);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A span starting or ending with a backtick needs a space between it and the fence.
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text for Markdown prose or a link label: the characters Markdown or HTML would read as syntax are escaped. */
export function markdownText(value: string): string {
  return visibleControls(value).replace(/[\\`*_[\]()<>#!|~&]/g, (char) => `\\${char}`);
}
