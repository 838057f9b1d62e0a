/**
 * Counted nouns and the verbs that agree with them, for every message that states a count: one home, so
 * no report says "1 files" or "1 fact drift".
 */

/** `1 file`, `2 files`, `0 files`; pass the plural for nouns that do not take an `s` (`mismatches`). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** The verb form that agrees with `count` things: `agreeing(1, 'is', 'are')` is `is`, `agreeing(2, 'is', 'are')` is `are`. */
export function agreeing(count: number, singular: string, pluralForm: string): string {
  return count === 1 ? singular : pluralForm;
}
