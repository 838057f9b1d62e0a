import type { Table } from 'mdast';
import type { Command } from '../../../schemas/index.ts';
import {
  IdSequence,
  parseDeliverableTable,
  parseDeliverables,
  parseExitCriteria,
  parseListedCommands,
  parseShellCommands,
  resolveCommands,
  resolveDeliverables,
  type RawCommand,
} from '../blocks.ts';
import type { SectionName } from '../conventions.ts';
import { claimId, idFromTitle, titleFromFileName } from '../derive.ts';
import { firstList, firstShellBlock } from '../markdown.ts';
import type { SourcePlace } from '../model.ts';

import type { ImportContext } from './context.ts';

/** The plan: deliverables, commands, exit criteria (their links come from the tracker and the gates). One importer per document kind, over the explicit import context. */
export function importPlan(ctx: ImportContext) {
  const {
    documents,
    planDocument,
    handoff,
    context,
    model,
    origins,
    note,
    inform,
    placeIn,
    issuesIn,
    block,
    listIn,
    extractedItems,
    readPlanBase,
    contentPath,
  } = ctx;
  const plan = readPlanBase(planDocument);
  const deliverablesBlock = listIn(planDocument, 'deliverables');
  const deliverablesTable = deliverablesBlock
    ? undefined
    : block(planDocument, 'deliverables')?.section.own.find((node): node is Table => node.type === 'table');
  if (deliverablesBlock || deliverablesTable) {
    const parsed = deliverablesBlock
      ? parseDeliverables(deliverablesBlock.list, planDocument.markdown, planDocument.file)
      : parseDeliverableTable(deliverablesTable as Table, planDocument.markdown);
    issuesIn(planDocument, parsed.issues);
    plan.deliverables = resolveDeliverables(parsed.items, context);
    parsed.items.forEach((item, index) =>
      origins.record(
        'plan',
        ['deliverables', index],
        placeIn(planDocument, item.line),
        `deliverable \`${plan.deliverables[index]?.id}\` → ${plan.deliverables[index]?.path}`,
      ),
    );
  } else
    inform(
      { file: planDocument.file, line: 1 },
      'no deliverables list (a list or table under a heading or bold label with “Deliverables”); every file of the package is a deliverable',
    );
  const listedPaths = new Set(plan.deliverables.map((deliverable) => deliverable.path));
  const deliverableIds = new Set(plan.deliverables.map((deliverable) => deliverable.id));
  for (const file of [
    ...(['plan', 'tracker', 'rfc', 'gates'] as const).flatMap((kind) => documents.get(kind)?.file ?? []),
    ...(handoff ? [handoff.file] : []),
  ]) {
    const path = contentPath(file);
    if (listedPaths.has(path)) continue;
    const title = titleFromFileName(file);
    plan.deliverables.push({ id: claimId(idFromTitle(title), deliverableIds), title, path, producerPath: file });
    inform(
      deliverablesBlock
        ? placeIn(planDocument, deliverablesBlock.list.position?.start.line ?? 1)
        : { file: planDocument.file, line: 1 },
      `\`${file}\` is not listed among the deliverables; added as deliverable \`${plan.deliverables.at(-1)?.id}\``,
    );
  }

  // Producer commands first, then the consumer's: ids are handed out in that order.
  const commandSequence = new IdSequence();
  const commandsFrom = (name: SectionName, owner: Command['owner']): { command: Command; place: SourcePlace }[] => {
    const found = block(planDocument, name);
    if (!found) return fallbackCommands(name, owner);
    // The consumer's signals are a list; the producer's commands a shell block, else a list of which every
    // item holds its command in inline code (`1. Run \`cargo test\`.`): the plan's own statement comes
    // before any restatement elsewhere.
    const shell = owner === 'producer' ? firstShellBlock(found.section) : undefined;
    const list = shell ? undefined : firstList(found.section, true);
    const listed = list ? parseListedCommands(list, planDocument.markdown) : undefined;
    let raw: RawCommand[] = [];
    if (listed && (owner === 'consumer' || (listed.items.length && !listed.issues.length))) {
      issuesIn(planDocument, listed.issues);
      raw = listed.items;
    } else if (shell) raw = parseShellCommands(shell);
    if (!raw.length) return fallbackCommands(name, owner);
    const commands = resolveCommands(raw, owner, commandSequence);
    return commands.map((command, index) => ({ command, place: placeIn(planDocument, raw[index]?.line ?? 1) }));
  };
  /** Commands no list or shell block of the plan states: as the shared extraction reads them, from any file. */
  function fallbackCommands(name: SectionName, owner: Command['owner']): { command: Command; place: SourcePlace }[] {
    const extracted = extractedItems(name === 'producerCommands' ? 'producerCommands' : 'consumerCommands');
    const commands = resolveCommands(
      extracted.map((item) => ({ run: item.title, line: item.line })),
      owner,
      commandSequence,
    );
    return commands.map((command, index) => ({
      command,
      place: extracted[index]?.place ?? { file: planDocument?.file ?? '', line: 1 },
    }));
  }
  const declared = [...commandsFrom('producerCommands', 'producer'), ...commandsFrom('consumerCommands', 'consumer')];
  plan.commands = declared.map(({ command }) => command);
  declared.forEach(({ command, place }, index) =>
    origins.record('plan', ['commands', index], place, `${command.owner} command \`${command.id}\`: ${command.run}`),
  );
  if (!plan.commands.length)
    note(
      { file: planDocument.file, line: 1 },
      'no commands (a ```bash block under “Verification Commands”, a list under “Validation Signals”)',
    );

  const exitBlock = listIn(planDocument, 'exitCriteria');
  const exitRaw = exitBlock ? parseExitCriteria(exitBlock.list, planDocument.markdown) : [];
  if (!exitBlock)
    note({ file: planDocument.file, line: 1 }, 'no exit criteria (a list under a heading with “Exit Criteria”)');
  const exitSequence = new IdSequence();
  plan.exitCriteria = exitRaw.map((item) => ({
    id: exitSequence.resolve(item.id, item.title),
    title: item.title,
    status: 'unmet',
    gates: [],
    tasks: [],
  }));
  model.plan = plan;
  return { plan, exitRaw, exitBlock };
}
