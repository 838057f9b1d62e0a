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
  // `pnpm dev` re-checks on every save and most bodies did not change: parse each text once.
  const key = `${mdx ? 'mdx' : 'md'}\0${bodyText}`;
  if (recent.has(key)) return recent.get(key);
  const removals = removalsOf(bodyText, mdx);
  recent.set(key, removals);
  if (recent.size > recentLimit) recent.delete(recent.keys().next().value as string);
  return removals;
}

const recent = new Map<string, PolicyRemoval[] | undefined>();
const recentLimit = 256;

function removalsOf(bodyText: string, mdx: boolean): PolicyRemoval[] | undefined {
  let tree: Root;
  try {
    tree = (mdx ? mdxToHast(bodyText) : markdownToHast(bodyText)) as Root;
  } catch {
    return undefined;
  }
  return applyContentPolicy(tree, { file: new VFile(bodyText) }).removals;
}
