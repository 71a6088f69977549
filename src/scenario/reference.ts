/**
 * The language reference: one entry for every statement, call, query, constant and config
 * setting of the scenario language, with its signature, one line saying what it does, one line per
 * parameter, and an example that runs as is in a scenario that declares `task A`. The names, the
 * parameters and their kinds come from language.ts's tables (CALLS, QUERIES, CONSTANTS,
 * CONFIG_KEYS): only the words are written here, and a test fails when a table gains a name
 * this file does not describe. Read by the reference panel (key ?), the editor's completion and
 * signature help, and "did you mean". Fixed in size: it grows only with the language.
 */
import { CALLS, CONFIG_KEYS, CONSTANTS, PAGE_SIZE_CONSTANT, QUERIES, type ConfigKey, type ParamKind } from './language';
import type { CallName, QueryName } from './ast';

export type ReferenceKind = 'statement' | 'call' | 'query' | 'constant' | 'config';

export interface ParamDoc {
  name: string;
  kind: ParamKind;
  /** One line. */
  doc: string;
}

export interface ReferenceEntry {
  /** A stable anchor: 'call-vm_map', 'query-faults', 'constant-VM_PROT_READ', 'statement-fork', 'config-page_size'. */
  id: string;
  kind: ReferenceKind;
  name: string;
  /** How it is written, e.g. 'kr = vm_allocate(target_task, &address, size, anywhere)'. */
  signature: string;
  /** One line. */
  summary: string;
  /** A call's or query's parameters, in order (else none). */
  params: readonly ParamDoc[];
  /** One statement, or a few lines, that run as they are after `task A` (a config setting's: before it). */
  example: string;
  /** A constant's family: the constants one choice picks among. */
  family?: ConstantFamily;
  /** A constant's value (PAGE_SIZE: the default page size). */
  value?: number;
}

export type ConstantFamily = 'VM_PROT' | 'VM_INHERIT' | 'KERN' | 'BOOL' | 'MEMORY_OBJECT' | 'PAGE_SIZE';

/** What each call does, and one line per parameter (in CALLS' order). */
const CALL_WORDS: Record<CallName, { summary: string; params: readonly string[]; example: string }> = {
  vm_allocate: {
    summary: 'Zero-filled memory, read/write, inherited by copy; with anywhere TRUE the kernel picks the lowest free range.',
    params: ['the task whose address space gets the memory', 'in: the address asked for (used when anywhere is FALSE); out: where it went', 'bytes, rounded up to whole pages', 'TRUE: the kernel chooses the address; FALSE: exactly the address passed in'],
    example: 'kr = vm_allocate(A, &x, 0x2000, TRUE)',
  },
  vm_map: {
    summary: 'Maps a memory object (MEMORY_OBJECT_NULL: zero-filled memory) with the protections and inheritance given.',
    params: [
      'the task whose address space gets the mapping', 'in: the address asked for; out: where it went', 'bytes, rounded up to whole pages',
      'address bits that must be clear (alignment), 0 for none', 'TRUE: the kernel chooses the address', 'an object declared with `object NAME size=...`, or MEMORY_OBJECT_NULL',
      'where in the object the mapping starts (page aligned)', 'FALSE: share the object; TRUE: a private copy-on-write copy', 'the protection now (VM_PROT_*)',
      'the most vm_protect may ever allow (VM_PROT_*)', 'what fork gives a child (VM_INHERIT_*)',
    ],
    example: 'object F size=0x2000 data="from the pager"\nkr = vm_map(A, &f, 0x2000, 0, TRUE, F, 0, FALSE, VM_PROT_READ, VM_PROT_ALL, VM_INHERIT_SHARE)',
  },
  vm_remap: {
    summary: "Maps memory of another task (or the same one) again: shared with copy FALSE, copy-on-write with TRUE.",
    params: [
      'the task that gets the new mapping', 'in: the address asked for; out: where it went', 'bytes to map', 'address bits that must be clear, 0 for none',
      'TRUE: the kernel chooses the address', 'the task whose memory is mapped', 'where that memory starts in src_task',
      'FALSE: share the pages; TRUE: a copy-on-write copy', 'out: the most restrictive current protection over the source', 'out: the most restrictive maximum protection',
      'what fork gives a child of target_task (VM_INHERIT_*)',
    ],
    example: 'kr = vm_allocate(A, &src, PAGE_SIZE, TRUE)\nkr = vm_remap(A, &dst, PAGE_SIZE, 0, TRUE, A, src, FALSE, &cur, &max, VM_INHERIT_SHARE)',
  },
  vm_protect: {
    summary: 'Sets the current protection (set_maximum FALSE) or the maximum one (TRUE) of a range that is mapped throughout.',
    params: ['the task', 'the start of the range (rounded down to a page)', 'bytes (rounded up to pages)', 'FALSE: the current protection; TRUE: the maximum (the current is lowered to fit)', 'VM_PROT_* bits, joined with |'],
    example: 'kr = vm_allocate(A, &p, PAGE_SIZE, TRUE)\nkr = vm_protect(A, p, PAGE_SIZE, FALSE, VM_PROT_READ)',
  },
  vm_inherit: {
    summary: 'Sets what a child made by fork gets of the range: shared, a copy-on-write copy, or nothing.',
    params: ['the task', 'the start of the range', 'bytes', 'VM_INHERIT_SHARE, VM_INHERIT_COPY or VM_INHERIT_NONE'],
    example: 'kr = vm_allocate(A, &s, PAGE_SIZE, TRUE)\nkr = vm_inherit(A, s, PAGE_SIZE, VM_INHERIT_SHARE)',
  },
  vm_deallocate: {
    summary: 'Unmaps every page the range touches; holes in the range are fine.',
    params: ['the task', 'the start of the range', 'bytes'],
    example: 'kr = vm_allocate(A, &d, 0x3000, TRUE)\nkr = vm_deallocate(A, d + 0x1000, 0x1000)',
  },
  vm_read: {
    summary: "Copies bytes of the task's memory into a byte string, as the kernel reads them (no TLB lookup, no fault counted).",
    params: ['the task', 'where to read', 'how many bytes', 'out: the bytes, a byte string'],
    example: 'kr = vm_allocate(A, &r, PAGE_SIZE, TRUE)\nkr = vm_read(A, r, 4, &snap)',
  },
  vm_write: {
    summary: "Writes a byte string into the task's memory; nothing is written unless all of the destination is writable.",
    params: ['the task', 'where to write', 'a byte string, e.g. "hello"'],
    example: 'kr = vm_allocate(A, &w, PAGE_SIZE, TRUE)\nkr = vm_write(A, w, "kernel wrote this")',
  },
  vm_copy: {
    summary: 'Copies bytes from one address of the task to another (the ranges may overlap).',
    params: ['the task', 'where the bytes are', 'how many bytes', 'where they go'],
    example: 'kr = vm_allocate(A, &c, 0x2000, TRUE)\nkr = vm_copy(A, c, 0x1000, c + 0x1000)',
  },
  vm_region: {
    summary: 'Describes the map entry containing address, or else the first one above it.',
    params: [
      'the task', "in: where to look from; out: the region's start", "out: the region's size", 'out: its current protection', 'out: its maximum protection',
      'out: its inheritance', 'out: 1 when another mapping sees the same pages without copy-on-write', "out: the id of its VM object (0: none yet)", 'out: where in the object it starts',
    ],
    example: 'kr = vm_allocate(A, &g, PAGE_SIZE, TRUE)\nkr = vm_region(A, &g, &size, &prot, &max, &inh, &shared, &obj, &off)',
  },
  task_terminate: {
    summary: 'Ends the task: its whole address space is deallocated; later calls on it return KERN_INVALID_ARGUMENT.',
    params: ['the task to end'],
    example: 'task T\nkr = task_terminate(T)',
  },
  write: {
    summary: 'A store by a thread of the task: through the TLB, the page table and, on a miss, the fault handler.',
    params: ['the task whose thread stores', 'where', 'a byte string, e.g. "hi"'],
    example: 'kr = vm_allocate(A, &h, PAGE_SIZE, TRUE)\nkr = write(A, h, "hi")',
  },
  read: {
    summary: 'A load by a thread of the task: through the TLB, the page table and, on a miss, the fault handler.',
    params: ['the task whose thread loads', 'where', 'how many bytes', 'out: the bytes read, a byte string'],
    example: 'kr = vm_allocate(A, &l, PAGE_SIZE, TRUE)\nkr = read(A, l, 2, &v)',
  },
  exec: {
    summary: 'An instruction fetch of one byte by a thread of the task: needs VM_PROT_EXECUTE.',
    params: ['the task whose thread fetches', 'where'],
    example: 'kr = vm_allocate(A, &e, PAGE_SIZE, TRUE)\nkr = exec(A, e)',
  },
};

const QUERY_WORDS: Record<QueryName, { summary: string; params: readonly string[]; example: string }> = {
  tlb_hits: { summary: "Lookups in the TLB by the task's read / write / exec that hit.", params: ['the task'], example: 'assert tlb_hits(A) >= 0' },
  tlb_misses: { summary: 'Lookups in the TLB that missed.', params: ['the task'], example: 'assert tlb_misses(A) >= 0' },
  faults: { summary: "Page faults taken by the task's accesses.", params: ['the task'], example: 'assert faults(A) >= 0' },
  cow_faults: { summary: 'Faults that copied a page up from a lower object of a shadow chain (copy-on-write).', params: ['the task'], example: 'assert cow_faults(A) >= 0' },
  shadow_depth: {
    summary: 'Objects in the chain under the entry at addr, its top included; 0: no object yet; -1: unmapped.',
    params: ['the task', 'an address in the task'],
    example: 'assert shadow_depth(A, 0) == -1',
  },
  object_of: { summary: "The id of the top object of the entry at addr; 0: none yet; -1: unmapped.", params: ['the task', 'an address in the task'], example: 'assert object_of(A, 0) == -1' },
  free_frames: { summary: 'Page frames free now.', params: [], example: 'assert free_frames() > 0' },
  pageouts: { summary: 'Pages the pageout daemon has evicted since the start.', params: [], example: 'assert pageouts() >= 0' },
  pageins: { summary: 'Evicted pages brought back in since the start.', params: [], example: 'assert pageins() >= 0' },
};

const STATEMENTS: readonly Omit<ReferenceEntry, 'id' | 'kind' | 'params'>[] = [
  { name: 'config', signature: 'config page_size=4096 frames=64 tlb_entries=16 tlb_ways=4 address_bits=32', summary: 'Describes the machine; optional, before every other statement, each setting once.', example: 'config frames=16' },
  { name: 'task', signature: 'task NAME', summary: 'A new task with an empty address space.', example: 'task B' },
  { name: 'fork', signature: 'task NAME = fork(PARENT)', summary: "A child task built from the parent's map, entry by entry, by each entry's inheritance.", example: 'task C = fork(A)' },
  {
    name: 'object', signature: 'object NAME size=N [data=BYTES] [max=PROT] [fail_init]',
    summary: 'A memory object served by a pager (think: a file), mapped with vm_map; its name is its port.', example: 'object G size=PAGE_SIZE data="file contents"',
  },
  { name: 'assignment', signature: 'NAME = EXPRESSION', summary: 'Sets a variable to an integer or a byte string.', example: 'n = 0x1000 + PAGE_SIZE' },
  { name: 'assert', signature: 'assert LEFT OP RIGHT', summary: 'Stops the run when the comparison (== != < <= > >=) does not hold.', example: 'assert PAGE_SIZE == 4096' },
  { name: 'comment', signature: '# TEXT', summary: 'A comment, to the end of the line (not inside a string).', example: '# the child writes next' },
  { name: 'mark', signature: '# mark: NAME', summary: 'Names the next statement a stop: the timeline shows it, ] and [ jump to it.', example: '# mark: the copy\nn = 1' },
  { name: 'note', signature: '# note: TEXT', summary: "A lecturer's note for the next statement, shown in the presenter view.", example: '# note: Ask: who sees the write?\nn = 1' },
];

const CONFIG_WORDS: Record<ConfigKey, { summary: string; example: string }> = {
  page_size: { summary: 'The page size: 4096 (default) or 16384 bytes.', example: 'config page_size=16384' },
  frames: { summary: 'Page frames of physical memory: 2 to 65,536 (default 64).', example: 'config frames=8' },
  tlb_entries: { summary: 'Entries of the TLB: 1 to 4,096 (default 16).', example: 'config tlb_entries=8' },
  tlb_ways: { summary: 'Entries per TLB set; must divide tlb_entries (default 4).', example: 'config tlb_entries=8 tlb_ways=8' },
  address_bits: { summary: "Every task's map is [0, 2^address_bits): 20 to 48 (default 32).", example: 'config address_bits=24' },
};

/** The result codes the simulator's calls return, with what each means here. */
const KERN_MEANINGS: Readonly<Record<string, string>> = {
  KERN_SUCCESS: 'The call did what it was asked.',
  KERN_INVALID_ADDRESS: 'The address or range is not (wholly) mapped, or outside the address space.',
  KERN_PROTECTION_FAILURE: 'The access or protection asked for exceeds what the entry (or the object) allows.',
  KERN_NO_SPACE: 'No free range is large enough, or the fixed address asked for is taken.',
  KERN_INVALID_ARGUMENT: 'An argument is out of range, or the task has been terminated.',
  KERN_INVALID_OBJECT: "The memory object's pager refused it (memory_object_init failed).",
  KERN_RESOURCE_SHORTAGE: 'No page frame could be found (every frame pinned).',
};

const CONSTANT_FAMILIES: readonly [string, ConstantFamily][] = [
  ['VM_PROT_', 'VM_PROT'], ['VM_INHERIT_', 'VM_INHERIT'], ['KERN_', 'KERN'], ['MEMORY_OBJECT_', 'MEMORY_OBJECT'],
];

const CONSTANT_MEANINGS: Readonly<Record<string, string>> = {
  TRUE: 'One: yes, for a boolean parameter (any non-zero integer counts as TRUE).',
  FALSE: 'Zero: no, for a boolean parameter.',
  VM_PROT_NONE: 'No access at all.',
  VM_PROT_READ: 'Loads allowed.',
  VM_PROT_WRITE: 'Stores allowed (a copy-on-write entry copies first).',
  VM_PROT_EXECUTE: 'Instruction fetches allowed.',
  VM_PROT_DEFAULT: 'Read and write (what vm_allocate gives).',
  VM_PROT_ALL: 'Read, write and execute (the usual maximum).',
  VM_INHERIT_SHARE: 'A forked child shares the memory with its parent.',
  VM_INHERIT_COPY: 'A forked child gets a copy-on-write copy (what vm_allocate gives).',
  VM_INHERIT_NONE: "A forked child gets a hole there.",
  VM_INHERIT_DEFAULT: 'The same as VM_INHERIT_COPY.',
  MEMORY_OBJECT_NULL: "vm_map's memory_object for zero-filled memory (no pager).",
};

/** The family a constant belongs to: the constants it could be swapped for. */
export function constantFamily(name: string): ConstantFamily {
  if (name === 'TRUE' || name === 'FALSE') return 'BOOL';
  if (name === PAGE_SIZE_CONSTANT) return 'PAGE_SIZE';
  for (const [prefix, family] of CONSTANT_FAMILIES) if (name.startsWith(prefix)) return family;
  throw new Error(`no family for the constant ${name}`);
}

function callSignature(name: string, params: readonly { name: string; kind: ParamKind }[], assigns: boolean): string {
  const args = params.map((q) => (q.kind === 'inout' || q.kind === 'out' ? `&${q.name}` : q.name)).join(', ');
  return `${assigns ? 'kr = ' : ''}${name}(${args})`;
}

function paramDocs(params: readonly { name: string; kind: ParamKind }[], words: readonly string[], owner: string): ParamDoc[] {
  if (words.length !== params.length) throw new Error(`reference: ${owner} has ${params.length} parameters, ${words.length} described`);
  return params.map((q, i) => ({ name: q.name, kind: q.kind, doc: words[i] }));
}

function buildReference(): ReferenceEntry[] {
  const out: ReferenceEntry[] = [];
  for (const s of STATEMENTS) out.push({ ...s, id: `statement-${s.name}`, kind: 'statement', params: [] });
  for (const [name, params] of Object.entries(CALLS) as [CallName, (typeof CALLS)[CallName]][]) {
    const w = CALL_WORDS[name];
    out.push({ id: `call-${name}`, kind: 'call', name, signature: callSignature(name, params, true), summary: w.summary, params: paramDocs(params, w.params, name), example: w.example });
  }
  for (const [name, params] of Object.entries(QUERIES) as [QueryName, (typeof QUERIES)[QueryName]][]) {
    const w = QUERY_WORDS[name];
    out.push({ id: `query-${name}`, kind: 'query', name, signature: callSignature(name, params, false), summary: w.summary, params: paramDocs(params, w.params, name), example: w.example });
  }
  const constants: [string, number][] = [...CONSTANTS.entries()];
  constants.splice(2, 0, [PAGE_SIZE_CONSTANT, 4096]);
  for (const [name, value] of constants) {
    const family = constantFamily(name);
    const summary =
      name === PAGE_SIZE_CONSTANT
        ? "The scenario's page size (4096 unless config page_size=16384)."
        : family === 'KERN'
          ? (KERN_MEANINGS[name] ?? `A Mach result code (${value}); the simulator's calls never return it, but a scenario may name it.`)
          : CONSTANT_MEANINGS[name];
    if (summary === undefined) throw new Error(`reference: the constant ${name} is not described`);
    const example = family === 'KERN' ? `assert ${name} == ${value}` : name === PAGE_SIZE_CONSTANT ? 'assert PAGE_SIZE >= 4096' : `assert ${name} == ${value}`;
    out.push({ id: `constant-${name}`, kind: 'constant', name, signature: name, summary, params: [], example, family, value });
  }
  for (const key of CONFIG_KEYS) {
    const w = CONFIG_WORDS[key];
    out.push({ id: `config-${key}`, kind: 'config', name: key, signature: `config ${key}=N`, summary: w.summary, params: [], example: w.example });
  }
  return out;
}

export const REFERENCE: readonly ReferenceEntry[] = buildReference();

const BY_ID = new Map(REFERENCE.map((e) => [e.id, e]));
/** By name: a call, query, constant or statement keyword wins over a config setting of the same name (there is none today). */
const BY_NAME = new Map<string, ReferenceEntry>();
for (const e of [...REFERENCE].reverse()) BY_NAME.set(e.name, e);

export function referenceById(id: string): ReferenceEntry | undefined {
  return BY_ID.get(id);
}

export function referenceByName(name: string): ReferenceEntry | undefined {
  return BY_NAME.get(name);
}

/** Parameter `index` (0-based) of call or query `call`, for signature help. */
export function paramDoc(call: string, index: number): ParamDoc | undefined {
  const e = BY_NAME.get(call);
  return e !== undefined && (e.kind === 'call' || e.kind === 'query') ? e.params[index] : undefined;
}

/** The constants of a family, in the tables' order (the choices a constant argument could be swapped for). */
export function constantsOf(family: ConstantFamily): readonly ReferenceEntry[] {
  return REFERENCE.filter((e) => e.kind === 'constant' && e.family === family);
}
