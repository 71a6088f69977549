/**
 * The scenario interpreter: runs a parsed Program on a Kernel one statement at a time, recording
 * for each what it returned, what it wrote to variables and which kernel events it caused.
 * Deterministic: replaying the same program gives the same records, which is how the UI travels
 * in time. Runtime errors (an unset variable, a failed assert, a wrong type) stop the run and name
 * the line; memory exceptions of read/write/exec are results, not errors.
 */
import type { Arg, Expr, Pos, Program, Statement } from './ast';
import { statementsOf } from './ast';
import { CONSTANTS, PAGE_SIZE_CONSTANT, CALLS } from './language';
import { binaryOp, bytesEqual, describeType, formatValue, unaryOp, type Value } from './values';
import { printStatement, printExpr } from './printer';
import { Kernel, DEFAULT_CONFIG, type KernelConfig } from '../kernel/kernel';
import type { KernelEvent } from '../kernel/events';
import type { TraceBuffer } from '../kernel/events';
import * as vm from '../kernel/vm_user';
import { vm_remap } from '../kernel/vm_remap';
import { isValidProt, VM_PROT_ALL } from '../kernel/vm_param';

export class ScenarioRuntimeError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

export interface StepRecord {
  /** Index of the statement in the program (0-based). */
  index: number;
  line: number;
  text: string;
  kind: Statement['kind'];
  /** The call's kern_return_t, or null for statements that are not calls. */
  kr: number | null;
  /** Variables the statement set, with their new values. */
  out: Record<string, Value>;
  events: KernelEvent[];
  /** For asserts: the two sides. */
  assert?: { left: Value; right: Value; held: boolean };
  error?: { message: string; line: number; col: number };
}

/** The most bytes one read / vm_read / vm_copy may move. */
export const MAX_TRANSFER = 16 * 1024 * 1024;

/** The largest object a scenario may declare: its pager keeps every byte. */
export const MAX_OBJECT_SIZE = 64 * 1024 * 1024;

export function configOf(program: Program): KernelConfig {
  const c: KernelConfig = { ...DEFAULT_CONFIG };
  let waysSet = false;
  for (const s of statementsOf(program)) {
    if (s.kind !== 'config') continue;
    for (const { key, value } of s.settings) {
      if (key === 'page_size') c.pageSize = value;
      else if (key === 'frames') c.frames = value;
      else if (key === 'tlb_entries') c.tlbEntries = value;
      else if (key === 'tlb_ways') {
        c.tlbWays = value;
        waysSet = true;
      } else if (key === 'address_bits') c.addressBits = value;
    }
  }
  if (!waysSet) c.tlbWays = Math.min(DEFAULT_CONFIG.tlbWays, c.tlbEntries);
  return c;
}

export class Interpreter {
  readonly kernel: Kernel;
  readonly statements: Statement[];
  readonly vars = new Map<string, Value>();
  readonly tasks = new Map<string, number>();
  readonly objects = new Map<string, number>();
  private pc = 0;
  private failed = false;
  private readonly trace: TraceBuffer | null;

  constructor(program: Program, options: { trace?: boolean } = {}) {
    this.statements = statementsOf(program);
    this.kernel = new Kernel(configOf(program));
    this.trace = options.trace === false ? null : this.kernel.startTrace();
  }

  /** Statements run so far. */
  get position(): number {
    return this.pc;
  }

  get done(): boolean {
    return this.failed || this.pc >= this.statements.length;
  }

  /** Runs the next statement. After an error the interpreter stays stopped. */
  step(): StepRecord {
    if (this.done) throw new Error('the scenario has no statement left to run (check done before step)');
    const s = this.statements[this.pc];
    const rec: StepRecord = { index: this.pc, line: s.pos.line, text: printStatement(s), kind: s.kind, kr: null, out: {}, events: [] };
    this.pc++;
    try {
      this.execute(s, rec);
    } catch (e) {
      if (!(e instanceof ScenarioRuntimeError)) throw e;
      this.failed = true;
      rec.error = { message: e.message, line: e.pos.line, col: e.pos.col };
    }
    if (this.trace !== null) rec.events = this.trace.take();
    return rec;
  }

  /** Runs every remaining statement, stopping at the first error. */
  runAll(): StepRecord[] {
    const out: StepRecord[] = [];
    while (!this.done) out.push(this.step());
    return out;
  }

  private execute(s: Statement, rec: StepRecord): void {
    switch (s.kind) {
      case 'config':
        return;
      case 'task': {
        this.declare(s.name, s.pos);
        if (s.fork !== null) {
          const child = this.kernel.fork(this.taskId(s.fork.parent, s.fork.pos), s.name);
          if (child === null) throw new ScenarioRuntimeError(`cannot fork ${s.fork.parent}: it was terminated`, s.fork.pos);
          this.tasks.set(s.name, child.id);
          rec.kr = 0;
          this.setVar('kr', 0, s.pos);
          rec.out.kr = 0;
          return;
        }
        this.tasks.set(s.name, this.kernel.createTask(s.name).id);
        return;
      }
      case 'object':
        return this.declareObject(s);
      case 'assign': {
        const v = this.eval(s.value);
        this.setVar(s.name, v, s.pos);
        rec.out[s.name] = v;
        return;
      }
      case 'assert':
        return this.assertion(s, rec);
      case 'call':
        return this.call(s, rec);
    }
  }

  private declare(name: string, pos: Pos): void {
    if (this.tasks.has(name)) throw new ScenarioRuntimeError(`${name} is already a task`, pos);
    if (this.objects.has(name)) throw new ScenarioRuntimeError(`${name} is already an object`, pos);
    if (this.vars.has(name)) throw new ScenarioRuntimeError(`${name} is already a variable`, pos);
  }

  private declareObject(s: Extract<Statement, { kind: 'object' }>): void {
    this.declare(s.name, s.pos);
    const size = this.int(s.size, 'size');
    if (size <= 0 || size > MAX_OBJECT_SIZE)
      throw new ScenarioRuntimeError(`object size must be between 1 and ${MAX_OBJECT_SIZE} (64 MiB), not ${formatValue(size)}`, s.size.pos);
    let data: Uint8Array = new Uint8Array(0);
    if (s.data !== null) {
      const d = this.eval(s.data);
      if (typeof d === 'number') throw new ScenarioRuntimeError('data must be a string, as in data="hello"', s.data.pos);
      if (d.length > size) throw new ScenarioRuntimeError(`data is ${d.length} bytes, more than the object's size ${size}`, s.data.pos);
      data = d;
    }
    let max = VM_PROT_ALL;
    if (s.max !== null) {
      max = this.int(s.max, 'max');
      if (!isValidProt(max)) throw new ScenarioRuntimeError(`max must be a protection (VM_PROT_READ | VM_PROT_WRITE ...), not ${formatValue(max)}`, s.max.pos);
    }
    this.objects.set(s.name, this.kernel.declarePager(s.name, size, data, max, s.failInit));
  }

  private assertion(s: Extract<Statement, { kind: 'assert' }>, rec: StepRecord): void {
    const left = this.eval(s.left);
    const right = this.eval(s.right);
    let held: boolean;
    if (typeof left === 'number' && typeof right === 'number') {
      held = compare(s.op, left, right);
    } else if (typeof left !== 'number' && typeof right !== 'number' && (s.op === '==' || s.op === '!=')) {
      held = bytesEqual(left, right) === (s.op === '==');
    } else {
      const rule = s.op === '==' || s.op === '!='
        ? `${s.op} compares integers with integers and strings with strings`
        : `${s.op} orders integers only`;
      throw new ScenarioRuntimeError(
        `assert cannot compare ${describeType(left)} (${formatValue(left)}) with ${describeType(right)} (${formatValue(right)}): ${rule}`,
        s.pos,
      );
    }
    rec.assert = { left, right, held };
    if (!held) {
      const codes = mentionsKernReturn(s.left) || mentionsKernReturn(s.right);
      throw new ScenarioRuntimeError(
        `assert failed: ${printExpr(s.left)} ${s.op} ${printExpr(s.right)}: left is ${formatValue(left, codes)}, right is ${formatValue(right, codes)}`,
        s.pos,
      );
    }
  }

  private call(s: Extract<Statement, { kind: 'call' }>, rec: StepRecord): void {
    const k = this.kernel;
    const a = s.args;
    const params = CALLS[s.call];
    const int = (i: number) => this.int((a[i] as Extract<Arg, { kind: 'value' }>).expr, `argument ${i + 1} of ${s.call} (${params[i].name})`);
    const task = (i: number) => {
      const e = (a[i] as Extract<Arg, { kind: 'value' }>).expr as Extract<Expr, { kind: 'name' }>;
      return this.taskId(e.name, e.pos);
    };
    const inout = (i: number) => this.inoutValue(a[i] as Extract<Arg, { kind: 'ref' }>);
    const bytes = (i: number) => {
      const e = (a[i] as Extract<Arg, { kind: 'value' }>).expr;
      const v = this.eval(e);
      if (typeof v === 'number') throw new ScenarioRuntimeError(`argument ${i + 1} of ${s.call} (${params[i].name}) must be a string of bytes, as in "hi"`, e.pos);
      return v;
    };
    const out = (i: number, v: Value) => {
      const ref = a[i] as Extract<Arg, { kind: 'ref' }>;
      this.setVar(ref.name, v, ref.pos);
      rec.out[ref.name] = v;
    };
    let kr: number;
    switch (s.call) {
      case 'vm_allocate': {
        const r = vm.vm_allocate(k, task(0), inout(1), int(2), int(3) !== 0);
        out(1, r.address);
        kr = r.kr;
        break;
      }
      case 'vm_map': {
        const r = vm.vm_map(k, task(0), inout(1), int(2), int(3), int(4) !== 0, int(5), int(6), int(7) !== 0, int(8), int(9), int(10));
        out(1, r.address);
        kr = r.kr;
        break;
      }
      case 'vm_protect':
        kr = vm.vm_protect(k, task(0), int(1), int(2), int(3) !== 0, int(4));
        break;
      case 'vm_inherit':
        kr = vm.vm_inherit(k, task(0), int(1), int(2), int(3));
        break;
      case 'vm_deallocate':
        kr = vm.vm_deallocate(k, task(0), int(1), int(2));
        break;
      case 'vm_region': {
        const r = vm.vm_region(k, task(0), inout(1));
        kr = r.kr;
        if (kr === 0) {
          out(1, r.address);
          out(2, r.size);
          out(3, r.protection);
          out(4, r.maxProtection);
          out(5, r.inheritance);
          out(6, r.shared ? 1 : 0);
          out(7, r.object);
          out(8, r.offset);
        }
        break;
      }
      case 'task_terminate':
        kr = vm.task_terminate(k, task(0));
        break;
      case 'vm_remap': {
        const r = vm_remap(k, task(0), inout(1), int(2), int(3), int(4) !== 0, task(5), int(6), int(7) !== 0, int(10));
        kr = r.kr;
        out(1, r.address);
        if (kr === 0) {
          out(8, r.cur);
          out(9, r.max);
        }
        break;
      }
      case 'vm_read': {
        const r = vm.vm_read(k, task(0), int(1), this.transferSize(int(2), a[2]));
        kr = r.kr;
        if (kr === 0) out(3, r.data);
        break;
      }
      case 'vm_write':
        kr = vm.vm_write(k, task(0), int(1), bytes(2));
        break;
      case 'vm_copy':
        kr = vm.vm_copy(k, task(0), int(1), this.transferSize(int(2), a[2]), int(3));
        break;
      case 'read': {
        const r = vm.user_read(k, task(0), int(1), this.transferSize(int(2), a[2]));
        kr = r.kr;
        if (kr === 0) out(3, r.data);
        break;
      }
      case 'write':
        kr = vm.user_write(k, task(0), int(1), bytes(2));
        break;
      case 'exec':
        kr = vm.user_exec(k, task(0), int(1));
        break;
    }
    rec.kr = kr;
    this.setVar('kr', kr, s.pos);
    rec.out.kr = kr;
    if (s.result !== null && s.result !== 'kr') {
      this.setVar(s.result, kr, s.pos);
      rec.out[s.result] = kr;
    }
  }

  /** A byte count the simulator will really move: bounded, so a typo cannot freeze the tab. */
  private transferSize(n: number, arg: Arg): number {
    if (n > MAX_TRANSFER) throw new ScenarioRuntimeError(`${formatValue(n)} bytes is more than the ${MAX_TRANSFER / (1024 * 1024)} MiB one statement may move`, arg.pos);
    return n; // a negative size is a huge u64 in C: the kernel answers with the range's error
  }

  private inoutValue(ref: { name: string; pos: Pos }): number {
    const v = this.vars.get(ref.name);
    if (v === undefined) {
      if (this.tasks.has(ref.name) || this.objects.has(ref.name)) this.setVar(ref.name, 0, ref.pos); // reports the clash
      return 0;
    }
    if (typeof v !== 'number') throw new ScenarioRuntimeError(`&${ref.name} must hold an integer address, but it holds a string`, ref.pos);
    return v;
  }

  private setVar(name: string, v: Value, pos: Pos): void {
    if (this.tasks.has(name)) throw new ScenarioRuntimeError(`${name} is a task and cannot be assigned`, pos);
    if (this.objects.has(name)) throw new ScenarioRuntimeError(`${name} is an object and cannot be assigned`, pos);
    this.vars.set(name, v);
  }

  private taskId(name: string, pos: Pos): number {
    const id = this.tasks.get(name);
    if (id === undefined) {
      const hint = this.objects.has(name) ? ` (${name} is an object)` : this.vars.has(name) ? ` (${name} is a variable)` : '';
      throw new ScenarioRuntimeError(`no task named ${name}${hint}: declare it first with 'task ${name}'`, pos);
    }
    return id;
  }

  private int(e: Expr, what: string): number {
    const v = this.eval(e);
    if (typeof v !== 'number') throw new ScenarioRuntimeError(`${what} must be an integer, not a string`, e.pos);
    return v;
  }

  eval(e: Expr): Value {
    switch (e.kind) {
      case 'int':
        return e.value;
      case 'str':
        return e.bytes;
      case 'paren':
        return this.eval(e.inner);
      case 'name':
        return this.lookup(e.name, e.pos);
      case 'unary': {
        const v = this.int(e.operand, `the operand of ${e.op}`);
        return arith(unaryOp(e.op, v), e.pos);
      }
      case 'binary': {
        const l = this.int(e.left, `the left side of ${e.op}`);
        const r = this.int(e.right, `the right side of ${e.op}`);
        return arith(binaryOp(e.op, l, r), e.pos);
      }
      case 'query':
        return this.query(e);
    }
  }

  private lookup(name: string, pos: Pos): Value {
    const v = this.vars.get(name);
    if (v !== undefined) return v;
    const port = this.objects.get(name);
    if (port !== undefined) return port;
    if (name === PAGE_SIZE_CONSTANT) return this.kernel.pageSize;
    const c = CONSTANTS.get(name);
    if (c !== undefined) return c;
    if (this.tasks.has(name)) throw new ScenarioRuntimeError(`${name} is a task, not a value`, pos);
    throw new ScenarioRuntimeError(`${name} is used before it was ever set`, pos);
  }

  private query(e: Extract<Expr, { kind: 'query' }>): Value {
    const k = this.kernel;
    const taskArg = () => {
      const t = e.args[0] as Extract<Expr, { kind: 'name' }>;
      return this.taskId(t.name, t.pos);
    };
    switch (e.name) {
      case 'shadow_depth':
        return vm.shadowDepth(k, taskArg(), this.int(e.args[1], 'the address of shadow_depth'));
      case 'object_of':
        return vm.objectOf(k, taskArg(), this.int(e.args[1], 'the address of object_of'));
      case 'tlb_hits':
        return k.tasks.get(taskArg())!.tlbHits;
      case 'tlb_misses':
        return k.tlb.misses(taskArg());
      case 'faults':
        return k.stats.faults[taskArg()];
      case 'cow_faults':
        return k.stats.cowFaults[taskArg()];
      case 'free_frames':
        return k.mem.freeCount;
      case 'pageouts':
        return k.stats.pageouts;
      case 'pageins':
        return k.stats.pageins;
    }
  }
}

function arith(r: ReturnType<typeof binaryOp>, pos: Pos): number {
  if (!r.ok) throw new ScenarioRuntimeError(r.message, pos);
  return r.value;
}

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function mentionsKernReturn(e: Expr): boolean {
  if (e.kind === 'name') return e.name === 'kr' || e.name.startsWith('KERN_');
  if (e.kind === 'paren') return mentionsKernReturn(e.inner);
  return false;
}
