import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroDev, copyProject, devCopiesRoot, type PreviewServer, type ProjectCopy } from './project-copy.ts';

/**
 * `astro dev` with a YAML slip in a document's frontmatter: the page that renders the document fails
 * with the contract report, never with the YAML library's stack trace (Astro's Markdown pipeline would
 * parse the frontmatter again and throw its own error, replacing the overlay the check sent).
 */
const plan = 'content/migrations/service-v3/plan.mdx';

describe('astro dev: a document the check cannot read', () => {
  let copy: ProjectCopy;
  let dev: PreviewServer;

  beforeAll(async () => {
    copy = copyProject('dev-yaml', devCopiesRoot);
    dev = await astroDev(copy.dir);
  }, 120_000);

  afterAll(async () => {
    await dev?.stop();
    copy?.remove();
  });

  it('shows our report, not a YAML stack trace, in the page error and the terminal', async () => {
    const page = `${dev.origin}/migrations/service-v3/plan/`;
    expect((await fetch(page)).status).toBe(200);
    const logBefore = dev.output().length;
    copy.replaceOnce(plan, '\ntitle: service.v3 rehearsal plan\n', '\ntitle: service.v3 rehearsal plan: draft\n');
    // Wait for the re-check to print the report, then ask for the page.
    const deadline = Date.now() + 20_000;
    while (!dev.output().slice(logBefore).includes(`${plan}:3:33  error  syntax`) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await fetch(page);
    const html = await response.text();
    // The page fails: with our report where the route still exists (500), or not at all where the site map
    // has no page for a document it could not read (404). Never with the YAML library's stack trace.
    expect([404, 500]).toContain(response.status);
    if (response.status === 500) expect(html).toContain('ContractCheckError');
    expect(html).not.toContain('YAMLException');
    const terminal = dev.output().slice(logBefore);
    expect(terminal).toContain(`${plan}:3:33  error  syntax`);
    expect(terminal).toMatch(/\b1 error\b/);
    expect(terminal).not.toContain('YAMLException');
    expect(terminal).not.toMatch(/^\s+at .+js-yaml/m);
  }, 60_000);
});
