import type { DocumentEntry, MigrationBundle } from '../corpus.ts';
import type { Span } from '../diagnostic.ts';
import { referencePattern } from '../ids.ts';
import { defineRule } from '../rule.ts';
import { sentencesOf, type ProseSentence } from '../sentences.ts';
import { closestMatch } from '../text/closest-match.ts';

type Side = 'producer' | 'consumer' | 'joint';

/** `<reference> is owned by <name> [and <name>]` or `<reference> is owned jointly`. */
const ownedBy =
  /\b(?:is|are)\s+owned\s+(?:(jointly)|by\s+(?:the\s+)?([\p{L}][\p{L}\p{N}_-]*)(?:\s+and\s+(?:the\s+)?([\p{L}][\p{L}\p{N}_-]*))?)/giu;
/** `<Name> owns <reference>`: a capitalised name, then `owns`, then the code span (`§`). */
const owns = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}_-]*)\s+owns\s+(?:the\s+)?\u00a7/gu;

export const partiesRule = defineRule(
  {
    id: 'parties',
    description:
      'Every team named as producer, consumer, owner or approver is a declared party, and prose that says who owns an item names its owner.',
    docs: {
      checks: [
        "The runtime pin declares the parties: its `producer` and `consumer`, and any other team under `parties`. A migration's `producer` and `consumer` must be the pin's. Every document `owner` and every RFC approver `team` must be a declared party, and an approver whose team is the producer (or the consumer) must have that role.",
        'Prose that says who owns an item is read in two forms: “`gate:producer-suite-green` is owned by MemoryKernel” (also `owned by the producer`, `owned by MemoryKernel and AssistSupport`, `owned jointly`; the item is the last reference before `owned`) and “AssistSupport owns `gate:consumer-suite-green`”. The named owner (a team name or a role word) must be the side that owns the item in the data: the producer team for `producer`, the consumer team for `consumer`, both or `jointly` for `joint`. A capitalised name that is no declared party is reported as such; other words after `owned by` (`owned by whoever runs it`) are not read.',
      ].join('\n\n'),
      fix: 'Use the team name exactly as the runtime pin declares it (or the role word), or declare the team under `parties` in the runtime pin if it really is a new party.',
      examples: [
        {
          title: "Prose names another owner than the gate's data",
          file: 'content/migrations/service-v3/gates.mdx',
          ok: '`gate:producer-suite-green` is owned by MemoryKernel. It passes when all eight producer verification\n',
          notOk:
            '`gate:producer-suite-green` is owned by AssistSupport. It passes when all eight producer verification\n',
          reports: [
            'content/migrations/service-v3/gates.mdx:154:41 Unexpected owner `AssistSupport` for gate `producer-suite-green`, expected `MemoryKernel` (the producer) as in content/migrations/service-v3/gates.mdx',
          ],
        },
      ],
    },
  },
  (corpus, report) => {
    const pin = corpus.runtimePin;
    if (!pin) return;
    const declared = [pin.data.producer, pin.data.consumer, ...(pin.data.parties ?? [])];
    const teamSide = new Map<string, Side>([
      [pin.data.producer, 'producer'],
      [pin.data.consumer, 'consumer'],
    ]);
    const notDeclared = (name: string) => !declared.includes(name);
    const partyHint = (name: string) => {
      const near = closestMatch(name, declared);
      return `${near ? `Did you mean \`${near}\`? ` : ''}Use a team the runtime pin declares (${declared.map((team) => `\`${team}\``).join(', ')}), or add the team under \`parties\` in ${pin.file} if it is a new party.`;
    };
    const pinPlace = (key: 'producer' | 'consumer') => ({
      file: pin.file,
      place: pin.locate([key]),
      reason: `The ${key} is declared here`,
    });

    for (const bundle of corpus.migrations) {
      const meta = bundle.meta;
      if (meta) {
        for (const key of ['producer', 'consumer'] as const) {
          if (meta.data[key] === pin.data[key]) continue;
          report({
            file: meta.file,
            place: meta.locate([key]),
            reason: `Unexpected ${key} \`${meta.data[key]}\`, expected \`${pin.data[key]}\` as the runtime pin declares`,
            actual: meta.data[key],
            expected: [pin.data[key]],
            hint: `Name the ${key} exactly as ${pin.file} does, or change the pin if the ${key} really changed.`,
            related: pinPlace(key),
          });
        }
      }
    }

    for (const document of corpus.documents) {
      const owner = document.data.owner;
      if (notDeclared(owner)) {
        report({
          file: document.file,
          place: document.locate(['owner']),
          reason: `Unexpected owner \`${owner}\`, expected a declared party: ${declared.map((team) => `\`${team}\``).join(', ')}`,
          actual: owner,
          expected: declared,
          hint: partyHint(owner),
        });
      }
      if (document.kind === 'rfc') {
        const rfc = document as DocumentEntry<'rfc'>;
        rfc.data.approvers.forEach((approver, index) => {
          if (notDeclared(approver.team)) {
            report({
              file: rfc.file,
              place: rfc.locate(['approvers', index, 'team']),
              reason: `Unexpected approver \`${approver.team}\`, expected a declared party: ${declared.map((team) => `\`${team}\``).join(', ')}`,
              actual: approver.team,
              expected: declared,
              hint: partyHint(approver.team),
            });
            return;
          }
          const side = teamSide.get(approver.team);
          if (side && side !== approver.role) {
            report({
              file: rfc.file,
              place: rfc.locate(['approvers', index, 'role']),
              reason: `Unexpected role \`${approver.role}\` for approver \`${approver.team}\`, expected \`${side}\`: the runtime pin declares \`${approver.team}\` as the ${side}`,
              actual: approver.role,
              expected: [side],
              hint: `Give \`${approver.team}\` the role \`${side}\`, or name the team that speaks for the ${approver.role}.`,
            });
          }
        });
      }
    }

    for (const bundle of corpus.migrations) {
      const owners = itemOwners(bundle);
      const teamOf = (side: Side) =>
        side === 'joint'
          ? `\`${pin.data.producer}\` and \`${pin.data.consumer}\` (jointly)`
          : `\`${side === 'producer' ? pin.data.producer : pin.data.consumer}\` (the ${side})`;
      for (const document of bundle.documents) {
        for (const sentence of sentencesOf(document)) {
          for (const claim of ownershipClaims(sentence, teamSide)) {
            const item = owners.get(claim.reference);
            if (!item) continue;
            const place = (offset: number, length: number): Span => {
              const start = document.lines.point(offset);
              return { start, end: { line: start.line, column: start.column + length } };
            };
            const unknown = claim.names.find((name) => name.side === undefined);
            const [kind, id] = claim.reference.split(':');
            if (unknown) {
              report({
                file: document.file,
                place: place(unknown.offset, unknown.text.length),
                reason: `Unexpected owner \`${unknown.text}\` for ${kind} \`${id}\`, expected a declared party: ${declared.map((team) => `\`${team}\``).join(', ')}`,
                actual: unknown.text,
                expected: declared,
                hint: partyHint(unknown.text),
              });
              continue;
            }
            if (claim.side === item.owner) continue;
            const first = claim.names[0];
            report({
              file: document.file,
              place: first ? place(first.offset, first.text.length) : place(sentence.offset, 1),
              reason: `Unexpected owner ${claim.names.map((name) => `\`${name.text}\``).join(' and ')} for ${kind} \`${id}\`, expected ${teamOf(item.owner)} as in ${item.file}`,
              actual: claim.names.map((name) => name.text).join(' and '),
              expected: [item.owner],
              hint: `Name the owner the data gives ${kind} \`${id}\` (\`${item.owner}\`), or change its \`owner\` in ${item.file} if the prose is right.`,
            });
          }
        }
      }
    }
  },
);

interface Claim {
  reference: string;
  side: Side | undefined;
  names: { text: string; offset: number; side: Side | undefined }[];
}

/** What a sentence says about who owns which referenced item. */
function ownershipClaims(sentence: ProseSentence, teamSide: ReadonlyMap<string, Side>): Claim[] {
  const claims: Claim[] = [];
  const sideOf = (name: string): Side | undefined => {
    const lower = name.toLowerCase();
    if (lower === 'producer' || lower === 'consumer') return lower;
    return teamSide.get(name);
  };
  const referenceAt = (offset: number) =>
    sentence.codes.find((code) => code.offset === offset && referencePattern.test(code.value))?.value;
  for (const match of sentence.text.matchAll(ownedBy)) {
    const at = sentence.offset + (match.index ?? 0);
    const subject = [...sentence.codes].reverse().find((code) => code.offset < at && referencePattern.test(code.value));
    if (!subject) continue;
    if (match[1]) {
      claims.push({ reference: subject.value, side: 'joint', names: [] });
      continue;
    }
    const names = [match[2], match[3]]
      .filter((name): name is string => Boolean(name))
      .map((text) => ({ text, offset: at + match[0].lastIndexOf(text), side: sideOf(text) }));
    // An unknown lower-case word (`owned by whoever runs it`) is not a name.
    if (names.some((name) => name.side === undefined && !/^\p{Lu}/u.test(name.text))) continue;
    const sides = new Set(names.map((name) => name.side));
    const side = sides.has('producer') && sides.has('consumer') ? 'joint' : names[0]?.side;
    claims.push({ reference: subject.value, side, names });
  }
  for (const match of sentence.text.matchAll(owns)) {
    const name = match[1] ?? '';
    const reference = referenceAt(sentence.offset + (match.index ?? 0) + match[0].length - 1);
    if (!reference) continue;
    const offset = sentence.offset + (match.index ?? 0);
    claims.push({ reference, side: sideOf(name), names: [{ text: name, offset, side: sideOf(name) }] });
  }
  return claims;
}

/** The owner side of every item of a migration that has one, by reference (`gate:producer-suite-green`). */
function itemOwners(bundle: MigrationBundle): Map<string, { owner: Side; file: string }> {
  const owners = new Map<string, { owner: Side; file: string }>();
  const add = (kind: string, file: string | undefined, items: readonly { id: string; owner: Side }[] | undefined) => {
    if (file) for (const item of items ?? []) owners.set(`${kind}:${item.id}`, { owner: item.owner, file });
  };
  const { gates, tracker, plan } = bundle;
  add('gate', gates?.file, gates?.data.gates);
  add('prereq', gates?.file, gates?.data.prerequisites);
  add('action', gates?.file, gates?.data.rollbackActions);
  add('evidence', gates?.file, gates?.data.evidenceChecklist);
  add('task', tracker?.file, tracker?.data.tasks);
  add('command', plan?.file, plan?.data.commands);
  return owners;
}
