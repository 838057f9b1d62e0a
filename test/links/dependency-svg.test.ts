import { describe, expect, it } from 'vitest';
import { dependencyGraph, escapeXml, renderDependencySvg, wrapText } from '../../src/astro/dependency-svg.ts';
import { referenceHref } from '../../src/core/links/site-map.ts';
import { loadCorpusFromFiles } from '../../src/core/load.ts';
import { shippedFiles, loadOptionsFor } from '../helpers/content.ts';

/** The dependency picture: a pure function from the gates data to SVG text, escaped and linked. */

const corpus = loadCorpusFromFiles(shippedFiles(), loadOptionsFor(shippedFiles()));
const bundle = corpus.migrations[0]!;
const names = { plan: 'plan', tracker: 'tracker', rfc: 'rfc', gates: 'gates' };
const link = (kind: Parameters<typeof referenceHref>[0], id: string) =>
  referenceHref(kind, id, bundle.id, names)?.replace(/^/, '/base');

describe('dependency picture', () => {
  const gates = bundle.gates!.data;
  const svg = renderDependencySvg(dependencyGraph('Dependencies', gates, bundle.plan!.data, link));

  it('draws every prerequisite, gate, cited evidence item, trigger and action as a link to its definition', () => {
    const ids: (readonly [Parameters<typeof link>[0], string])[] = [
      ...gates.prerequisites.map((item) => ['prereq', item.id] as const),
      ...gates.gates.map((item) => ['gate', item.id] as const),
      ...gates.gates.flatMap((gate) => gate.evidence.commands.map((id) => ['command', id] as const)),
      ...gates.gates.flatMap((gate) => gate.evidence.checklist.map((id) => ['evidence', id] as const)),
      ...gates.rollbackTriggers.map((item) => ['trigger', item.id] as const),
      ...gates.rollbackActions.map((item) => ['action', item.id] as const),
    ];
    for (const [kind, id] of ids) expect(svg).toContain(`<a class="node-link" href="${escapeXml(link(kind, id)!)}">`);
    // Each gate's evidence is drawn under the gate, once per citation: no bundle of arrows to untangle.
    const boxes = (kind: string, id: string) => svg.split(`href="${escapeXml(link(kind as 'gate', id)!)}"`).length - 1;
    for (const id of new Set(gates.gates.flatMap((gate) => gate.evidence.commands)))
      expect(boxes('command', id), id).toBe(gates.gates.filter((gate) => gate.evidence.commands.includes(id)).length);
    for (const id of new Set(gates.gates.flatMap((gate) => gate.evidence.checklist)))
      expect(boxes('evidence', id), id).toBe(gates.gates.filter((gate) => gate.evidence.checklist.includes(id)).length);
    // Arrows only on the rollback path: triggers to the first action, then the actions in order.
    const rollbackEdges = gates.rollbackTriggers.length + gates.rollbackActions.length - 1;
    expect(svg.match(/<path class="edge"/g)).toHaveLength(rollbackEdges);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<a /g)?.length).toBe(svg.match(/<\/a>/g)?.length);
  });

  it('is deterministic', () => {
    expect(renderDependencySvg(dependencyGraph('Dependencies', gates, bundle.plan!.data, link))).toBe(svg);
  });

  it('escapes every content string: titles, ids and hrefs come out as text', () => {
    const hostile = '<script>alert(1)</script> & <img src=x onerror="alert(2)"> \'quoted\'';
    const evil = structuredClone(gates);
    evil.gates[0]!.title = hostile;
    evil.rollbackTriggers[0]!.title = hostile;
    const out = renderDependencySvg(
      dependencyGraph(hostile, evil, bundle.plan!.data, () => '/x?a=1&b="2"><script>alert(3)</script>'),
    );
    expect(out).not.toMatch(/<script|<img|onerror="/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;');
    expect(out).toContain('href="/x?a=1&amp;b=&quot;2&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"');
    // No attribute value carries an unescaped quote: every `"` in the markup delimits an attribute.
    for (const tag of out.match(/<[^>]+>/g) ?? []) expect(tag.split('"').length % 2, tag).toBe(1);
  });

  it('draws text at 12 px and more, in columns wide enough for every id (split after its kind at most)', () => {
    const sizes = [...svg.matchAll(/class="(node-id|node-label)"/g)].length;
    expect(sizes).toBeGreaterThan(50);
    const width = Number(/ width="(\d+)"/.exec(svg)?.[1]);
    const idLines = [...svg.matchAll(/<text class="node-id"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
    // No id is cut with an ellipsis; a long one continues after its kind on the next line.
    expect(idLines.some((line) => line.includes('…'))).toBe(false);
    expect(idLines).toContain('command:');
    expect(idLines).toContain('verify-trilogy-compatibility-artifacts');
    expect(width).toBeLessThanOrEqual(630);
  });

  it('wraps long labels and cuts them with an ellipsis', () => {
    expect(wrapText('one two three four five', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapText('', 10, 2)).toEqual(['']);
    expect(wrapText('abcdefghijkl', 5, 3)).toEqual(['abcde', 'fghij', 'kl']);
  });
});
