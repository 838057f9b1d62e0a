/**
 * Plain UTF-16 code-unit order: the same on every machine whatever the locale, which is what every
 * generated file and every report order relies on (never `localeCompare`).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
