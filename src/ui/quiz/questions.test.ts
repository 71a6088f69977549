import { describe, expect, it } from 'vitest';
import { loadBuiltins } from '../../scenario/builtins_node';
import { kernReturnName } from '../../kernel/kern_return';
import { Interpreter, type StepRecord } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { allQuestionsFor, KR_CHOICES, MAX_QUESTIONS_PER_STEP, questionsFor, type Question, type QuizNames } from './questions';

const BUILTINS = loadBuiltins();

function run(source: string): { records: StepRecord[]; names: QuizNames } {
  const records = new Interpreter(parseOrThrow(source)).runAll();
  const known = new Map<number, string>();
  for (const r of records) for (const e of r.events) if (e.type === 'task_created') known.set(e.task, e.name);
  return { records, names: { task: (id) => known.get(id) ?? `#${id}` } };
}

function builtin(name: string) {
  const b = BUILTINS.find((x) => x.name === name);
  if (b === undefined) throw new Error(`no built-in ${name}`);
  return run(b.source);
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
    expect(all.map((q) => q.id)).toEqual([`${write.index}:kr`, `${write.index}:tlb`, `${write.index}:object`, `${write.index}:cow`]);

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

  it("fork_copy: a read asks the result and the TLB; the parent's zero-fill write has only one object, so no object question", () => {
    const { records, names } = builtin('fork_copy');
    const read = step(records, 'kr = read(C, x, 11, &v)');
    expect(questionsFor(read, names).map((q) => q.id)).toEqual([`${read.index}:kr`, `${read.index}:tlb`]);
    expect(kind(questionsFor(read, names), 'tlb')!.prompt).toBe("Will task C's read hit in the TLB?");

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

  it("every built-in: each answer is what the step did, as the machine's own counters and queries tell it", () => {
    // the answers come from the step's events; these checks come from elsewhere: the result
    // variable, the task's TLB-hit and copy-on-write counters, and object_of after the step
    const query = (interp: Interpreter, text: string) => {
      const s = parseOrThrow(`q = ${text}\n`).lines[0].statement;
      if (s?.kind !== 'assign') throw new Error(text);
      return interp.eval(s.value) as number;
    };
    let checked = 0;
    for (const b of BUILTINS) {
      const interp = new Interpreter(parseOrThrow(b.source));
      const known = new Map<number, string>();
      const names = { task: (id: number) => known.get(id) ?? `#${id}` };
      while (!interp.done) {
        const access = interp.statements.at(interp.position)!;
        const task = access.kind === 'call' && (access.call === 'read' || access.call === 'write' || access.call === 'exec') ? (access.args[0] as { expr: { name: string } }).expr.name : null;
        const before = task !== null && interp.tasks.has(task) ? { hits: query(interp, `tlb_hits(${task})`), cow: query(interp, `cow_faults(${task})`) } : null;
        const r = interp.step();
        for (const e of r.events) if (e.type === 'task_created') known.set(e.task, e.name);
        const where = `${b.name} line ${r.line}`;
        for (const q of allQuestionsFor(r, names)) {
          checked++;
          const kindOf = q.id.slice(q.id.lastIndexOf(':') + 1);
          if (kindOf === 'kr') expect(q.answer, where).toBe(kernReturnName(interp.vars.get('kr') as number));
          if (kindOf === 'tlb') expect(q.answer, where).toBe(query(interp, `tlb_hits(${task})`) > before!.hits ? 'yes' : 'no');
          if (kindOf === 'cow') expect(q.answer, where).toBe(query(interp, `cow_faults(${task})`) > before!.cow ? 'yes' : 'no');
          if (kindOf === 'object') {
            const address = r.call!.args.address.value as number;
            expect(q.answer, where).toBe(String(query(interp, `object_of(${task}, ${address})`)));
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('every built-in: no choice names an object by an id it does not have yet', () => {
    for (const b of BUILTINS) {
      const interp = new Interpreter(parseOrThrow(b.source));
      const known = new Map<number, string>();
      const names = { task: (id: number) => known.get(id) ?? `#${id}` };
      const objects = new Set<number>(); // every object some earlier step created
      while (!interp.done) {
        const r = interp.step();
        for (const e of r.events) if (e.type === 'task_created') known.set(e.task, e.name);
        for (const q of allQuestionsFor(r, names)) {
          for (const c of q.choices) {
            const m = /^object (\d+)$/.exec(c.label);
            if (m !== null) expect(objects.has(Number(m[1])), `${b.name} line ${r.line}: ${c.label}`).toBe(true);
          }
        }
        for (const e of r.events) if (e.type === 'object_created') objects.add(e.object);
      }
    }
  });

  it('every question of every built-in: its answer among its choices, unique choice ids, at most 3 a step, unique ids', () => {
    let asked = 0;
    const kinds = new Set<string>();
    for (const b of BUILTINS) {
      const { records, names } = run(b.source);
      const ids = new Set<string>();
      for (const r of records) {
        const qs = questionsFor(r, names);
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
    expect([...kinds].sort()).toEqual(['cow', 'kr', 'object', 'tlb']);
  });
});
