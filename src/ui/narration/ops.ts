/**
 * The operations of a step, read from the cause every event carries (events.ts EventCause): each
 * operation's kind, its parent, its own events and its child operations. The stories group events
 * by these (a copy-up with the frame its grab took and the mappings its shootdown removed), never
 * by guessing from the order the events came in.
 */
import type { KernelEvent, OpKind } from '../../kernel/events';

export interface StepOps {
  /** By op number: its kind (op 0 is the statement's call). */
  kind: OpKind[];
  /** By op number: the op that started it (null for op 0). */
  parent: (number | null)[];
  /** By op number: the indices of its own events, in order. */
  own: number[][];
  /** By op number: the ops it started, in order. */
  children: number[][];
}

export function opsOf(events: readonly KernelEvent[]): StepOps {
  const ops: StepOps = { kind: ['call'], parent: [null], own: [[]], children: [[]] };
  events.forEach((e, i) => {
    while (ops.own.length <= e.op) {
      ops.kind.push('call');
      ops.parent.push(null);
      ops.own.push([]);
      ops.children.push([]);
    }
    ops.kind[e.op] = e.opKind;
    ops.parent[e.op] = e.parentOp;
    ops.own[e.op].push(i);
  });
  ops.parent.forEach((p, op) => {
    if (p !== null) ops.children[p].push(op);
  });
  return ops;
}

/** The child ops of `op` of a kind. */
export function childOps(ops: StepOps, op: number, kind: OpKind): number[] {
  return ops.children[op].filter((c) => ops.kind[c] === kind);
}

/** The nearest op of a kind that `op` is (or is inside), or null. */
export function enclosing(ops: StepOps, op: number, kind: OpKind): number | null {
  for (let o: number | null = op; o !== null; o = ops.parent[o]) if (ops.kind[o] === kind) return o;
  return null;
}

/** The indices of the events of `op` and of every op inside it, in order. */
export function subtree(ops: StepOps, op: number): number[] {
  const out = [...ops.own[op]];
  for (const c of ops.children[op]) out.push(...subtree(ops, c));
  return out.sort((a, b) => a - b);
}
