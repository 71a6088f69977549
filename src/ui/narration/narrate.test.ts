import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TraceBuffer, type KernelEventBody, type KernelEventType } from '../../kernel/events';
import { stamped } from '../../kernel/testkit';
import { Interpreter, type StepRecord } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { explainKernReturn, NARRATED_EVENTS, SHOWN_NARRATION_LINES, narrate, narrateEvent, narrateEvents, type NarrationLine } from './narrate';

const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

interface Step {
  record: StepRecord;
  lines: NarrationLine[];
}

/** Runs a scenario statement by statement, narrating each step as the UI does. */
function run(source: string): { steps: Step[]; interp: Interpreter } {
  const interp = new Interpreter(parseOrThrow(source));
  const taskNames = new Map<number, string>();
  const names = { task: (id: number) => taskNames.get(id) ?? `#${id}`, pageSize: interp.kernel.pageSize };
  const steps: Step[] = [];
  while (!interp.done) {
    const record = interp.step();
    for (const e of record.events) if (e.type === 'task_created') taskNames.set(e.task, e.name);
    steps.push({ record, lines: narrate(record, names) });
  }
  return { steps, interp };
}

function scenario(name: string) {
  return run(readFileSync(`${SCENARIOS}${name}.vms`, 'utf8'));
}

function stepOf(steps: Step[], text: string): Step {
  const s = steps.find((x) => x.record.text === text);
  if (s === undefined) throw new Error(`no statement ${text}`);
  return s;
}

function texts(s: Step): string[] {
  return s.lines.map((l) => l.text);
}

function num(interp: Interpreter, name: string): number {
  const v = interp.vars.get(name);
  if (typeof v !== 'number') throw new Error(`${name} is not a number`);
  return v;
}

describe('narrate: the statement line', () => {
  it('names the result code and its meaning, success and failure', () => {
    const { steps } = run('task A\nx = 0x10000\nkr = vm_allocate(A, &x, 0x3000, FALSE)\nkr = vm_allocate(A, &x, 0x1000, FALSE)\nassert kr == KERN_NO_SPACE\n');
    const ok = stepOf(steps, 'kr = vm_allocate(A, &x, 0x3000, FALSE)').lines[0];
    expect(ok).toMatchObject({ text: 'vm_allocate returned KERN_SUCCESS: 3 pages at 0x10000 for task A.', tone: 'success' });
    const noSpace = stepOf(steps, 'kr = vm_allocate(A, &x, 0x1000, FALSE)');
    expect(noSpace.lines[0]).toMatchObject({
      text: 'vm_allocate returned KERN_NO_SPACE: no free range of that size (or the fixed range overlaps an entry).',
      tone: 'warning',
    });
    expect(noSpace.lines).toHaveLength(1); // nothing happened in the kernel
    expect(stepOf(steps, 'assert kr == KERN_NO_SPACE').lines).toEqual([{ text: 'assert held: kr == KERN_NO_SPACE', tone: 'success' }]);
  });

  it('has a meaning for every code the simulator returns, and a fallback', () => {
    for (const [kr, name] of [
      [0, 'KERN_SUCCESS'],
      [1, 'KERN_INVALID_ADDRESS'],
      [2, 'KERN_PROTECTION_FAILURE'],
      [3, 'KERN_NO_SPACE'],
      [4, 'KERN_INVALID_ARGUMENT'],
      [6, 'KERN_RESOURCE_SHORTAGE'],
      [29, 'KERN_INVALID_OBJECT'],
    ] as const) {
      const s = explainKernReturn(kr);
      expect(s.startsWith(`${name}: `)).toBe(true);
      expect(s).not.toContain('does not explain');
    }
    expect(explainKernReturn(17)).toBe('KERN_INVALID_RIGHT: an error code this simulator does not explain');
    expect(explainKernReturn(2, 'write')).toBe('KERN_PROTECTION_FAILURE: a memory exception, because the entry does not allow writing');
    expect(explainKernReturn(4, 'vm_read')).toBe('KERN_INVALID_ARGUMENT: more than the 16 MiB one transfer moves (a negative size is a huge unsigned one), or a terminated task');
  });

  it('tells a failed assert with both values, and a runtime error, in the error tone', () => {
    const failed = run('task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nassert kr == KERN_NO_SPACE\n').steps.at(-1)!;
    expect(failed.lines).toHaveLength(1);
    expect(failed.lines[0].tone).toBe('error');
    expect(failed.lines[0].text).toBe('assert failed: kr == KERN_NO_SPACE: left is 0 (KERN_SUCCESS), right is 3 (KERN_NO_SPACE)');
    const error = run('task A\nkr = write(A, y, "x")\n').steps.at(-1)!;
    expect(error.lines).toEqual([{ text: 'Error on line 2: y is used before it was ever set', why: 'The scenario stops here.', tone: 'error' }]);
  });

  it('tells a copy as a copy whether copy is written TRUE or passed in a variable', () => {
    const map = (copy: string) => `kr = vm_map(A, &a, 0x1000, 0, TRUE, F, 0, ${copy}, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY)`;
    const { steps } = run(`task A\nobject F size=0x1000 data="f"\nc = 1\nn = 0\n${map('c')}\n${map('TRUE')}\n${map('n')}\n`);
    const copied = 'vm_map returned KERN_SUCCESS: 1 page of memory object F at 0x1000 in task A, as a copy-on-write copy.';
    expect(stepOf(steps, map('c')).lines[0].text).toBe(copied);
    expect(stepOf(steps, map('TRUE')).lines[0].text).toBe(copied.replace('0x1000', '0x2000'));
    expect(stepOf(steps, map('n')).lines[0].text).toBe('vm_map returned KERN_SUCCESS: 1 page of memory object F at 0x3000 in task A, shared with its other mappers.');
  });

  it('tells anonymous memory by the value passed, not by how it was spelled', () => {
    const { steps } = run('task A\nnone = MEMORY_OBJECT_NULL\nkr = vm_map(A, &a, 0x2000, 0, TRUE, none, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY)\n');
    expect(steps[2].lines[0].text).toBe('vm_map returned KERN_SUCCESS: 2 pages of anonymous zero-fill memory at 0x1000 in task A.');
  });

  it("explains an error code with the call's own meaning", () => {
    const { steps } = run([
      'task A',
      'object RO size=0x1000 max=VM_PROT_READ',
      'kr = vm_map(A, &a, 0x1000, 0, TRUE, RO, 0, FALSE, VM_PROT_READ, VM_PROT_ALL, VM_INHERIT_COPY)',
      'kr = vm_allocate(A, &x, 0x1000, TRUE)',
      'kr = vm_protect(A, x, 0x1000, TRUE, VM_PROT_READ)',
      'kr = vm_protect(A, x, 0x1000, FALSE, VM_PROT_DEFAULT)',
      'kr = read(A, 0x800000, 1, &v)',
      'kr = vm_region(A, &r, &s, &p, &m, &i, &sh, &o, &off)',
      '',
    ].join('\n'));
    expect(steps[2].lines[0]).toMatchObject({ text: 'vm_map returned KERN_PROTECTION_FAILURE: the maximum protection asked for is more than the memory object permits.', tone: 'warning' });
    expect(steps[5].lines[0].text).toBe('vm_protect returned KERN_PROTECTION_FAILURE: the new protection exceeds the maximum protection somewhere: nothing was changed.');
    expect(steps[6].lines[0].text).toBe('read returned KERN_INVALID_ADDRESS: a memory exception, because no entry maps that address.');
    expect(steps[7].lines[0].text).toBe("vm_region returned KERN_SUCCESS: task A's region at 0x1000 is 1 page, read-only (max read-only), inheritance copy, no object yet.");
  });

  it("adds what real xnu would answer for a failed vm_read / vm_write / vm_copy of 16 KiB or less, from the call's arguments", () => {
    const { steps } = run([
      'task A',
      'kr = vm_allocate(A, &x, 0x8000, TRUE)',
      'kr = vm_protect(A, x, 0x1000, FALSE, VM_PROT_NONE)',
      'kr = vm_read(A, x, 0x10, &d)',
      'n = 0x20',
      'kr = vm_write(A, x + 0x8000 - 0x10, "0123456789abcdef0123")',
      'kr = vm_copy(A, x + 0x1000, n, x)',
      'kr = vm_read(A, x, 0x4001, &e)',
      'kr = vm_read(A, x + 0x1000, 0x10, &f)',
      'kr = read(A, x, 1, &v)',
      '',
    ].join('\n'));
    const note = (i: number) => steps[i].lines.filter((l) => l.text.startsWith('Real xnu'));
    expect(note(3)).toEqual([{ text: 'Real xnu would answer KERN_INVALID_ADDRESS here: it copies a transfer of 16 KiB or less (this one: 16 bytes) through a kernel buffer, and reports any problem that way.', tone: 'info' }]);
    expect(note(5).map((l) => l.text)).toEqual(['Real xnu answers the same here, and also for a page without the access: it copies a transfer of 16 KiB or less (this one: 20 bytes) through a kernel buffer.']);
    expect(steps[5].record.kr).toBe(1);
    expect(note(6).map((l) => l.text)).toEqual(['Real xnu would answer KERN_INVALID_ADDRESS here: it copies a transfer of 16 KiB or less (this one: 32 bytes) through a kernel buffer, and reports any problem that way.']);
    expect(steps[7].record.kr).toBe(2); // 16 KiB + 1: xnu would answer as the simulator does
    expect(note(7)).toEqual([]);
    expect(steps[8].record.kr).toBe(0);
    expect(note(8)).toEqual([]);
    expect(note(9)).toEqual([]); // a thread's load is not a transfer
  });

  it('says what a statement that stopped did not do: no task, object or variable is announced', () => {
    const { steps } = run('task A\ntask A\n');
    expect(steps[1].lines).toEqual([{ text: 'Error on line 2: A is already a task', why: 'The scenario stops here.', tone: 'error' }]);
    const object = run('object F size=0\n').steps[0];
    expect(object.lines.map((l) => l.text)).toEqual(['Error on line 1: object size must be between 1 and 67108864 (64 MiB), not 0']);
  });
});

describe('narrate: copy-on-write', () => {
  it("fork_copy: the child's first write makes a shadow and copies the page up", () => {
    const { steps, interp } = scenario('fork_copy');
    const objO = num(interp, 'objO');
    const objSc = num(interp, 'objSc');
    const fork = stepOf(steps, 'task C = fork(P)');
    expect(texts(fork)).toContain('Task C is forked from task P.');
    const needsCopy = fork.lines.find((l) => l.event?.type === 'needs_copy_set')!;
    expect(needsCopy.text).toBe(`Task P's entry 1 is marked needs_copy on object ${objO}, and its pages are write-protected.`);
    expect(needsCopy.rule).toContain('symmetric');

    const write = stepOf(steps, 'kr = write(C, x, "child data!")');
    expect(write.lines[0].text).toBe('write returned KERN_SUCCESS: task C stored "child data!" at 0x1000.');
    const shadow = write.lines.find((l) => l.event?.type === 'shadow_created')!;
    expect(shadow.text).toBe(`Task C's entry at 0x1000 is needs_copy, so this write first gives it a new shadow object ${objSc} in front of object ${objO}.`);
    expect(shadow.rule).toBe('copy-on-write: first write to a needs_copy entry (vm_fault, vm_object_shadow)');
    // the copy-up names the object the page comes from, the one it goes into, and the frames the
    // kernel really used: the new frame is the one the fault maps for C
    const copy = write.record.events.find((e) => e.type === 'cow_copy');
    const end = write.record.events.find((e) => e.type === 'fault_end');
    if (copy?.type !== 'cow_copy' || end?.type !== 'fault_end') throw new Error('the write copies up and resolves its fault');
    expect(end.frame).toBe(copy.frame);
    const cow = write.lines.find((l) => l.event?.type === 'cow_copy')!;
    expect(cow.text).toBe(`Page 0x0 was found in object ${objO}, lower in the chain: it is copied up into object ${objSc}, frame ${copy.frame} (a copy-on-write fault).`);
    expect(cow.why).toBe(`The write must not change a page that others still see through object ${objO}. The old frame ${copy.fromFrame} is unmapped everywhere, so every mapper faults again and finds its own copy.`);
    expect(write.lines.at(-1)!.text).toBe(`Fault resolved (KERN_SUCCESS): task C's page 0x1000 maps frame ${copy.frame}, read/write, in the pmap and the TLB.`);
    // the story, in order: the miss and fault, the shadow, the copy-up, the resolved fault
    expect(write.lines.map((l) => l.event?.type)).toEqual([undefined, 'fault_begin', 'shadow_created', 'cow_copy', 'fault_end']);
  });

  it("copy_on_map: a write through the shared mapping first pushes the old page into the copy object", () => {
    const { steps, interp } = scenario('copy_on_map');
    const objF = num(interp, 'objF');
    const objC = num(interp, 'objC');
    const map = stepOf(steps, 'kr = vm_map(B, &b, 0x3000, 0, TRUE, F, 0, TRUE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY)');
    expect(map.lines[0].text).toBe('vm_map returned KERN_SUCCESS: 3 pages of memory object F at 0x1000 in task B, as a copy-on-write copy.');
    expect(texts(map)).toContain(`Object ${objC} is created as a copy object: it shadows the source object.`);
    const push = stepOf(steps, 'kr = write(A, a, "version 2")').lines.find((l) => l.event?.type === 'copy_push')!;
    expect(push.text).toMatch(new RegExp(`^Before task A changes page 0x0 of object ${objF}, its old contents are pushed into copy object ${objC} \\(frame \\d+\\)\\.$`));
    expect(push.rule).toContain('delayed copy');
  });

  it('chain_collapse: the collapse is one line with the pages it moved', () => {
    const { steps } = scenario('chain_collapse');
    const lines = stepOf(steps, 'kr = task_terminate(C)').lines;
    const collapse = lines.find((l) => l.event?.type === 'object_collapsed')!;
    expect(collapse.text).toMatch(/^Object \d+ absorbs object \d+: object \d+ is now the bottom of its chain\.$/);
    expect(collapse.why).toContain('2 pages moved up');
    expect(lines.some((l) => l.event?.type === 'page_moved')).toBe(false);
  });
});

describe('narrate: events are grouped by the operation they belong to', () => {
  const names = { task: (id: number) => ['?', 'A', 'B'][id] ?? `#${id}`, pageSize: 0x1000 };

  it('a copy-up on a full machine: the page-out inside its frame grab is told with its own mapping and write-back, then the copy-up', () => {
    const { steps } = run([
      'config frames=2',
      'task P',
      'kr = vm_allocate(P, &x, 0x3000, TRUE)',
      'kr = write(P, x, "a")',
      'kr = write(P, x + 0x1000, "b")',
      'task C = fork(P)',
      'kr = write(C, x, "c")',
      '',
    ].join('\n'));
    const write = steps.at(-1)!;
    const ev = write.record.events;
    const out = ev.find((e) => e.type === 'pageout');
    const copy = ev.find((e) => e.type === 'cow_copy');
    if (out?.type !== 'pageout' || copy?.type !== 'cow_copy') throw new Error('the copy-up needs a frame, and a page goes out for it');
    expect(copy.frame).toBe(out.frame); // the frame the page-out freed is the one the copy-up got
    const lineOf = (type: string) => write.lines.find((l) => l.event?.type === type)!;
    // the source page (P's 0x1000, object 1 offset 0) is pinned during the copy-up, so the clock
    // chose the frame of P's other page 0x2000 (object 1, offset 0x1000): its page-out unmaps it from P
    expect(copy.fromFrame).not.toBe(copy.frame);
    expect(lineOf('pageout').text).toBe(`Page-out: frame ${out.frame} (object ${out.object}, offset 0x1000) is evicted to make room, unmapping it from task P at 0x2000.`);
    expect(lineOf('memory_object_data_return').text).toBe('The page is dirty, so its contents go to the default pager (swap) with memory_object_data_return.');
    expect(lineOf('cow_copy').text).toBe(`Page 0x0 was found in object ${copy.from}, lower in the chain: it is copied up into object ${copy.to}, frame ${copy.frame} (a copy-on-write fault).`);
    // told in the order things happened: the page-out inside the copy-up's frame grab comes first
    const order = write.lines.map((l) => l.event?.type).filter((t) => t === 'pageout' || t === 'cow_copy' || t === 'fault_end');
    expect(order).toEqual(['pageout', 'cow_copy', 'fault_end']);
    // no pmap removal or frame allocation is left over as a line of its own: each went with its operation
    expect(write.lines.some((l) => l.event?.type === 'pmap_remove' || l.event?.type === 'frame_allocated')).toBe(false);
  });

  it('a mapping removed by the call itself is not taken for the page-out that follows it', () => {
    // the call removes B's mapping of frame 7, then its own zero fill evicts frame 7 (nobody maps it
    // any more): the removal is the call's, told on its own line; the page-out unmapped nothing
    const t = new TraceBuffer();
    t.begin('shootdown');
    t.emit({ type: 'pmap_remove', task: 2, vpn: 9, frame: 7 });
    t.emit({ type: 'tlb_shootdown', task: 2, vpn: 9 });
    t.end();
    t.begin('zero_fill');
    t.begin('page_grab');
    t.begin('pageout');
    t.emit({ type: 'pageout', frame: 7, object: 3, offset: 0x1000, dirty: false });
    t.end();
    t.emit({ type: 'frame_allocated', frame: 7, object: 4, offset: 0 });
    t.end();
    t.emit({ type: 'zero_fill', task: 1, object: 4, offset: 0, frame: 7 });
    t.end();
    const lines = narrateEvents(t.take(), names, 'vm_copy');
    expect(lines.map((l) => l.text)).toEqual([
      "Task B's mapping of page 0x9000 (frame 7) is removed from the pmap; its TLB entry is shot down.",
      'Page-out: frame 7 (object 3, offset 0x1000) is evicted to make room.',
      'Page 0x0 of object 4 is found nowhere in its chain: frame 7 is zero-filled for it.',
    ]);
  });

  it("a shootdown's reason is its own operation's: lowered, removed, or the clock's", () => {
    const t = new TraceBuffer();
    t.begin('shootdown');
    t.emit({ type: 'pmap_protect', task: 1, vpn: 1, frame: 5, prot: 1 });
    t.end();
    t.begin('zero_fill');
    t.begin('page_grab');
    t.emit({ type: 'tlb_shootdown', task: 1, vpn: 1 }); // right after the lowering, but the clock's
    t.emit({ type: 'frame_allocated', frame: 6, object: 4, offset: 0 });
    t.end();
    t.emit({ type: 'zero_fill', task: 1, object: 4, offset: 0, frame: 6 });
    t.end();
    const lines = narrateEvents(t.take(), names, 'vm_write');
    const shot = lines.find((l) => l.event?.type === 'tlb_shootdown')!;
    expect(shot.text).toBe("Task A's TLB entry for page 0x1000 is shot down.");
    expect(shot.why).toContain('pageout clock');
    expect(lines.find((l) => l.event?.type === 'pmap_protect')!.text).toBe("Task A's pmap lowers page 0x1000 to read-only.");
  });
});

describe('narrate: paging and the TLB', () => {
  it('pageout_pagein: evictions name the clock and the pager, and page-ins come back from the default pager', () => {
    const { steps } = scenario('pageout_pagein');
    const fileOut = stepOf(steps, 'kr = write(A, x + 0x3000, "page 3")');
    const evict = fileOut.lines.find((l) => l.event?.type === 'pageout')!;
    expect(evict.text).toBe('Page-out: frame 0 (object 1, offset 0x0) is evicted to make room, unmapping it from task A at 0x1000.');
    expect(evict.why).toBe('No frame was free, and the clock chose frame 0: not referenced since its last sweep.');
    expect(texts(fileOut)).toContain('The page is dirty, so its contents go to pager F with memory_object_data_return.');
    // the clock's second-chance shootdowns are one line
    expect(fileOut.lines.filter((l) => l.event?.type === 'tlb_shootdown')).toHaveLength(1);
    expect(texts(fileOut)).toContain('The pageout clock sweeps: 4 TLB entries of task A are shot down (pages 0x1000, 0x2000, 0x3000, 0x4000).');

    const anonOut = stepOf(steps, 'kr = write(A, x + 0x4000, "page 4")');
    expect(texts(anonOut)).toContain('The page is dirty, so its contents go to the default pager (swap) with memory_object_data_return.');
    const pageIn = stepOf(steps, 'kr = read(A, x, 6, &v)');
    expect(texts(pageIn)).toContain('Object 2 has no resident page at offset 0x0: the kernel asks the default pager (swap) for it (memory_object_data_request).');
    expect(pageIn.lines.find((l) => l.event?.type === 'memory_object_data_supply')!.text).toMatch(/^The default pager \(swap\) supplies the page: it is read into frame \d+ \(a page-in\)\.$/);
  });

  it('groups TLB hits, and tells a miss with its fault as one story', () => {
    const { steps } = run('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x + 0xFFF, "a")\nkr = write(A, x + 0x1000, "b")\nkr = read(A, x + 0xFFF, 2, &v)\n');
    const hits = stepOf(steps, 'kr = read(A, x + 0xFFF, 2, &v)');
    expect(texts(hits)).toEqual(['read returned KERN_SUCCESS: task A read 2 bytes in page 0x1000: "ab".', '2 TLB hits for task A (pages 0x1000, 0x2000).']);
    const write = stepOf(steps, 'kr = write(A, x + 0xFFF, "a")');
    expect(write.lines[1].text).toBe('Task A writes 0x1fff: TLB miss, and no pmap mapping allows it, so it page-faults (vm_fault).');
    expect(write.lines.filter((l) => /TLB miss/.test(l.text))).toHaveLength(1);
    expect(write.lines.some((l) => l.text.startsWith('Page fault:'))).toBe(false);
    expect(write.lines.at(-1)!.text).toBe("Fault resolved (KERN_SUCCESS): task A's page 0x1000 maps frame 0, read/write, in the pmap and the TLB.");
  });

  it('tlb_basics: a refill without fault, a shootdown with its reason, a failed fault', () => {
    const { steps } = scenario('tlb_basics');
    const refill = steps.find((s) => s.record.text === 'kr = read(A, x, 1, &v)')!;
    expect(texts(refill)).toContain("TLB miss on task A's page 0x10000: the pmap already maps it (frame 0, read/write), so the TLB is refilled without a page fault, evicting task A's page 0x12000 (frame 2).");
    const protect = stepOf(steps, 'kr = vm_protect(A, x + 0x1000, 0x1000, FALSE, VM_PROT_READ)');
    const lowered = protect.lines.find((l) => l.event?.type === 'pmap_protect')!;
    expect(lowered.text).toBe("Task A's pmap lowers page 0x11000 to read-only, and its TLB entry is shot down.");
    expect(lowered.why).toContain('protection was lowered');
    const denied = stepOf(steps, 'kr = write(A, x + 0x1000, "no")');
    expect(denied.lines[0]).toMatchObject({ text: 'write returned KERN_PROTECTION_FAILURE: a memory exception, because the entry does not allow writing.', tone: 'warning' });
    expect(denied.lines.at(-1)).toMatchObject({ text: 'The fault fails with KERN_PROTECTION_FAILURE: the entry does not allow writing.', tone: 'warning' });
    const fork = stepOf(steps, 'task B = fork(A)');
    expect(fork.lines.find((l) => l.event?.type === 'pmap_protect')!.why).toContain('Copy-on-write');
  });
});

/** One synthetic event of each type: a compile error when the union gains a type without a sample. */
const SAMPLES: { [K in KernelEventType]: Extract<KernelEventBody, { type: K }> } = {
  task_created: { type: 'task_created', task: 2, name: 'B', parent: 1 },
  task_terminated: { type: 'task_terminated', task: 2 },
  entry_inserted: { type: 'entry_inserted', task: 1, entry: 1, start: 0x1000, end: 0x4000, object: 0, offset: 0, prot: 3, max: 7, inheritance: 1, needsCopy: false },
  entry_extended: { type: 'entry_extended', task: 1, entry: 1, start: 0x1000, end: 0x5000 },
  entry_clipped: { type: 'entry_clipped', task: 1, entry: 1, newEntry: 2, at: 0x2000 },
  entries_merged: { type: 'entries_merged', task: 1, kept: 1, removed: 2, start: 0x1000, end: 0x3000 },
  entry_removed: { type: 'entry_removed', task: 1, entry: 1, start: 0x1000, end: 0x2000 },
  entry_protected: { type: 'entry_protected', task: 1, entry: 1, prot: 1, max: 7 },
  entry_inherit: { type: 'entry_inherit', task: 1, entry: 1, inheritance: 0 },
  object_created: { type: 'object_created', object: 3, size: 0x3000, pager: null, reason: 'shadow' },
  object_extended: { type: 'object_extended', object: 3, size: 0x5000 },
  object_freed: { type: 'object_freed', object: 3 },
  object_cached: { type: 'object_cached', object: 3, pager: 'F' },
  copy_object_reused: { type: 'copy_object_reused', object: 4, source: 3 },
  memory_object_init: { type: 'memory_object_init', pager: 'F', object: 3, ok: true },
  object_attached: { type: 'object_attached', task: 1, entry: 1, object: 3 },
  object_shared: { type: 'object_shared', object: 3 },
  needs_copy_set: { type: 'needs_copy_set', task: 1, entry: 1, object: 3 },
  needs_copy_cleared: { type: 'needs_copy_cleared', task: 1, entry: 1, object: 3 },
  shadow_created: { type: 'shadow_created', task: 1, entry: 1, object: 4, shadow: 3, shadowOffset: 0 },
  object_collapsed: { type: 'object_collapsed', object: 4, absorbed: 3, shadow: 0 },
  object_bypassed: { type: 'object_bypassed', object: 5, bypassed: 4, shadow: 3 },
  frame_allocated: { type: 'frame_allocated', frame: 7, object: 3, offset: 0x1000 },
  frame_freed: { type: 'frame_freed', frame: 7, object: 3, offset: 0x1000 },
  page_moved: { type: 'page_moved', frame: 7, from: 3, fromOffset: 0x1000, to: 4, toOffset: 0 },
  zero_fill: { type: 'zero_fill', task: 1, object: 3, offset: 0, frame: 7 },
  cow_copy: { type: 'cow_copy', task: 1, from: 3, fromOffset: 0, fromFrame: 7, to: 4, toOffset: 0, frame: 8 },
  copy_push: { type: 'copy_push', object: 3, offset: 0, copy: 4, copyOffset: 0, frame: 8 },
  pageout: { type: 'pageout', frame: 7, object: 3, offset: 0, dirty: true },
  memory_object_data_request: { type: 'memory_object_data_request', object: 3, offset: 0, pager: 'default pager' },
  memory_object_data_supply: { type: 'memory_object_data_supply', object: 3, offset: 0, pager: 'F', frame: 7 },
  memory_object_data_unavailable: { type: 'memory_object_data_unavailable', object: 3, offset: 0, pager: 'default pager' },
  memory_object_data_return: { type: 'memory_object_data_return', object: 3, offset: 0, pager: 'F', dirty: true },
  tlb_hit: { type: 'tlb_hit', task: 1, vpn: 1, frame: 7 },
  tlb_miss: { type: 'tlb_miss', task: 1, vpn: 1, access: 2 },
  tlb_fill: { type: 'tlb_fill', task: 1, vpn: 1, frame: 7, prot: 3, evictedTask: -1, evictedVpn: -1, evictedFrame: -1 },
  tlb_shootdown: { type: 'tlb_shootdown', task: 1, vpn: 1 },
  fault_begin: { type: 'fault_begin', task: 1, address: 0x1010, access: 2 },
  fault_end: { type: 'fault_end', task: 1, address: 0x1010, kr: 0, frame: 7, prot: 3 },
  pmap_enter: { type: 'pmap_enter', task: 1, vpn: 1, frame: 7, prot: 3 },
  pmap_remove: { type: 'pmap_remove', task: 1, vpn: 1, frame: 7 },
  pmap_protect: { type: 'pmap_protect', task: 1, vpn: 1, frame: 7, prot: 1 },
};

describe('narrate: every event type', () => {
  const names = { task: (id: number) => ['?', 'A', 'B'][id] ?? `#${id}`, pageSize: 4096 };
  const types = Object.keys(SAMPLES) as KernelEventType[];

  it.each(types)('%s has words of its own, alone and inside a step', (type) => {
    const e = stamped(SAMPLES[type]);
    const l = narrateEvent(e, names);
    expect(l.event).toBe(e);
    expect(l.text.length).toBeGreaterThan(10);
    expect(l.text).not.toMatch(/undefined|NaN|\[object/);
    expect(`${l.why ?? ''} ${l.rule ?? ''}`).not.toMatch(/undefined|NaN|\[object/);
    const record: StepRecord = {
      index: 0, line: 1, text: 'kr = exec(A, x)', kind: 'call', kr: 0, out: { kr: 0 }, events: [e],
      call: { name: 'exec', args: { task: { param: 'task', kind: 'task', value: 1, variable: 'A' }, address: { param: 'address', kind: 'value', value: 0x1000, variable: 'x' } } },
      statement: { kind: 'call', name: 'exec', result: 'kr' },
    };
    const lines = narrate(record, names);
    expect(lines[0].text.startsWith('exec returned KERN_SUCCESS')).toBe(true);
    expect(lines.slice(1).map((x) => x.event)).toEqual([e]);
  });

  it('variants: object kinds, failed init, failed fault, bare shootdown', () => {
    const words = (e: KernelEventBody) => narrateEvent(stamped(e), names);
    expect(words({ type: 'object_created', object: 2, size: 0x2000, pager: 'F', reason: 'memory_object' }).text).toBe('Object 2 is created for pager F: 2 pages.');
    expect(words({ type: 'object_created', object: 2, size: 0x2000, pager: null, reason: 'copy_object' }).rule).toContain('delayed');
    expect(words({ type: 'memory_object_init', pager: 'BAD', object: 0, ok: false })).toMatchObject({ text: 'Pager BAD refuses memory_object_init.', tone: 'warning' });
    expect(words({ type: 'fault_end', task: 1, address: 0x5000, kr: 1, frame: -1, prot: 0 })).toMatchObject({
      text: 'The fault fails with KERN_INVALID_ADDRESS: no map entry covers this address.',
      tone: 'warning',
    });
    expect(words({ type: 'tlb_shootdown', task: 1, vpn: 3 }).why).toContain('referenced bit');
    expect(words({ type: 'task_created', task: 1, name: 'A', parent: null }).text).toBe('Task A gets an empty address map, an empty pmap and its own ASID (its tag in the TLB).');
    expect(words({ type: 'tlb_hit', task: 1, vpn: 3, frame: 2 }).text).toBe("TLB hit: task A's page 0x3000 is cached (frame 2).");
    // a fill that evicted another entry says whose, and why
    const evicting = words({ type: 'tlb_fill', task: 1, vpn: 1, frame: 7, prot: 3, evictedTask: 2, evictedVpn: 3, evictedFrame: 2 });
    expect(evicting.text).toBe("The TLB now caches task A's page 0x1000: frame 7, read/write, evicting task B's page 0x3000 (frame 2).");
    expect(evicting.why).toContain('least recently used');
    expect(words(SAMPLES.tlb_fill).text).not.toContain('evicting');
    // without a page size, pages are virtual page numbers
    expect(narrateEvent(stamped({ type: 'tlb_hit', task: 1, vpn: 3, frame: 2 }), { task: () => 'A' }).text).toBe("TLB hit: task A's page vpn 0x3 is cached (frame 2).");
  });
});

describe('narrate: TLB evictions', () => {
  it('tlb_basics: a fault that fills a full TLB set, and a refill from the pmap, name the entry they evict', () => {
    const { steps } = scenario('tlb_basics');
    const evicting = steps.flatMap((s) => s.lines.filter((l) => l.text.includes('evicting')).map((l) => l.text));
    expect(evicting).toEqual([
      "Fault resolved (KERN_SUCCESS): task A's page 0x14000 maps frame 3, read/write, in the pmap and the TLB, evicting task A's page 0x10000 (frame 0).",
      "TLB miss on task A's page 0x10000: the pmap already maps it (frame 0, read/write), so the TLB is refilled without a page fault, evicting task A's page 0x12000 (frame 2).",
    ]);
  });

  it('a run of refills names every entry they evict (one TLB entry, two tasks taking turns)', () => {
    const { steps } = run(
      'config tlb_entries=1 tlb_ways=1\ntask A\ntask B\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = vm_allocate(B, &y, 0x1000, TRUE)\n' +
        'kr = write(A, x, "a")\nkr = write(A, x + 0x1000, "b")\nkr = write(B, y, "c")\nkr = read(A, x, 0x2000, &v)\n',
    );
    const refill = stepOf(steps, 'kr = read(A, x, 0x2000, &v)').lines.find((l) => l.event?.type === 'tlb_miss')!;
    expect(refill.text).toMatch(/^2 TLB misses for task A \(pages 0x\w+, 0x\w+\): the pmap already maps them, so the TLB is refilled without page faults, evicting task B's page 0x\w+, task A's page 0x\w+\.$/);
  });
});

describe('narrate: every built-in scenario', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.vms'));

  it.each(files)('%s: every step has a first line, and no line has holes', (file) => {
    const { steps } = run(readFileSync(`${SCENARIOS}${file}`, 'utf8'));
    for (const s of steps) {
      expect(s.lines.length).toBeGreaterThan(0);
      if (s.record.events.length > 0) expect(s.lines.length).toBeGreaterThan(1);
      for (const l of s.lines) expect(`${l.text} ${l.why ?? ''} ${l.rule ?? ''}`).not.toMatch(/undefined|NaN|\[object|vpn 0x/);
      if (s.record.kr !== null) expect(s.lines[0].text).toContain('KERN_');
    }
  });
});

describe('narration of huge values and steps is bounded', () => {
  const source = [
    'task A',
    'kr = vm_allocate(A, &x, 0x1000000, TRUE)',
    'kr = read(A, x, 0x1000000, &v)',
    'w = v',
    'kr = vm_read(A, x, 0x1000000, &d)',
    'assert w != v',
  ].join('\n') + '\n';
  const { steps } = run(source);
  const chars = (s: Step) => s.lines.reduce((n, l) => n + l.text.length + (l.why?.length ?? 0) + (l.rule?.length ?? 0), 0);

  it('a 16 MiB value is told by its first bytes and its length: every step under 30,000 characters', () => {
    for (const s of steps) expect(chars(s), s.record.text).toBeLessThan(30_000);
    expect(stepOf(steps, 'w = v').lines[0].text).toBe(`w is set to "${'\\0'.repeat(64)}"… (16,777,216 bytes).`);
    const failed = stepOf(steps, 'assert w != v').lines[0].text;
    expect(failed.length).toBeLessThan(400);
    expect(failed).toContain('… (16,777,216 bytes)');
  });

  it('the thousands of page-ins and page-outs of a 16 MiB vm_read are told in SHOWN_NARRATION_LINES lines, the rest counted', () => {
    const read = stepOf(steps, 'kr = vm_read(A, x, 0x1000000, &d)');
    expect(read.record.events.length).toBeGreaterThan(10_000);
    expect(read.lines).toHaveLength(SHOWN_NARRATION_LINES);
    expect(read.lines[0].text).toBe('vm_read returned KERN_SUCCESS: 16777216 bytes copied out of task A.');
    expect(read.lines.at(-1)!.text).toBe(`… and more: this step has ${read.record.events.length.toLocaleString('en-US')} events, too many to tell one by one; the diagram shows the machine after it.`);
    // the lines told are the step's first events, in order: the first page-in of offset 0
    expect(read.lines[1].text).toContain('at offset 0x0:');
    expect(Math.max(...read.lines.map((l) => l.event?.id ?? 0))).toBeLessThan(2 * NARRATED_EVENTS);
  });

  it('a bidi override in a message is named, not applied', () => {
    const { steps: s } = run('task A\nx = "abc"\nassert x == "abc\u202edef"\n');
    const text = s[2].lines.map((l) => l.text).join('\n');
    expect(text).toContain('assert failed: x == "abc⟨U+202E⟩def"');
    expect(text).not.toContain('\u202e');
  });
});
