/**
 * A calendar day as people write it, read as `YYYY-MM-DD`: `2026-03-03`, `3 March 2026`, `3rd Mar 2026`,
 * `March 3, 2026`, `Mar 3 2026`. Producers write dates in words in their headers (`Last revised: 3 March
 * 2026`); the content keeps ISO days. Anything else (a day that does not exist, a month name misspelled, a
 * time, two dates) is not a day: `undefined`, and the caller reports the value as written.
 */

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The month a name or its abbreviation of three or more letters (`Sep`, `Sept`) stands for, 1-12. */
function monthOf(name: string): number | undefined {
  const word = name.toLowerCase().replace(/\.$/, '');
  if (word.length < 3) return undefined;
  const index = months.findIndex((month) => month.startsWith(word));
  return index === -1 ? undefined : index + 1;
}

const dayMonthYear = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/;
const monthDayYear = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const iso = /^(\d{4})-(\d{2})-(\d{2})$/;

export function writtenDate(text: string): string | undefined {
  const value = text.trim();
  let parts: [number, number | undefined, number] | undefined;
  const isoMatch = iso.exec(value);
  if (isoMatch) parts = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
  const dmy = dayMonthYear.exec(value);
  if (dmy) parts = [Number(dmy[3]), monthOf(dmy[2] ?? ''), Number(dmy[1])];
  const mdy = monthDayYear.exec(value);
  if (mdy) parts = [Number(mdy[3]), monthOf(mdy[1] ?? ''), Number(mdy[2])];
  if (!parts) return undefined;
  const [year, month, day] = parts;
  if (month === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // A day the month does not have (`31 February`) rolls over in Date: not a day.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}
