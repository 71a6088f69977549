import { describe, expect, it } from 'vitest';
import { loadBuiltins } from '../../scenario/builtins_node';
import { kernReturnName } from '../../kernel/kern_return';
import { takeSnapshot, type MachineSnapshot } from '../../kernel/snapshot';
import { Interpreter, type StepRecord } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { allQuestionsFor, KR_CHOICES, MAX_CHOICES, MAX_QUESTIONS_PER_STEP, NEW_FRAME, questionsFor, type Question, type QuizNames } from './questions';

const BUILTINS = loadBuiltins();

function run(source: string): { records: StepRecord[]; names: QuizNames } {
  const records = new Interpreter(parseOrThrow(source)).runAll();
  const known = new Map<number, string>();
  for (const r of records) for (const e of r.events) if (e.type === 'task_created') known.set(e.task, e.name);
  return { records, names: { task: (id) => known.get(id) ?? `#${id}` } };
}

function sourceOf(name: string): string {
  const b = BUILTINS.find((x) => x.name === name);
  if (b === undefined) throw new Error(`no built-in ${name}`);
  return b.source;
}

function builtin(name: string) {
  return run(sourceOf(name));
}

/** A lesson run step by step, each record with the machine before it (what the quiz has at the cursor). */
function withBefore(name: string): { steps: { record: StepRecord; before: MachineSnapshot }[]; names: QuizNames } {
  const interp = new Interpreter(parseOrThrow(sourceOf(name)));
  const known = new Map<number, string>();
  const steps: { record: StepRecord; before: MachineSnapshot }[] = [];
  while (!interp.done) {
    const before = takeSnapshot(interp.kernel);
    const record = interp.step();
    for (const e of record.events) if (e.type === 'task_created') known.set(e.task, e.name);
    steps.push({ record, before });
  }
  return { steps, names: { task: (id) => known.get(id) ?? `#${id}` } };
}

/** The step of `text` (its `nth` occurrence, from 0) with the machine before it. */
function at(steps: { record: StepRecord; before: MachineSnapshot }[], text: string, nth = 0) {
  const found = steps.filter((s) => s.record.text === text)[nth];
  if (found === undefined) throw new Error(`no statement ${text} (#${nth})`);
  return found;
}

function step(records: StepRecord[], text: string): StepRecord {
  const r = records.find((x) => x.text === text);
  if (r === undefined) throw new Error(`no statement ${text}`);
  return r;
}

function kind(qs: Question[], k: string): Question | undefined {
  return qs.find((q) => q.id.endsWith(`:${k}`));
}

describe('questionsFor', () => {
  it("fork_copy: the child's first write asks the result, the TLB, the object and the copy-on-write questions", () => {
    const { records, names } = builtin('fork_copy');
    const write = step(records, 'kr = write(C, x, "child data!")');
    const shadow = write.events.find((e) => e.type === 'shadow_created');
    if (shadow?.type !== 'shadow_created') throw new Error('the child write makes a shadow');

    const all = allQuestionsFor(write, names);
    expect(all.map((q) => q.id)).toEqual([`${write.index}:kr`, `${write.index}:tlb`, `${write.index}:object`, `${write.index}:frame`, `${write.index}:cow`]);

    const kr = kind(all, 'kr')!;
    expect(kr.prompt).toBe('What will write(C, x, "child data!") return?');
    expect(kr.answer).toBe('KERN_SUCCESS');
    expect(kr.choices).toHaveLength(4);
    expect(kr.why).toBe('KERN_SUCCESS: the call did what was asked.');

    const tlb = kind(all, 'tlb')!;
    expect(tlb.prompt).toBe("Will task C's write hit in the TLB?");
    expect(tlb.answer).toBe('no');
    expect(tlb.why).toContain('faults into vm_fault');

    const object = kind(all, 'object')!;
    expect(object.prompt).toBe('Which object will the written page be in?');
    expect(object.answer).toBe(String(shadow.object));
    // the shadow does not exist before the write: the choice names it by what it is, not by an id
    expect(object.choices).toEqual([
      { id: String(shadow.shadow), label: `object ${shadow.shadow}` },
      { id: String(shadow.object), label: 'a new shadow object' },
    ]);
    expect(object.why).toBe(`A new shadow object (object ${shadow.object}). The page is found lower in the shadow chain, in object ${shadow.shadow}, so the write copies it up into object ${shadow.object}, the entry's top object. Object ${shadow.shadow} keeps the old data for whoever else maps it.`);

    const cow = kind(all, 'cow')!;
    expect(cow.prompt).toBe('Will this write need a copy-on-write fault?');
    expect(cow.answer).toBe('yes');
    expect(cow.choices.map((c) => c.id)).toEqual(['no', 'yes']);

    // at most 3 a step: the TLB question goes (a copy-on-write fault always starts with a miss)
    const shown = questionsFor(write, names);
    expect(shown).toHaveLength(MAX_QUESTIONS_PER_STEP);
    expect(shown.map((q) => q.id)).toEqual([kr.id, object.id, cow.id]);
  });

  it("fork_copy: a read asks the result, the TLB and the frame; the parent's zero-fill write has only one object, so no object question", () => {
    const { records, names } = builtin('fork_copy');
    const read = step(records, 'kr = read(C, x, 11, &v)');
    expect(questionsFor(read, names).map((q) => q.id)).toEqual([`${read.index}:kr`, `${read.index}:tlb`, `${read.index}:frame`]);
    expect(kind(questionsFor(read, names), 'tlb')!.prompt).toBe("Will task C's read hit in the TLB?");

    // the first page: a new frame is the only choice there can be, so no frame question
    const first = step(records, 'kr = write(P, x, "parent data")');
    expect(questionsFor(first, names).map((q) => q.id)).toEqual([`${first.index}:kr`, `${first.index}:tlb`]);

    const hit = step(records, 'kr = read(P, x + 0x1000, 8, &v)');
    const tlb = kind(questionsFor(hit, names), 'tlb')!;
    expect(tlb.answer).toBe('yes');
    expect(tlb.why.startsWith('Yes:')).toBe(true);
  });

  it('fork_copy: the fork itself asks what it returns; asserts, assignments and declarations ask nothing', () => {
    const { records, names } = builtin('fork_copy');
    const fork = step(records, 'task C = fork(P)');
    const qs = questionsFor(fork, names);
    expect(qs).toHaveLength(1);
    expect(qs[0].prompt).toBe('What will fork(P) return?');
    expect(qs[0].answer).toBe('KERN_SUCCESS');
    for (const r of records.filter((x) => x.kind === 'assert' || x.kind === 'assign' || (x.kind === 'task' && x.kr === null))) {
      expect(questionsFor(r, names)).toEqual([]);
    }
  });

  it('protection_fault: the refused write answers KERN_PROTECTION_FAILURE, with its meaning', () => {
    const { records, names } = builtin('protection_fault');
    const write = step(records, 'kr = write(A, x + 0x1000, "patch")');
    const kr = kind(questionsFor(write, names), 'kr')!;
    expect(kr.answer).toBe('KERN_PROTECTION_FAILURE');
    expect(kr.choices.map((c) => c.id)).toEqual(['KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT', 'KERN_PROTECTION_FAILURE', 'KERN_SUCCESS']);
    expect(kr.why).toBe('KERN_PROTECTION_FAILURE: a memory exception, because the entry does not allow writing.');
    // no page is written, so no object question
    expect(kind(questionsFor(write, names), 'object')).toBeUndefined();

    const exec = step(records, 'kr = exec(A, x)');
    expect(kind(questionsFor(exec, names), 'tlb')!.prompt).toBe("Will task A's instruction fetch hit in the TLB?");
  });

  it('copy_on_map: a write to a page with a copy object lands in the original object; its old contents go to the copy', () => {
    const { records, names } = builtin('copy_on_map');
    const write = step(records, 'kr = write(A, a, "version 2")');
    const push = write.events.find((e) => e.type === 'copy_push');
    if (push?.type !== 'copy_push') throw new Error('the write pushes a copy');
    const object = kind(questionsFor(write, names), 'object')!;
    expect(object.answer).toBe(String(push.object));
    expect(object.choices.map((c) => c.id)).toContain(String(push.copy));
    expect(kind(questionsFor(write, names), 'cow')).toBeUndefined(); // not a needs_copy entry
  });

  it('a needs_copy write to a page nobody has yet: a shadow, a zero fill, no copy', () => {
    const { records, names } = run('task P\nkr = vm_allocate(P, &x, 0x2000, TRUE)\nkr = write(P, x, "p")\ntask C = fork(P)\nkr = write(C, x + 0x1000, "c")\n');
    const write = records[4];
    const qs = questionsFor(write, names);
    expect(kind(qs, 'cow')!.answer).toBe('no');
    const zero = write.events.find((e) => e.type === 'zero_fill');
    if (zero?.type !== 'zero_fill') throw new Error('the write zero-fills');
    expect(kind(qs, 'object')!.answer).toBe(String(zero.object));
  });

  it('the result choices: the real code plus three others, sorted by name, the same every time', () => {
    const { records, names } = run('task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nx = 0x1000\nkr = vm_allocate(A, &x, 0x1000, FALSE)\n');
    const ok = kind(questionsFor(records[1], names), 'kr')!;
    expect(ok.choices.map((c) => c.id)).toEqual(['KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT', 'KERN_NO_SPACE', 'KERN_SUCCESS']);
    const taken = kind(questionsFor(records[3], names), 'kr')!;
    expect(taken.answer).toBe('KERN_NO_SPACE');
    expect(taken.choices.map((c) => c.id)).toEqual(ok.choices.map((c) => c.id));
    expect(taken.prompt).toBe('What will vm_allocate(A, &x, 0x1000, FALSE) return?');
    // a second run of the scenario asks the very same questions
    const again = run('task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nx = 0x1000\nkr = vm_allocate(A, &x, 0x1000, FALSE)\n');
    expect(questionsFor(again.records[3], again.names)).toEqual(questionsFor(records[3], names));
  });

  it('the prompt shows the call as it receives its arguments: names as written, expressions by value', () => {
    const { records, names } = run([
      'task A',
      'object F size=0x2000 data="f"',
      'c = 1',
      'kr = vm_map(A, &a, 2 * PAGE_SIZE, 0, TRUE, F, 0, c, VM_PROT_READ | VM_PROT_EXECUTE, VM_PROT_ALL, VM_INHERIT_SHARE)',
      'kr = read(A, a + 0x1000, 11, &v)',
      'kr = vm_deallocate(A, a, -1)',
      '',
    ].join('\n'));
    expect(kind(questionsFor(records[3], names), 'kr')!.prompt).toBe('What will vm_map(A, &a, 0x2000, 0, TRUE, F, 0, c, VM_PROT_READ | VM_PROT_EXECUTE, VM_PROT_ALL, VM_INHERIT_SHARE) return?');
    expect(kind(questionsFor(records[4], names), 'kr')!.prompt).toBe('What will read(A, 0x2000, 11, &v) return?');
    expect(kind(questionsFor(records[5], names), 'kr')!.prompt).toBe('What will vm_deallocate(A, a, -1) return?');
  });

  it("every built-in: each answer is what the step did, as the machine's own counters, queries and frames tell it", () => {
    // the answers come from the step's events; these checks come from elsewhere: the result
    // variable, the task's TLB-hit and copy-on-write counters, object_of after the step, and the
    // task's pmap after the step with who owned the frame before it
    const query = (interp: Interpreter, text: string) => {
      const s = parseOrThrow(`q = ${text}\n`).lines[0].statement;
      if (s?.kind !== 'assign') throw new Error(text);
      return interp.eval(s.value) as number;
    };
    let checked = 0;
    let frames = 0;
    for (const b of BUILTINS) {
      const interp = new Interpreter(parseOrThrow(b.source));
      const known = new Map<number, string>();
      const names = { task: (id: number) => known.get(id) ?? `#${id}` };
      while (!interp.done) {
        const access = interp.statements.at(interp.position)!;
        const task = access.kind === 'call' && (access.call === 'read' || access.call === 'write' || access.call === 'exec') ? (access.args[0] as { expr: { name: string } }).expr.name : null;
        const before = task !== null && interp.tasks.has(task) ? { hits: query(interp, `tlb_hits(${task})`), cow: query(interp, `cow_faults(${task})`) } : null;
        const machine = takeSnapshot(interp.kernel);
        const r = interp.step();
        for (const e of r.events) if (e.type === 'task_created') known.set(e.task, e.name);
        const where = `${b.name} line ${r.line}`;
        for (const q of allQuestionsFor(r, names, machine)) {
          checked++;
          const kindOf = q.id.slice(q.id.lastIndexOf(':') + 1);
          if (kindOf === 'kr') expect(q.answer, where).toBe(kernReturnName(interp.vars.get('kr') as number));
          if (kindOf === 'tlb') expect(q.answer, where).toBe(query(interp, `tlb_hits(${task})`) > before!.hits ? 'yes' : 'no');
          if (kindOf === 'cow') expect(q.answer, where).toBe(query(interp, `cow_faults(${task})`) > before!.cow ? 'yes' : 'no');
          if (kindOf === 'object') {
            const address = r.call!.args.address.value as number;
            expect(q.answer, where).toBe(String(query(interp, `object_of(${task}, ${address})`)));
          }
          if (kindOf === 'frame') {
            frames++;
            const after = takeSnapshot(interp.kernel);
            const id = interp.tasks.get(task!)!;
            const vpn = Math.floor((r.call!.args.address.value as number) / after.pageSize);
            const mapped = after.tasks.find((t) => t.id === id)!.pmap.find((m) => m.vpn === vpn)!;
            // the frame held another page before the step (or none): the page is in a new frame
            const same = machine.frameOwner[mapped.frame] === after.frameOwner[mapped.frame] && machine.frameOffset[mapped.frame] === after.frameOffset[mapped.frame];
            expect(q.answer, where).toBe(same ? String(mapped.frame) : NEW_FRAME);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(frames).toBeGreaterThan(50);
  });

  it('every built-in: no choice names an object or a frame the machine does not have before the step', () => {
    let named = 0;
    for (const b of BUILTINS) {
      const { steps, names } = withBefore(b.name);
      for (const { record, before } of steps) {
        const objects = new Set(before.objects.map((o) => o.id));
        for (const q of allQuestionsFor(record, names, before)) {
          for (const c of q.choices) {
            const where = `${b.name} line ${record.line}: ${c.label}`;
            const object = /\bobject (\d+)/.exec(c.label);
            if (object !== null) expect(objects.has(Number(object[1])), where).toBe(true);
            const frame = /\bframe (\d+)/.exec(c.label);
            if (frame !== null) expect(before.frameOwner[Number(frame[1])], where).not.toBe(0);
            if (object !== null || frame !== null) named++;
          }
        }
      }
    }
    expect(named).toBeGreaterThan(100);
  });

  it('every question of every built-in: its answer among its choices, unique choice ids, at most 3 a step, unique ids', () => {
    let asked = 0;
    const kinds = new Set<string>();
    for (const b of BUILTINS) {
      const { records, names } = run(b.source);
      const ids = new Set<string>();
      for (const r of records) {
        const qs = questionsFor(r, names);
        for (const q of allQuestionsFor(r, names)) expect(q.choices.length, `${b.name} line ${r.line}`).toBeLessThanOrEqual(MAX_CHOICES);
        expect(qs.length, `${b.name} line ${r.line}`).toBeLessThanOrEqual(MAX_QUESTIONS_PER_STEP);
        if (r.kind === 'assert' || r.kind === 'assign') expect(qs).toEqual([]);
        if (r.kind === 'call' && r.error === undefined) expect(kind(qs, 'kr'), `${b.name} line ${r.line}`).toBeDefined();
        for (const q of allQuestionsFor(r, names)) {
          const where = `${b.name} line ${r.line}: ${q.prompt}`;
          asked++;
          kinds.add(q.id.slice(q.id.lastIndexOf(':') + 1));
          expect(ids.has(q.id), where).toBe(false);
          ids.add(q.id);
          expect(q.choices.length, where).toBeGreaterThanOrEqual(2);
          expect(new Set(q.choices.map((c) => c.id)).size, where).toBe(q.choices.length);
          expect(q.choices.map((c) => c.id), where).toContain(q.answer);
          expect(q.why.length, where).toBeGreaterThan(10);
          if (q.id.endsWith(':kr')) {
            expect(q.choices, where).toHaveLength(4);
            const sorted = q.choices.map((c) => c.id).sort((a, z) => (a < z ? -1 : a > z ? 1 : 0));
            expect(q.choices.map((c) => c.id), where).toEqual(sorted);
            for (const c of q.choices) if (c.id !== q.answer) expect(KR_CHOICES as readonly string[], where).toContain(c.id);
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(100);
    expect([...kinds].sort()).toEqual(['cow', 'frame', 'kr', 'object', 'tlb']);
  });
});

describe('the machine before the step decides what a choice may name', () => {
  it("fork_copy: the child's write offers object 1 and \"a new shadow object\", never object 2, which the write makes", () => {
    const { steps, names } = withBefore('fork_copy');
    const { record, before } = at(steps, 'kr = write(C, x, "child data!")');
    expect(before.objects.map((o) => o.id)).toEqual([1]); // object 2 does not exist yet
    const object = kind(allQuestionsFor(record, names, before), 'object')!;
    expect(object.choices).toEqual([
      { id: '1', label: 'object 1' },
      { id: '2', label: 'a new shadow object' },
    ]);
    expect(object.answer).toBe('2');
  });
});

describe('the frame question', () => {
  it("fork_copy: the child's copy-on-write write lands in a new frame; its read of a page it shares stays in the parent's frame", () => {
    const { steps, names } = withBefore('fork_copy');
    const write = at(steps, 'kr = write(C, x, "child data!")');
    const cow = write.record.events.find((e) => e.type === 'cow_copy');
    if (cow?.type !== 'cow_copy') throw new Error('the child write copies');
    const frame = kind(allQuestionsFor(write.record, names, write.before), 'frame')!;
    expect(frame.prompt).toBe("After task C's write, which frame will the page be in?");
    // the frame the page is copied from exists; the one it is copied into does not yet: "a new frame"
    expect(frame.choices).toEqual([
      { id: String(cow.fromFrame), label: `frame ${cow.fromFrame}` },
      { id: NEW_FRAME, label: 'a new frame' },
    ]);
    expect(frame.answer).toBe(NEW_FRAME);
    expect(frame.why).toBe(`A new frame (frame ${cow.frame}): the write may not change the page in frame ${cow.fromFrame}, which others still see, so it is copied into a frame of its own for object ${cow.to}.`);

    const read = at(steps, 'kr = read(C, x + 0x1000, 8, &v)');
    const q = kind(allQuestionsFor(read.record, names, read.before), 'frame')!;
    // the page is the parent's frame 1; frame 3 (the child's own copy of its first page) tempts
    expect(q.choices.map((c) => c.label)).toEqual(['frame 1', `frame ${cow.frame}`, 'a new frame']);
    expect(q.answer).toBe('1');
    expect(q.why).toBe('Frame 1: the page is already in memory, in frame 1; the fault only maps it, nothing is copied.');
  });

  it('tlb_basics: a hit stays in its frame, a refill after an eviction too; an access across two pages asks no frame', () => {
    const { steps, names } = withBefore('tlb_basics');
    const hit = at(steps, 'kr = read(A, x, 2, &v)');
    const q = kind(allQuestionsFor(hit.record, names, hit.before), 'frame')!;
    expect(q.answer).toBe('0');
    expect(q.choices.map((c) => c.id)).toEqual(['0', NEW_FRAME]);
    expect(q.why).toBe("Frame 0: the TLB already maps task A's page to frame 0; the read uses it where it is.");

    const refill = at(steps, 'kr = read(A, x, 1, &v)', 0);
    const r = kind(allQuestionsFor(refill.record, names, refill.before), 'frame')!;
    expect(r.answer).toBe('0');
    expect(r.choices.map((c) => c.label)).toEqual(['frame 0', 'frame 1', 'frame 2', 'a new frame']);
    expect(r.why).toBe('Frame 0: the pmap still maps the page to frame 0; the TLB is refilled from it and nothing moves.');

    const across = at(steps, 'kr = read(A, x + 0xFFE, 4, &v)');
    expect(kind(allQuestionsFor(across.record, names, across.before), 'frame')).toBeUndefined();
  });

  it("pageout_pagein: a page read back from swap is in a new frame, and the frame freed for it is not offered as an old one", () => {
    const { steps, names } = withBefore('pageout_pagein');
    const { record, before } = at(steps, 'kr = read(A, x, 6, &v)');
    const out = record.events.find((e) => e.type === 'pageout');
    const supply = record.events.find((e) => e.type === 'memory_object_data_supply');
    if (out?.type !== 'pageout' || supply?.type !== 'memory_object_data_supply') throw new Error('the read pages out, then in');
    expect(out.frame).toBe(supply.frame); // the frame is reused...
    expect(before.frameOwner[out.frame]).not.toBe(0); // ...and held another page before the step
    const q = kind(allQuestionsFor(record, names, before), 'frame')!;
    expect(q.answer).toBe(NEW_FRAME);
    expect(q.choices.map((c) => c.id)).not.toContain(String(out.frame));
    expect(q.choices.at(-1)).toEqual({ id: NEW_FRAME, label: 'a new frame' });
    expect(q.choices).toHaveLength(MAX_CHOICES);
    expect(q.why).toBe(`A new frame (frame ${out.frame}): the page is not in memory: the default pager reads it back from swap into a frame. No frame was free: frame ${out.frame} was freed for it by paging out page ${'0x' + out.offset.toString(16)} of object ${out.object}.`);
  });
});

describe('the TLB question', () => {
  it('tlb_basics: the first access misses, the next one hits; after an eviction it misses and refills without a fault; after the shootdown it misses and faults', () => {
    const { steps, names } = withBefore('tlb_basics');
    const tlb = (text: string, nth = 0) => {
      const s = at(steps, text, nth);
      return kind(questionsFor(s.record, names, s.before), 'tlb')!;
    };
    const first = tlb('kr = write(A, x, "hi")');
    expect(first.prompt).toBe("Will task A's write hit in the TLB?");
    expect(first.choices).toEqual([{ id: 'no', label: 'No' }, { id: 'yes', label: 'Yes' }]);
    expect(first.answer).toBe('no');
    expect(tlb('kr = read(A, x, 2, &v)').answer).toBe('yes');
    const evicted = tlb('kr = read(A, x, 1, &v)');
    expect(evicted.answer).toBe('no');
    expect(evicted.why).toContain('refilled without a fault');
    const shot = tlb('kr = write(A, x + 0x1000, "no")');
    expect(shot.answer).toBe('no');
    expect(shot.why).toContain('faults into vm_fault');
    // another task never hits the first task's entry (ASIDs)
    expect(tlb('kr = read(B, x, 2, &v)').answer).toBe('no');
    expect(tlb('kr = read(B, x, 2, &v)', 1).answer).toBe('yes');
  });
});
