/**
 * The statement's own line: what it did and its result code by name, with its meaning, told from
 * the step's data (the call's bound arguments, the statement's evaluated values), never its text.
 */
import { KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE, kernReturnName } from '../../kernel/kern_return';
import { hex, inheritName, VM_PROT_ALL } from '../../kernel/vm_param';
import type { StepRecord } from '../../scenario/interpreter';
import type { BoundArg, CallData } from '../../scenario/step_data';
import { formatValue, isCut, quoteBytes, type ShownValue } from '../../scenario/values';
import { explainKernReturn } from './codes';
import { page, size, type Ctx } from './context';
import type { Ev, NarrationLine } from './line';
import { plural, protWords } from './phrases';

/** The longest byte string quoted in a line; longer ones are told by their length. */
const QUOTED_BYTES = 40;

/** The value an out (or inout) argument received: the variable it names, as the step set it. */
function outValue(rec: StepRecord, arg: BoundArg | undefined): ShownValue | undefined {
  return arg?.variable != null ? rec.out[arg.variable] : undefined;
}

function outNumber(rec: StepRecord, arg: BoundArg | undefined): number | null {
  const v = outValue(rec, arg);
  return typeof v === 'number' ? v : null;
}

function num(arg: BoundArg | undefined): number | null {
  return typeof arg?.value === 'number' ? arg.value : null;
}

/** "task A": the name the task was written with, else the machine's name for its id. */
function taskArg(c: Ctx, arg: BoundArg | undefined): string {
  if (arg === undefined) return 'the task';
  if (arg.variable !== null) return `task ${arg.variable}`;
  return typeof arg.value === 'number' ? `task ${c.names.task(arg.value)}` : 'the task';
}

function shortBytes(v: ShownValue | undefined): string {
  if (v === undefined || typeof v === 'number' || isCut(v)) return '';
  return v.length <= QUOTED_BYTES ? `: ${quoteBytes(v)}` : '';
}

/** "\"hi\"" for a short string, "5,000 bytes" for a long one. */
function bytesWords(v: ShownValue | null | undefined, otherwise: string): string {
  if (v === null || v === undefined || typeof v === 'number') return otherwise;
  return v.length <= QUOTED_BYTES && !isCut(v) ? quoteBytes(v) : plural(v.length, 'byte');
}

/** " at 0x1010" (a fault gives the exact address) or " in page 0x1000" (the first TLB lookup), or "". */
function accessWhere(rec: StepRecord, c: Ctx): string {
  const first = rec.events.findIndex((e) => e.type === 'tlb_hit' || e.type === 'tlb_miss');
  if (first < 0) return '';
  const e = rec.events[first];
  const next = rec.events[first + 1];
  if (e.type === 'tlb_miss' && next !== undefined && next.type === 'fault_begin') return ` at ${hex(next.address)}`;
  return e.type === 'tlb_hit' || e.type === 'tlb_miss' ? ` in page ${page(c, e.vpn)}` : '';
}

function callSummary(rec: StepRecord, c: Ctx, call: CallData): string {
  const ev = rec.events;
  const a = call.args;
  const target = a.target_task ?? a.task;
  const task = taskArg(c, target);
  const targetId = num(target);
  const inserted = ev.filter((e): e is Ev<'entry_inserted'> => e.type === 'entry_inserted' && e.task === targetId).reduce((n, e) => n + (e.end - e.start), 0);
  switch (call.name) {
    case 'vm_allocate': {
      const addr = outNumber(rec, a.address) ?? 0;
      let bytes = inserted;
      const ext = ev.find((e): e is Ev<'entry_extended'> => e.type === 'entry_extended');
      if (bytes === 0 && ext !== undefined) bytes = ext.end - addr;
      if (bytes <= 0) return 'size 0, so nothing is allocated (the address is set to 0)';
      return `${size(c, bytes)} at ${hex(addr)} for ${task}`;
    }
    case 'vm_map': {
      const addr = outNumber(rec, a.address) ?? 0;
      const obj = a.memory_object;
      const anon = num(obj) === 0;
      const what = anon ? 'anonymous zero-fill memory' : `memory object ${obj?.variable ?? `port ${num(obj)}`}`;
      const how = anon ? '' : num(a.copy) !== 0 ? ', as a copy-on-write copy' : ', shared with its other mappers';
      return `${inserted > 0 ? `${size(c, inserted)} of ` : ''}${what} at ${hex(addr)} in ${task}${how}`;
    }
    case 'vm_remap': {
      const addr = outNumber(rec, a.target_address) ?? 0;
      const src = taskArg(c, a.src_task);
      const cur = outNumber(rec, a.cur_protection);
      const max = outNumber(rec, a.max_protection);
      const how = num(a.copy) !== 0 ? 'as a copy-on-write copy' : `shared with ${src}`;
      const prots = cur !== null && max !== null ? ` (${protWords(cur)}, max ${protWords(max)}: the AND over the source entries)` : '';
      return `${inserted > 0 ? `${size(c, inserted)} of ` : ''}${src}'s memory appear at ${hex(addr)} in ${task}, ${how}${prots}`;
    }
    case 'vm_protect': {
      const p = ev.find((e): e is Ev<'entry_protected'> => e.type === 'entry_protected');
      if (p === undefined) return `the protection of ${task}'s range is unchanged`;
      return num(a.set_maximum) !== 0 ? `${task}'s range now has maximum ${protWords(p.max)} (current ${protWords(p.prot)})` : `${task}'s range is now ${protWords(p.prot)}`;
    }
    case 'vm_inherit': {
      const h = ev.find((e): e is Ev<'entry_inherit'> => e.type === 'entry_inherit');
      return h !== undefined ? `${task}'s range now has inheritance ${inheritName(h.inheritance)}, used at its next fork` : `${task}'s inheritance is set`;
    }
    case 'vm_deallocate':
      return ev.some((e) => e.type === 'entry_removed') ? `the range is unmapped from ${task}` : 'nothing was mapped there (holes are ignored)';
    case 'vm_region': {
      const [addr, bytes, p, m, h, sh, o, off] = (['address', 'size', 'protection', 'max_protection', 'inheritance', 'shared', 'object_name', 'offset'] as const).map((k) => outNumber(rec, a[k]));
      if (addr === null || bytes === null) return `${task}'s region`;
      const obj = o !== null && o !== 0 ? `, object ${o} at offset ${hex(off ?? 0)}` : ', no object yet';
      return `${task}'s region at ${hex(addr)} is ${size(c, bytes)}, ${protWords(p ?? 0)} (max ${protWords(m ?? 0)}), inheritance ${inheritName(h ?? 1)}${obj}${sh === 1 ? ', shared' : ''}`;
    }
    case 'vm_read': {
      const d = outValue(rec, a.data);
      const n = d !== undefined && typeof d !== 'number' ? d.length : 0;
      return `${plural(n, 'byte')} copied out of ${task}${shortBytes(d)}`;
    }
    case 'vm_write':
      return `${bytesWords(a.data?.value, 'the bytes')} is written into ${task}`;
    case 'vm_copy':
      return `the range is copied within ${task}`;
    case 'task_terminate':
      return `${task} is terminated and its whole address space deallocated`;
    case 'read': {
      const d = outValue(rec, a.result);
      const n = d !== undefined && typeof d !== 'number' ? d.length : 0;
      return `${task} read ${plural(n, 'byte')}${accessWhere(rec, c)}${shortBytes(d)}`;
    }
    case 'write':
      return `${task} stored ${bytesWords(a.data?.value, 'its bytes')}${accessWhere(rec, c)}`;
    case 'exec': {
      const at = num(a.address);
      return `${task} fetched an instruction${accessWhere(rec, c) || (at !== null ? ` at ${hex(at)}` : '')}`;
    }
  }
}

/** xnu copies a transfer of at most this many bytes through a kernel buffer (msg_ool_size_small). */
const XNU_SMALL_TRANSFER = 16 * 1024;

/**
 * For a vm_read / vm_write / vm_copy that found a hole or a page without the access: the simulator
 * answers as the seeds do (INVALID_ADDRESS / PROTECTION_FAILURE), while real xnu copies a small
 * transfer through a kernel buffer and answers KERN_INVALID_ADDRESS for both. Read from the
 * call's bound arguments (the size, or vm_write's data); null when the note does not apply.
 */
export function xnuTransferNote(rec: StepRecord): NarrationLine | null {
  const call = rec.call;
  const kr = rec.kr;
  if (call === null || (kr !== KERN_INVALID_ADDRESS && kr !== KERN_PROTECTION_FAILURE)) return null;
  let bytes: number | null = null;
  if (call.name === 'vm_read' || call.name === 'vm_copy') bytes = num(call.args.size);
  else if (call.name === 'vm_write') {
    const d = call.args.data?.value;
    bytes = d !== undefined && d !== null && typeof d !== 'number' ? d.length : null;
  }
  if (bytes === null || bytes <= 0 || bytes > XNU_SMALL_TRANSFER) return null;
  const why = `it copies a transfer of 16 KiB or less (this one: ${plural(bytes, 'byte')}) through a kernel buffer`;
  return {
    text: kr === KERN_PROTECTION_FAILURE
      ? `Real xnu would answer KERN_INVALID_ADDRESS here: ${why}, and reports any problem that way.`
      : `Real xnu answers the same here, and also for a page without the access: ${why}.`,
    tone: 'info',
  };
}

/** The first line of a step, or null when the statement stopped before doing anything worth a line (its error is told instead). */
export function headerLine(rec: StepRecord, c: Ctx): NarrationLine | null {
  const s = rec.statement;
  switch (s.kind) {
    case 'config':
      return { text: `The machine is configured: ${s.settings.map(({ key, value }) => `${key}=${value}`).join(' ')}.`, why: 'These settings hold for the whole scenario.', tone: 'info' };
    case 'fork':
      if (rec.kr === null) return null;
      return {
        text: `fork returned ${kernReturnName(rec.kr)}: task ${s.child} is a child of task ${s.parent}.`,
        why: rec.kr === 0 ? 'Nothing is copied now: the child gets its memory by each entry\'s inheritance.' : explainKernReturn(rec.kr, 'fork'),
        tone: rec.kr === 0 ? 'success' : 'warning',
      };
    case 'task':
      return s.id === null ? null : { text: `Task ${s.name} is created.`, tone: 'info' };
    case 'object': {
      if (s.port === null || s.size === null) return null;
      const max = s.max !== null && s.max !== VM_PROT_ALL ? `, and it may be mapped ${protWords(s.max)} at most` : '';
      return {
        text: `Memory object ${s.name} is declared: ${hex(s.size)} bytes served by its own pager, like a file${max}.`,
        why: s.failInit ? 'Its pager will refuse memory_object_init, so mapping it fails.' : 'Nothing is mapped yet: vm_map maps it into a task.',
        tone: 'info',
      };
    }
    case 'assign':
      return s.value === null || rec.error !== undefined ? null : { text: `${s.name} is set to ${formatValue(s.value)}.`, tone: 'info' };
    case 'assert': {
      if (s.held === null) return null; // a runtime error: told below
      if (s.held) return { text: `assert held: ${s.expression}`, tone: 'success' };
      return {
        text: rec.error?.message ?? `assert failed: ${s.expression}: left is ${formatValue(s.left!, s.codes)}, right is ${formatValue(s.right!, s.codes)}`,
        why: 'The scenario stops here.',
        tone: 'error',
      };
    }
    case 'call': {
      if (rec.call === null || rec.kr === null) return null;
      const kr = rec.kr;
      if (kr !== 0) return { text: `${s.name} returned ${explainKernReturn(kr, s.name)}.`, tone: 'warning' };
      return { text: `${s.name} returned KERN_SUCCESS: ${callSummary(rec, c, rec.call)}.`, tone: 'success' };
    }
  }
}
