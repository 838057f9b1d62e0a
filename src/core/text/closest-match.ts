/** Levenshtein distance, small and allocation-light; inputs here are ids and keys, a few dozen chars. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((current[j - 1] ?? 0) + 1, (previous[j] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `value`, if it is close enough to be a plausible typo. */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const folded = value.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(folded, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(value.length / 3));
  if (bestDistance <= limit) return best;
  // A truncated id (`joint-signoff` for `joint-signoff-recorded`) is a typo too, however far in edits.
  const containing = candidates.filter((candidate) => folded.length >= 3 && candidate.toLowerCase().includes(folded));
  return containing.length === 1 ? containing[0] : undefined;
}
