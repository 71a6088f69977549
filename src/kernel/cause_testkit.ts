/**
 * cause_testkit: for the tests, the shape a statement's trace must have (events.ts EventCause) and
 * the chain of operations an event happened in. Pure (no test framework): problems come back as
 * sentences, empty when the trace is well formed.
 *
 *   ids 0..n-1 in order · op 0 is the call (parentOp null) and only op 0 has no parent
 *   an op keeps one kind and one parent · a parent was opened before its child (smaller number)
 *   every parent but op 0 has events of its own (so its kind is known) · ops numbered 0..m-1
 *   ops nest: once an op's last event (or its children's) has passed, it never resumes
 *   a kind only opens inside the kinds that may start it (PARENT_KINDS)
 */
import type { KernelEvent, OpKind } from './events';

/** Which operations may open each kind (the kernel's call graph, vm_fault.ts and friends). */
export const PARENT_KINDS: Readonly<Record<Exclude<OpKind, 'call'>, readonly OpKind[]>> = {
  trap: ['call'],
  fault: ['trap'],
  // a write fault on a needs_copy entry; vm_remap / fork sharing a pending copy; vm_write and vm_copy (the kernel's own faults)
  shadow: ['fault', 'fork', 'call'],
  zero_fill: ['fault', 'call'],
  page_in: ['fault', 'call'],
  cow_copy: ['fault', 'call'],
  copy_push: ['fault', 'call'],
  // after a copy-up; when dropping a reference leaves an object whose only other reference is a
  // shadow (vm_deallocate, task_terminate, a bypass dropping its reference to the bypassed object)
  collapse: ['fault', 'call', 'terminate', 'collapse'],
  page_grab: ['zero_fill', 'page_in', 'cow_copy', 'copy_push'],
  pageout: ['page_grab'],
  shootdown: ['call', 'fork', 'terminate', 'cow_copy', 'copy_push', 'pageout', 'collapse'],
  fork: ['call'],
  terminate: ['call'],
};

export function causeProblems(events: readonly KernelEvent[]): string[] {
  const problems: string[] = [];
  const kind = new Map<number, OpKind>();
  const parent = new Map<number, number | null>();
  events.forEach((e, i) => {
    const at = `event ${i} (${e.type}, op ${e.op} ${e.opKind})`;
    if (e.id !== i) problems.push(`${at}: id ${e.id}`);
    if ((e.op === 0) !== (e.parentOp === null)) problems.push(`${at}: parentOp ${e.parentOp}`);
    if ((e.op === 0) !== (e.opKind === 'call')) problems.push(`${at}: only op 0 is the call`);
    if (e.parentOp !== null && !(e.parentOp < e.op)) problems.push(`${at}: its parent op ${e.parentOp} was not opened before it`);
    const k = kind.get(e.op);
    if (k !== undefined && (k !== e.opKind || parent.get(e.op) !== e.parentOp)) {
      problems.push(`${at}: the op was ${k} under ${parent.get(e.op)} before`);
    }
    kind.set(e.op, e.opKind);
    parent.set(e.op, e.parentOp);
  });
  if (problems.length > 0) return problems;
  // op 0 is always the call, with or without events of its own (a store has only its traps')
  kind.set(0, 'call');
  parent.set(0, null);
  const ops = [...kind.keys()].sort((a, b) => a - b);
  ops.forEach((op, i) => {
    if (op !== i) problems.push(`ops are not numbered 0..${ops.length - 1}: ${ops.join(', ')}`);
  });
  for (const [op, p] of parent) {
    if (p === null) continue;
    const pk = kind.get(p);
    if (pk === undefined) problems.push(`op ${op}'s parent op ${p} has no event of its own: its kind is unknown`);
    else if (!PARENT_KINDS[kind.get(op) as Exclude<OpKind, 'call'>].includes(pk)) problems.push(`op ${op} (${kind.get(op)}) opened inside a ${pk} op`);
  }
  if (problems.length > 0) return [...new Set(problems)];
  // nesting: replay the events against a stack of open ops
  const stack: number[] = [0];
  const closed = new Set<number>();
  for (const e of events) {
    const chain = opChainOf(e.op, parent);
    let j = 0;
    while (j < stack.length && stack[j] === chain[j]) j++;
    while (stack.length > j) closed.add(stack.pop()!);
    for (; j < chain.length; j++) {
      if (closed.has(chain[j])) problems.push(`event ${e.id} (${e.type}): op ${chain[j]} resumes after it ended`);
      stack.push(chain[j]);
    }
  }
  return problems;
}

/** The ops from op 0 down to `op`, by parent links (checked acyclic: parents are smaller). */
function opChainOf(op: number, parent: ReadonlyMap<number, number | null>): number[] {
  const chain: number[] = [];
  for (let o: number | null = op; o !== null; o = parent.get(o) ?? null) chain.unshift(o);
  return chain;
}

/** The kinds of the ops an event happened in, from the call down to its own op. */
export function kindChain(events: readonly KernelEvent[], e: KernelEvent): OpKind[] {
  const byOp = new Map(events.map((x) => [x.op, x] as const));
  const out: OpKind[] = [];
  for (let o: number | null = e.op; o !== null; o = o === 0 ? null : (byOp.get(o)?.parentOp ?? null)) out.unshift(o === 0 ? 'call' : (byOp.get(o)?.opKind ?? ('?' as OpKind)));
  return out;
}
