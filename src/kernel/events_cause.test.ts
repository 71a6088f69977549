/**
 * Events that say why (events.ts EventCause): the trace's numbering and nesting, and the cause
 * tree of situations a student meets in the lessons: a fork child's first write (trap → fault →
 * shadow, copy-up → the parent's mapping disconnected), a fault on a full machine (its frame grab
 * evicts a dirty page), vm_protect shooting down a TLB entry, a file page coming in, fork and
 * task_terminate as operations of their call.
 */
import { describe, expect, it } from 'vitest';
import { causeProblems, kindChain } from './cause_testkit';
import { NULL_SINK, TraceBuffer, type KernelEvent, type KernelEventType, type StampClash } from './events';
import { EventCounter, Kernel } from './kernel';
import { KERN_SUCCESS } from './kern_return';
import { P, machine, withoutCause } from './testkit';
import { VM_INHERIT_COPY, VM_PROT_ALL, VM_PROT_READ, VM_PROT_WRITE } from './vm_param';
import { task_terminate, user_read, user_write, vm_allocate, vm_map, vm_protect } from './vm_user';

const enc = (s: string) => new TextEncoder().encode(s);

/** The one event of a type (matching `fields`); fails the test when there is not exactly one. */
function only<T extends KernelEventType>(events: readonly KernelEvent[], type: T, fields: Record<string, unknown> = {}): Extract<KernelEvent, { type: T }> {
  const found = events.filter((e) => e.type === type && Object.entries(fields).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v));
  expect(found, `${type} ${JSON.stringify(fields)}`).toHaveLength(1);
  return found[0] as Extract<KernelEvent, { type: T }>;
}

/** A statement's events, checked well formed (cause_testkit.ts) and balanced. */
function take(trace: TraceBuffer): KernelEvent[] {
  expect(trace.depth).toBe(0);
  const events = trace.take();
  expect(causeProblems(events)).toEqual([]);
  expect(trace.unbalancedTakes).toBe(0);
  return events;
}

describe('the trace numbers events and operations per statement', () => {
  it('ids and ops start at 0 for each statement; an op gets its number with its first event, its parent first', () => {
    const t = new TraceBuffer();
    t.emit({ type: 'object_shared', object: 1 });
    t.begin('trap');
    t.begin('shootdown'); // nothing recorded in it: it takes no number
    t.end();
    t.begin('fault');
    t.begin('zero_fill');
    t.emit({ type: 'zero_fill', task: 1, object: 2, offset: 0, frame: 3 }); // numbers trap 1, fault 2, zero_fill 3
    t.end();
    t.emit({ type: 'fault_end', task: 1, address: 0, kr: 0, frame: 3, prot: 3 });
    t.end();
    t.end();
    expect(t.depth).toBe(0);
    const events = t.take();
    expect(events.map(({ id, op, opKind, parentOp }) => [id, op, opKind, parentOp])).toEqual([
      [0, 0, 'call', null],
      [1, 3, 'zero_fill', 2],
      [2, 2, 'fault', 1],
    ]);
    expect(withoutCause(events[1])).toEqual({ type: 'zero_fill', task: 1, object: 2, offset: 0, frame: 3 });
    // the trap (op 1) recorded nothing of its own: the tests' checker says its kind is unknown
    expect(causeProblems(events)).toEqual(['ops are not numbered 0..2: 0, 2, 3', "op 2's parent op 1 has no event of its own: its kind is unknown"]);
    t.emit({ type: 'object_freed', object: 2 });
    expect(t.take()).toEqual([{ type: 'object_freed', object: 2, id: 0, op: 0, opKind: 'call', parentOp: null }]);
    expect(t.unbalancedTakes).toBe(0);
  });

  it('a statement left with an op open is counted as unbalanced, and the next one starts at op 0 anyway', () => {
    const t = new TraceBuffer();
    t.begin('trap');
    t.emit({ type: 'tlb_miss', task: 1, vpn: 1, access: 1 });
    expect(t.depth).toBe(1);
    expect(t.take()[0]).toMatchObject({ op: 1, opKind: 'trap', parentOp: 0 });
    expect(t.unbalancedTakes).toBe(1);
    expect(t.depth).toBe(0);
    t.end(); // one end too many
    expect(t.unbalancedTakes).toBe(2);
    t.emit({ type: 'tlb_miss', task: 1, vpn: 1, access: 1 });
    expect(t.take()[0]).toMatchObject({ id: 0, op: 0, opKind: 'call', parentOp: null });
  });

  it('the null sink and the counter ignore operations; the counter counts the same events as the trace', () => {
    NULL_SINK.begin('fault');
    NULL_SINK.end();
    NULL_SINK.end();
    const run = (k: Kernel) => {
      const A = k.createTask('A').id;
      const x = vm_allocate(k, A, 0, 3 * P, true).address;
      user_write(k, A, x, enc('a'));
      k.fork(A, 'B');
      user_write(k, A, x, enc('b'));
    };
    const k1 = new Kernel({ frames: 2 });
    const trace = k1.startTrace();
    run(k1);
    const k2 = new Kernel({ frames: 2 });
    const counter: EventCounter = k2.startCounting();
    run(k2);
    expect(counter.count).toBe(trace.events.length);
    expect(trace.depth).toBe(0);
  });

  it('no event body has a field the stamp would overwrite (task_created keeps its parent task)', () => {
    const clash: [StampClash] extends [never] ? 'none' : StampClash = 'none';
    expect(clash).toBe('none');
    const k = new Kernel();
    const trace = k.startTrace();
    const A = k.createTask('A');
    take(trace);
    k.fork(A.id, 'B');
    const created = only(take(trace), 'task_created');
    expect(created).toMatchObject({ name: 'B', parent: A.id, op: 0, opKind: 'call', parentOp: null });
  });
});

describe('the cause tree of a statement', () => {
  it("a fork child's first write: trap → fault → shadow and copy-up, which disconnects the parent's mapping", () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, P, true).address; // inheritance COPY
    expect(user_write(k, A, x, enc('parent'))).toBe(KERN_SUCCESS);
    const C = k.fork(A, 'C')!.id;
    expect(user_read(k, A, x, 1).kr).toBe(KERN_SUCCESS); // A maps the page read-only again, and caches it in the TLB
    const trace = k.startTrace();
    expect(user_write(k, C, x, enc('child'))).toBe(KERN_SUCCESS);
    const ev = take(trace);

    const miss = only(ev, 'tlb_miss', { task: C });
    expect([miss.opKind, miss.parentOp]).toEqual(['trap', 0]);
    const begin = only(ev, 'fault_begin');
    const end = only(ev, 'fault_end');
    expect([begin.opKind, begin.parentOp, end.op]).toEqual(['fault', miss.op, begin.op]);
    const shadow = only(ev, 'shadow_created', { task: C });
    expect([shadow.opKind, shadow.parentOp]).toEqual(['shadow', begin.op]);
    expect(only(ev, 'object_created', { reason: 'shadow' }).op).toBe(shadow.op);
    const copy = only(ev, 'cow_copy', { task: C });
    expect([copy.opKind, copy.parentOp, copy.from, copy.to]).toEqual(['cow_copy', begin.op, shadow.shadow, shadow.object]);
    // the old page's mapping in A is removed and A's TLB entry shot down, because of the copy
    const removed = only(ev, 'pmap_remove', { task: A });
    const shot = only(ev, 'tlb_shootdown', { task: A });
    expect(removed.frame).toBe(copy.fromFrame);
    expect([removed.opKind, removed.parentOp, shot.op]).toEqual(['shootdown', copy.op, removed.op]);
    expect(kindChain(ev, shot)).toEqual(['call', 'trap', 'fault', 'cow_copy', 'shootdown']);
    // the new frame was taken for the copy, and the trap maps it once the fault is over
    expect(only(ev, 'frame_allocated', { frame: copy.frame }).parentOp).toBe(copy.op);
    const enter = only(ev, 'pmap_enter', { task: C });
    expect([enter.op, enter.frame]).toEqual([miss.op, copy.frame]);
    expect(enter.id).toBeGreaterThan(end.id);
  });

  it('a fault on a full machine: its frame grab runs the pageout of a dirty page, which goes to the default pager', () => {
    const k = new Kernel({ frames: 2 });
    const A = k.createTask('A').id;
    const x = vm_allocate(k, A, 0, 3 * P, true).address;
    user_write(k, A, x, enc('zero'));
    user_write(k, A, x + P, enc('one')); // both frames hold dirty pages now
    const trace = k.startTrace();
    expect(user_write(k, A, x + 2 * P, enc('two'))).toBe(KERN_SUCCESS);
    const ev = take(trace);

    const out = only(ev, 'pageout');
    expect(out.dirty).toBe(true);
    expect(kindChain(ev, out)).toEqual(['call', 'trap', 'fault', 'zero_fill', 'page_grab', 'pageout']);
    const ret = only(ev, 'memory_object_data_return');
    expect([ret.op, ret.pager, ret.dirty, ret.offset]).toEqual([out.op, 'default pager', true, out.offset]);
    // the evicted page's mapping goes, inside the pageout
    const removed = only(ev, 'pmap_remove', { frame: out.frame });
    expect([removed.opKind, removed.parentOp]).toEqual(['shootdown', out.op]);
    // the frame it freed is the one the grab then takes, for the page being faulted in
    const grabbed = only(ev, 'frame_allocated');
    expect([grabbed.op, grabbed.frame, grabbed.offset]).toEqual([out.parentOp, out.frame, 2 * P]);
    const zero = only(ev, 'zero_fill');
    expect([grabbed.parentOp, zero.op]).toEqual([zero.op, zero.op]);
    expect(zero.parentOp).toBe(only(ev, 'fault_begin').op);
  });

  it('vm_protect lowering a resident page: the shootdown is an op of the call itself', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, P, true).address;
    user_write(k, A, x, enc('w'));
    const trace = k.startTrace();
    expect(vm_protect(k, A, x, P, false, VM_PROT_READ)).toBe(KERN_SUCCESS);
    const ev = take(trace);
    expect(only(ev, 'entry_protected')).toMatchObject({ op: 0, opKind: 'call' });
    const lowered = only(ev, 'pmap_protect', { task: A });
    const shot = only(ev, 'tlb_shootdown', { task: A });
    expect([lowered.prot, lowered.opKind, lowered.parentOp, shot.op]).toEqual([VM_PROT_READ, 'shootdown', 0, lowered.op]);
  });

  it('a read of a file mapping: the pager supplies the page inside a page_in op of the fault', () => {
    const { k, A } = machine();
    const F = k.declarePager('F', P, enc('file bytes'));
    const y = vm_map(k, A, 0, P, 0, true, F, 0, false, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_COPY).address;
    const trace = k.startTrace();
    expect(new TextDecoder().decode(user_read(k, A, y, 4).data)).toBe('file');
    const ev = take(trace);
    const request = only(ev, 'memory_object_data_request', { pager: 'F' });
    const supply = only(ev, 'memory_object_data_supply', { pager: 'F' });
    expect([request.opKind, supply.op]).toEqual(['page_in', request.op]);
    expect(kindChain(ev, supply)).toEqual(['call', 'trap', 'fault', 'page_in']);
    expect(only(ev, 'frame_allocated', { frame: supply.frame }).parentOp).toBe(request.op);
  });

  it('fork and task_terminate: the map copy and the teardown are ops of their call', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, 2 * P, true).address;
    user_write(k, A, x, enc('a'));
    const trace = k.startTrace();
    const C = k.fork(A, 'C')!.id;
    let ev = take(trace);
    expect(only(ev, 'task_created').op).toBe(0);
    const fork = only(ev, 'needs_copy_set');
    expect([fork.opKind, fork.parentOp]).toEqual(['fork', 0]);
    expect(only(ev, 'entry_inserted', { task: C }).op).toBe(fork.op);
    // the parent's resident page is write-protected, a shootdown inside the fork
    expect(kindChain(ev, only(ev, 'pmap_protect', { task: A }))).toEqual(['call', 'fork', 'shootdown']);

    expect(user_read(k, C, x, 1).kr).toBe(KERN_SUCCESS);
    take(trace);
    expect(task_terminate(k, C)).toBe(KERN_SUCCESS);
    ev = take(trace);
    const gone = only(ev, 'task_terminated');
    expect([gone.opKind, gone.parentOp]).toEqual(['terminate', 0]);
    expect(ev.filter((e) => e.type !== 'task_terminated' && e.op !== 0).length).toBeGreaterThan(0);
    expect(ev.every((e) => e.op !== 0)).toBe(true); // all of it happened inside the terminate op
    expect(kindChain(ev, only(ev, 'pmap_remove', { task: C }))).toEqual(['call', 'terminate', 'shootdown']);
  });

  it('tracing off costs the access path nothing it can see: the same frames, faults and TLB counts', () => {
    const run = (trace: boolean) => {
      const k = new Kernel({ frames: 4 });
      if (trace) k.startTrace();
      const A = k.createTask('A').id;
      const x = vm_allocate(k, A, 0, 8 * P, true).address;
      for (let i = 0; i < 8; i++) user_write(k, A, x + i * P, enc(`p${i}`));
      const C = k.fork(A, 'C')!.id;
      for (let i = 0; i < 8; i++) user_write(k, C, x + i * P, enc(`c${i}`));
      vm_protect(k, A, x, 8 * P, false, VM_PROT_ALL & ~VM_PROT_WRITE);
      return [k.stats.faults[A], k.stats.cowFaults[C], k.stats.pageouts, k.tlb.misses(A), k.tlb.shootdowns(A), [...k.mem.owner]];
    };
    expect(run(true)).toEqual(run(false));
  });
});
