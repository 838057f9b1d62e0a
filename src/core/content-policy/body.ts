import type { Root } from 'hast';
import { markdownToHast, mdxToHast } from 'satteri';
import { VFile } from 'vfile';
import { applyContentPolicy } from './apply.ts';
import type { PolicyRemoval } from './removals.ts';

/**
 * What the content policy would remove from a document body: the body parsed the way the site renders
 * it (Sätteri, Markdown or MDX), then `applyContentPolicy`. `bodyText` is the whole file with the
 * frontmatter blanked, so every position is a file position. Undefined when the body does not parse
 * (the `syntax` rule reports that, and the build refuses it).
 */
export function policyRemovalsOfBody(bodyText: string, mdx: boolean): PolicyRemoval[] | undefined {
  // Parsed afresh on every run, never remembered between runs: the check server (bin/check-server.mjs) and
  // `pnpm dev` run many checks in one process, and each must be what a check in a fresh process would be.
  // Remembering bodies across runs saved about 1 ms of a warm check of the shipped content.
  let tree: Root;
  try {
    tree = (mdx ? mdxToHast(bodyText) : markdownToHast(bodyText)) as Root;
  } catch {
    return undefined;
  }
  return applyContentPolicy(tree, { file: new VFile(bodyText) }).removals;
}
