import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { find, html } from 'property-information';
import type { VFile } from 'vfile';
import {
  allowedClassTokens,
  allowedElements,
  allowedInputTypes,
  globalAttributes,
  removedWithContent,
  siteComponents,
  urlAttributes,
} from './allow-list.ts';
import { snapshotMarkerPattern } from '../conventions.ts';
import { maxPolicyDepth, type PolicyRemoval } from './removals.ts';
import { urlScheme, isAllowedUrl } from './url.ts';
import { loadOnUse } from '../load-on-use.ts';

/** The HTML parser behind raw HTML (parse5): most bodies have none, so it is loaded on first use. */
const hastUtilRaw = loadOnUse<typeof import('hast-util-raw')>('hast-util-raw');

/** The MDX node shapes in a hast tree (as Sätteri and `remark-mdx` produce them). */
interface MdxJsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: string | null | { type: string; value?: string };
}
interface MdxJsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: (MdxJsxAttribute | { type: 'mdxJsxExpressionAttribute'; value?: string })[];
  children: PolicyNode[];
  position?: Element['position'];
  data?: unknown;
}
type PolicyNode = RootContent | MdxJsxElement | { type: string; position?: Element['position']; children?: unknown };

/** MDX node types hast-util-raw must leave alone while it reparses raw HTML around them. */
const mdxNodeTypes = ['mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm'];

export interface PolicyResult {
  /** The tree with everything the policy does not allow removed. */
  tree: Root;
  /** What was removed, in document order. */
  removals: PolicyRemoval[];
}

export interface PolicyOptions {
  /**
   * The source the tree was parsed from: given by the check so the raw HTML the policy reparses keeps
   * file positions; the render pipeline needs none.
   */
  file?: VFile | undefined;
}

/**
 * Applies the content policy (`allow-list.ts`) to the hast of a document body: raw HTML is first parsed as
 * a browser parses it (one HTML parser over the whole body, so a tag opened in one block and closed in
 * another is seen as the browser sees it), then every node not allowed is removed. The check reports the
 * removals; the build renders the returned tree. Never throws on any tree Sätteri or remark produce.
 */
export function applyContentPolicy(input: Root, options: PolicyOptions = {}): PolicyResult {
  const removals: PolicyRemoval[] = [];
  let parsed = input;
  if (containsRaw(input)) {
    try {
      parsed = hastUtilRaw().raw(input as never, {
        passThrough: mdxNodeTypes,
        ...(options.file ? { file: options.file } : {}),
      }) as Root;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The HTML reparse recurses per element: raw HTML nested thousands deep ends the stack. Nothing of
      // it can be seen as a browser sees it, so none of it is kept.
      const first = removeRaw(input);
      removals.push({ kind: 'nesting', element: 'raw HTML', place: first });
    }
  }
  const children = sanitizeChildren(parsed.children as PolicyNode[], removals, 'body', 0);
  const tree: Root = { type: 'root', children: children as RootContent[] };
  if (parsed.position) tree.position = parsed.position;
  if (parsed.data) tree.data = parsed.data;
  return { tree, removals };
}

/** Removes every raw HTML node (iteratively); returns the position of the first one. */
function removeRaw(root: Root): PolicyRemoval['place'] {
  let first: PolicyRemoval['place'];
  const stack: { children?: unknown }[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as { children?: unknown };
    if (!Array.isArray(node.children)) continue;
    const kept: PolicyNode[] = [];
    for (const child of node.children as PolicyNode[]) {
      if (child.type === 'raw') first ??= child.position;
      else {
        kept.push(child);
        stack.push(child as { children?: unknown });
      }
    }
    node.children = kept;
  }
  return first;
}

function containsRaw(node: { type: string; children?: unknown }): boolean {
  if (node.type === 'raw') return true;
  const children = node.children;
  if (!Array.isArray(children)) return false;
  // An explicit stack: a hostile body can nest far deeper than the call stack allows.
  const stack: { type: string; children?: unknown }[] = [...children];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) continue;
    if (next.type === 'raw') return true;
    // One push per child: spreading a list of 100,000 children as arguments overflows the stack.
    if (Array.isArray(next.children)) for (const child of next.children as { type: string }[]) stack.push(child);
  }
  return false;
}

function sanitizeChildren(
  children: readonly PolicyNode[],
  removals: PolicyRemoval[],
  parentName: string,
  depth: number,
): PolicyNode[] {
  if (depth > maxPolicyDepth) {
    const first = children.find((child) => child.position);
    removals.push({ kind: 'nesting', element: parentName, place: first?.position });
    return [];
  }
  const kept: PolicyNode[] = [];
  for (const child of children) for (const node of sanitizeNode(child, removals, depth)) kept.push(node);
  return kept;
}

function sanitizeNode(node: PolicyNode, removals: PolicyRemoval[], depth: number): PolicyNode[] {
  switch (node.type) {
    case 'text':
    case 'comment': {
      const { type, value, position } = node as {
        type: 'text' | 'comment';
        value: string;
        position?: Element['position'];
      };
      return [position ? { type, value, position } : { type, value }];
    }
    case 'element':
      return sanitizeElement(node as Element, removals, depth);
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return sanitizeJsx(node as MdxJsxElement, removals, depth);
    case 'mdxFlowExpression':
      // The one expression a document may hold: the snapshot marker. The pattern is anchored at both ends
      // around fixed text, so nothing else (no code between two comments) can hide in a match.
      if (snapshotMarkerPattern.test((node as { value?: string }).value ?? '')) return [node];
      removals.push({ kind: 'expression', element: node.type, place: node.position });
      return [];
    case 'mdxTextExpression':
      removals.push({ kind: 'expression', element: node.type, place: node.position });
      return [];
    case 'mdxjsEsm':
      removals.push({ kind: 'esm', element: node.type, place: node.position });
      return [];
    default:
      // `raw` left over, `doctype`, or a node type nobody told the policy about: never rendered.
      removals.push({ kind: 'element', element: node.type === 'raw' ? 'raw HTML' : node.type, place: node.position });
      return [];
  }
}

function sanitizeElement(node: Element, removals: PolicyRemoval[], depth: number): PolicyNode[] {
  const name = node.tagName.toLowerCase();
  const allowed = Object.hasOwn(allowedElements, name) ? allowedElements[name] : undefined;
  if (!allowed) {
    removals.push({ kind: 'element', element: name, place: node.position });
    if (removedWithContent.has(name)) return [];
    return sanitizeChildren(node.children as PolicyNode[], removals, name, depth + 1);
  }
  if (name === 'input' && !isCheckbox(node.properties?.['type'])) {
    removals.push({
      kind: 'input-type',
      element: name,
      detail: String(node.properties?.['type'] ?? 'text'),
      place: node.position,
    });
    return [];
  }
  const properties: Properties = {};
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    const attribute = find(html, key).attribute.toLowerCase();
    const kept = keepAttribute(name, attribute, value, node.position, removals, allowed);
    if (kept !== undefined) properties[key] = kept as Properties[string];
  }
  const element: Element = {
    type: 'element',
    tagName: name,
    properties,
    children: sanitizeChildren(node.children as PolicyNode[], removals, name, depth + 1) as ElementContent[],
  };
  if (node.position) element.position = node.position;
  // Plugin metadata (a code block's language and meta); never rendered as markup.
  if (node.data) element.data = node.data;
  return [element];
}

/**
 * Whether `applyContentPolicy` would keep this element exactly as it is (its own tag and attributes; its
 * children are judged on their own): the render pipeline's fast path asks this of every element and
 * rewrites the body only when some element, or any other node, would change. `depth` counts the elements
 * above it (0 for a child of the root), as the policy counts nesting.
 */
export function elementWithinPolicy(node: Element, depth: number): boolean {
  if (depth > maxPolicyDepth) return false;
  const name = node.tagName;
  if (name !== name.toLowerCase() || !Object.hasOwn(allowedElements, name)) return false;
  const allowed = allowedElements[name] ?? [];
  if (name === 'input' && !isCheckbox(node.properties?.['type'])) return false;
  const removals: PolicyRemoval[] = [];
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    // The policy leaves these out and so does every HTML writer: nothing is rendered either way.
    if (value === null || value === undefined || value === false) continue;
    const attribute = find(html, key).attribute.toLowerCase();
    const kept = keepAttribute(name, attribute, value, node.position, removals, allowed);
    if (removals.length > 0 || !sameValue(kept, value)) return false;
  }
  return true;
}

function sameValue(kept: unknown, value: unknown): boolean {
  if (Array.isArray(kept) && Array.isArray(value))
    return kept.length === value.length && kept.every((each, index) => each === value[index]);
  return kept === value;
}

function sanitizeJsx(node: MdxJsxElement, removals: PolicyRemoval[], depth: number): PolicyNode[] {
  const name = node.name;
  const children = () => sanitizeChildren(node.children, removals, name ?? 'fragment', depth + 1);
  // `<>...</>`: a fragment renders its children only.
  if (name === null || name === '') return children();
  const isHtml = /^[a-z][a-z0-9-]*$/.test(name);
  const allowed = isHtml
    ? Object.hasOwn(allowedElements, name)
      ? allowedElements[name]
      : undefined
    : Object.hasOwn(siteComponents, name)
      ? siteComponents[name]
      : undefined;
  if (!allowed) {
    removals.push({ kind: isHtml ? 'element' : 'component', element: name, place: node.position });
    if (isHtml && removedWithContent.has(name)) return [];
    return children();
  }
  if (name === 'input') {
    const type = node.attributes.find((each) => each.type === 'mdxJsxAttribute' && each.name.toLowerCase() === 'type');
    if (!isCheckbox(type?.value)) {
      removals.push({ kind: 'input-type', element: name, detail: String(type?.value ?? 'text'), place: node.position });
      return [];
    }
  }
  const attributes: MdxJsxAttribute[] = [];
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') {
      removals.push({ kind: 'attribute-expression', element: name, detail: '{...}', place: node.position });
      continue;
    }
    const { value } = attribute;
    if (value !== null && value !== undefined && typeof value !== 'string') {
      removals.push({ kind: 'attribute-expression', element: name, detail: attribute.name, place: node.position });
      continue;
    }
    const attributeName = jsxAttributeName(attribute.name, isHtml);
    const kept = keepAttribute(name, attributeName, value ?? true, node.position, removals, allowed, !isHtml);
    if (kept !== undefined) attributes.push({ type: 'mdxJsxAttribute', name: attribute.name, value: value ?? null });
  }
  const element: MdxJsxElement = { type: node.type, name, attributes, children: children() };
  if (node.position) element.position = node.position;
  if (node.data) element.data = node.data;
  return [element];
}

/** JSX spells a few HTML attributes the React way; the policy speaks HTML. */
function jsxAttributeName(name: string, isHtml: boolean): string {
  if (!isHtml) return name;
  const lower = name.toLowerCase();
  return lower === 'classname' ? 'class' : lower === 'htmlfor' ? 'for' : lower;
}

/**
 * The value to keep for one attribute, or undefined to drop it (and record why). `class` keeps its allowed
 * tokens only.
 */
function keepAttribute(
  element: string,
  attribute: string,
  value: unknown,
  place: Element['position'],
  removals: PolicyRemoval[],
  allowed: readonly string[],
  isComponent = false,
): unknown {
  if (!(allowed.includes(attribute) || (!isComponent && globalAttributes.has(attribute)))) {
    removals.push({ kind: 'attribute', element, detail: attribute, place });
    return undefined;
  }
  if (!isComponent && attribute === 'class') {
    const tokens = Array.isArray(value) ? value.map(String) : String(value).split(/[\t\n\f\r ]+/);
    const kept = tokens.filter((token) => {
      if (token === '') return false;
      if (allowedClassTokens.some((pattern) => pattern.test(token))) return true;
      removals.push({ kind: 'class', element, detail: token, place });
      return false;
    });
    if (kept.length === 0) return undefined;
    return Array.isArray(value) ? kept : kept.join(' ');
  }
  if (urlAttributes.has(attribute) && typeof value === 'string' && !isAllowedUrl(value)) {
    removals.push({ kind: 'url', element, detail: urlScheme(value), place });
    return undefined;
  }
  return value;
}

/** An `<input>` without a type is a text field; only the task-list checkbox may render. */
function isCheckbox(type: unknown): boolean {
  return typeof type === 'string' && allowedInputTypes.has(type.toLowerCase());
}
