import { sectionHeadings, type HeadingMatcher } from '../core/adopt/conventions.ts';
import { factSections } from '../core/links/routes.ts';
import type { DocumentKind } from '../schemas/index.ts';
import type { Heading } from './view.ts';

/**
 * Where a document page shows each section of its structured facts: at the end of the prose section that
 * talks about them (a collapsed panel), so the page reads as prose first and the facts sit where they are
 * discussed, once. A prose section is recognised by its heading, with the same section names the importer
 * reads in the producer's files (`sectionHeadings`); facts whose section the prose lacks close the page.
 */

/** The fact sections' anchors, e.g. `facts-deliverables`. */
export type FactSectionId = (typeof factSections)[DocumentKind][number][0];

/** Headings that name each fact section, most specific first. */
const sectionNames = {
  'facts-objective': [sectionHeadings.objective.pattern],
  'facts-deliverables': [sectionHeadings.deliverables.pattern],
  'facts-exit-criteria': [sectionHeadings.exitCriteria.pattern],
  'facts-commands': [sectionHeadings.producerCommands.pattern, sectionHeadings.consumerCommands.pattern, /commands/i],
  'facts-tasks': [sectionHeadings.tasks.pattern],
  'facts-approvers': [/^approv(als?|ers?)$/i],
  'facts-baseline': [sectionHeadings.baseline.pattern],
  'facts-stages': [sectionHeadings.stages.pattern],
  'facts-non-negotiables': [sectionHeadings.nonNegotiables.pattern],
  'facts-gates': [sectionHeadings.gates.pattern],
  'facts-prerequisites': [
    sectionHeadings.producerPrerequisites.pattern,
    sectionHeadings.consumerPrerequisites.pattern,
    /prerequisites/i,
  ],
  'facts-rollback-triggers': [sectionHeadings.rollbackTriggers.pattern],
  'facts-rollback-actions': [sectionHeadings.rollbackActions.pattern],
  'facts-evidence-checklist': [sectionHeadings.evidenceChecklist.pattern],
} satisfies Record<FactSectionId, HeadingMatcher[]>;

export interface FactPlacement {
  /** Panels drawn just before a level-2 heading (by its slug): they close the section above it. */
  beforeHeading: Map<string, FactSectionId[]>;
  /** Panels after the prose: those of the last section, then those no prose section names. */
  atEnd: FactSectionId[];
}

/**
 * Places each fact section of a document kind after the level-2 section whose heading (or one of whose
 * subheadings) names it first; a pattern list is tried in order, so a more specific name wins.
 */
export function placeFactSections(kind: DocumentKind, headings: readonly Heading[]): FactPlacement {
  // The level-2 section each heading belongs to (a heading before any level-2 one belongs to none).
  const owners: { heading: Heading; section: string | undefined }[] = [];
  let current: string | undefined;
  for (const heading of headings) {
    if (heading.depth <= 2) current = heading.slug;
    owners.push({ heading, section: heading.depth >= 2 ? current : undefined });
  }
  const sectionOrder = headings.filter((heading) => heading.depth === 2).map((heading) => heading.slug);
  const bySection = new Map<string, FactSectionId[]>();
  const unplaced: FactSectionId[] = [];
  for (const [id] of factSections[kind]) {
    const home = sectionNames[id]
      .map((pattern) => owners.find((owner) => owner.section && pattern.test(owner.heading.text.trim())))
      .find(Boolean)?.section;
    if (home) bySection.set(home, [...(bySection.get(home) ?? []), id]);
    else unplaced.push(id);
  }
  const beforeHeading = new Map<string, FactSectionId[]>();
  sectionOrder.forEach((slug, index) => {
    const next = sectionOrder[index + 1];
    const panels = bySection.get(slug);
    if (panels && next !== undefined) beforeHeading.set(next, panels);
  });
  const last = sectionOrder.at(-1);
  return { beforeHeading, atEnd: [...((last && bySection.get(last)) || []), ...unplaced] };
}
