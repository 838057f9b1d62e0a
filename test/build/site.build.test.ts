import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/read.ts';
import { rules } from '../../src/core/rules/index.ts';
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
    ];
    for (const path of expected) expect(existsSync(join(copy.dir, 'dist', path, 'index.html')), path).toBe(true);
    expect(existsSync(join(copy.dir, 'dist', '404.html'))).toBe(true);
    expect(existsSync(join(copy.dir, 'dist', 'pagefind'))).toBe(true);
  });

  it('home page shows the live pin, the mode, the candidate target and progress', () => {
    const text = pageText('');
    expect(text).toContain('cf331449e1589581a5dcbb3adecd3e9ae4509277');
    for (const value of ['v0.3.2', 'service.v2', 'api.v1', 'integration/v1']) expect(text).toContain(value);
    expect(text).toContain('rehearsal — no runtime cutover');
    expect(text).toMatch(/Candidate target service\.v3 candidate/);
    expect(text).toContain('Cutover gates 0/4 passed');
    expect(text).toContain('Tracker 3/4 tasks done');
    for (const document of migration!.documents) expect(text).toContain(document.data.title);
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

  it('tracker page: tasks with status, owner and definition of done', () => {
    const html = page('migrations/service-v3/tracker');
    const text = htmlText(mainOf(html));
    for (const task of migration!.tracker!.data.tasks) {
      expect(html).toContain(`id="task-${task.id}"`);
      for (const condition of task.definitionOfDone) expect(text).toContain(condition);
    }
  });

  it('RFC page: draft banner naming the approvers, stages and non-negotiables', () => {
    const html = page('migrations/service-v3/rfc');
    const text = htmlText(mainOf(html));
    expect(text).toContain('Draft RFC');
    expect(text).toContain('MemoryKernel (producer) and AssistSupport (consumer)');
    for (const stage of migration!.rfc!.data.stages) expect(html).toContain(`id="stage-${stage.id}"`);
    for (const principle of migration!.rfc!.data.nonNegotiables)
      expect(html).toContain(`id="principle-${principle.id}"`);
  });

  it('runtime and contract pages carry the manifest and both policies', () => {
    const runtime = pageText('runtime');
    for (const code of corpus.manifest!.data.errorCodes.codes) expect(runtime).toContain(code);
    expect(runtime).toContain('set-equality');
    expect(runtime).toContain('14 days');
    const matrix = pageText('contracts');
    expect(matrix).toMatch(/legacy_error required forbidden/);
    expect(matrix).toMatch(/error\.details not named optional/);
    const v3 = page('contracts/service.v3');
    expect(htmlText(v3)).toContain('context_package_id');
  });

  it('rule pages show id, description, example and fix from the rule objects', () => {
    for (const rule of rules) {
      const text = pageText(`rules/${rule.id}`);
      expect(text).toContain(rule.id);
      // The example is a diagnostic message, shown verbatim as the terminal prints it.
      expect(text).toContain(rule.docs.example);
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

  it('sidebar: Overview, the migration group titled from migration.yaml, Rules and Guides', () => {
    const sidebar = htmlText(page('').match(/<nav[^>]*aria-label="Main"[\s\S]*?<\/nav>/)?.[0] ?? '');
    const order = [
      'Overview',
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
  });
});
