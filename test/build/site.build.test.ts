import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/read.ts';
import { rules } from '../../src/core/rules/index.ts';
import { builtPages, crawlDist, pagefindProblems } from './dist-crawl.ts';
import {
  astroBuild,
  copyProject,
  htmlText,
  mainOf,
  repoRoot,
  type CommandResult,
  type ProjectCopy,
} from './project-copy.ts';

/**
 * A real `astro build` of the shipped project (in a copy, so it never races with a developer's own
 * `dist/` or Astro's caches). Expected values come from the content itself where they are lists, and are
 * literal where the design names them.
 */
describe('astro build of the shipped content', () => {
  const corpus = loadCorpus(repoRoot);
  const migration = corpus.migrations.find((bundle) => bundle.id === 'service-v3');
  let copy: ProjectCopy;
  let result: CommandResult;
  const page = (path: string) => readFileSync(join(copy.dir, 'dist', path, 'index.html'), 'utf8');
  const pageText = (path: string) => htmlText(mainOf(page(path)));

  beforeAll(async () => {
    copy = copyProject('site');
    result = await astroBuild(copy.dir);
  });
  afterAll(() => copy?.remove());

  it('succeeds and says the contract check is clean', () => {
    // Needs the handoff payload and its generator script, which the plan lists as deliverables.
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('[contract-docs] contract check clean');
    expect(result.output).not.toMatch(/\[WARN\]|\[ERROR\]/);
  });

  it('builds every page: home, runtime, contracts, one per document, rules, guide, 404', () => {
    const expected = [
      '',
      'runtime',
      'contracts',
      ...corpus.contracts.map((contract) => `contracts/${contract.data.version}`),
      ...corpus.documents.map((document) => document.file.replace(/^content\//, '').replace(/\.mdx?$/, '')),
      'rules',
      ...rules.map((rule) => `rules/${rule.id}`),
      'guides/reading-diagnostics',
      'guides/linking',
      'guides/adopting',
      'consumers',
      'links',
      'handoff/service-v3',
      'dependencies/service-v3',
      'timeline/service-v3',
    ];
    for (const path of expected) expect(existsSync(join(copy.dir, 'dist', path, 'index.html')), path).toBe(true);
    expect(existsSync(join(copy.dir, 'dist', '404.html'))).toBe(true);
    expect(existsSync(join(copy.dir, 'dist', 'pagefind'))).toBe(true);
    expect(existsSync(join(copy.dir, 'dist', 'handoff/service-v3/handoff-candidate.json'))).toBe(true);
  });

  it('a crawl of dist/ finds no broken internal link, asset, anchor or own-origin URL', () => {
    const { pages, checked, assetsChecked, broken } = crawlDist(join(copy.dir, 'dist'), '/', {
      siteUrl: 'https://contracts.internal.example',
    });
    expect(pages.length).toBeGreaterThan(25);
    expect(checked).toBeGreaterThan(1000);
    expect(assetsChecked).toBeGreaterThan(0);
    expect(broken).toEqual([]);
    expect(pagefindProblems(join(copy.dir, 'dist'))).toEqual([]);
  });

  it('is a production build: no preview banner, no noindex, no review page, a robots.txt that allows', () => {
    const dist = join(copy.dir, 'dist');
    for (const { url, file } of builtPages(dist)) {
      const html = readFileSync(file, 'utf8');
      expect(html, url).not.toContain('preview-banner');
      expect(html, url).not.toMatch(/<meta name="robots"/);
      expect(html, url).not.toContain('href="/review/"');
    }
    expect(existsSync(join(dist, 'review'))).toBe(false);
    const robots = readFileSync(join(dist, 'robots.txt'), 'utf8');
    expect(robots).toBe('User-agent: *\nAllow: /\n\nSitemap: https://contracts.internal.example/sitemap-index.xml\n');
    expect(existsSync(join(dist, 'sitemap-index.xml'))).toBe(true);
  });

  it('every document page shows its status in the header', () => {
    for (const document of corpus.documents) {
      const path = document.file.replace(/^content\//, '').replace(/\.mdx?$/, '');
      const header = /<dl class="document-header" data-status="([^"]*)">[\s\S]*?<\/dl>/.exec(page(path));
      expect(header?.[1], path).toBe(document.data.status);
      expect(htmlText(header?.[0] ?? ''), path).toContain(`Status ${document.data.status}`);
    }
  });

  it('home page shows the live pin, the mode, the candidate target and progress', () => {
    const text = pageText('');
    expect(text).toContain('cf331449e1589581a5dcbb3adecd3e9ae4509277');
    for (const value of ['v0.3.2', 'service.v2', 'api.v1', 'integration/v1']) expect(text).toContain(value);
    expect(text).toContain('rehearsal — no runtime cutover');
    expect(text).toMatch(/Candidate target service\.v3 candidate/);
    expect(text).toContain('Cutover gates 0/4 passed');
    expect(text).toContain('Tracker 3/4 tasks done');
    expect(text).toContain('Exit criteria 0/4 met');
    expect(text).toContain('Last updated 2026-02-08');
    for (const document of migration!.documents) expect(text).toContain(document.data.title);
    for (const criterion of migration!.plan!.data.exitCriteria)
      expect(text).toContain(`${criterion.title} ${criterion.id} ${criterion.status}`);
    for (const gate of migration!.gates!.data.gates)
      expect(text).toContain(`${gate.title} ${gate.owner} ${gate.status}`);
    expect(text).toContain('Open tasks: P4 Joint rehearsal entry handshake ready (joint)');
    const html = page('');
    for (const path of ['/handoff/service-v3/', '/dependencies/service-v3/', '/consumers/', '/contracts/'])
      expect(html).toContain(`href="${path}"`);
  });

  it('gates page: every gate with its anchor, owner, status and evidence linking to plan commands', () => {
    const html = page('migrations/service-v3/gates');
    const text = htmlText(mainOf(html));
    const gates = migration!.gates!.data;
    for (const gate of gates.gates) {
      expect(text).toContain(gate.title);
      expect(html).toContain(`id="gate-${gate.id}"`);
      for (const command of gate.evidence.commands)
        expect(html).toContain(`href="/migrations/service-v3/plan/#command-${command}"`);
    }
    for (const trigger of gates.rollbackTriggers) expect(html).toContain(`id="trigger-${trigger.id}"`);
    for (const action of gates.rollbackActions) expect(html).toContain(`id="action-${action.id}"`);
    for (const item of gates.evidenceChecklist) expect(html).toContain(`id="evidence-${item.id}"`);
    for (const prerequisite of gates.prerequisites) expect(html).toContain(`id="prereq-${prerequisite.id}"`);
    // The MDX body is rendered after the structured facts.
    expect(text.indexOf('Structured facts')).toBeLessThan(text.indexOf('How to read this page'));
  });

  it('plan page: every command has its anchor, and the commands the gates cite exist there', () => {
    const html = page('migrations/service-v3/plan');
    for (const command of migration!.plan!.data.commands) {
      expect(html).toContain(`id="command-${command.id}"`);
      expect(htmlText(html)).toContain(command.run);
    }
    for (const criterion of migration!.plan!.data.exitCriteria) expect(html).toContain(`id="exit-${criterion.id}"`);
  });

  it('tracker page: tasks grouped by status (open first), with owner, definition of done and gates waited on', () => {
    const html = page('migrations/service-v3/tracker');
    // The tasks' facts: a collapsed panel after the prose, not a copy above it.
    const panel =
      /<details class="facts-panel"><summary><h3 class="facts-panel-title" id="facts-tasks">[\s\S]*?<\/table><\/div><\/details>/.exec(
        html,
      )?.[0] ?? '';
    expect(html.indexOf('id="facts-tasks"')).toBeGreaterThan(html.indexOf('id="how-to-read-this-tracker"'));
    const text = htmlText(panel);
    for (const task of migration!.tracker!.data.tasks) {
      expect(html).toContain(`id="task-${task.id}"`);
      // Title, its backlinks, then status and owner.
      expect(text).toMatch(new RegExp(`${task.id} ${task.title} Referenced by \\d+ .*? ${task.status} ${task.owner}`));
      for (const condition of task.definitionOfDone) expect(text).toContain(condition);
    }
    expect(text).toContain('1 ready · 3 done');
    expect(text.indexOf('Ready (1)')).toBeLessThan(text.indexOf('Done (3)'));
    expect(text.indexOf('P4 Joint rehearsal entry handshake')).toBeLessThan(
      text.indexOf('P1 Rehearsal planning package'),
    );
    // No task waits on a gate in the shipped content.
    expect(text.match(/no gate/g)).toHaveLength(4);
  });

  it('cross-links: every `kind:id` in prose links to its definition, and each target lists backlinks to it', () => {
    const tracker = page('migrations/service-v3/tracker');
    // The reference is code split into tokens: a line may break after `gate:`, never inside the id.
    expect(tracker).toContain(
      '<a href="/migrations/service-v3/gates/#gate-joint-signoff-recorded" title="Joint sign-off recorded (producer and consumer)" id="ref-gate-joint-signoff-recorded" class="id-ref"><code class="tokens"><span class="token">gate:</span><wbr><span class="token">joint-signoff-recorded</span></code></a>',
    );
    // Inline code that is not a reference stays code.
    expect(tracker).toContain('<code>done</code>');
    const gates = page('migrations/service-v3/gates');
    const row = /<tr id="gate-joint-signoff-recorded">[\s\S]*?<\/tr>/.exec(gates)?.[0] ?? '';
    expect(row).toContain('Referenced by');
    expect(row).toContain('href="/migrations/service-v3/tracker/#ref-gate-joint-signoff-recorded"');
    expect(htmlText(row)).toContain('Tracker page, section “Task P4: Joint rehearsal entry handshake”');
    const plan = page('migrations/service-v3/plan');
    // A command card runs from its anchor to the next command's.
    const command = /<li id="command-cargo-test"[\s\S]*?(?=<li id="command-)/.exec(plan)?.[0] ?? '';
    expect(command).toContain('href="/migrations/service-v3/gates/#gate-producer-suite-green"');
    expect(htmlText(command)).toContain('Gates page, gate “Producer suite green” cites it as evidence');
  });

  it('RFC page: draft banner naming the approvers, stages and non-negotiables', () => {
    const html = page('migrations/service-v3/rfc');
    const banner = /<div class="status-banner" data-status="draft">[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
    expect(htmlText(banner)).toContain('Draft RFC: not yet approved This RFC is a draft, not an accepted decision.');
    expect(htmlText(banner)).toContain('MemoryKernel (producer) and AssistSupport (consumer)');
    expect(banner).toContain('href="#facts-approvers"');
    expect(html).toContain('id="facts-approvers"');
    // Active documents need no banner: their header says it.
    expect(page('migrations/service-v3/gates')).not.toContain('class="status-banner"');
    for (const stage of migration!.rfc!.data.stages) expect(html).toContain(`id="stage-${stage.id}"`);
    for (const principle of migration!.rfc!.data.nonNegotiables)
      expect(html).toContain(`id="principle-${principle.id}"`);
  });

  it('runtime and contract pages carry the manifest and both policies', () => {
    const runtime = pageText('runtime');
    for (const code of corpus.manifest!.data.errorCodes.codes) expect(runtime).toContain(code);
    expect(runtime).toContain('set-equality');
    expect(runtime).toContain('14 days');
    const matrixHtml = page('contracts');
    const matrix = htmlText(mainOf(matrixHtml));
    expect(matrix).toMatch(/legacy_error required forbidden changed removed: never sent/);
    expect(matrix).toMatch(/error\.details not named optional changed new and optional/);
    expect(matrix).toMatch(/error\.code required required no change/);
    expect(matrixHtml).toMatch(/<tr class="policy-changed" data-field="legacy_error">/);
    // Example envelopes of both versions: v2 carries legacy_error, v3 carries error.details instead.
    expect(matrix).toMatch(/service\.v2 live \{[^]*"legacy_error"[^]*service\.v3 candidate \{/);
    expect(matrix).toContain('"context_package_id"');
    const v3 = page('contracts/service.v3');
    expect(htmlText(v3)).toContain('context_package_id');
  });

  it('handoff page: the payload rendered readably, its raw bytes at a stable URL, sha256, sources and schemas', () => {
    const committed = readFileSync(join(copy.dir, 'content/migrations/service-v3/handoff-candidate.json'));
    const served = readFileSync(join(copy.dir, 'dist/handoff/service-v3/handoff-candidate.json'));
    expect(served.equals(committed)).toBe(true);
    const sha = createHash('sha256').update(committed).digest('hex');
    const html = page('handoff/service-v3');
    const text = htmlText(mainOf(html));
    expect(text).toContain(sha);
    expect(text).toContain(`${committed.length} bytes`);
    expect(html).toContain('href="/handoff/service-v3/handoff-candidate.json"');
    const payload = JSON.parse(committed.toString('utf8')) as {
      sources: { path: string; sha256: string }[];
      gates: { id: string; title: string }[];
      rollback: { triggers: { title: string }[]; actions: { title: string }[] };
    };
    for (const source of payload.sources) expect(text).toContain(`${source.path} ${source.sha256}`);
    for (const gate of payload.gates) {
      expect(text).toContain(gate.title);
      expect(html).toContain(`href="/migrations/service-v3/gates/#gate-${gate.id}"`);
    }
    for (const item of [...payload.rollback.triggers, ...payload.rollback.actions]) expect(text).toContain(item.title);
    for (const schema of readdirSync(join(copy.dir, 'public/schemas'))) {
      expect(html).toContain(`href="/schemas/${schema}"`);
      expect(existsSync(join(copy.dir, 'dist/schemas', schema))).toBe(true);
    }
  });

  it('dependency picture: an inline SVG whose nodes link to the definitions', () => {
    const html = page('dependencies/service-v3');
    const svg =
      /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="dependency-graph"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).not.toBe('');
    const gates = migration!.gates!.data;
    for (const gate of gates.gates) expect(svg).toContain(`href="/migrations/service-v3/gates/#gate-${gate.id}"`);
    for (const prerequisite of gates.prerequisites)
      expect(svg).toContain(`href="/migrations/service-v3/gates/#prereq-${prerequisite.id}"`);
    for (const trigger of gates.rollbackTriggers)
      expect(svg).toContain(`href="/migrations/service-v3/gates/#trigger-${trigger.id}"`);
    for (const command of gates.gates.flatMap((gate) => gate.evidence.commands))
      expect(svg).toContain(`href="/migrations/service-v3/plan/#command-${command}"`);
  });

  it('timeline page: an inline SVG of the records, every record in a row with its anchor', () => {
    const html = page('timeline/service-v3');
    const svg =
      /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="timeline-svg"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).not.toBe('');
    const records = migration!.records!.data;
    for (const record of records.evidence) {
      expect(svg).toContain(`href="/timeline/service-v3/#record-${record.id}"`);
      expect(html).toContain(`id="record-${record.id}"`);
    }
    expect(htmlText(mainOf(html))).toContain('No decision is recorded yet.');
    expect(page('')).toContain('href="/timeline/service-v3/"');
  });

  it('for consumers page: the payload, schema links and copy-paste CI recipes', () => {
    const html = page('consumers');
    const text = htmlText(mainOf(html));
    for (const script of ['check:memorykernel-pin', 'test:memorykernel-contract'])
      expect(text).toContain(`"${script}"`);
    expect(text).toContain(
      'node memorykernel/contract-docs-consumer.mjs verify-pin --payload memorykernel/handoff-candidate.json --pin memorykernel/pin.json',
    );
    expect(text).toContain(
      'node memorykernel/contract-docs-consumer.mjs verify-envelope --payload memorykernel/handoff-candidate.json --contract service.v3',
    );
    // The CLI itself is published as one file, so the recipe needs no install.
    expect(html).toContain('href="/tools/contract-docs-consumer.mjs"');
    expect(text).toContain('--spec=draft2020 -s handoff-payload.schema.json -d memorykernel/handoff-candidate.json');
    expect(text).toContain('https://contracts.internal.example/handoff/service-v3/handoff-candidate.json');
    for (const schema of readdirSync(join(copy.dir, 'public/schemas')))
      expect(html).toContain(`href="/schemas/${schema}"`);
  });

  it('search index: Pagefind indexed the gates, tasks and commands by name on their pages', () => {
    const fragments = new Map<string, string>();
    const dir = join(copy.dir, 'dist/pagefind/fragment');
    for (const name of readdirSync(dir)) {
      const text = gunzipSync(readFileSync(join(dir, name)))
        .toString('utf8')
        .replace(/^pagefind_dcd/, '');
      const fragment = JSON.parse(text) as { url: string; content: string };
      fragments.set(fragment.url, fragment.content);
    }
    const gates = fragments.get('/migrations/service-v3/gates/') ?? '';
    for (const gate of migration!.gates!.data.gates) expect(gates).toContain(gate.title);
    const tracker = fragments.get('/migrations/service-v3/tracker/') ?? '';
    for (const task of migration!.tracker!.data.tasks) expect(tracker).toContain(task.title);
    const plan = fragments.get('/migrations/service-v3/plan/') ?? '';
    for (const command of migration!.plan!.data.commands) expect(plan).toContain(command.id);
  });

  it('rule pages show id, each example (file, input as shipped and edited, expected reports) and the fix', () => {
    for (const rule of rules) {
      const html = mainOf(page(`rules/${rule.id}`));
      const text = htmlText(html);
      expect(text).toContain(rule.id);
      for (const example of rule.docs.examples) {
        expect(text).toContain(example.file);
        // The reports are shown verbatim, one per line, as the examples test asserts them.
        for (const report of example.reports) expect(text).toContain(report.replace(/\s+/g, ' '));
      }
      // Two code blocks (as shipped, edited) per example; one for an example that adds a file.
      const blocks = rule.docs.examples.reduce((sum, example) => sum + (example.ok === '' ? 1 : 2), 0);
      expect(html.match(/<figure[^>]*class="[^"]*frame/g)?.length, rule.id).toBe(blocks);
    }
  });

  it('every page has unique element ids, so every #kind-id anchor lands on one element', () => {
    for (const document of corpus.documents) {
      const path = document.file.replace(/^content\//, '').replace(/\.mdx?$/, '');
      const ids = [...page(path).matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]);
      const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
      expect(duplicates, path).toEqual([]);
    }
  });

  it("sidebar: Overview (with the migrations index), the page's own migration group, Rules and Guides", () => {
    const sidebarOf = (path: string) =>
      htmlText(page(path).match(/<nav[^>]*aria-label="Main"[\s\S]*?<\/nav>/)?.[0] ?? '');
    const sidebar = sidebarOf('migrations/service-v3/rfc');
    const order = [
      'Overview',
      'Migrations',
      'service.v2 → service.v3',
      'service.v3 rehearsal plan',
      'Rules',
      'Guides',
      'Reading diagnostics',
    ];
    const positions = order.map((label) => sidebar.indexOf(label));
    expect(
      positions.every((position) => position >= 0),
      sidebar,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // A page outside the migration carries the global links only.
    expect(sidebarOf('runtime')).not.toContain('service.v3 rehearsal plan');
    expect(sidebarOf('runtime')).toContain('Migrations');
  });

  it('the migrations index lists every migration with its pages', () => {
    const index = page('migrations');
    for (const bundle of corpus.migrations) {
      expect(index).toContain(`id="migration-${bundle.id}"`);
      expect(index).toContain(`href="/migrations/${bundle.id}/plan/"`);
    }
  });
});
