import type { Entry } from '../corpus.ts';
import { defineRule } from '../rule.ts';

/** Date fields that say when something already happened (a review, a start), so they cannot lie ahead. */
const pastDateKeys = ['updated', 'started'] as const;

export const datesNotFutureRule = defineRule(
  {
    id: 'dates-not-future',
    description: 'No `updated` or `started` date lies after the day the check runs.',
    docs: {
      checks:
        "`updated` (every document and data file) and a migration's `started` say when something already happened, so neither may be after the check date: the current UTC day for `pnpm check` and `pnpm build`, or the day the caller injects (`checkProject(root, dir, { checkDate })`), never `SOURCE_DATE_EPOCH`. Dates compare as calendar days. The rule does not compare with git history yet: a date later than the newest commit that touched the file is not reported.",
      fix: 'Set the date to the day the file was last reviewed (or the migration started): today or earlier. A date that is planned belongs in a field for planned dates, not in `updated`.',
      examples: [
        {
          title: 'The runtime pin claims a review in the future',
          file: 'content/runtime/pin.yaml',
          ok: 'updated: 2026-02-08\n',
          notOk: 'updated: 2099-02-08\n',
          reports: [
            'content/runtime/pin.yaml:5:1 Unexpected `updated` date 2099-02-08 after the check date, expected a day no later than today',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const today = corpus.checkDate;
    if (!today) return;
    const entries: Entry[] = [...corpus.data, ...corpus.documents];
    for (const entry of entries) {
      const data = entry.data as Record<string, unknown>;
      for (const key of pastDateKeys) {
        const value = data[key];
        if (typeof value !== 'string' || value <= today) continue;
        report({
          file: entry.file,
          place: entry.locate([key]),
          reason: `Unexpected \`${key}\` date ${value} after the check date, expected a day no later than today`,
          actual: value,
          expected: [today],
          hint: `Set \`${key}\` to the day it really happened (${today} or earlier); the check ran on ${today} (UTC).`,
        });
      }
    }
  },
);
