import type { Gates, Plan } from '../schemas/index.ts';
import type { ReferenceKind } from '../core/ids.ts';
import { personalPathsIn } from '../core/personal-paths.ts';

/**
 * The dependency picture of a migration as a static SVG string, drawn at build time: prerequisites ⇒
 * gates → evidence (commands and checklist items), and rollback triggers → actions. Every node is a
 * link to the item's definition. Pure functions, no DOM and no browser: layout is a grid of bands and
 * columns (a column per gate, its evidence under it), and every string from the content is escaped before
 * it enters the markup. A general graph layout (elkjs, dagre) was not needed: the picture is a fixed
 * three-band shape, and grouping evidence under its gate removes the crossing edges such a library
 * would have to untangle.
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
  const owners = ['producer', 'consumer', 'joint'] as const;
  const node = (kind: ReferenceKind, id: string, label: string, tone: NodeTone, status?: string): GraphNode => ({
    key: `${kind}:${id}`,
    label,
    detail: `${kind}:${id}`,
    href: link(kind, id),
    tone,
    status,
  });

  const prerequisites: GraphBand = {
    title: 'Prerequisites: in place before any gate is judged',
    columns: owners
      .map((owner) => ({
        title: `${owner[0]?.toUpperCase() ?? ''}${owner.slice(1)}`,
        groups: [
          {
            nodes: gates.prerequisites
              .filter((prerequisite) => prerequisite.owner === owner)
              .map((prerequisite) => node('prereq', prerequisite.id, prerequisite.title, 'prereq')),
          },
        ],
      }))
      .filter((column) => (column.groups[0]?.nodes.length ?? 0) > 0),
    edges: [],
  };

  // One column per gate with its own evidence under it: no bundle of arrows, each gate's evidence in view.
  // An item cited by two gates appears under both, linking to the same definition.
  const goNoGo: GraphBand = {
    title: 'Cutover gates (all must pass) and the evidence each one needs',
    columns: gates.gates.map((gate) => ({
      title: '',
      groups: [
        { nodes: [node('gate', gate.id, `${gate.title} (${gate.owner})`, 'gate', gate.status)] },
        {
          title: 'commands',
          nodes: gate.evidence.commands.map((id) =>
            node('command', id, commandRun.get(id)?.run ?? id, 'command', commandStatus(commandRun.get(id))),
          ),
        },
        {
          title: 'checklist',
          nodes: gate.evidence.checklist.map((id) => node('evidence', id, evidenceTitle.get(id) ?? id, 'evidence')),
        },
      ].filter((group) => group.nodes.length > 0),
    })),
    edges: [],
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
  return { title, bands: [prerequisites, goNoGo, rollback] };
}

/** A command's owner, and a warning when it carries a path on one person's machine. */
function commandStatus(command: { owner: string; run: string } | undefined): string | undefined {
  if (!command) return undefined;
  return personalPathsIn(command.run).length > 0 ? `${command.owner} · personal path` : command.owner;
}

// ---- layout and rendering ---------------------------------------------------------------------------

/**
 * Drawn at its natural size (one SVG pixel is one CSS pixel at zoom 1), so the text sizes below are what a
 * reader sees: 13 px labels, 12 px ids and notes. Columns are as wide as the longest id needs, so no id is
 * cut; labels wrap to as many lines as they take. A band with more columns than `columnsPerRow` continues
 * on the next row.
 */
const margin = 8;
const columnGap = 24;
const columnsPerRow = 2;
/** Two columns of this width fit the reading column of a 1280 px screen (630 px) at zoom 1. */
const minNodeWidth = 290;
const padding = 10;
const labelLine = 17;
const idLine = 16;
/** Average advance of a character: 13 px sans-serif labels, 12 px monospace ids (0.6 em). */
const labelCharWidth = 7;
const idCharWidth = 7.2;
const nodeGap = 10;
const groupGap = 14;
const bandGap = 36;

interface Placed {
  node: GraphNode;
  x: number;
  y: number;
  height: number;
  lines: string[];
  ids: string[];
}

/** `command:verify-contract-parity` → [`command:`, `verify-contract-parity`]; an id without a kind stays whole. */
function splitId(detail: string): string[] {
  const colon = detail.indexOf(':');
  return colon > 0 && colon < detail.length - 1 ? [detail.slice(0, colon + 1), detail.slice(colon + 1)] : [detail];
}

/** Renders the graph as a standalone `<svg>` element (no XML prolog), deterministic for the same input. */
export function renderDependencySvg(graph: DependencyGraph): string {
  const nodes = graph.bands.flatMap((band) => band.columns.flatMap((column) => column.groups.flatMap((g) => g.nodes)));
  // An id that does not fit on one line continues after its kind (`command:` / `verify-…`), never mid-word.
  const longestIdPart = Math.max(0, ...nodes.flatMap((node) => splitId(node.detail).map((part) => part.length)));
  const nodeWidth = Math.max(minNodeWidth, Math.ceil(longestIdPart * idCharWidth + 2 * padding));
  const idLines = (detail: string) =>
    detail.length * idCharWidth + 2 * padding <= nodeWidth ? [detail] : splitId(detail);
  const charsPerLine = Math.floor((nodeWidth - 2 * padding) / labelCharWidth);
  const columnCount = Math.min(columnsPerRow, Math.max(1, ...graph.bands.map((band) => band.columns.length)));
  const width = margin * 2 + columnCount * nodeWidth + (columnCount - 1) * columnGap;
  const placed = new Map<string, Placed>();
  const bandParts: string[] = [];
  let y = margin;

  for (const band of graph.bands) {
    bandParts.push(`<text class="band-title" x="${margin}" y="${y + 15}">${escapeXml(band.title)}</text>`);
    let rowTop = y + 30;
    for (let start = 0; start < band.columns.length; start += columnsPerRow) {
      let rowBottom = rowTop;
      band.columns.slice(start, start + columnsPerRow).forEach((column, index) => {
        const x = margin + index * (nodeWidth + columnGap);
        let cy = rowTop;
        if (column.title) {
          bandParts.push(`<text class="column-title" x="${x}" y="${cy + 13}">${escapeXml(column.title)}</text>`);
          cy += 22;
        }
        for (const group of column.groups) {
          if (group.title) {
            bandParts.push(`<text class="group-title" x="${x}" y="${cy + 12}">${escapeXml(group.title)}</text>`);
            cy += 18;
          }
          for (const node of group.nodes) {
            const lines = wrapText(node.label, charsPerLine, Number.POSITIVE_INFINITY);
            const ids = idLines(node.detail);
            const height =
              padding + lines.length * labelLine + ids.length * idLine + (node.status ? idLine : 0) + padding - 2;
            placed.set(`${node.key}@${start + index}`, { node, x, y: cy, height, lines, ids });
            cy += height + nodeGap;
          }
          cy += groupGap - nodeGap;
        }
        rowBottom = Math.max(rowBottom, cy);
      });
      rowTop = rowBottom + groupGap;
    }
    for (const edge of band.edges) {
      const from = [...placed.entries()].find(([key]) => key.startsWith(`${edge.from}@`))?.[1];
      const to = [...placed.entries()].find(([key]) => key.startsWith(`${edge.to}@`))?.[1];
      if (!from || !to) continue;
      const x1 = from.x + nodeWidth;
      const y1 = from.y + from.height / 2;
      const x2 = to.x;
      const y2 = to.y + to.height / 2;
      const bend = Math.max(12, (x2 - x1) / 2);
      // Same column (ordered actions): a short arc on the right edge instead of a line through the nodes.
      const path =
        x2 <= x1 - nodeWidth
          ? `M${x1} ${y1} C${x1 + 14} ${y1} ${x1 + 14} ${y2} ${x1} ${y2}`
          : `M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}`;
      bandParts.push(
        `<path class="edge" d="${path}" marker-end="url(#arrow)"><title>${escapeXml(`${edge.from} → ${edge.to}`)}</title></path>`,
      );
    }
    y = rowTop - groupGap + bandGap;
  }

  const parts: string[] = [];
  for (const { node, x, y: ny, height, lines, ids } of placed.values()) {
    const idY = ny + padding + lines.length * labelLine + 11;
    const body = [
      `<rect class="node node-${node.tone}" x="${x}" y="${ny}" width="${nodeWidth}" height="${height}" rx="6"/>`,
      ...lines.map(
        (line, index) =>
          `<text class="node-label" x="${x + padding}" y="${ny + padding + 11 + index * labelLine}">${escapeXml(line)}</text>`,
      ),
      ...ids.map(
        (line, index) =>
          `<text class="node-id" x="${x + padding}" y="${idY + index * idLine}">${escapeXml(line)}</text>`,
      ),
      node.status
        ? `<text class="node-status" x="${x + nodeWidth - padding}" y="${idY + ids.length * idLine}" text-anchor="end">${escapeXml(node.status)}</text>`
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
    `<svg xmlns="http://www.w3.org/2000/svg" class="dependency-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="--natural-width: ${width}px" role="img" aria-labelledby="dependency-graph-title">`,
    `<title id="dependency-graph-title">${escapeXml(graph.title)}</title>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="arrow-head"/></marker>',
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
