/**
 * The scenario interpreter: runs a parsed Program on a Kernel one statement at a time, recording
 * for each what it returned, what it wrote to variables and which kernel events it caused.
 * Deterministic: replaying the same program gives the same records, which is how the UI travels
 * in time. Runtime errors (an unset variable, a failed assert, a wrong type) stop the run and name
 * the line; memory exceptions of read/write/exec are results, not errors. save() / restore() turn
 * a run into plain data and back (the worker's replay checkpoints).
 *
 * Scenarios are hostile input (URLs, students), so a run is bounded: at most MAX_STATEMENTS
 * statements, MAX_TASKS tasks, MAX_WORK units of work, MAX_HELD_BYTES held (swap included),
 * MAX_TRANSFER bytes a transfer, MAX_OBJECT_SIZE an object; past a limit the run stops with a
 * runtime error that names the line. (The parser bounds the text: MAX_SOURCE_LENGTH, MAX_EXPR_DEPTH.)
 */
import type { Expr, Pos, Program, Statement, StatementSource } from './ast';
import { statementsOf } from './ast';
import { CONSTANTS, PAGE_SIZE_CONSTANT, CALLS } from './language';
import { IS_CONSTANT, IS_PAGE_SIZE, KR_SLOT, ResolvedProgram, resolveExpr, type NameTable, type SlotArg, type SlotExpr, type SlotStatement } from './name_slots';
import { didYouMean } from './suggest';
import { binaryOp, bytesEqual, describeType, formatValue, unaryOp, type ShownValue, type Value } from './values';
import { mentionsKernReturn, statementSkeleton, type CallData, type StatementData } from './step_data';
import { printStatement, printExpr } from './printer';
import { Kernel, DEFAULT_CONFIG, EventCounter, MAX_TASKS, type KernelConfig } from '../kernel/kernel';
import type { KernelEvent } from '../kernel/events';
import type { KernelState } from '../kernel/kernel_state';
import type { TraceBuffer } from '../kernel/events';
import * as vm from '../kernel/vm_user';
import { vm_remap } from '../kernel/vm_remap';
import { isValidProt, VM_MAX_TRANSFER, VM_PROT_ALL } from '../kernel/vm_param';

export type { BoundArg, CallData, StatementData } from './step_data';

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
  /**
   * Variables the statement set, with their new values (whole as the interpreter made them; in a
   * record the worker sends for display, a long byte string is cut: worker/shown_record.ts).
   */
  out: Record<string, ShownValue>;
  events: KernelEvent[];
  /** For calls: the call with its arguments bound by parameter name, as evaluated; null for other statements. */
  call: CallData | null;
  /** What the statement is and the values it evaluated (read this, not `text`, to know what it did). */
  statement: StatementData;
  /** For asserts: the two sides. */
  assert?: { left: ShownValue; right: ShownValue; held: boolean };
  error?: { message: string; line: number; col: number };
}

/** The most bytes one read / vm_read / vm_copy may move: the kernel's own limit (vm_param.ts), stopped here with a message. */
export const MAX_TRANSFER = VM_MAX_TRANSFER;

/** The largest object a scenario may declare: its pager keeps every byte. */
export const MAX_OBJECT_SIZE = 64 * 1024 * 1024;

/**
 * The most statements a scenario may have. Refused before anything runs, at the line of the
 * first statement past the limit. 100,000 cheap statements load in the worker (parse, run with
 * tracing, the first snapshot) in about a second on a 2-CPU machine; costly ones meet MAX_WORK first.
 */
export const MAX_STATEMENTS = 100_000;

/**
 * The work budget of one run, in units: 1 a statement, 1 a kernel event it caused (counted the
 * same with tracing off, so a run stops at the same statement in the UI, the CLI and the tests),
 * 1 a map entry or resident page that a call's walks visit beyond its events (Kernel.rangeWork,
 * taskWork), 1 a KiB of bytes moved or compared. A unit costs about 0.3 to 1 µs on a 2-CPU
 * machine (events are the bulk), so a stopped run took about a second, and the machine it built
 * stays small enough for the worker to snapshot and replay; the heaviest built-in uses 257 units.
 */
export const MAX_WORK = 1_000_000;

/**
 * The bytes a run may hold beyond its frames (which the config bounds: MAX_PHYSICAL_BYTES):
 * objects' backing stores, the results of read / vm_read, and the pages the default pager keeps
 * in swap (Kernel.swapBytes: dirty anonymous pages evicted when frames run out). Objects and reads
 * are counted before they are made; swap after the statement that filled it, which is stopped
 * there, so a run ends at most one statement's pages past the limit (2 × MAX_TRANSFER).
 */
export const MAX_HELD_BYTES = 128 * 1024 * 1024;

/** What MAX_HELD_BYTES counts, as error messages say it. */
const HELD_WHAT = "the scenario's memory (objects, read results and pages in swap)";

/** Bytes that count one unit of work when moved or compared (comparing 1 KiB byte by byte costs about a µs). */
const BYTES_PER_UNIT = 1024;

const MIB = 1024 * 1024;

/** The machine a program configures: its config statements, which come before any other (the parser sees to it). */
export function configOf(program: Program | StatementSource): KernelConfig {
  const statements = 'lines' in program ? statementsOf(program) : program;
  const c: KernelConfig = { ...DEFAULT_CONFIG };
  let waysSet = false;
  for (let i = 0; i < statements.length; i++) {
    const s = statements.at(i)!;
    if (s.kind !== 'config') break;
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

/** An interpreter's run as plain data (Interpreter.save). */
export interface InterpreterState {
  kernel: KernelState;
  vars: [string, Value][];
  tasks: [string, number][];
  objects: [string, number][];
  pc: number;
  failed: boolean;
  work: number;
  held: number;
}

/**
 * trace: record the kernel's events (default on). failedAssertsGoOn: a failed assert is recorded
 * (held: false) and the run goes on. resolved: the program's statements with their names numbered,
 * shared with the other interpreters of the same program (name_slots.ts; by default its own).
 */
export interface InterpreterOptions {
  trace?: boolean;
  failedAssertsGoOn?: boolean;
  resolved?: ResolvedProgram;
}

/** What a name is in a run (Interpreter.kinds, by slot): nothing yet, a variable, a task, an object. */
const UNSET = 0;
const VARIABLE = 1;
const TASK = 2;
const OBJECT = 3;

/** A call statement with its names numbered. */
type SlotCall = Extract<SlotStatement, { kind: 'call' }>;

export class Interpreter {
  readonly kernel: Kernel;
  /** The program's statements (all parsed, or parsed as the run reaches them: parser.ts checkScenario). */
  readonly statements: StatementSource;
  /** The statements with their names numbered (name_slots.ts), each resolved when first run. */
  private readonly resolved: ResolvedProgram;
  private readonly names: NameTable;
  /**
   * By slot: what the name is in this run (UNSET, VARIABLE, TASK, OBJECT) and its value (a
   * variable's value, a task's id, an object's port). Grown as the table numbers more names.
   */
  private kinds = new Uint8Array(64);
  private values: (Value | undefined)[] = [];
  /** The slots defined so far, in the order they were first defined (did-you-mean lists them in that order). */
  private defined: number[] = [];
  /**
   * Why the program is not run at all (more than MAX_STATEMENTS statements), or null. Front ends
   * report it as a runtime error at its line; step() is then never needed (done is true).
   */
  readonly refusal: { message: string; line: number; col: number } | null = null;
  private pc = 0;
  private failed = false;
  /** A failed assert stops the run (the language's rule); off, it is only recorded (the Compare view's other side). */
  private readonly failedAssertsStop: boolean;
  private readonly trace: TraceBuffer | null;
  /** Without tracing, the events are still counted for the work budget. */
  private readonly counter: EventCounter | null;
  private quiet = false;
  /**
   * A replayed statement whose first run ended within MAX_WORK: no charge can have thrown on that
   * run (charges only add up to the work it ended with), so the range walks that price the work
   * (rangeWork, taskWork) are skipped; the work after it is the first run's (step's workAfter).
   */
  private unpriced = false;
  /** The record a replayed statement writes into (replaying): one, overwritten by every replayed step. */
  private scratch: StepRecord | null = null;
  /** Units of work done so far (MAX_WORK). */
  private workDone = 0;
  /** Bytes held by objects and read results so far (MAX_HELD_BYTES; the kernel counts swap). */
  private held = 0;

  constructor(program: Program | StatementSource, options: InterpreterOptions = {}) {
    this.failedAssertsStop = options.failedAssertsGoOn !== true;
    this.statements = 'lines' in program ? statementsOf(program) : program;
    if (options.resolved !== undefined && options.resolved.statements !== this.statements) throw new Error('the resolved statements given are of another program');
    this.resolved = options.resolved ?? new ResolvedProgram(this.statements, MAX_STATEMENTS);
    this.names = this.resolved.names;
    this.kernel = new Kernel(configOf(this.statements));
    this.trace = options.trace === false ? null : this.kernel.startTrace();
    this.counter = this.trace === null ? this.kernel.startCounting() : null;
    const n = this.statements.length;
    if (n > MAX_STATEMENTS) {
      const first = this.statements.at(MAX_STATEMENTS)!.pos;
      this.refusal = {
        message: `the scenario has ${n.toLocaleString('en-US')} statements; at most ${MAX_STATEMENTS.toLocaleString('en-US')} may run (statement ${(MAX_STATEMENTS + 1).toLocaleString('en-US')} is on this line)`,
        line: first.line,
        col: first.col,
      };
    }
  }

  /** Units of work done so far, out of MAX_WORK. */
  get work(): number {
    return this.workDone;
  }

  /** Statements run so far. */
  get position(): number {
    return this.pc;
  }

  get done(): boolean {
    return this.failed || this.refusal !== null || this.pc >= this.statements.length;
  }

  /**
   * Replaying: the caller (the worker's session, going back or to a step it has run before) holds
   * the records of the statements it replays, and knows the work each of them ended with (its
   * first run's). step(workAfter) then runs each statement exactly as before (the same kernel
   * calls and errors) with the kernel's events off: none is made, kept or counted (the kernel does
   * the same work either way; only its tracing differs), and the run's work after it is
   * `workAfter`. The record it returns is the interpreter's scratch, overwritten by the next replayed
   * step: no text, no events, no out values, argument bindings or assert sides. Set to false, the
   * run is traced (or counted) again from the next statement.
   */
  get replaying(): boolean {
    return this.quiet;
  }

  set replaying(on: boolean) {
    if (on === this.quiet) return;
    this.quiet = on;
    if (on) this.kernel.stopTrace();
    else this.kernel.resumeSink(this.trace ?? this.counter!);
  }

  /**
   * Runs the next statement. After an error the interpreter stays stopped. While replaying,
   * `workAfter` is the run's work after this statement on its first run (replaying above).
   */
  step(workAfter = NaN): StepRecord {
    if (this.done) throw new Error('the scenario has no statement left to run (check done before step)');
    const s = this.resolved.at(this.pc);
    if (this.kinds.length < this.names.count) this.grow();
    const rec: StepRecord = this.quiet
      ? this.scratchFor(s)
      : {
          index: this.pc, line: s.pos.line, text: printStatement(s), kind: s.kind, kr: null, out: {}, events: [],
          call: s.kind === 'call' ? { name: s.call, args: {} } : null,
          statement: statementSkeleton(s),
        };
    this.pc++;
    this.unpriced = this.quiet && workAfter <= MAX_WORK;
    try {
      this.execute(s, rec);
    } catch (e) {
      if (!(e instanceof ScenarioRuntimeError)) throw e;
      this.failed = true;
      rec.error = { message: e.message, line: e.pos.line, col: e.pos.col };
    }
    this.unpriced = false;
    if (this.quiet) {
      // the same kernel calls as on the first run, so the same events: that run's work, not counted again
      if (!(workAfter > this.workDone)) throw new Error(`a replayed statement needs the work its first run ended with (more than ${this.workDone}), not ${workAfter}`);
      this.workDone = workAfter;
    } else if (this.trace !== null) {
      rec.events = this.trace.take();
      this.workDone += 1 + rec.events.length;
    } else {
      this.workDone += 1 + this.counter!.count;
      this.counter!.count = 0;
    }
    if (this.workDone > MAX_WORK && rec.error === undefined) {
      this.failed = true;
      const e = tooMuchWork(s.pos);
      rec.error = { message: e.message, line: e.pos.line, col: e.pos.col };
    }
    if (this.heldBytes > MAX_HELD_BYTES && rec.error === undefined) {
      this.failed = true;
      rec.error = {
        message: `the pages evicted to swap took ${HELD_WHAT} past the limit of ${MAX_HELD_BYTES / MIB} MiB (MAX_HELD_BYTES): it holds ${formatExact(this.heldBytes)}, ${formatMiB(this.kernel.swapBytes)} of it in swap; it was stopped at line ${s.pos.line}`,
        line: s.pos.line,
        col: s.pos.col,
      };
    }
    return rec;
  }

  /** Makes room in kinds for every slot the table has numbered. */
  private grow(): void {
    let n = this.kinds.length;
    while (n < this.names.count) n *= 2;
    const k = new Uint8Array(n);
    k.set(this.kinds);
    this.kinds = k;
  }

  /** The variables, tasks (name → id) and objects (name → port) defined so far, in the order they were: for tests and tools (a copy). */
  get vars(): ReadonlyMap<string, Value> {
    return new Map(this.entriesOf<Value>(VARIABLE));
  }

  get tasks(): ReadonlyMap<string, number> {
    return new Map(this.entriesOf<number>(TASK));
  }

  get objects(): ReadonlyMap<string, number> {
    return new Map(this.entriesOf<number>(OBJECT));
  }

  /** The names of one kind defined so far with their values, in the order they were defined. */
  private entriesOf<V extends Value>(kind: number): [string, V][] {
    const out: [string, V][] = [];
    for (const slot of this.defined) if (this.kinds[slot] === kind) out.push([this.names.names[slot], this.values[slot] as V]);
    return out;
  }

  /** The names of one kind defined so far, in the order they were defined (did-you-mean). */
  private *namesOf(kind: number): Iterable<string> {
    for (const slot of this.defined) if (this.kinds[slot] === kind) yield this.names.names[slot];
  }

  /** Defines the name in `slot` (undefined so far) as a variable, task or object with its value. */
  private define(slot: number, kind: number, v: Value): void {
    this.kinds[slot] = kind;
    this.values[slot] = v;
    this.defined.push(slot);
  }

  /**
   * The scratch record of a replayed statement, made ready for `s`: nothing read from it but its
   * index, line and error (the caller throws it away); its statement data is written, never read.
   */
  private scratchFor(s: SlotStatement): StepRecord {
    const rec = (this.scratch ??= {
      index: 0, line: 0, text: '', kind: 'config', kr: null, out: QUIET_OUT, events: QUIET_EVENTS, call: null,
      statement: quietData(), error: undefined,
    });
    rec.index = this.pc;
    rec.line = s.pos.line;
    rec.kind = s.kind;
    rec.kr = null;
    rec.error = undefined;
    return rec;
  }

  /** Bytes the run holds beyond its frames, out of MAX_HELD_BYTES: objects, read results, swap. */
  get heldBytes(): number {
    return this.held + this.kernel.swapBytes;
  }

  /** Counts work a statement is about to do; past MAX_WORK the statement is not run. */
  private charge(units: number, pos: Pos): void {
    this.workDone += units;
    if (this.workDone > MAX_WORK) throw tooMuchWork(pos);
  }

  /** Counts bytes the run will hold from now on; past MAX_HELD_BYTES the statement is not run. */
  private hold(bytes: number, pos: Pos, what: () => string): void {
    if (this.heldBytes + bytes > MAX_HELD_BYTES)
      throw new ScenarioRuntimeError(
        `${what()} would take ${HELD_WHAT} past the limit of ${MAX_HELD_BYTES / MIB} MiB (MAX_HELD_BYTES): it holds ${formatMiB(this.heldBytes)} already; it was stopped at line ${pos.line}`,
        pos,
      );
    this.held += bytes;
  }

  /**
   * The run so far as plain data: the kernel's state and the interpreter's own. Values (numbers,
   * and byte strings that nothing ever writes into) are shared, not copied.
   */
  save(): InterpreterState {
    return {
      kernel: this.kernel.save(), vars: this.entriesOf(VARIABLE), tasks: this.entriesOf(TASK), objects: this.entriesOf(OBJECT),
      pc: this.pc, failed: this.failed, work: this.workDone, held: this.held,
    };
  }

  /** Becomes the run saved in `s` (a save of a run of the same program), in place; `s` is only read. */
  restore(s: InterpreterState): void {
    this.kernel.restore(s.kernel);
    for (const slot of this.defined) {
      this.kinds[slot] = UNSET;
      this.values[slot] = undefined;
    }
    this.defined = [];
    // by name: the save may come from an interpreter whose table numbered the names in another order
    for (const [kind, saved] of [[VARIABLE, s.vars], [TASK, s.tasks], [OBJECT, s.objects]] as const)
      for (const [name, v] of saved) {
        const slot = this.names.slot(name);
        if (this.kinds.length < this.names.count) this.grow();
        this.define(slot, kind, v);
      }
    this.pc = s.pc;
    this.failed = s.failed;
    this.workDone = s.work;
    this.held = s.held;
    this.trace?.take();
    if (this.counter !== null) this.counter.count = 0;
  }

  /** Runs every remaining statement, stopping at the first error. */
  runAll(): StepRecord[] {
    const out: StepRecord[] = [];
    while (!this.done) out.push(this.step());
    return out;
  }

  private execute(s: SlotStatement, rec: StepRecord): void {
    switch (s.kind) {
      case 'config':
        return;
      case 'task': {
        this.declare(s.slot, s.pos);
        if (this.kernel.taskCount >= MAX_TASKS)
          throw new ScenarioRuntimeError(`a scenario may make at most ${MAX_TASKS} tasks (forks and terminated tasks count): the diagram cannot draw more`, s.pos);
        if (s.fork !== null) {
          const d = dataOf(rec, 'fork');
          const parent = (d.parentId = this.taskId(s.fork.slot, s.fork.pos));
          if (!this.unpriced) this.charge(this.kernel.taskWork(parent), s.pos);
          const child = this.kernel.fork(parent, s.name);
          if (child === null) throw new ScenarioRuntimeError(`cannot fork ${s.fork.parent}: it was terminated`, s.fork.pos);
          this.define(s.slot, TASK, (d.childId = child.id));
          rec.kr = 0;
          this.setVar(KR_SLOT, 0, s.pos);
          if (!this.quiet) rec.out.kr = 0;
          return;
        }
        this.define(s.slot, TASK, (dataOf(rec, 'task').id = this.kernel.createTask(s.name).id));
        return;
      }
      case 'object':
        return this.declareObject(s, dataOf(rec, 'object'));
      case 'assign': {
        const v = (dataOf(rec, 'assign').value = this.value(s.value));
        this.setVar(s.slot, v, s.pos);
        if (!this.quiet) rec.out[s.name] = v;
        return;
      }
      case 'assert':
        return this.assertion(s, rec);
      case 'call':
        return this.call(s, rec);
    }
  }

  private declare(slot: number, pos: Pos): void {
    const name = this.names.names[slot];
    switch (this.kinds[slot]) {
      case TASK:
        throw new ScenarioRuntimeError(`${name} is already a task`, pos);
      case OBJECT:
        throw new ScenarioRuntimeError(`${name} is already an object`, pos);
      case VARIABLE:
        throw new ScenarioRuntimeError(`${name} is already a variable`, pos);
    }
  }

  private declareObject(s: Extract<SlotStatement, { kind: 'object' }>, d: Extract<StatementData, { kind: 'object' }>): void {
    this.declare(s.slot, s.pos);
    const size = (d.size = this.int(s.size, 'size'));
    if (size <= 0 || size > MAX_OBJECT_SIZE)
      throw new ScenarioRuntimeError(`object size must be between 1 and ${MAX_OBJECT_SIZE} (64 MiB), not ${formatValue(size)}`, s.size.pos);
    const stored = Math.ceil(size / this.kernel.pageSize) * this.kernel.pageSize;
    let data: Uint8Array = new Uint8Array(0);
    if (s.data !== null) {
      const d = this.value(s.data);
      if (typeof d === 'number') throw new ScenarioRuntimeError('data must be a string, as in data="hello"', s.data.pos);
      if (d.length > size) throw new ScenarioRuntimeError(`data is ${d.length} bytes, more than the object's size ${size}`, s.data.pos);
      data = d;
    }
    let max = VM_PROT_ALL;
    if (s.max !== null) {
      max = this.int(s.max, 'max');
      if (!isValidProt(max)) throw new ScenarioRuntimeError(`max must be a protection (VM_PROT_READ | VM_PROT_WRITE ...), not ${formatValue(max)}`, s.max.pos);
    }
    d.max = max;
    this.charge(Math.ceil(stored / BYTES_PER_UNIT), s.pos);
    this.hold(stored, s.pos, () => `object ${s.name} (${formatMiB(stored)})`);
    this.define(s.slot, OBJECT, (d.port = this.kernel.declarePager(s.name, size, data, max, s.failInit)));
  }

  private assertion(s: Extract<SlotStatement, { kind: 'assert' }>, rec: StepRecord): void {
    const d = dataOf(rec, 'assert');
    const left = (d.left = this.value(s.left));
    const right = (d.right = this.value(s.right));
    let held: boolean;
    if (typeof left === 'number' && typeof right === 'number') {
      held = compare(s.op, left, right);
    } else if (typeof left !== 'number' && typeof right !== 'number' && (s.op === '==' || s.op === '!=')) {
      this.charge(bytesUnits(Math.min(left.length, right.length)), s.pos);
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
    if (!this.quiet) rec.assert = { left, right, held };
    d.held = held;
    if (!held && this.failedAssertsStop) {
      const codes = this.quiet ? mentionsKernReturn(s.left) || mentionsKernReturn(s.right) : d.codes;
      throw new ScenarioRuntimeError(
        `assert failed: ${printExpr(s.left)} ${s.op} ${printExpr(s.right)}: left is ${formatValue(left, codes)}, right is ${formatValue(right, codes)}`,
        s.pos,
      );
    }
  }

  private call(s: SlotCall, rec: StepRecord): void {
    const k = this.kernel;
    const a = s.args;
    // rec.call: each argument is bound to its parameter as it is evaluated (an error leaves the
    // rest unbound); an out parameter passes no value in, so it is bound by its name at once.
    // (Methods, not closures made per call: a replay runs this ten thousand times.)
    const params = CALLS[s.call];
    for (let i = 0; i < params.length; i++) if (params[i].kind === 'out') this.bind(s, rec, i, null);
    // each case evaluates its arguments in order (their errors come first), charges the work the
    // call will do beyond its events, then calls the kernel
    let kr: number;
    switch (s.call) {
      case 'vm_allocate': {
        const r = vm.vm_allocate(k, this.argTask(s, rec, 0), this.argInout(s, rec, 1), this.argInt(s, rec, 2), this.argInt(s, rec, 3) !== 0);
        this.setOut(s, rec, 1, r.address);
        kr = r.kr;
        break;
      }
      case 'vm_map': {
        const r = vm.vm_map(k, this.argTask(s, rec, 0), this.argInout(s, rec, 1), this.argInt(s, rec, 2), this.argInt(s, rec, 3), this.argInt(s, rec, 4) !== 0, this.argInt(s, rec, 5), this.argInt(s, rec, 6), this.argInt(s, rec, 7) !== 0, this.argInt(s, rec, 8), this.argInt(s, rec, 9), this.argInt(s, rec, 10));
        this.setOut(s, rec, 1, r.address);
        kr = r.kr;
        break;
      }
      case 'vm_protect': {
        const t = this.argTask(s, rec, 0);
        const address = this.argInt(s, rec, 1);
        const size = this.argInt(s, rec, 2);
        const setMax = this.argInt(s, rec, 3) !== 0;
        const prot = this.argInt(s, rec, 4);
        if (!this.unpriced) this.charge(k.rangeWork(t, address, size), s.pos);
        kr = vm.vm_protect(k, t, address, size, setMax, prot);
        break;
      }
      case 'vm_inherit': {
        const t = this.argTask(s, rec, 0);
        const address = this.argInt(s, rec, 1);
        const size = this.argInt(s, rec, 2);
        const inheritance = this.argInt(s, rec, 3);
        if (!this.unpriced) this.charge(k.rangeWork(t, address, size), s.pos);
        kr = vm.vm_inherit(k, t, address, size, inheritance);
        break;
      }
      case 'vm_deallocate': {
        const t = this.argTask(s, rec, 0);
        const address = this.argInt(s, rec, 1);
        const size = this.argInt(s, rec, 2);
        if (!this.unpriced) this.charge(k.rangeWork(t, address, size), s.pos);
        kr = vm.vm_deallocate(k, t, address, size);
        break;
      }
      case 'vm_region': {
        const r = vm.vm_region(k, this.argTask(s, rec, 0), this.argInout(s, rec, 1));
        kr = r.kr;
        if (kr === 0) {
          this.setOut(s, rec, 1, r.address);
          this.setOut(s, rec, 2, r.size);
          this.setOut(s, rec, 3, r.protection);
          this.setOut(s, rec, 4, r.maxProtection);
          this.setOut(s, rec, 5, r.inheritance);
          this.setOut(s, rec, 6, r.shared ? 1 : 0);
          this.setOut(s, rec, 7, r.object);
          this.setOut(s, rec, 8, r.offset);
        }
        break;
      }
      case 'task_terminate': {
        const t = this.argTask(s, rec, 0);
        if (!this.unpriced) this.charge(k.taskWork(t), s.pos);
        kr = vm.task_terminate(k, t);
        break;
      }
      case 'vm_remap': {
        const target = this.argTask(s, rec, 0);
        const address = this.argInout(s, rec, 1);
        const size = this.argInt(s, rec, 2);
        const mask = this.argInt(s, rec, 3);
        const anywhere = this.argInt(s, rec, 4) !== 0;
        const src = this.argTask(s, rec, 5);
        const srcAddress = this.argInt(s, rec, 6);
        const copy = this.argInt(s, rec, 7) !== 0;
        const inheritance = this.argInt(s, rec, 10);
        if (!this.unpriced) this.charge(k.rangeWork(src, srcAddress, size), s.pos);
        const r = vm_remap(k, target, address, size, mask, anywhere, src, srcAddress, copy, inheritance);
        kr = r.kr;
        this.setOut(s, rec, 1, r.address);
        if (kr === 0) {
          this.setOut(s, rec, 8, r.cur);
          this.setOut(s, rec, 9, r.max);
        }
        break;
      }
      case 'vm_read':
      case 'read': {
        const t = this.argTask(s, rec, 0);
        const address = this.argInt(s, rec, 1);
        const size = this.transferSize(this.argInt(s, rec, 2), a[2]);
        if (!this.unpriced) this.charge(k.rangeWork(t, address, size) + bytesUnits(size), s.pos);
        const r = s.call === 'vm_read' ? vm.vm_read(k, t, address, size) : vm.user_read(k, t, address, size);
        kr = r.kr;
        if (kr === 0) {
          this.hold(r.data.length, s.pos, () => `reading ${formatMiB(r.data.length)}`);
          this.setOut(s, rec, 3, r.data);
        }
        break;
      }
      case 'vm_write':
      case 'write': {
        const t = this.argTask(s, rec, 0);
        const address = this.argInt(s, rec, 1);
        const data = this.argBytes(s, rec, 2);
        if (!this.unpriced) this.charge(k.rangeWork(t, address, data.length) + bytesUnits(data.length), s.pos);
        kr = s.call === 'vm_write' ? vm.vm_write(k, t, address, data) : vm.user_write(k, t, address, data);
        break;
      }
      case 'vm_copy': {
        const t = this.argTask(s, rec, 0);
        const source = this.argInt(s, rec, 1);
        const size = this.transferSize(this.argInt(s, rec, 2), a[2]);
        const dest = this.argInt(s, rec, 3);
        if (!this.unpriced) this.charge(k.rangeWork(t, source, size) + k.rangeWork(t, dest, size) + 2 * bytesUnits(size), s.pos);
        kr = vm.vm_copy(k, t, source, size, dest);
        break;
      }
      case 'exec':
        kr = vm.user_exec(k, this.argTask(s, rec, 0), this.argInt(s, rec, 1));
        break;
    }
    rec.kr = kr;
    this.setVar(KR_SLOT, kr, s.pos);
    if (!this.quiet) rec.out.kr = kr;
    if (s.resultSlot > KR_SLOT) {
      this.setVar(s.resultSlot, kr, s.pos);
      if (!this.quiet) rec.out[s.result!] = kr;
    }
  }

  /** Binds argument i of the call to its parameter in the record, as evaluated; returns the value. */
  private bind<V extends Value | null>(s: SlotCall, rec: StepRecord, i: number, value: V): V {
    if (this.quiet) return value; // a replayed statement's record is thrown away
    const arg = s.args[i];
    const param = CALLS[s.call][i];
    const variable = arg.kind === 'ref' ? arg.name : arg.expr.kind === 'name' && this.kinds[arg.expr.slot] !== UNSET ? arg.expr.name : null;
    rec.call!.args[param.name] = { param: param.name, kind: param.kind, value, variable };
    return value;
  }

  private argInt(s: SlotCall, rec: StepRecord, i: number): number {
    const e = (s.args[i] as Extract<SlotArg, { kind: 'value' }>).expr;
    const v = this.value(e);
    // int()'s message, its words made only when it is needed
    if (typeof v !== 'number') throw new ScenarioRuntimeError(`argument ${i + 1} of ${s.call} (${CALLS[s.call][i].name}) must be an integer, not a string`, e.pos);
    return this.bind(s, rec, i, v);
  }

  private argTask(s: SlotCall, rec: StepRecord, i: number): number {
    const e = (s.args[i] as Extract<SlotArg, { kind: 'value' }>).expr as Extract<SlotExpr, { kind: 'name' }>;
    return this.bind(s, rec, i, this.taskId(e.slot, e.pos));
  }

  private argInout(s: SlotCall, rec: StepRecord, i: number): number {
    return this.bind(s, rec, i, this.inoutValue(s.args[i] as Extract<SlotArg, { kind: 'ref' }>));
  }

  private argBytes(s: SlotCall, rec: StepRecord, i: number): Uint8Array {
    const e = (s.args[i] as Extract<SlotArg, { kind: 'value' }>).expr;
    const v = this.value(e);
    if (typeof v === 'number') throw new ScenarioRuntimeError(`argument ${i + 1} of ${s.call} (${CALLS[s.call][i].name}) must be a string of bytes, as in "hi"`, e.pos);
    return this.bind(s, rec, i, v);
  }

  /** Sets the variable an out (or in/out) argument names, and records it. */
  private setOut(s: SlotCall, rec: StepRecord, i: number, v: Value): void {
    const ref = s.args[i] as Extract<SlotArg, { kind: 'ref' }>;
    this.setVar(ref.slot, v, ref.pos);
    if (!this.quiet) rec.out[ref.name] = v;
  }

  /** A byte count the simulator will really move: bounded, so a typo cannot freeze the tab. */
  private transferSize(n: number, arg: SlotArg): number {
    if (n > MAX_TRANSFER) throw new ScenarioRuntimeError(`${formatValue(n)} bytes is more than the ${MAX_TRANSFER / (1024 * 1024)} MiB one statement may move`, arg.pos);
    return n; // a negative size is a huge u64 in C: the kernel answers KERN_INVALID_ARGUMENT (past VM_MAX_TRANSFER)
  }

  private inoutValue(ref: Extract<SlotArg, { kind: 'ref' }>): number {
    const kind = this.kinds[ref.slot];
    if (kind !== VARIABLE) {
      if (kind !== UNSET) this.setVar(ref.slot, 0, ref.pos); // reports the clash
      return 0;
    }
    const v = this.values[ref.slot]!;
    if (typeof v !== 'number') throw new ScenarioRuntimeError(`&${ref.name} must hold an integer address, but it holds a string`, ref.pos);
    return v;
  }

  /** Sets the variable in `slot` (defining it the first time); a task or an object cannot be assigned. */
  private setVar(slot: number, v: Value, pos: Pos): void {
    const kind = this.kinds[slot];
    if (kind === VARIABLE) this.values[slot] = v;
    else if (kind === UNSET) this.define(slot, VARIABLE, v);
    else throw new ScenarioRuntimeError(`${this.names.names[slot]} is ${kind === TASK ? 'a task' : 'an object'} and cannot be assigned`, pos);
  }

  private taskId(slot: number, pos: Pos): number {
    const kind = this.kinds[slot];
    if (kind !== TASK) {
      const name = this.names.names[slot];
      const hint = kind === OBJECT ? ` (${name} is an object)` : kind === VARIABLE ? ` (${name} is a variable)` : '';
      const near = hint === '' ? didYouMean(name, this.namesOf(TASK)) : '';
      throw new ScenarioRuntimeError(near !== '' ? `no task named ${name}${near}` : `no task named ${name}${hint}: declare it first with 'task ${name}'`, pos);
    }
    return this.values[slot] as number;
  }

  private int(e: SlotExpr, what: string): number {
    const v = this.value(e);
    if (typeof v !== 'number') throw new ScenarioRuntimeError(`${what} must be an integer, not a string`, e.pos);
    return v;
  }

  /** The value of expression `e` in the run as it is now (tests and tools; its names are numbered first). */
  eval(e: Expr): Value {
    const r = resolveExpr(e, this.names);
    if (this.kinds.length < this.names.count) this.grow();
    return this.value(r);
  }

  private value(e: SlotExpr): Value {
    switch (e.kind) {
      case 'int':
        return e.value;
      case 'str':
        return e.bytes;
      case 'paren':
        return this.value(e.inner);
      case 'name':
        return this.lookup(e.slot, e.pos);
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

  /** The value a name reads: a variable's or an object's (its port), else the constant it names. */
  private lookup(slot: number, pos: Pos): Value {
    const kind = this.kinds[slot];
    if (kind === VARIABLE || kind === OBJECT) return this.values[slot]!;
    const t = this.names;
    const c = t.constantKind[slot];
    if (c === IS_PAGE_SIZE) return this.kernel.pageSize;
    if (c === IS_CONSTANT) return t.constants[slot];
    const name = t.names[slot];
    if (kind === TASK) throw new ScenarioRuntimeError(`${name} is a task, not a value`, pos);
    throw new ScenarioRuntimeError(`${name} is used before it was ever set${didYouMean(name, this.valueNames())}`, pos);
  }

  /** The names a value can be read from, for "did you mean" (suggest.ts bounds how many it compares): constants, variables, objects. */
  private *valueNames(): Iterable<string> {
    yield* CONSTANTS.keys();
    yield PAGE_SIZE_CONSTANT;
    yield* this.namesOf(VARIABLE);
    yield* this.namesOf(OBJECT);
  }

  private query(e: Extract<SlotExpr, { kind: 'query' }>): Value {
    const k = this.kernel;
    const taskArg = () => {
      const t = e.args[0] as Extract<SlotExpr, { kind: 'name' }>;
      return this.taskId(t.slot, t.pos);
    };
    switch (e.name) {
      case 'shadow_depth':
        return vm.shadowDepth(k, taskArg(), this.int(e.args[1], 'the address of shadow_depth'));
      case 'object_of':
        return vm.objectOf(k, taskArg(), this.int(e.args[1], 'the address of object_of'));
      case 'tlb_hits':
        return k.tlbHits(taskArg());
      case 'tlb_misses':
        return k.tlbMisses(taskArg());
      case 'faults':
        return k.faults(taskArg());
      case 'cow_faults':
        return k.cowFaults(taskArg());
      case 'free_frames':
        return k.freeFrames;
      case 'pageouts':
        return k.pageouts;
      case 'pageins':
        return k.pageins;
    }
  }
}

/**
 * A replayed statement's data: every field any kind of statement writes, in one object the scratch
 * record keeps (written by execute, never read).
 */
function quietData(): StatementData {
  const d = {
    kind: 'call', name: 'vm_allocate', result: null, settings: [], id: null, parent: '', parentId: null, child: '', childId: null,
    port: null, size: null, max: null, failInit: false, value: null, op: '==', left: null, right: null, held: null, expression: '', codes: false,
  };
  return d as unknown as StatementData;
}

/** A replayed statement's out and events: never written (frozen, so a write would throw in a test). */
const QUIET_OUT: Record<string, ShownValue> = Object.freeze({}) as Record<string, ShownValue>;
const QUIET_EVENTS: KernelEvent[] = Object.freeze([]) as unknown as KernelEvent[];

function tooMuchWork(pos: Pos): ScenarioRuntimeError {
  return new ScenarioRuntimeError(
    `the scenario did too much work (over ${MAX_WORK.toLocaleString('en-US')} steps of kernel activity); it was stopped at line ${pos.line}`,
    pos,
  );
}

/** Units of work for moving or comparing n bytes. */
function bytesUnits(n: number): number {
  return n > 0 ? Math.ceil(n / BYTES_PER_UNIT) : 0;
}

function formatMiB(bytes: number): string {
  return bytes >= MIB ? `${+(bytes / MIB).toFixed(1)} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

/** Bytes as MiB and exactly (just past a limit, the MiB alone would read as the limit itself). */
function formatExact(bytes: number): string {
  return bytes >= MIB ? `${formatMiB(bytes)} (${bytes.toLocaleString('en-US')} bytes)` : formatMiB(bytes);
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

/** The statement data of a record, narrowed to the kind the statement being run has. */
function dataOf<K extends StatementData['kind']>(rec: StepRecord, _kind: K): Extract<StatementData, { kind: K }> {
  return rec.statement as Extract<StatementData, { kind: K }>;
}
