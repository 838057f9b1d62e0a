import { parseTaskHeading } from '../../conventions.ts';
import type { Tracker } from '../../../schemas/index.ts';
import { parseTaskBullets, resolveTask, type RawTask } from '../blocks.ts';
import { firstList, sectionsOf } from '../markdown.ts';
import { entitiesOf, fillRawTask, rawTaskOf } from './entities.ts';

import type { ImportContext } from './context.ts';

/** The tracker: one task per task heading, with its status, owner, definition of done and links. One importer per document kind, over the explicit import context. */
export function importTracker(ctx: ImportContext) {
  const { documents, context, model, origins, note, inform, placeIn, issuesIn, readDocumentBase, entities } = ctx;
  const trackerDocument = documents.get('tracker');
  let tracker: Tracker | undefined;
  const taskSatisfies = new Map<string, string[]>();
  if (trackerDocument) {
    tracker = { kind: 'tracker', ...readDocumentBase('tracker', trackerDocument), tasks: [] };
    // Tasks as the shared extraction reads them: `Task P1:` / `P1 —` headings with their `Status:` lines in
    // any form, and rows of a task table. A task heading's own bullet list is read by the list reader (the
    // exporter rewrites it in place); what that list does not state comes from the extraction.
    const extracted = new Map(
      entitiesOf(entities, trackerDocument, 'task').map((entity) => [entity.key, rawTaskOf(trackerDocument, entity)]),
    );
    const raws: RawTask[] = [];
    for (const section of sectionsOf(trackerDocument.markdown)) {
      const task = parseTaskHeading(section.heading);
      if (!task) continue;
      const listed = parseTaskBullets(task.id, task.title, section.line, firstList(section), trackerDocument.markdown);
      const found = extracted.get(task.id);
      raws.push(found ? fillRawTask(listed, found) : listed);
    }
    if (!raws.length) raws.push(...extracted.values());
    for (const raw of raws) {
      const section = { line: raw.headingLine };
      const resolved = resolveTask(raw, context);
      issuesIn(trackerDocument, resolved.issues);
      for (const what of resolved.defaulted)
        inform(
          placeIn(trackerDocument, section.line),
          `task ${raw.id} states no ${what.replace(/ `.*$/, '')}; used the default ${what}`,
        );
      if (tracker.tasks.some((task) => task.id === raw.id)) {
        note(placeIn(trackerDocument, section.line), `second task \`${raw.id}\`; kept as prose`);
        continue;
      }
      const index = tracker.tasks.push(resolved.task) - 1;
      taskSatisfies.set(raw.id, resolved.satisfies);
      origins.record(
        'tracker',
        ['tasks', index],
        placeIn(trackerDocument, section.line),
        `task \`${raw.id}\` (${resolved.task.status}, ${resolved.task.owner})`,
      );
      if (raw.status)
        origins.record(
          'tracker',
          ['tasks', index, 'status'],
          placeIn(trackerDocument, raw.status.line),
          `status of task \`${raw.id}\``,
        );
      if (raw.owner)
        origins.record(
          'tracker',
          ['tasks', index, 'owner'],
          placeIn(trackerDocument, raw.owner.line),
          `owner of task \`${raw.id}\``,
        );
      const waits = raw.waitsOn[0];
      if (waits)
        origins.record(
          'tracker',
          ['tasks', index, 'waitsOn'],
          placeIn(trackerDocument, waits.line),
          `gates task \`${raw.id}\` waits on`,
        );
    }
    if (!tracker.tasks.length)
      note(
        { file: trackerDocument.file, line: 1 },
        'no tasks (`### Task P1: title` headings, or a table with a task id and a status column)',
      );
    model.tracker = tracker;
  }
  return { tracker, taskSatisfies };
}
