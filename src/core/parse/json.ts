import { parse as parseMomoa, type AnyNode, type ElementNode, type MemberNode } from '@humanwhocodes/momoa';
import type { Span } from '../diagnostic.ts';
import type { DataPath, Locate } from './data-path.ts';
import type { YamlSyntaxError } from './yaml.ts';
import { limitMessages } from '../limits.ts';
import { LineIndex } from './line-index.ts';
import { jsonNestingOverflow } from './nesting.ts';

export interface ParsedJson {
  data: unknown;
  locate: Locate;
  errors: YamlSyntaxError[];
}

/** Parses JSON keeping node locations, so a data path maps back to its key. Duplicate keys are errors. */
export function parseJson(text: string): ParsedJson {
  const tooDeep = jsonNestingOverflow(text);
  if (tooDeep !== undefined) {
    const start = new LineIndex(text).point(tooDeep);
    return {
      data: undefined,
      locate: () => ({ start }),
      errors: [
        {
          place: { start },
          reason: limitMessages.nestingDepth.reason('in JSON'),
          hint: limitMessages.nestingDepth.hint,
          stage: 'content-limits',
        },
      ],
    };
  }
  let root: AnyNode;
  try {
    root = parseMomoa(text, { mode: 'json', ranges: false }).body;
  } catch (error) {
    const { line = 1, column = 1, message } = error as { line?: number; column?: number; message: string };
    return {
      data: undefined,
      locate: () => ({ start: { line, column } }),
      errors: [{ place: { start: { line, column } }, reason: `${describeJsonError(message)}` }],
    };
  }
  const errors: YamlSyntaxError[] = [];
  const data = toValue(root, errors);
  const locate: Locate = (path: DataPath) => {
    let node: AnyNode = root;
    let span: Span = spanOf(root);
    for (const segment of path) {
      if (node.type === 'Object') {
        const member: MemberNode | undefined = node.members.find(
          (m) => m.name.type === 'String' && m.name.value === String(segment),
        );
        if (!member) break;
        span = spanOf(member.name);
        node = member.value;
      } else if (node.type === 'Array' && typeof segment === 'number') {
        const element: ElementNode | undefined = node.elements[segment];
        if (!element) break;
        node = element.value;
        span = spanOf(node);
      } else break;
    }
    return span;
  };
  return { data, locate, errors };
}

function spanOf(node: AnyNode): Span {
  return {
    start: { line: node.loc.start.line, column: node.loc.start.column },
    end: { line: node.loc.end.line, column: node.loc.end.column },
  };
}

function toValue(node: AnyNode, errors: YamlSyntaxError[]): unknown {
  switch (node.type) {
    case 'Object': {
      const value: Record<string, unknown> = {};
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        if (Object.hasOwn(value, key)) {
          errors.push({ place: spanOf(member.name), reason: `Unexpected duplicate key \`${key}\` in JSON object` });
        }
        Object.defineProperty(value, key, {
          value: toValue(member.value, errors),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return value;
    }
    case 'Array':
      return node.elements.map((element) => toValue(element.value, errors));
    case 'String':
    case 'Number':
    case 'Boolean':
      return node.value;
    case 'Null':
      return null;
    default:
      return undefined;
  }
}

/** momoa says what it found ("Unexpected token String found."); say what JSON expected there too. */
function describeJsonError(message: string): string {
  const found = message.replace(/\s*\(\d+:\d+\)$/, '').replace(/\.$/, '');
  if (/end of input/i.test(found))
    return `${found} in JSON, expected the closing \`}\` or \`]\` of an open object or array`;
  if (/token String/i.test(found)) return `${found} in JSON, expected a \`,\` between members or a \`:\` after a key`;
  return `${found} in JSON, expected valid JSON (check the commas, quotes and brackets around this point)`;
}
