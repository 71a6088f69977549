/**
 * Arbitrary integers through the scenario language (text → parse → interpreter → kernel), the way
 * the CLI and the worker run them: the operations of ../testing/arbitrary_ops.ts written as
 * statements, each integer as a literal (a negative one with unary minus). The run never throws;
 * it ends 'ok' with every call's result, in/out address and bytes equal to the reference model's,
 * or with the one clear error the text calls for, at its line (and column):
 *   - a literal past 2^53 → parse error "integer ... is too large" at its line and column;
 *   - read / vm_read / vm_copy of more than 16 MiB → runtime error at its line (the interpreter's
 *     limit; a negative size reaches the kernel, which answers KERN_INVALID_ARGUMENT);
 *   - fork of a terminated task → runtime error at its line.
 * VM_SCENARIO_RUNS sets the number of scenarios (npm run fuzz raises it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Addresses, arbitraryMachine, arbitraryOp, type ArbitraryOp, type TaskArg, type Where } from '../testing/arbitrary_ops';
import { ReferenceModel } from '../testing/reference_model';
import { runScenario } from './run';
import type { StepRecord } from './interpreter';

const RUNS = Number(process.env.VM_SCENARIO_RUNS ?? 1000);
const SEED = process.env.VM_SCENARIO_SEED === undefined ? undefined : Number(process.env.VM_SCENARIO_SEED);
const LIMIT = 2 ** 53;
const MAX_TRANSFER = 16 * 1024 * 1024;

/** What a statement must show when it runs. */
type Expect = (rec: StepRecord) => string | null;

/** The scenario's text, built statement by statement, with the model run alongside for the expectations. */
class Script {
  readonly lines: string[] = [];
  readonly expects: (Expect | null)[] = [];
  /** The error the text calls for: where and what, or null. */
  error: { kind: 'parse' | 'runtime'; line: number; text: RegExp } | null = null;
  /** A literal past 2^53 in the statement being written: the error once it is added. */
  private pending: { kind: 'parse'; line: number; text: RegExp } | null = null;
  readonly m: ReferenceModel;
  readonly names: string[] = [];
  readonly ids: number[] = [];
  readonly addrs: Addresses;
  private var = 0;

  constructor(readonly machine: { pageSize: number; addressBits: number; frames: number }, readonly keepHuge: boolean) {
    const ps = machine.pageSize;
    this.m = new ReferenceModel({ pageSize: ps, addressBits: machine.addressBits });
    this.addrs = new Addresses(ps, [ps, 4 * ps, 2 ** machine.addressBits - ps]);
    this.add(`config page_size=${ps} address_bits=${machine.addressBits} frames=${machine.frames} tlb_entries=4 tlb_ways=2`);
    const file = 'the file F. '.repeat(8);
    const enc = new TextEncoder().encode(file);
    for (const [name, size, max, fail] of [['F', 4 * ps, 7, false], ['R', 2 * ps, 1, false], ['BAD', ps, 7, true]] as const) {
      this.add(`object ${name} size=${size} data="${file}"${max === 1 ? ' max=VM_PROT_READ' : ''}${fail ? ' fail_init' : ''}`);
      this.m.declarePager(name, size, enc, max, fail);
    }
    for (let i = 0; i < 2; i++) {
      this.add(`task T${i}`);
      this.names.push(`T${i}`);
      this.ids.push(this.m.createTask());
      const r = this.m.vm_allocate(this.ids[i], 0, 4 * ps, true);
      this.add(`kr = vm_allocate(T${i}, &a${i}, ${4 * ps}, TRUE)`, (rec) => same('vm_allocate', rec.kr, r.kr));
      this.addrs.remember(r.address);
      const kr = this.m.vm_protect(this.ids[i], r.address + 2 * ps, ps, false, 7); // a page exec may run
      this.add(`kr = vm_protect(T${i}, a${i} + ${2 * ps}, ${ps}, FALSE, VM_PROT_ALL)`, (rec) => same('vm_protect', rec.kr, kr));
    }
  }

  add(line: string, expect: Expect | null = null): void {
    if (this.error !== null) return; // nothing after the error runs
    this.lines.push(line);
    this.expects.push(expect);
    this.error = this.pending;
  }

  /** An integer as the language writes it; past ±2^53 it is either kept (a parse error) or brought to ±2^53. */
  int(n: number): string {
    if (Math.abs(n) > LIMIT) {
      if (!this.keepHuge) n = Math.sign(n) * LIMIT;
      else if (this.error === null) this.pending ??= { kind: 'parse', line: this.lines.length + 1, text: /integer \S+ is too large: integers are exact up to 2\^53/ };
    }
    const abs = Math.abs(n);
    const text = abs % 3 === 0 ? `0x${abs.toString(16)}` : BigInt(abs).toString();
    return n < 0 ? `-${text}` : text;
  }

  /** The value the interpreter will pass: what int() wrote. */
  value(n: number): number {
    return Math.abs(n) > LIMIT && !this.keepHuge ? Math.sign(n) * LIMIT : n;
  }

  at(w: Where): number {
    return this.value(this.addrs.of(w));
  }

  task(a: TaskArg): number {
    const n = this.names.length;
    return 'index' in a ? a.index % n : ((a.id % n) + n) % n;
  }

  fresh(): string {
    return `v${this.var++}`;
  }

  /** One op as statements, the model's answer as their expectation. */
  op(o: ArbitraryOp): void {
    const ti = this.task(o.task);
    const T = this.names[ti];
    const t = this.ids[ti];
    const m = this.m;
    const at = 'at' in o ? this.at(o.at) : 0;
    const lit = (n: number) => this.int(n);
    const line = this.lines.length + 1;
    const inout = (address: number): string => {
      const y = this.fresh();
      this.add(`${y} = ${lit(address)}`);
      return y;
    };
    switch (o.t) {
      case 'allocate': {
        const y = inout(at);
        const [size, any] = [this.value(o.size), this.value(o.anywhere)];
        const r = m.vm_allocate(t, at, size, any !== 0);
        this.add(`kr = vm_allocate(${T}, &${y}, ${lit(size)}, ${lit(any)})`, (rec) => same('vm_allocate', [rec.kr, rec.out[y]], [r.kr, r.address]));
        if (r.kr === 0) this.addrs.remember(r.address);
        return;
      }
      case 'map': {
        const y = inout(at);
        const port = 'pager' in o.object ? null : this.value(o.object.lit);
        const objectText = port === null ? ['MEMORY_OBJECT_NULL', 'F', 'R', 'BAD'][(o.object as { pager: number }).pager] : lit(port);
        const ports = [0, 0x103, 0x203, 0x303];
        const v = [o.size, o.mask, o.anywhere, o.offset, o.copy, o.cur, o.max, o.inh].map((x) => this.value(x));
        const r = m.vm_map(t, at, v[0], v[1], v[2] !== 0, port ?? ports[(o.object as { pager: number }).pager], v[3], v[4] !== 0, v[5], v[6], v[7]);
        const args = [lit(v[0]), lit(v[1]), lit(v[2]), objectText, ...v.slice(3).map(lit)];
        this.add(`kr = vm_map(${T}, &${y}, ${args.join(', ')})`, (rec) => same('vm_map', [rec.kr, rec.out[y]], [r.kr, r.address]));
        if (r.kr === 0) this.addrs.remember(r.address);
        return;
      }
      case 'remap': {
        const y = inout(at);
        const si = this.task(o.src);
        const from = this.at(o.from);
        const v = [o.size, o.mask, o.anywhere, o.copy, o.inh].map((x) => this.value(x));
        const r = m.vm_remap(t, at, v[0], v[1], v[2] !== 0, this.ids[si], from, v[3] !== 0, v[4]);
        this.add(`kr = vm_remap(${T}, &${y}, ${lit(v[0])}, ${lit(v[1])}, ${lit(v[2])}, ${this.names[si]}, ${lit(from)}, ${lit(v[3])}, &cur, &max, ${lit(v[4])})`,
          (rec) => same('vm_remap', [rec.kr, rec.out[y], rec.out.cur ?? null], [r.kr, r.address, r.kr === 0 ? r.cur : null]));
        if (r.kr === 0) this.addrs.remember(r.address);
        return;
      }
      case 'deallocate': {
        const size = this.value(o.size);
        const kr = m.vm_deallocate(t, at, size);
        this.add(`kr = vm_deallocate(${T}, ${lit(at)}, ${lit(size)})`, (rec) => same('vm_deallocate', rec.kr, kr));
        return;
      }
      case 'protect': {
        const [size, setMax, prot] = [this.value(o.size), this.value(o.setMax), this.value(o.prot)];
        const kr = m.vm_protect(t, at, size, setMax !== 0, prot);
        this.add(`kr = vm_protect(${T}, ${lit(at)}, ${lit(size)}, ${lit(setMax)}, ${lit(prot)})`, (rec) => same('vm_protect', rec.kr, kr));
        return;
      }
      case 'inherit': {
        const [size, inh] = [this.value(o.size), this.value(o.inh)];
        const kr = m.vm_inherit(t, at, size, inh);
        this.add(`kr = vm_inherit(${T}, ${lit(at)}, ${lit(size)}, ${lit(inh)})`, (rec) => same('vm_inherit', rec.kr, kr));
        return;
      }
      case 'vm_read':
      case 'read': {
        const size = this.value(o.size);
        const d = this.fresh();
        const text = `kr = ${o.t}(${T}, ${lit(at)}, ${lit(size)}, &${d})`;
        if (size > MAX_TRANSFER) return this.runtimeError(line, text, /bytes is more than the 16 MiB one statement may move/);
        const r = o.t === 'read' ? m.read(t, at, size) : m.vm_read(t, at, size);
        this.add(text, (rec) => same(o.t, rec.kr, r.kr) ?? (r.kr === 0 ? same(`${o.t} bytes`, [...(rec.out[d] as Uint8Array)], [...r.data]) : null));
        return;
      }
      case 'vm_write':
      case 'write': {
        const kr = o.t === 'write' ? m.write(t, at, o.data) : m.vm_write(t, at, o.data);
        this.add(`kr = ${o.t}(${T}, ${lit(at)}, ${bytes(o.data)})`, (rec) => same(o.t, rec.kr, kr));
        return;
      }
      case 'vm_copy': {
        const size = this.value(o.size);
        const to = this.at(o.to);
        const text = `kr = vm_copy(${T}, ${lit(at)}, ${lit(size)}, ${lit(to)})`;
        if (size > MAX_TRANSFER) return this.runtimeError(line, text, /bytes is more than the 16 MiB one statement may move/);
        const kr = m.vm_copy(t, at, size, to);
        this.add(text, (rec) => same('vm_copy', rec.kr, kr));
        return;
      }
      case 'exec': {
        const kr = m.exec(t, at);
        this.add(`kr = exec(${T}, ${lit(at)})`, (rec) => same('exec', rec.kr, kr));
        return;
      }
      case 'region': {
        const y = inout(at);
        const w = m.vm_region(t, at);
        this.add(`kr = vm_region(${T}, &${y}, &rs, &rp, &rm, &ri, &rsh, &robj, &roff)`, (rec) => {
          if (rec.kr !== w.kr) return `vm_region: kr ${rec.kr}, model ${w.kr}`;
          if (w.kr !== 0 || w.page === null) return null;
          const [a, size] = [rec.out[y] as number, rec.out.rs as number];
          if (!w.starts.includes(a) || !w.ends.includes(a + size)) return `vm_region: [${a}, ${a + size}), model starts ${w.starts} ends ${w.ends}`;
          return same('vm_region attributes', [rec.out.rp, rec.out.rm, rec.out.ri], [w.page.cur, w.page.max, w.page.inheritance]);
        });
        const mapped = m.pageInfo(t, at) !== null;
        const q = this.fresh();
        this.add(`${q} = object_of(${T}, ${lit(at)}) + 0 * shadow_depth(${T}, ${lit(at)})`, (rec) => ((rec.out[q] === -1) === !mapped ? null : `object_of: ${String(rec.out[q])}, model ${mapped ? 'mapped' : 'unmapped'}`));
        return;
      }
      case 'fork': {
        if (this.names.length >= 6) return;
        const name = `C${this.names.length}`;
        const text = `task ${name} = fork(${T})`;
        if (!m.isAlive(t)) return this.runtimeError(line, text, /cannot fork \S+: it was terminated/);
        const id = m.fork(t);
        this.add(text);
        this.names.push(name);
        this.ids.push(id);
        return;
      }
      case 'terminate': {
        const kr = m.task_terminate(t);
        this.add(`kr = task_terminate(${T})`, (rec) => same('task_terminate', rec.kr, kr));
        return;
      }
    }
  }

  private runtimeError(line: number, text: string, message: RegExp): void {
    this.add(text);
    if (this.error === null) this.error = { kind: 'runtime', line, text: message };
  }
}

function same(what: string, got: unknown, want: unknown): string | null {
  return JSON.stringify(got) === JSON.stringify(want) ? null : `${what}: scenario ${JSON.stringify(got)}, model ${JSON.stringify(want)}`;
}

function bytes(d: Uint8Array): string {
  return `"${[...d].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}"`;
}

const OUTCOMES: Record<string, number> = {};

function check(machine: { pageSize: number; addressBits: number; frames: number }, keepHuge: boolean, ops: ArbitraryOp[]): void {
  const s = new Script(machine, keepHuge);
  for (const o of ops) s.op(o);
  const text = s.lines.join('\n') + '\n';
  let outcome: ReturnType<typeof runScenario>;
  try {
    outcome = runScenario(text, { trace: false });
  } catch (e) {
    throw new Error(`the run threw ${String(e)}\n${text}`, { cause: e });
  }
  OUTCOMES[outcome.status] = (OUTCOMES[outcome.status] ?? 0) + 1;
  const e = s.error;
  if (e?.kind === 'parse') {
    expect(outcome.status, text).toBe('parse-error');
    if (outcome.status !== 'parse-error') return;
    expect([outcome.line, outcome.message], text).toEqual([e.line, expect.stringMatching(e.text)]);
    expect(outcome.col).toBeGreaterThan(1);
    return;
  }
  if (outcome.status === 'parse-error') throw new Error(`parse error ${outcome.line}:${outcome.col} ${outcome.message}\n${text}`);
  if (e?.kind === 'runtime') {
    expect(outcome.status, text).toBe('runtime-error');
    if (outcome.status === 'runtime-error') expect([outcome.line, outcome.message], text).toEqual([e.line, expect.stringMatching(e.text)]);
  } else if (outcome.status !== 'ok') {
    throw new Error(`runtime error at ${outcome.line}: ${outcome.message}\n${text}`);
  }
  // every statement that ran shows what the model says
  for (const rec of outcome.steps) {
    if (rec.error !== undefined) break;
    const want = s.expects[rec.index];
    const diff = want === null ? null : want(rec);
    if (diff !== null) throw new Error(`line ${rec.line} (${s.lines[rec.index]}): ${diff}\n${text}`);
  }
}

describe('arbitrary integers through the scenario language', () => {
  it(`runs or stops with a clear error at its line, and agrees with the model (${RUNS} scenarios)`, () => {
    fc.assert(
      fc.property(arbitraryMachine, fc.boolean(), fc.array(arbitraryOp, { minLength: 1, maxLength: 12 }), check),
      { numRuns: RUNS, seed: SEED },
    );
    if (process.env.VM_ARBITRARY_STATS !== undefined) console.log(`scenarios: ${RUNS}, outcomes ${JSON.stringify(OUTCOMES)}`);
    if (RUNS >= 500) for (const status of ['ok', 'runtime-error', 'parse-error']) expect(OUTCOMES[status] ?? 0, status).toBeGreaterThan(RUNS / 50);
  }, 60_000 + RUNS * 50);
});
