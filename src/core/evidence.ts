import type { Gate } from '../schemas/index.ts';

/** A gate's evidence is recorded when it names at least one command, checklist item or envelope assertion. */
export function hasEvidence(evidence: Gate['evidence']): boolean {
  return evidence.commands.length > 0 || evidence.checklist.length > 0 || evidence.envelope !== undefined;
}
