import type { Gates, Plan, Rfc, Tracker } from '../schemas/index.ts';
import type { FactPlacement } from './fact-placement.ts';
import type { SiteMigration } from './site.ts';

/** What a document page passes to the components its MDX renders (through `Astro.locals`). */
export interface DocumentFactsContext {
  data: Plan | Tracker | Rfc | Gates;
  migration: SiteMigration;
  /** File name the facts come from, e.g. `plan.mdx`. */
  source: string;
  placement: FactPlacement;
}
