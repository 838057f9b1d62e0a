import { markdownCode, markdownText } from '../text/escape.ts';
import { changeAreas, type ChangeArea, type ContractChange } from './contract-diff.ts';

export interface DiffReportOptions {
  base: string;
  head: string;
  /** Site path of the page a content file is published as, if any. */
  pageOf?: (file: string) => string | undefined;
  /** Prefix for page links, e.g. a preview deploy URL; pages are relative to it. */
  siteUrl?: string;
}

const headings: Record<ChangeArea, string> = {
  pin: 'Live pin',
  policy: 'Envelope policies',
  gate: 'Cutover gates',
  task: 'Tracker tasks',
  exit: 'Exit criteria',
  rfc: 'RFC',
  migration: 'Migration',
  payload: 'Handoff payload',
  file: 'Changed files and pages',
};

/** A pull request comment: the contract changes first, grouped, then the files and the pages they publish. */
export function formatDiffMarkdown(changes: readonly ContractChange[], options: DiffReportOptions): string {
  const lines = [`## Contract changes: ${markdownCode(options.base)} → ${markdownCode(options.head)}`, ''];
  const facts = changes.filter((item) => item.area !== 'file');
  if (!facts.length)
    lines.push(
      'No contract fact changed (pins, policies, gates, tasks, exit criteria, RFC status and payload are the same).',
      '',
    );
  for (const area of changeAreas) {
    const items = changes.filter((item) => item.area === area);
    if (!items.length) continue;
    lines.push(`### ${headings[area]}`, '');
    for (const item of items) lines.push(`- ${describe(item, options)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function formatDiffJson(changes: readonly ContractChange[], options: DiffReportOptions): string {
  const withPages = changes.map((item) => {
    const page = item.file ? options.pageOf?.(item.file) : undefined;
    return page ? { ...item, page } : item;
  });
  return `${JSON.stringify({ base: options.base, head: options.head, changes: withPages }, null, 2)}\n`;
}

function describe(item: ContractChange, options: DiffReportOptions): string {
  // Every value comes from the repository (content, payloads, file names): quoted so it cannot become
  // Markdown or HTML in the comment.
  const scope = item.migration ? `${markdownText(item.migration)}: ` : '';
  const code = (value: string | undefined) => (value === undefined ? '' : markdownCode(value));
  let text: string;
  if (item.area === 'file') {
    const page = item.file ? options.pageOf?.(item.file) : undefined;
    const href = encodeURI(`${(options.siteUrl ?? '').replace(/\/$/, '')}${page ?? ''}`).replace(/[()]/g, (char) =>
      char === '(' ? '%28' : '%29',
    );
    const link = page ? ` (page [${markdownText(page)}](${href}))` : '';
    text = `${item.change} ${code(item.subject)}${link}`;
  } else if (
    item.area === 'policy' &&
    item.change === 'changed' &&
    /^(required|optional|forbidden)$/.test(item.from ?? '')
  ) {
    text = `${code(item.subject)} moved from ${markdownText(item.from ?? '')} to ${markdownText(item.to ?? '')}`;
  } else if (item.change === 'added') {
    text = `${scope}${code(item.subject)} added${item.to ? `: ${code(item.to)}` : ''}`;
  } else if (item.change === 'removed') {
    text = `${scope}${code(item.subject)} removed${item.from ? ` (was ${code(item.from)})` : ''}`;
  } else {
    text = `${scope}${code(item.subject)}: ${code(item.from)} → ${code(item.to)}`;
  }
  return text;
}
