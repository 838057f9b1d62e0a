/**
 * Absolute paths into one person's home folder (`/Users/d/Projects/MemoryKernel`, `/home/ci/x`,
 * `C:\Users\d\x`) inside a command: the command runs as written only on that machine. The site shows such
 * commands as the source has them and marks the path; the check's portable-commands warning names the
 * same paths.
 */

/** A personal path found in a command, with its place in the text. */
export interface PersonalPath {
  path: string;
  /** Offset of the path's first character in the command. */
  start: number;
}

const personalPathPattern =
  /(?<![\w.~-])(?:\/(?:Users|home)\/[^/\s'"`;|&)]+|[A-Za-z]:\\Users\\[^\\\s'"`;|&)]+)[^\s'"`;|&)]*/g;

export function personalPathsIn(command: string): PersonalPath[] {
  return [...command.matchAll(personalPathPattern)].map((match) => ({ path: match[0], start: match.index }));
}

/** The command cut into plain text and personal paths, in order, for display. */
export function splitPersonalPaths(command: string): { text: string; personal: boolean }[] {
  const parts: { text: string; personal: boolean }[] = [];
  let at = 0;
  for (const { path, start } of personalPathsIn(command)) {
    if (start > at) parts.push({ text: command.slice(at, start), personal: false });
    parts.push({ text: path, personal: true });
    at = start + path.length;
  }
  if (at < command.length) parts.push({ text: command.slice(at), personal: false });
  return parts;
}
