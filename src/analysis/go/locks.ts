// Is a mutex held at this point? Handlers run on many goroutines at once, so a captured slice or map
// written without a lock is a data race. Syntactic: a preceding `x.Lock()` in an enclosing block of the
// function, with no `x.Unlock()` (not deferred) in between (another mutex locked and unlocked in between,
// `a.Lock(); b.Lock(); b.Unlock(); write`, leaves `a` held), or a deferred `l.lock()()`.
import type { Node } from 'web-tree-sitter';
import { callee, compact } from './syntax';

function lockCall(stmt: Node): { kind: 'Lock' | 'Unlock'; mutex: string } | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  const call = stmt.namedChild(0);
  const c = call?.type === 'call_expression' ? callee(call) : undefined;
  return c?.operand && (c.name === 'Lock' || c.name === 'Unlock') ? { kind: c.name, mutex: compact(c.operand) } : undefined;
}

/**
 * `defer l.lock()()`, `defer s.getMutex()()`: a helper that locks and returns the unlock, deferred to the
 * function's end, holds the lock from there on.
 */
function lockUntilReturn(stmt: Node): boolean {
  const call = stmt.type === 'defer_statement' ? stmt.namedChild(0) : null;
  const inner = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  const c = inner?.type === 'call_expression' ? callee(inner) : undefined;
  return !!c && /lock|mutex/i.test(c.name) && !/unlock/i.test(c.name);
}

export function lockHeld(node: Node, fn: Node): boolean {
  const unlocked = new Set<string>();
  for (let n: Node | null = node; n && n.id !== fn.id; n = n.parent) {
    if (n.parent?.type !== 'statement_list') continue;
    for (let s = n.previousNamedSibling; s; s = s.previousNamedSibling) {
      if (lockUntilReturn(s)) return true;
      const lock = lockCall(s);
      if (lock?.kind === 'Lock' && !unlocked.has(lock.mutex)) return true;
      if (lock?.kind === 'Unlock') unlocked.add(lock.mutex);
    }
  }
  return false;
}

/** Whether a written type (or constructor) is a sync mutex: `sync.Mutex`, `*sync.RWMutex`, `&sync.Mutex{}`, `new(sync.Mutex)`. */
export function isMutexType(type: string): boolean {
  return /^(\*|&|new\()?sync\.(RW)?Mutex(\{\}|\))?$/.test(type);
}
