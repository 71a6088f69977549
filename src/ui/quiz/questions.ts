/**
 * Quiz questions about a step before it is revealed: what the call will return, whether the TLB
 * will hit, which object the written page will be in, which frame the page will be in after the
 * access, whether the write needs a copy-on-write fault. Every question is derived from the step's
 * own record (its kr and its events), so the answer is what the simulator really did.
 *
 * A choice never names what does not exist yet when the question is asked: an object or a frame
 * is named by its number only if the machine before the step (its snapshot, `before`) has it;
 * one the step makes is "a new shadow object", "a new frame". Without a snapshot, the step's own
 * object_created / frame_allocated events tell what is new.
 *
 * Choices come in a fixed order (sorted, never shuffled), so a test, a lecturer and every student
 * in the room see the same list; at most MAX_CHOICES (the room answers with the keys A–D). Pure
 * TypeScript (no React): the panels render, the tests read.
 */
import type { KernelEvent, KernelEventType } from '../../kernel/events';
import { kernReturnName } from '../../kernel/kern_return';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { hex } from '../../kernel/vm_param';
import type { StepRecord } from '../../scenario/interpreter';
import { showCall } from '../../scenario/step_data';
import { explainKernReturn } from '../narration/codes';
import { opsOf, subtree } from '../narration/ops';

export interface Choice {
  id: string;
  label: string;
}

export interface Question {
  /** Unique across a scenario: "<statement index>:<kind>", e.g. "15:kr". */
  id: string;
  prompt: string;
  choices: Choice[];
  /** The id of the right choice. */
  answer: string;
  /** Why the answer is right, in the narration's words. */
  why: string;
}

export interface QuizNames {
  /** A task's scenario name, e.g. 1 → "A". */
  task(id: number): string;
}

/** The most questions asked about one step. */
export const MAX_QUESTIONS_PER_STEP = 3;

/** The most choices a question offers: the room answers with the keys A–D. */
export const MAX_CHOICES = 4;

/** The id of the choice "a new frame" (the frame question's other choices are frame numbers). */
export const NEW_FRAME = 'new';

/** The machine before the step, when known: what exists, so that choices never name what does not. */
export type MachineBefore = MachineSnapshot | null;

/** Task names for the questions: the machine's (`taskNames`), and the tasks the step itself makes (a fork's child is named before it is revealed). */
export function quizNames(record: StepRecord | null, taskNames: Readonly<Record<number, string>>): QuizNames {
  const known = new Map<number, string>();
  for (const e of record?.events ?? []) if (e.type === 'task_created') known.set(e.task, e.name);
  return { task: (id) => known.get(id) ?? taskNames[id] ?? `#${id}` };
}

/** The result codes offered as answers: the ones the simulator's calls commonly return. */
export const KR_CHOICES = [
  'KERN_SUCCESS',
  'KERN_INVALID_ADDRESS',
  'KERN_PROTECTION_FAILURE',
  'KERN_NO_SPACE',
  'KERN_INVALID_ARGUMENT',
  'KERN_INVALID_OBJECT',
] as const;

/**
 * For each call, the wrong answers worth offering, the most tempting first. The real code is
 * always offered; three of these (not the real one) join it. Calls not listed use KR_CHOICES' order.
 */
const PLAUSIBLE: Readonly<Record<string, readonly string[]>> = {
  read: ['KERN_SUCCESS', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  write: ['KERN_SUCCESS', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  exec: ['KERN_SUCCESS', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  vm_read: ['KERN_SUCCESS', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  vm_write: ['KERN_SUCCESS', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  vm_copy: ['KERN_SUCCESS', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  vm_allocate: ['KERN_SUCCESS', 'KERN_NO_SPACE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  vm_map: ['KERN_SUCCESS', 'KERN_NO_SPACE', 'KERN_INVALID_OBJECT', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ARGUMENT'],
  vm_remap: ['KERN_SUCCESS', 'KERN_NO_SPACE', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  vm_protect: ['KERN_SUCCESS', 'KERN_PROTECTION_FAILURE', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT'],
  vm_inherit: ['KERN_SUCCESS', 'KERN_INVALID_ARGUMENT', 'KERN_INVALID_ADDRESS', 'KERN_NO_SPACE'],
  vm_deallocate: ['KERN_SUCCESS', 'KERN_INVALID_ARGUMENT', 'KERN_INVALID_ADDRESS', 'KERN_NO_SPACE'],
  vm_region: ['KERN_SUCCESS', 'KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT', 'KERN_NO_SPACE'],
  task_terminate: ['KERN_SUCCESS', 'KERN_INVALID_ARGUMENT', 'KERN_INVALID_ADDRESS', 'KERN_NO_SPACE'],
  fork: ['KERN_SUCCESS', 'KERN_INVALID_ARGUMENT', 'KERN_NO_SPACE', 'KERN_INVALID_ADDRESS'],
};

const YES_NO: Choice[] = [
  { id: 'no', label: 'No' },
  { id: 'yes', label: 'Yes' },
];

type Ev<T extends KernelEventType> = Extract<KernelEvent, { type: T }>;

/** The call a statement makes, as the student reads it: "write(C, x, "hi")", or null (not a call). */
function callOf(record: StepRecord): { name: string; shown: string } | null {
  if (record.kr === null) return null;
  if (record.call !== null) return { name: record.call.name, shown: showCall(record.call) };
  if (record.statement.kind === 'fork') return { name: 'fork', shown: `fork(${record.statement.parent})` };
  return null;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** (a) "What will vm_allocate(A, &x, 0x1000, TRUE) return?" */
function krQuestion(record: StepRecord, call: { name: string; shown: string }): Question {
  const kr = record.kr!;
  const real = kernReturnName(kr);
  const order = [...(PLAUSIBLE[call.name] ?? []), ...KR_CHOICES];
  const others = [...new Set(order)].filter((n) => n !== real).slice(0, 3);
  const names = [real, ...others].sort(byName);
  return {
    id: `${record.index}:kr`,
    prompt: `What will ${call.shown} return?`,
    choices: names.map((n) => ({ id: n, label: n })),
    answer: real,
    why: `${explainKernReturn(kr, call.name)}.`,
  };
}

function accessNoun(call: string): string {
  return call === 'write' ? 'write' : call === 'exec' ? 'instruction fetch' : 'read';
}

function accessRight(call: string): string {
  return call === 'write' ? 'writing' : call === 'exec' ? 'execution' : 'reading';
}

/** (b) "Will task A's read hit in the TLB?", from the first TLB lookup of the access. */
function tlbQuestion(record: StepRecord, call: string, names: QuizNames): Question | null {
  const i = record.events.findIndex((e) => e.type === 'tlb_hit' || e.type === 'tlb_miss');
  if (i < 0) return null;
  const e = record.events[i] as Ev<'tlb_hit'> | Ev<'tlb_miss'>;
  const task = `task ${names.task(e.task)}`;
  const noun = accessNoun(call);
  let why: string;
  if (e.type === 'tlb_hit') {
    why = `Yes: ${task}'s TLB still holds a translation of this page (vpn ${hex(e.vpn)} → frame ${e.frame}) that allows ${accessRight(call)}, loaded by an earlier access. No page-table walk, no fault.`;
  } else {
    const faulted = record.events.some((x) => x.type === 'fault_begin' && x.parentOp === e.op); // its trap took a fault
    const then = faulted
      ? 'The pmap has no mapping that allows it either, so the access faults into vm_fault.'
      : 'The pmap has a mapping that allows it, so the TLB is refilled without a fault.';
    why = `No: ${task}'s TLB has no translation of this page (vpn ${hex(e.vpn)}) that allows ${accessRight(call)}: never loaded, shot down, or only for a weaker access. ${then}`;
  }
  return {
    id: `${record.index}:tlb`,
    prompt: `Will ${task}'s ${noun} hit in the TLB?`,
    choices: YES_NO,
    answer: e.type === 'tlb_hit' ? 'yes' : 'no',
    why,
  };
}

/** The end of the step's first fault, if it ended with a page (fault_end with KERN_SUCCESS). */
function firstGoodFault(events: readonly KernelEvent[]): { end: Ev<'fault_end'> } | null {
  const e = events.find((x): x is Ev<'fault_end'> => x.type === 'fault_end');
  return e !== undefined && e.kr === 0 && e.frame >= 0 ? { end: e } : null;
}

/** How a choice names an object the step itself creates. */
const NEW_OBJECT: Readonly<Record<Ev<'object_created'>['reason'], string>> = {
  shadow: 'a new shadow object',
  anonymous: 'a new zero-fill object',
  copy_object: 'a new copy object',
  memory_object: 'a new object for the pager',
};

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Ordinals for telling apart new objects of one kind, in the order the step makes them (ids ascend). */
const ORDINAL = ['first', 'second', 'third', 'fourth'];

/**
 * "object 1" for an object the machine has before the step, "a new shadow object" for one the step
 * makes; two new objects of one kind: "a new shadow object (the first made)", "(the second made)".
 */
function objectChoices(ids: number[], isNew: (id: number) => boolean, created: ReadonlyMap<number, string>): Choice[] {
  const kindOf = (id: number) => created.get(id) ?? 'a new object';
  const fresh = ids.filter(isNew);
  return ids.map((id) => {
    if (!isNew(id)) return { id: String(id), label: `object ${id}` };
    const same = fresh.filter((o) => kindOf(o) === kindOf(id));
    const nth = same.indexOf(id);
    return { id: String(id), label: same.length < 2 ? kindOf(id) : `${kindOf(id)} (the ${ORDINAL[nth] ?? `#${nth + 1}`} made)` };
  });
}

/** At most MAX_CHOICES of `ids` (sorted), always with `answer`: the others nearest it, ties to the lower id. */
function fewest(ids: readonly number[], answer: number): number[] {
  if (ids.length <= MAX_CHOICES) return [...ids];
  const others = ids.filter((id) => id !== answer).sort((a, b) => Math.abs(a - answer) - Math.abs(b - answer) || a - b);
  return [answer, ...others.slice(0, MAX_CHOICES - 1)].sort((a, b) => a - b);
}

/** (c) "Which object will the written page be in?", for a write whose fault places the page. */
function objectQuestion(record: StepRecord, before: MachineBefore): Question | null {
  const fault = firstGoodFault(record.events);
  if (fault === null) return null;
  // what the fault did: the events of its operation and of those inside it
  const events = subtree(opsOf(record.events), fault.end.op).map((k) => record.events[k]).filter((e) => e.id < fault.end.id);
  // who owns each frame, event by event (a frame freed by a pageout is reused for another page)
  const owner = new Map<number, number>();
  const candidates = new Set<number>();
  let cow: Ev<'cow_copy'> | null = null;
  let zero: Ev<'zero_fill'> | null = null;
  let push: Ev<'copy_push'> | null = null;
  let supplied: Ev<'memory_object_data_supply'> | null = null;
  // objects this step creates: the student cannot know their ids yet, so they are named by what they are
  const created = new Map<number, string>();
  for (const e of record.events) if (e.type === 'object_created') created.set(e.object, NEW_OBJECT[e.reason]);
  for (const e of events) {
    switch (e.type) {
      case 'frame_allocated':
        owner.set(e.frame, e.object);
        candidates.add(e.object);
        break;
      case 'page_moved':
        owner.set(e.frame, e.to);
        break;
      case 'cow_copy':
        owner.set(e.frame, e.to);
        candidates.add(e.to).add(e.from);
        cow = e;
        break;
      case 'zero_fill':
        owner.set(e.frame, e.object);
        candidates.add(e.object);
        zero = e;
        break;
      case 'copy_push':
        owner.set(e.frame, e.copy);
        candidates.add(e.object).add(e.copy);
        push = e;
        break;
      case 'shadow_created':
        candidates.add(e.object).add(e.shadow);
        break;
      case 'memory_object_data_supply':
        owner.set(e.frame, e.object);
        candidates.add(e.object);
        supplied = e;
        break;
      default:
        break;
    }
  }
  // the page written is the fault's frame; a page already resident is the pushed page's object
  const landing = owner.get(fault.end.frame) ?? push?.object ?? null;
  if (landing === null) return null;
  candidates.add(landing);
  if (candidates.size < 2) return null; // one object only: nothing to choose
  const ids = fewest([...candidates].sort((a, b) => a - b), landing);
  // new: not in the machine before the step (or, without it, made by the step)
  const existing = before === null ? null : new Set(before.objects.map((o) => o.id));
  const isNew = (id: number) => (existing === null ? created.has(id) : !existing.has(id));
  let why: string;
  const named = (id: number) => (isNew(id) ? `${capitalized(created.get(id) ?? 'a new object')} (object ${id})` : `Object ${id}`);
  if (cow !== null && cow.to === landing) {
    why = `${named(landing)}. The page is found lower in the shadow chain, in object ${cow.from}, so the write copies it up into object ${landing}, the entry's top object. Object ${cow.from} keeps the old data for whoever else maps it.`;
  } else if (zero !== null && zero.object === landing) {
    why = `${named(landing)}. No object in the chain holds the page yet, so a zero-filled page is made in the entry's top object, object ${landing}, and the write lands there.`;
  } else if (push !== null && push.object === landing) {
    why = `${named(landing)}. The write changes the page where it is, in object ${landing}; first its old contents are pushed into copy object ${push.copy}, which keeps them for the copy's owner.`;
  } else if (supplied !== null && supplied.object === landing) {
    why = `${named(landing)}. Its pager supplies the page into object ${landing}, and the write changes it there.`;
  } else {
    why = `${named(landing)}: the page the write changes belongs to it.`;
  }
  return {
    id: `${record.index}:object`,
    prompt: 'Which object will the written page be in?',
    choices: objectChoices(ids, isNew, created),
    answer: String(landing),
    why,
  };
}

/** Frames the machine before the step holds a page in (frameOwner ≠ 0), or null without a snapshot. */
function framesInUse(before: MachineBefore): ((frame: number) => boolean) | null {
  if (before === null) return null;
  return (frame) => frame >= 0 && frame < before.frameOwner.length && before.frameOwner[frame] !== 0;
}

/**
 * (e) "Which frame will task C's page 0x1000 be in after the write?", for an access to one page that
 * succeeds. The answer is the frame the TLB holds for the page at the end of the access; it is "a
 * new frame" when the step took it from the free list (frame_allocated: a zero fill, a copy-up, a
 * page-in, perhaps after paging another page out). The other choices are frames that exist before
 * the step: those the step's events name for this page (where it was copied from, the mapping a
 * fault found), then the frames of the task's nearest other pages (its pmap before the step).
 */
function frameQuestion(record: StepRecord, call: string, names: QuizNames, before: MachineBefore): Question | null {
  const lookups = record.events.filter((e): e is Ev<'tlb_hit'> | Ev<'tlb_miss'> => e.type === 'tlb_hit' || e.type === 'tlb_miss');
  if (lookups.length === 0) return null;
  const { task, vpn } = lookups[0];
  if (lookups.some((e) => e.task !== task || e.vpn !== vpn)) return null; // an access across pages: no one frame to ask about
  const ofPage = (e: KernelEvent) => 'task' in e && 'vpn' in e && e.task === task && e.vpn === vpn;
  let frame = -1;
  for (const e of record.events) if ((e.type === 'tlb_hit' || e.type === 'tlb_fill') && ofPage(e)) frame = e.frame;
  if (frame < 0) return null;

  const allocated = new Set<number>();
  for (const e of record.events) if (e.type === 'frame_allocated') allocated.add(e.frame);
  const inUse = framesInUse(before);
  // a frame the room can name: it holds a page before the step, and the step does not hand it out again
  const existed = (f: number) => f >= 0 && !allocated.has(f) && (inUse === null || inUse(f));
  const fresh = !existed(frame);

  const named = new Set<number>();
  const name = (f: number) => {
    if (existed(f)) named.add(f);
  };
  for (const e of record.events) {
    if ((e.type === 'tlb_hit' || e.type === 'tlb_fill' || e.type === 'pmap_enter' || e.type === 'pmap_remove' || e.type === 'pmap_protect') && ofPage(e)) name(e.frame);
    else if (e.type === 'fault_end' && e.task === task) name(e.frame);
    else if (e.type === 'cow_copy' && e.task === task) name(e.fromFrame);
  }
  if (!fresh) named.add(frame);
  const pmap = before?.tasks.find((t) => t.id === task)?.pmap ?? [];
  const nearest = [...pmap].filter((m) => m.vpn !== vpn).sort((a, b) => Math.abs(a.vpn - vpn) - Math.abs(b.vpn - vpn) || a.vpn - b.vpn);
  for (const m of nearest) {
    if (named.size >= MAX_CHOICES - 1) break;
    name(m.frame);
  }
  // the step's own frames first, then the neighbours', in that order; the answer always kept
  const order = fresh ? [...named] : [frame, ...[...named].filter((f) => f !== frame)];
  const frames = order.slice(0, MAX_CHOICES - 1).sort((a, b) => a - b);
  const choices: Choice[] = [...frames.map((f) => ({ id: String(f), label: `frame ${f}` })), { id: NEW_FRAME, label: 'a new frame' }];
  if (choices.length < 2) return null; // only "a new frame": nothing to choose

  const hit = lookups[0].type === 'tlb_hit';
  const cow = record.events.find((e): e is Ev<'cow_copy'> => e.type === 'cow_copy' && e.task === task && e.frame === frame);
  const zero = record.events.find((e): e is Ev<'zero_fill'> => e.type === 'zero_fill' && e.frame === frame);
  const supplied = record.events.find((e): e is Ev<'memory_object_data_supply'> => e.type === 'memory_object_data_supply' && e.frame === frame);
  const push = record.events.find((e): e is Ev<'copy_push'> => e.type === 'copy_push');
  const evicted = record.events.find((e): e is Ev<'pageout'> => e.type === 'pageout' && e.frame === frame);
  const faulted = record.events.some((e) => e.type === 'fault_begin');
  const noun = accessNoun(call);
  let why: string;
  if (fresh) {
    const how =
      cow !== undefined
        ? `the ${noun} may not change the page in frame ${cow.fromFrame}, which others still see, so it is copied into a frame of its own for object ${cow.to}`
        : zero !== undefined
          ? 'no object in the chain holds the page yet, so a frame is zero-filled for it'
          : supplied !== undefined
            ? `the page is not in memory: ${supplied.pager === 'default pager' ? 'the default pager reads it back from swap' : `pager ${supplied.pager} reads it`} into a frame`
            : 'the page gets a frame it did not have';
    const freed = evicted !== undefined ? ` No frame was free: frame ${frame} was freed for it by paging out page ${hex(evicted.offset)} of object ${evicted.object}.` : '';
    why = `A new frame (frame ${frame}): ${how}.${freed}`;
  } else if (hit) {
    why = `Frame ${frame}: the TLB already maps task ${names.task(task)}'s page to frame ${frame}; the ${noun} uses it where it is.`;
  } else if (!faulted) {
    why = `Frame ${frame}: the pmap still maps the page to frame ${frame}; the TLB is refilled from it and nothing moves.`;
  } else if (push !== undefined) {
    why = `Frame ${frame}: the ${noun} changes the page where it is; its old contents are first pushed into a new frame of copy object ${push.copy}.`;
  } else {
    why = `Frame ${frame}: the page is already in memory, in frame ${frame}; the fault only maps it${call === 'write' ? '' : ', nothing is copied'}.`;
  }
  return {
    id: `${record.index}:frame`,
    prompt: `After task ${names.task(task)}'s ${noun}, which frame will the page be in?`,
    choices,
    answer: fresh ? NEW_FRAME : String(frame),
    why,
  };
}

/** (d) "Will this write need a copy-on-write fault?", for a write to a needs_copy entry. */
function cowQuestion(record: StepRecord): Question | null {
  const shadow = record.events.find((e): e is Ev<'shadow_created'> => e.type === 'shadow_created');
  const cleared = record.events.find((e): e is Ev<'needs_copy_cleared'> => e.type === 'needs_copy_cleared');
  if (shadow === undefined && cleared === undefined) return null;
  const cow = record.events.find((e): e is Ev<'cow_copy'> => e.type === 'cow_copy');
  let why: string;
  if (cow !== undefined) {
    why = `Yes: the entry is needs_copy and the page is in object ${cow.from}, shared with the other mapper. The write faults, ${shadow !== undefined ? `gets a private shadow (object ${shadow.object}), ` : ''}and the page is copied up into object ${cow.to} before it changes.`;
  } else if (shadow !== undefined) {
    why = `No: the entry is needs_copy, so the write gets a private shadow (object ${shadow.object}), but no object in the chain holds this page yet: it is zero-filled in the shadow, with nothing to copy.`;
  } else {
    why = `No: the entry is needs_copy, but nobody else can see its object ${cleared!.object} any more, so the kernel just clears needs_copy and writes in place, with nothing to copy.`;
  }
  return {
    id: `${record.index}:cow`,
    prompt: 'Will this write need a copy-on-write fault?',
    choices: YES_NO,
    answer: cow !== undefined ? 'yes' : 'no',
    why,
  };
}

/** The order the questions are shown in: the order things happen during the access. */
const SHOWN: readonly string[] = ['kr', 'tlb', 'object', 'frame', 'cow'];
/**
 * The order they are kept in when a step has more than MAX_QUESTIONS_PER_STEP: the TLB question
 * goes first, since a copy-on-write fault always starts with a TLB miss; the frame question before
 * it (where the page lands, or that it stays put, says more than the miss that leads there).
 */
const KEPT: readonly string[] = ['kr', 'cow', 'object', 'frame', 'tlb'];

function kindOf(q: Question): string {
  return q.id.slice(q.id.lastIndexOf(':') + 1);
}

/**
 * Every question the step allows, in the order shown, with no limit on their number. `before`:
 * the machine before the step (the snapshot at the cursor when the cursor is at the step), so
 * that no choice names an object or a frame it does not have yet.
 */
export function allQuestionsFor(record: StepRecord, names: QuizNames, before: MachineBefore = null): Question[] {
  if (record.error !== undefined) return [];
  const call = callOf(record);
  if (call === null) return []; // asserts, assignments, declarations
  const out: Question[] = [krQuestion(record, call)];
  const access = call.name === 'read' || call.name === 'write' || call.name === 'exec';
  if (access) {
    const tlb = tlbQuestion(record, call.name, names);
    if (tlb !== null) out.push(tlb);
  }
  if (call.name === 'write' && record.kr === 0) {
    const object = objectQuestion(record, before);
    if (object !== null) out.push(object);
  }
  if (access && record.kr === 0) {
    const frame = frameQuestion(record, call.name, names, before);
    if (frame !== null) out.push(frame);
  }
  if (call.name === 'write') {
    const cow = cowQuestion(record);
    if (cow !== null) out.push(cow);
  }
  return out;
}

/** The questions about a step, at most MAX_QUESTIONS_PER_STEP, in the order shown. None for asserts and assignments. */
export function questionsFor(record: StepRecord, names: QuizNames, before: MachineBefore = null): Question[] {
  const all = allQuestionsFor(record, names, before);
  if (all.length <= MAX_QUESTIONS_PER_STEP) return all;
  const kept = new Set([...all].sort((a, b) => KEPT.indexOf(kindOf(a)) - KEPT.indexOf(kindOf(b))).slice(0, MAX_QUESTIONS_PER_STEP));
  return all.filter((q) => kept.has(q)).sort((a, b) => SHOWN.indexOf(kindOf(a)) - SHOWN.indexOf(kindOf(b)));
}
