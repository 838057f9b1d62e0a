import type { Gates, Plan } from '../schemas/index.ts';
import type { ReferenceKind } from '../core/ids.ts';

/**
 * The dependency picture of a migration as a static SVG string, drawn at build time: prerequisites ⇒
 * gates → evidence (commands and checklist items), and rollback triggers → actions. Every node is a
 * link to the item's definition. Pure functions, no DOM and no browser: layout is a simple layered
 * grid, and every string from the content is escaped before it enters the markup.
 */

export type NodeTone = 'prereq' | 'gate' | 'command' | 'evidence' | 'trigger' | 'action';

export interface GraphNode {
  /** Unique within the graph, e.g. `gate:producer-suite-green`. */
  key: string;
  /** Main text, e.g. the item's title. */
  label: string;
  /** Second line in monospace, e.g. the id. */
  detail: string;
  /** Link target with the deploy base; a node without one is drawn without a link. */
  href?: string | undefined;
  tone: NodeTone;
  /** Shown as a small badge, e.g. `pending`. */
  status?: string | undefined;
}

export interface GraphGroup {
  title?: string | undefined;
  nodes: GraphNode[];
}

export interface GraphColumn {
  title: string;
  groups: GraphGroup[];
}

/** A band is a row of columns drawn left to right; edges run between nodes of the same band. */
export interface GraphBand {
  title: string;
  columns: GraphColumn[];
  edges: { from: string; to: string }[];
  /** Arrows between whole columns (by index), e.g. "prerequisites before gates". */
  columnEdges?: { from: number; to: number; label: string }[];
}

export interface DependencyGraph {
  title: string;
  bands: GraphBand[];
}

/** Builds the graph of a migration from its gates and plan data; `link` gives each item's href. */
export function dependencyGraph(
  title: string,
  gates: Gates,
  plan: Plan | undefined,
  link: (kind: ReferenceKind, id: string) => string | undefined,
): DependencyGraph {
  const commandRun = new Map((plan?.commands ?? []).map((command) => [command.id, command]));
  const evidenceTitle = new Map(gates.evidenceChecklist.map((item) => [item.id, item.title]));
  const citedCommands = unique(gates.gates.flatMap((gate) => gate.evidence.commands));
  const citedEvidence = unique(gates.gates.flatMap((gate) => gate.evidence.checklist));
  const owners = ['producer', 'consumer', 'joint'] as const;
  const node = (kind: ReferenceKind, id: string, label: string, tone: NodeTone, status?: string): GraphNode => ({
    key: `${kind}:${id}`,
    label,
    detail: `${kind}:${id}`,
    href: link(kind, id),
    tone,
    status,
  });

  const goNoGo: GraphBand = {
    title: 'Go/no-go: prerequisites, gates and the evidence each gate needs',
    columns: [
      {
        title: 'Prerequisites',
        groups: owners
          .map((owner) => ({
            title: owner,
            nodes: gates.prerequisites
              .filter((prerequisite) => prerequisite.owner === owner)
              .map((prerequisite) => node('prereq', prerequisite.id, prerequisite.title, 'prereq')),
          }))
          .filter((group) => group.nodes.length > 0),
      },
      {
        title: 'Cutover gates',
        groups: [
          {
            nodes: gates.gates.map((gate) =>
              node('gate', gate.id, `${gate.title} (${gate.owner})`, 'gate', gate.status),
            ),
          },
        ],
      },
      {
        title: 'Evidence',
        groups: [
          {
            title: 'commands',
            nodes: citedCommands.map((id) =>
              node('command', id, commandRun.get(id)?.run ?? id, 'command', commandRun.get(id)?.owner),
            ),
          },
          {
            title: 'checklist',
            nodes: citedEvidence.map((id) => node('evidence', id, evidenceTitle.get(id) ?? id, 'evidence')),
          },
        ].filter((group) => group.nodes.length > 0),
      },
    ],
    edges: gates.gates.flatMap((gate) => [
      ...gate.evidence.commands.map((id) => ({ from: `gate:${gate.id}`, to: `command:${id}` })),
      ...gate.evidence.checklist.map((id) => ({ from: `gate:${gate.id}`, to: `evidence:${id}` })),
    ]),
    columnEdges: [{ from: 0, to: 1, label: 'in place before the gates are judged' }],
  };

  const actions = gates.rollbackActions;
  const rollback: GraphBand = {
    title: 'Rollback: any one trigger starts the actions, in order',
    columns: [
      {
        title: 'Rollback triggers',
        groups: [
          { nodes: gates.rollbackTriggers.map((trigger) => node('trigger', trigger.id, trigger.title, 'trigger')) },
        ],
      },
      {
        title: 'Rollback actions',
        groups: [
          {
            nodes: actions.map((action, index) =>
              node('action', action.id, `${index + 1}. ${action.title}`, 'action', action.owner),
            ),
          },
        ],
      },
    ],
    edges: [
      ...(actions[0]
        ? gates.rollbackTriggers.map((trigger) => ({ from: `trigger:${trigger.id}`, to: `action:${actions[0]?.id}` }))
        : []),
      ...actions.slice(1).map((action, index) => ({ from: `action:${actions[index]?.id}`, to: `action:${action.id}` })),
    ],
  };
  return { title, bands: [goNoGo, rollback] };
}

// ---- layout and rendering ---------------------------------------------------------------------------

const nodeWidth = 210;
const columnGap = 72;
const margin = 24;
const lineHeight = 15;
const charsPerLine = 31;
/** Monospace ids are wider per character than the label font. */
const detailChars = 32;
const maxLabelLines = 3;
const nodeGap = 10;
const groupGap = 22;
const bandGap = 48;

interface Placed {
  node: GraphNode;
  x: number;
  y: number;
  height: number;
  lines: string[];
}

/** Renders the graph as a standalone `<svg>` element (no XML prolog), deterministic for the same input. */
export function renderDependencySvg(graph: DependencyGraph): string {
  const parts: string[] = [];
  const placed = new Map<string, Placed>();
  let y = margin;
  const maxColumns = Math.max(1, ...graph.bands.map((band) => band.columns.length));
  const width = margin * 2 + maxColumns * nodeWidth + (maxColumns - 1) * columnGap;
  const bandParts: string[] = [];

  for (const band of graph.bands) {
    bandParts.push(`<text class="band-title" x="${margin}" y="${y + 14}">${escapeXml(band.title)}</text>`);
    const top = y + 30;
    let bandBottom = top;
    const columnBoxes: { x: number; top: number; bottom: number }[] = [];
    band.columns.forEach((column, columnIndex) => {
      const x = margin + columnIndex * (nodeWidth + columnGap);
      let cy = top;
      bandParts.push(`<text class="column-title" x="${x}" y="${cy + 12}">${escapeXml(column.title)}</text>`);
      cy += 24;
      for (const group of column.groups) {
        if (group.title) {
          bandParts.push(`<text class="group-title" x="${x}" y="${cy + 10}">${escapeXml(group.title)}</text>`);
          cy += 16;
        }
        for (const node of group.nodes) {
          const lines = wrapText(node.label, charsPerLine, maxLabelLines);
          const height = 14 + lines.length * lineHeight + 16 + (node.status ? 12 : 0);
          placed.set(node.key, { node, x, y: cy, height, lines });
          cy += height + nodeGap;
        }
        cy += groupGap - nodeGap;
      }
      columnBoxes.push({ x, top, bottom: cy });
      bandBottom = Math.max(bandBottom, cy);
    });
    for (const edge of band.edges) {
      const from = placed.get(edge.from);
      const to = placed.get(edge.to);
      if (!from || !to) continue;
      const x1 = from.x + nodeWidth;
      const y1 = from.y + from.height / 2;
      const x2 = to.x;
      const y2 = to.y + to.height / 2;
      const bend = Math.max(30, (x2 - x1) / 2);
      // Same column (ordered actions): a short arc on the right edge instead of a line through the nodes.
      const path =
        x2 <= x1 - nodeWidth
          ? `M${x1} ${y1} C${x1 + 40} ${y1} ${x1 + 40} ${y2} ${x1} ${y2}`
          : `M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}`;
      bandParts.push(
        `<path class="edge" d="${path}" marker-end="url(#arrow)"><title>${escapeXml(`${edge.from} → ${edge.to}`)}</title></path>`,
      );
    }
    for (const edge of band.columnEdges ?? []) {
      const from = columnBoxes[edge.from];
      const to = columnBoxes[edge.to];
      if (!from || !to) continue;
      const ay = Math.round((Math.min(from.bottom, to.bottom) + top) / 2);
      bandParts.push(
        `<path class="column-edge" d="M${from.x + nodeWidth + 8} ${ay} L${to.x - 8} ${ay}" marker-end="url(#arrow-strong)"><title>${escapeXml(edge.label)}</title></path>`,
      );
    }
    y = bandBottom + bandGap;
  }

  for (const { node, x, y: ny, height, lines } of placed.values()) {
    const body = [
      `<rect class="node node-${node.tone}" x="${x}" y="${ny}" width="${nodeWidth}" height="${height}" rx="6"/>`,
      ...lines.map(
        (line, index) =>
          `<text class="node-label" x="${x + 10}" y="${ny + 18 + index * lineHeight}">${escapeXml(line)}</text>`,
      ),
      `<text class="node-id" x="${x + 10}" y="${ny + 18 + lines.length * lineHeight + 2}">${escapeXml(truncate(node.detail, detailChars))}</text>`,
      node.status
        ? `<text class="node-status" x="${x + nodeWidth - 10}" y="${ny + height - 7}" text-anchor="end">${escapeXml(node.status)}</text>`
        : '',
      `<title>${escapeXml(`${node.detail}: ${node.label}`)}</title>`,
    ].join('');
    parts.push(
      node.href
        ? `<a class="node-link" href="${escapeXml(node.href)}">${body}</a>`
        : `<g class="node-link">${body}</g>`,
    );
  }

  const height = Math.max(y - bandGap + margin, margin * 2);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="dependency-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="dependency-graph-title">`,
    `<title id="dependency-graph-title">${escapeXml(graph.title)}</title>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="arrow-head"/></marker>',
    '<marker id="arrow-strong" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="arrow-head-strong"/></marker>',
    '</defs>',
    ...bandParts,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** Escapes text for XML content and double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => xmlEntities[char] ?? char);
}
const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Greedy word wrap to `width` characters, at most `maxLines` lines; the last kept line ends in `…` if cut. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const pieces = word.length > width ? (word.match(new RegExp(`.{1,${width}}`, 'g')) ?? [word]) : [word];
    for (const piece of pieces) {
      if (!current) current = piece;
      else if (current.length + 1 + piece.length <= width) current += ` ${piece}`;
      else {
        lines.push(current);
        current = piece;
      }
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines.length ? lines : [''];
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, width - 1))}…`;
  return kept;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
