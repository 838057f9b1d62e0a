import { changeAreas, diffContracts, type ChangeArea, type ContractChange } from '../core/diff/contract-diff.ts';
import { formatDiffMarkdown, type DiffReportOptions } from '../core/diff/format.ts';
import { gitRefReader, GitReadError, readFilesAtRef } from '../core/diff/git-files.ts';
import { siteMap } from '../core/links/site-map.ts';
import { loadCorpusFromFiles } from '../core/load.ts';
import { readContentFiles, repositoryReaderFor } from '../core/read.ts';
import type { ReviewData } from './deploy.ts';
import { anchorId, withBase } from './routes.ts';

/**
 * The `/review/` page of a preview build: the same contract diff `contract-docs diff <ref>` prints, of
 * the working tree's content against a git ref, with each change linked to the page it is on. Plain
 * module (no Astro import): the integration computes the diff once per build, the page lays it out.
 */

/** The head of the diff, as the CLI names it. */
export const reviewHead = 'working tree';

/**
 * A `REVIEW_BASE` git cannot read. Its message is one line. `toString()` (which Astro scans for words that
 * trigger a misleading "browser APIs" hint) is a fixed line, and the stack is empty: the problem is the
 * ref, not our code.
 */
export class ReviewBaseError extends Error {
  readonly hint =
    'Set REVIEW_BASE to a commit, branch or tag of this repository (in CI, check out with fetch-depth: 0), or unset it to build without /review/.';

  constructor(ref: string, detail: string) {
    super(`REVIEW_BASE \`${ref}\` cannot be read from git: ${detail}`);
    this.name = 'ReviewBaseError';
    this.stack = '';
  }

  override toString(): string {
    return `${this.name}: REVIEW_BASE cannot be read from git`;
  }
}

/** The contract diff of `root`'s working tree against `ref`; throws `ReviewBaseError` when git cannot read the ref. */
export function computeReview(root: string, ref: string, contentDir = 'content'): ReviewData {
  let base;
  try {
    base = readFilesAtRef(root, ref, contentDir);
  } catch (error) {
    if (!(error instanceof GitReadError)) throw error;
    throw new ReviewBaseError(ref, gitDetail(error.message));
  }
  const head = readContentFiles(root, contentDir).files;
  // Pages of the content this build publishes: a change links to a page only if the build has it.
  const pages = siteMap(
    loadCorpusFromFiles(head, { contentDir, readRepositoryFile: repositoryReaderFor(root) }),
  ).filePaths();
  const changes = diffContracts(base, head, {
    base: { readRepositoryFile: gitRefReader(root, ref) },
    head: { readRepositoryFile: repositoryReaderFor(root) },
  });
  return { ref, changes, pages };
}

/** One line; `Command failed: git ...` (a ref that does not resolve) said in words. */
function gitDetail(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  if (line === '' || line.startsWith('Command failed:')) return 'no commit of that name in this repository';
  return line.replace(/^fatal:\s*/, '');
}

/** The markdown `contract-docs diff <ref> --site-url <url>` prints, for pasting into a pull request. */
export function reviewMarkdown(review: ReviewData, siteUrl: string): string {
  return formatDiffMarkdown(review.changes, reportOptions(review, siteUrl));
}

function reportOptions(review: ReviewData, siteUrl: string): DiffReportOptions {
  const ref = review.ref;
  return { base: ref, head: reviewHead, pageOf: (file) => review.pages[file], siteUrl };
}

export interface ReviewItem {
  change: ContractChange;
  /** The line the markdown report has for this change (without the list marker), inline code in backticks. */
  text: string;
  /** The page the change is on, with the deploy base and an anchor where the item has one; none when the page is gone. */
  href: string | undefined;
}

export interface ReviewSection {
  area: ChangeArea;
  /** The heading the markdown report gives the area, e.g. `Tracker tasks`. */
  heading: string;
  items: ReviewItem[];
}

export interface ReviewLinkOptions {
  /** Deploy base, e.g. `/pr-42/`. */
  base: string;
  /** The page (site path, maybe with a fragment) of each content file this build publishes: `ReviewData.pages`. */
  pages: Readonly<Record<string, string>>;
}

/**
 * The changes grouped the way the markdown report groups them, with the report's own headings and
 * wording (each taken from `formatDiffMarkdown`, so the page and the comment cannot drift apart).
 */
export function reviewSections(changes: readonly ContractChange[], options: ReviewLinkOptions): ReviewSection[] {
  const sections: ReviewSection[] = [];
  for (const area of changeAreas) {
    const inArea = changes.filter((change) => change.area === area);
    if (!inArea.length) continue;
    const items = inArea.map((change) => {
      const { heading, text } = reportLine(change);
      return { heading, item: { change, text, href: changeHref(change, options) } };
    });
    sections.push({ area, heading: items[0]?.heading ?? area, items: items.map(({ item }) => item) });
  }
  return sections;
}

/** The `### heading` and the `- line` the markdown report writes for one change, without page links. */
function reportLine(change: ContractChange): { heading: string; text: string } {
  const lines = formatDiffMarkdown([change], { base: '', head: '' }).split('\n');
  const heading = lines.find((line) => line.startsWith('### '))?.slice(4) ?? change.area;
  const text = lines.find((line) => line.startsWith('- '))?.slice(2) ?? change.subject;
  return { heading, text };
}

/** Fragment ids of the items a change can name on their page. */
const itemAnchors: Partial<Record<ChangeArea, 'gate' | 'task' | 'exit'>> = { gate: 'gate', task: 'task', exit: 'exit' };

/**
 * Where a change is published: the page the site map gives its file (none for a file this build does
 * not publish, such as a removed document), at the item's anchor when the item still exists.
 */
export function changeHref(change: ContractChange, options: ReviewLinkOptions): string | undefined {
  let path = change.file ? options.pages[change.file] : undefined;
  if (!path) return undefined;
  const anchor = itemAnchors[change.area];
  if (anchor && change.change !== 'removed' && !path.includes('#'))
    path = `${path}#${anchorId(anchor, change.subject)}`;
  return withBase(options.base, path);
}
