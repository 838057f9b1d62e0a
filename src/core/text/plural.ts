/** `1 file`, `2 files`, `0 files`; pass the plural for nouns that do not take an `s` (`mismatches`). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
