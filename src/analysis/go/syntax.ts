// Small helpers over tree-sitter-go nodes. Offsets from web-tree-sitter are UTF-16 code units (it parses
// JavaScript strings as UTF-16), so they map straight onto the finding model's offsets.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../../findings/model';

/** Converts UTF-16 offsets to 1-based lines and columns. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 0-based line index of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  lineStart(offset: number): number {
    return this.starts[this.lineOf(offset)]!;
  }
  /** Leading whitespace of the line holding `offset`. */
  indentAt(offset: number): string {
    const start = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(start, start + 200))![0];
  }
  /** Offset just past the end of the line holding `offset` (after its newline, or the end of the text). */
  nextLineStart(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl + 1;
  }
  range(start: number, end: number): Range {
    const l1 = this.lineOf(start);
    const l2 = this.lineOf(end);
    return { line: l1 + 1, column: start - this.starts[l1]! + 1, endLine: l2 + 1, endColumn: end - this.starts[l2]! + 1, start, end };
  }
  rangeOf(node: Node): Range {
    return this.range(node.startIndex, node.endIndex);
  }
}

export const FUNCTION_TYPES = ['func_literal', 'function_declaration', 'method_declaration'];

/** Same node (web-tree-sitter hands out fresh wrapper objects). */
export function same(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** Whether `inner` is inside `outer` (offsets compare only within one file: a package has several). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.tree === inner.tree && inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** Source text without whitespace, for comparing types and expressions (`*gin.Context`, `s.logs`). */
export function compact(node: Node | null | undefined): string {
  return node ? node.text.replace(/\s+/g, '') : '';
}

/** Drops redundant parentheses: `(x)` → `x`. */
export function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

/** The named children of an `expression_list` (or the node itself when it is a single expression). */
export function listItems(node: Node | null): Node[] {
  if (!node) return [];
  return node.type === 'expression_list' ? node.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') : [node];
}

/** The arguments of a call, comments left out. */
export function callArgs(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
}

/** `recv.name(...)` → ['recv', 'name'] nodes, or `name(...)` → [null, name]. */
export function callee(call: Node): { operand: Node | null; name: string } | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return { operand: null, name: fn.text };
  if (fn.type === 'selector_expression') {
    const field = fn.childForFieldName('field');
    const operand = fn.childForFieldName('operand');
    if (field && operand) return { operand: unparen(operand), name: field.text };
  }
  return undefined;
}

/** The statement that directly sits in a statement list and holds `node`, if any. */
export function enclosingStatement(node: Node, stopAt: Node): Node | undefined {
  for (let n: Node | null = node; n && !same(n, stopAt); n = n.parent) {
    if (n.parent?.type === 'statement_list') return n;
  }
  return undefined;
}
