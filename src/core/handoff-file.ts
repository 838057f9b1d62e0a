/**
 * Where a generated handoff payload lives: `<content>/migrations/<id>/handoff-<name>.json`. The one
 * definition of that file name; the loader (which does not load it as a data file), the generator, the
 * contract diff and the site map all ask here. (`src/astro/payloads.ts` repeats it as a glob literal,
 * because Vite's `import.meta.glob` only takes a literal.)
 */

/** The file name of a generated payload inside its migration folder, e.g. `handoff-candidate.json`. */
export const handoffPayloadFileName = /^handoff-[^/]*\.json$/;

const handoffPayloadPath = /^(?:(.*)\/)?migrations\/([^/]+)\/(handoff-[^/]*\.json)$/;

export interface HandoffPayloadLocation {
  /** The migration id (its folder name), e.g. `service-v3`. */
  migration: string;
  /** The file name, e.g. `handoff-candidate.json`. */
  fileName: string;
}

/**
 * The migration and file name of a payload path, relative to the repository or to the content folder
 * (`content/migrations/service-v3/handoff-candidate.json` or `migrations/service-v3/handoff-candidate.json`);
 * undefined for any other file.
 */
export function handoffPayloadLocation(path: string): HandoffPayloadLocation | undefined {
  const match = handoffPayloadPath.exec(path);
  return match?.[2] && match[3] ? { migration: match[2], fileName: match[3] } : undefined;
}

/** Whether a path is a generated handoff payload (see `handoffPayloadLocation`). */
export function isHandoffPayload(path: string): boolean {
  return handoffPayloadPath.test(path);
}
