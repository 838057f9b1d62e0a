import { parse as parseMomoa, type AnyNode } from '@humanwhocodes/momoa';
import { contentLimits } from '../limits.ts';
import { extractData, type DataExtraction, type DataNode } from './data.ts';

/** A producer's JSON file read into fact statements (momoa keeps the places; `data.ts` reads the tree). */
export function extractJson(file: string, text: string, reference: boolean): DataExtraction {
  let root: AnyNode;
  try {
    root = parseMomoa(text, { mode: 'json', ranges: false }).body;
  } catch (error) {
    const { line = 1, column = 1, message } = error as { line?: number; column?: number; message: string };
    return { statements: [], error: { line, column, reason: message } };
  }
  return extractData(file, dataNodeOf(root, 0), { reference });
}

function dataNodeOf(node: AnyNode, depth: number): DataNode {
  const loc = { line: node.loc.start.line, column: node.loc.start.column };
  // Deeper than any content file may nest: states nothing (the walker stays far from the end of the stack).
  if (depth > contentLimits.nestingDepth) return { type: 'other', loc };
  if (node.type === 'Object')
    return {
      type: 'object',
      members: node.members.flatMap((member) =>
        member.name.type === 'String' ? [{ key: member.name.value, value: dataNodeOf(member.value, depth + 1) }] : [],
      ),
      loc,
    };
  if (node.type === 'Array')
    return { type: 'array', elements: node.elements.map((element) => dataNodeOf(element.value, depth + 1)), loc };
  if (node.type === 'String') return { type: 'string', value: node.value, loc };
  return { type: 'other', loc };
}
