/**
 * The grammar of numbers in prose, shared by the rules that compare restated numbers with the data.
 * A number is digits (`14`) or written out (`fourteen`, `twenty-one`, `twenty one`), case ignored.
 */

const units = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

/** Written-out numbers up to ninety-nine, longest alternatives first so `fourteen` is not read as `four`. */
export const numberPattern = `(?:\\d{1,4}|(?:${tens.join('|')})(?:[- ](?:${units.slice(1, 10).join('|')}))?|${[...units]
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/** The value of a number matched by `numberPattern`, or undefined. */
export function numberValue(text: string): number | undefined {
  const word = text.toLowerCase().trim();
  if (/^\d+$/.test(word)) return Number(word);
  const [ten, unit] = word.split(/[- ]/);
  const tenIndex = tens.indexOf(ten as (typeof tens)[number]);
  if (tenIndex !== -1) {
    const rest = unit === undefined ? 0 : units.indexOf(unit as (typeof units)[number]);
    return rest < 0 ? undefined : (tenIndex + 2) * 10 + rest;
  }
  const index = units.indexOf(word as (typeof units)[number]);
  return index === -1 ? undefined : index;
}

/** The number written the way prose writes small counts, for messages: `8 (eight)`. */
export function spellNumber(value: number): string {
  if (value < 20) return `${value} (${units[value]})`;
  if (value < 100) {
    const rest = value % 10;
    return `${value} (${tens[Math.floor(value / 10) - 2]}${rest ? `-${units[rest]}` : ''})`;
  }
  return String(value);
}

/** A unit of time prose may put after a number. */
export type TimeUnit = 'minute' | 'hour' | 'day' | 'week' | 'business-day';

/** Minutes per unit, for the calendar units; business days convert to nothing else. */
const minutesPer: Record<Exclude<TimeUnit, 'business-day'>, number> = { minute: 1, hour: 60, day: 1440, week: 10080 };

/** Whether `value` `unit` is the same span of time as `expected` `expectedUnit`. */
export function sameDuration(value: number, unit: TimeUnit, expected: number, expectedUnit: TimeUnit): boolean {
  if (unit === 'business-day' || expectedUnit === 'business-day') return unit === expectedUnit && value === expected;
  return value * minutesPer[unit] === expected * minutesPer[expectedUnit];
}

/** Whether the two units measure the same kind of time (calendar time, or business days). */
export function comparableUnits(a: TimeUnit, b: TimeUnit): boolean {
  return (a === 'business-day') === (b === 'business-day');
}

export function unitName(unit: TimeUnit, value: number): string {
  const name = unit === 'business-day' ? 'business day' : unit;
  return value === 1 ? name : `${name}s`;
}

/**
 * A duration: a number, then a unit, separated by a space or a hyphen (`14 days`, `14-day`,
 * `10 business days`, `ten-business-day`, `24 hours`). Not part of a longer token (`v14`, `1.14`), and
 * not the end of a range (`3-14 days`).
 */
export const durationPattern = new RegExp(
  `(?<![\\w.\\u2013-])(${numberPattern})(?:\\s+|-)(?:(business|working)(?:\\s+|-))?(minutes?|hours?|days?|weeks?)(?![\\w])`,
  'gi',
);

export interface DurationMatch {
  value: number;
  unit: TimeUnit;
  /** Index of the number in the scanned text, and the length of the whole match. */
  index: number;
  length: number;
  text: string;
}

export function* durationsIn(text: string): Generator<DurationMatch> {
  durationPattern.lastIndex = 0;
  for (let match = durationPattern.exec(text); match; match = durationPattern.exec(text)) {
    const value = numberValue(match[1] ?? '');
    if (value === undefined) continue;
    const base = (match[3] ?? '').toLowerCase().replace(/s$/, '') as Exclude<TimeUnit, 'business-day'>;
    const unit: TimeUnit = match[2] ? (base === 'day' ? 'business-day' : base) : base;
    yield { value, unit, index: match.index, length: match[0].length, text: match[0] };
  }
}

/** Words in prose: letters, digits and inner hyphens or slashes (`go/no-go`); `§` stands for a code span. */
export const wordPattern = /[\p{L}\p{N}\u00a7]+(?:[-/'\u2019][\p{L}\p{N}]+)*/gu;

/** The words of `text`, with their indexes. */
export function wordsIn(text: string): { word: string; index: number }[] {
  return [...text.matchAll(wordPattern)].map((match) => ({ word: match[0], index: match.index ?? 0 }));
}
