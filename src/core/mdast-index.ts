import type { Nodes, Root } from 'mdast';

type NodeOfType<T extends Nodes['type']> = Extract<Nodes, { type: T }>;

const indexes = new WeakMap<Root, Map<string, Nodes[]>>();

/**
 * Every node of a type, in document order. One plain walk per tree, shared by all rules: a generic
 * visitor that tracks ancestors costs about twenty times more, and several rules need the same nodes.
 */
export function nodesOfType<T extends Nodes['type']>(tree: Root, type: T): readonly NodeOfType<T>[] {
  let index = indexes.get(tree);
  if (!index) {
    index = new Map();
    const byType = index;
    const walk = (node: Nodes) => {
      let list = byType.get(node.type);
      if (!list) byType.set(node.type, (list = []));
      list.push(node);
      if ('children' in node) for (const child of node.children) walk(child as Nodes);
    };
    walk(tree);
    indexes.set(tree, index);
  }
  return (index.get(type) ?? []) as NodeOfType<T>[];
}
