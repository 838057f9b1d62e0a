import { dayMs, dayStartOf, formatDuration, instantOf, timelineOf, timestampOf, type Located } from '../lifecycle.ts';
import { defineRule } from '../rule.ts';
import { plural } from '../text/plural.ts';
import type { RecordedEvent } from '../../schemas/index.ts';

/** The producer manifest declares the overlap window; records.yaml declares the others. */
const overlapId = 'overlap';

export const timeWindowsRule = defineRule(
  {
    id: 'time-windows',
    description:
      'Declared windows and dates hold against the recorded events: no window closes early, no cutover before its not-before day, no decision after what it authorised.',
    docs: {
      checks:
        "The overlap window (the producer manifest's `overlap.days`) opens when the runtime cuts over (a `cutover-executed` event) and lasts that many days: both contracts are served through it, so a `legacy-error-removed` event inside it is an error, as is a `window-closed` event for `overlap` before it ends. Every other window is declared under `windows` in `records.yaml` with its length in days; a `window-closed` event before the matching `window-opened` event plus that length is an error, and so is closing a window that never opened or naming a window nobody declared. A `cutover-executed` event before the migration's `notBefore` day (00:00 UTC) is an error. A decision named in an event's `authorisedBy` must be dated no later than the event.",
      fix: 'Correct the timestamp that is wrong, or, if the event really happened that early, record why in a new decision and declare the shorter window in the data; never shorten a window silently.',
      examples: [
        {
          title: 'A one-week stabilization window closed 25 minutes after it opened',
          file: 'content/migrations/service-v3/records.yaml',
          ok: 'events: []\nwindows: []\n',
          notOk: [
            'events:',
            '  - id: stabilization-opened',
            '    title: Stabilization starts.',
            '    type: window-opened',
            '    window: stabilization',
            '    at: 2026-03-02T15:05:00Z',
            '  - id: stabilization-closed',
            '    title: Stabilization ends.',
            '    type: window-closed',
            '    window: stabilization',
            '    at: 2026-03-02T15:30:00Z',
            'windows:',
            '  - id: stabilization',
            '    title: Post-cutover stabilization',
            '    days: 7',
            '',
          ].join('\n'),
          reports: [
            'content/migrations/service-v3/records.yaml:19:5 Unexpected `window-closed` for `stabilization` at 2026-03-02T15:30:00Z, 25 minutes after it opened, expected no earlier than 2026-03-09T15:05:00Z (7 days after 2026-03-02T15:05:00Z)',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    for (const bundle of corpus.migrations) {
      const timeline = timelineOf(bundle);
      if (!timeline) continue;
      const file = timeline.entry.file;
      const declared = new Map(timeline.entry.data.windows.map((window) => [window.id, window]));
      const overlapDays = corpus.manifest?.data.overlap.days;
      const daysOf = (id: string) => (id === overlapId ? overlapDays : declared.get(id)?.days);
      const chronological = [...timeline.events].sort(
        (a, b) => instantOf(a.item.at) - instantOf(b.item.at) || a.index - b.index,
      );
      // What opened each window last, as the events are replayed in time order.
      const open = new Map<string, Located<RecordedEvent>>();
      const see = (event: Located<RecordedEvent>, what: string) => ({
        file,
        place: event.at(),
        reason: `${what} \`${event.item.id}\` (${event.item.at})`,
      });

      for (const event of chronological) {
        const { item } = event;
        const at = instantOf(item.at);
        if (item.type === 'cutover-executed') {
          open.set(overlapId, event);
          const notBefore = bundle.meta?.data.notBefore;
          if (bundle.meta && notBefore !== undefined && at < dayStartOf(notBefore)) {
            report({
              file,
              place: event.at('at'),
              reason: `Unexpected cutover \`${item.id}\` at ${item.at}, before the declared not-before day ${notBefore}, expected ${notBefore}T00:00:00Z or later`,
              actual: item.at,
              expected: [`${notBefore}T00:00:00Z or later`],
              hint: 'Correct the timestamp if it is wrong; if the cutover really happened early, the announced date was broken: record that in a decision and correct `notBefore` with the reason.',
              related: {
                file: bundle.meta.file,
                place: bundle.meta.locate(['notBefore']),
                reason: 'Not-before day declared here',
              },
            });
          }
        }
        if (item.type === 'window-opened' || item.type === 'window-closed') {
          const id = item.window;
          const days = id === undefined ? undefined : daysOf(id);
          if (id === undefined || days === undefined) {
            report({
              file,
              place: event.at(id === undefined ? 'type' : 'window'),
              reason:
                id === undefined
                  ? `Missing \`window\` on ${item.type} event \`${item.id}\`, expected the id of a declared window`
                  : `Unexpected window \`${id}\` on event \`${item.id}\`, expected \`overlap\` or a window declared under \`windows\`${declared.size ? ` (${[...declared.keys()].map((key) => `\`${key}\``).join(', ')})` : ''}`,
              actual: id,
              expected: [overlapId, ...declared.keys()],
              hint: 'Declare the window with its length (`windows: [{ id, title, days }]`) or name a declared one.',
            });
            continue;
          }
          if (item.type === 'window-opened') {
            open.set(id, event);
            continue;
          }
          const opened = open.get(id);
          if (!opened) {
            report({
              file,
              place: event.at('window'),
              reason: `Unexpected \`window-closed\` for \`${id}\` at ${item.at}, expected it to open first (${id === overlapId ? 'the overlap window opens with the cutover' : 'a `window-opened` event'})`,
              actual: item.at,
              hint: `Record the event that opened the window${id === overlapId ? ' (the `cutover-executed` event)' : ' (`type: window-opened`)'}, earlier than this one.`,
            });
            continue;
          }
          open.delete(id);
          const earliest = instantOf(opened.item.at) + days * dayMs;
          if (at < earliest) {
            report({
              file,
              place: event.at('at'),
              reason: `Unexpected \`window-closed\` for \`${id}\` at ${item.at}, ${formatDuration(at - instantOf(opened.item.at))} after it opened, expected no earlier than ${timestampOf(earliest)} (${plural(days, 'day')} after ${opened.item.at})`,
              actual: item.at,
              expected: [`${timestampOf(earliest)} or later`],
              hint: `The window is declared as ${plural(days, 'day')}: correct the timestamp, or keep the window open until it has run its length.`,
              related: see(opened, 'Opened by'),
            });
          }
        }
        if (item.type === 'legacy-error-removed') {
          const cutover = open.get(overlapId);
          const ends =
            cutover && overlapDays !== undefined ? instantOf(cutover.item.at) + overlapDays * dayMs : undefined;
          if (!cutover || (ends !== undefined && at < ends)) {
            report({
              file,
              place: event.at('at'),
              reason: cutover
                ? `Unexpected \`legacy_error\` removal at ${item.at}, inside the ${overlapDays}-day overlap window that opened with the cutover, expected ${timestampOf(ends ?? 0)} or later`
                : `Unexpected \`legacy_error\` removal at ${item.at} with no executed cutover before it, expected it only after the overlap window that follows the cutover`,
              actual: item.at,
              ...(ends !== undefined ? { expected: [`${timestampOf(ends)} or later`] } : {}),
              hint: 'Both contracts are served, unchanged, for the whole overlap window: put `legacy_error` back and remove it only after the window has ended.',
              ...(cutover ? { related: see(cutover, 'Overlap window opened by') } : {}),
            });
          }
        }
        if (item.authorisedBy !== undefined) {
          const decision = timeline.decision(item.authorisedBy);
          if (decision && instantOf(decision.item.decidedAt) > at) {
            report({
              file,
              place: decision.at('decidedAt'),
              reason: `Unexpected decision \`${decision.item.id}\` dated ${decision.item.decidedAt}, after the event \`${item.id}\` it authorised (${item.at}), expected ${item.at} or earlier`,
              actual: decision.item.decidedAt,
              expected: [`${item.at} or earlier`],
              hint: 'A decision comes before what it authorises: correct one of the two timestamps, or record that the event happened without authorisation.',
              related: see(event, 'Authorised event'),
            });
          }
        }
      }
    }
  },
);
