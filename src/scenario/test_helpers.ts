/** Helpers shared by the scenario tests (not part of the app). */
import { parseScenario } from './parser';
import type { Program, Statement } from './ast';

/**
 * Every statement and call of the language on one page: the example block of the team's language
 * contract, copied verbatim (a catalogue of syntax, not a scenario that runs to the end: the read
 * on line 18 fails, so v is never set). The parser and printer tests use it as their fixture.
 */
export const DOC_EXAMPLE = `config page_size=4096 frames=16 tlb_entries=8 tlb_ways=2 address_bits=32   # optional; only before any other statement
task A                                   # a new task, empty address space
task B = fork(A)                         # task_create(A, inherit_memory=TRUE)
object F size=0x4000 data="hello" max=VM_PROT_READ   # a memory object served by a pager ("a file")
object BAD size=0x1000 fail_init         # a pager whose memory_object_init fails
kr = vm_allocate(A, &x, 0x3000, TRUE)
kr = vm_map(A, &y, 0x2000, 0, TRUE, F, 0x1000, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_SHARE)
kr = vm_remap(B, &z, 0x2000, 0, TRUE, A, y, FALSE, &cur, &max, VM_INHERIT_SHARE)
kr = vm_protect(A, x, 0x1000, FALSE, VM_PROT_READ)
kr = vm_inherit(A, x, 0x3000, VM_INHERIT_NONE)
kr = vm_deallocate(A, x, 0x1000)
kr = vm_read(A, y, 5, &d)
kr = vm_write(A, x + 0x1000, "bytes")
kr = vm_copy(A, x, 0x1000, x + 0x2000)
kr = vm_region(A, &ra, &rs, &rp, &rm, &ri, &rsh, &robj, &roff)
kr = task_terminate(B)
kr = write(A, x + 0x10, "hi")            # a store by a thread of A, through TLB, pmap and faults
kr = read(A, x + 0x10, 2, &v)            # a load of 2 bytes into v
kr = exec(A, x)                          # an instruction fetch of one byte
y = 0x40000                              # sets a variable (e.g. the in/out address of a fixed mapping)
kr = vm_allocate(A, &y, 0x1000, FALSE)   # fixed: uses y as input, and sets it
assert kr == KERN_SUCCESS
assert v == "hi"
assert ra == 0x1000
`;

/** A copy of a syntax tree without positions (pos, callPos, line), for structural comparison. */
export function stripPositions<T>(x: T): T {
  if (x instanceof Uint8Array) return Uint8Array.from(x) as T;
  if (Array.isArray(x)) return x.map(stripPositions) as T;
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'pos' && k !== 'callPos' && k !== 'line') out[k] = stripPositions(v);
    return out as T;
  }
  return x;
}

export function parseOk(source: string): Program {
  const r = parseScenario(source);
  if (!r.ok) throw new Error(`parse failed at ${r.error.pos.line}:${r.error.pos.col}: ${r.error.message}\n${source}`);
  return r.program;
}

/** The only statement of a one-statement source, without positions. */
export function onlyStatement(source: string): Statement {
  const stmts = parseOk(source).lines.flatMap((l) => (l.statement === null ? [] : [l.statement]));
  if (stmts.length !== 1) throw new Error(`expected one statement, got ${stmts.length}`);
  return stripPositions(stmts[0]);
}

export function parseError(source: string): { line: number; col: number; message: string } {
  const r = parseScenario(source);
  if (r.ok) throw new Error(`expected a syntax error for:\n${source}`);
  return { line: r.error.pos.line, col: r.error.pos.col, message: r.error.message };
}
