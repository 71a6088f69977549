/**
 * The naive reference model: Mach VM's observable behaviour with none of its machinery.
 *
 *   task 1 ── vpn → Page { cell, cur, max, inheritance }
 *                        │
 *   task 2 ── vpn → Page ┘      sharing        = two pages pointing at the same Cell
 *                               copy-on-write  = an eager clone of the Cell, made at copy time
 *   pager  ── cells[]           copy=FALSE vm_map aliases the pager's own cells ("the file")
 *
 * No VM objects, shadow chains, frames, pmaps, TLB or pageout: memory is unlimited, and every copy
 * Mach would delay is made at once. It is an oracle for the real kernel (src/kernel): whatever a
 * scenario can observe (result codes, in/out addresses, bytes, cur/max/inheritance per page) must be
 * equal in both. Rules: docs/semantics.md. Clarity over speed: a Map per task, page by
 * page, BigInt for every 64-bit argument check.
 *
 * What vm_region, object_of and shadow_depth show, as far as the rules decide it (pageFacts,
 * vm_region below): each page knows whether a map entry begins there (a new mapping begins one
 * unless it extends the anonymous entry before it; range calls clip; vm_protect merges neighbours
 * of one object at contiguous offsets) and what backs its entry (none yet: an anonymous entry no
 * access has touched and nothing has shared; a pager's own object; some object). Where that depends
 * on machinery the model leaves out (can an object be extended, are two entries' objects the
 * same), the answer is 'maybe' / 'unknown' and a test accepts either. Pages that share a cell show
 * the same object; a shared cell is what makes vm_region's `shared` TRUE.
 *
 * A negative size, address, offset or mask means its C u64 two's-complement value (u64 below).
 *
 * Independent of the kernel: nothing here comes from src/kernel (eslint.config.js refuses the
 * import). The values are those of the Mach headers, the checks are written from the rules, so a
 * wrong constant or helper in the kernel shows up as a disagreement instead of agreeing with itself.
 */

// mach/kern_return.h
const KERN_SUCCESS = 0;
const KERN_INVALID_ADDRESS = 1;
const KERN_PROTECTION_FAILURE = 2;
const KERN_NO_SPACE = 3;
const KERN_INVALID_ARGUMENT = 4;
const KERN_INVALID_OBJECT = 29;
// mach/vm_prot.h
const VM_PROT_READ = 1;
const VM_PROT_WRITE = 2;
const VM_PROT_EXECUTE = 4;
const VM_PROT_DEFAULT = VM_PROT_READ | VM_PROT_WRITE;
const VM_PROT_ALL = VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE;
// mach/vm_inherit.h
const VM_INHERIT_SHARE = 0;
const VM_INHERIT_COPY = 1;
const VM_INHERIT_NONE = 2;

/** What C sees when an integer is passed as a 64-bit unsigned argument (vm_size_t, vm_offset_t). */
function u64(x: number): bigint {
  return BigInt.asUintN(64, BigInt(x));
}

/** A vm_prot_t made of READ, WRITE and EXECUTE only (any other bit, or a negative value, is not one). */
function validProt(p: number): boolean {
  return Number.isInteger(p) && p >= 0 && p <= VM_PROT_ALL;
}

/** SHARE, COPY or NONE; DONATE_COPY (3) and anything else is not an inheritance. */
function validInherit(i: number): boolean {
  return i === VM_INHERIT_SHARE || i === VM_INHERIT_COPY || i === VM_INHERIT_NONE;
}

export interface ModelConfig { pageSize: number; addressBits: number }

export interface AddressResult { kr: number; address: number }
export interface RemapResult { kr: number; address: number; cur: number; max: number }
export interface DataResult { kr: number; data: Uint8Array }
export interface PageInfo { cur: number; max: number; inheritance: number }

/**
 * The contents of one page. `bytes === null` is a zero page not yet touched (lazily zero-filled).
 * `id` names it (pages with one cell are aliases); a pager's own cell knows its port and page.
 */
interface Cell { bytes: Uint8Array | null; id: number; pager: number | null; index: number }

/**
 * Does a kernel map entry begin at this page? 'yes'; 'no': the page continues the entry of the page
 * before; 'maybe': the rules leave it to what the model does not have (whether the object before
 * can be extended, whether two entries hold the same object at contiguous offsets).
 */
export type Boundary = 'yes' | 'no' | 'maybe';
/** What backs a page's entry: 'none' yet (vm_region's object 0), an 'object', or 'unknown'. */
export type Backing = 'none' | 'object' | 'unknown';

/**
 * One mapped page of a task. `start` and `backing` as above; `offset` is the page's offset in its
 * entry while the entry has no object (vm_region's offset: clipping keeps it, a fresh entry starts
 * at 0), null when the rules do not fix it.
 */
interface Page {
  cell: Cell; cur: number; max: number; inheritance: number;
  start: Boundary; backing: Backing; offset: number | null;
}

/** What the model knows of one mapped page, for comparing with vm_region, object_of and shadow_depth. */
export interface PageFacts {
  address: number;
  cur: number;
  max: number;
  inheritance: number;
  /** Whether an entry begins here (the page before unmapped or different: 'yes'). */
  start: Boundary;
  backing: Backing;
  /** vm_region's offset for this page when the model knows it: a pager's page, or an anonymous page without object. */
  offset: number | null;
  /** Pages with the same cell are aliases: their entries hold the same object (object_of equal). */
  cell: number;
  /** The pager whose own page this is (its entry maps the pager's object, shadow_depth 1), or null. */
  pager: number | null;
  /** Another mapped page (this task or another) has the same cell: the entry is shared. */
  aliased: boolean;
}

/** vm_region as the model sees it: the entry's possible starts and ends (one each where the rules decide). */
export interface RegionFacts {
  kr: number;
  /** The first mapped page at or above trunc_page(address): the entry returned holds it. */
  page: PageFacts | null;
  /** Addresses where the entry holding `page` may begin, ascending (the last one is certain to be at or below). */
  starts: number[];
  /** Addresses where it may end, ascending. */
  ends: number[];
}

interface ModelTask { alive: boolean; pages: Map<number, Page> }

interface ModelPager { name: string; cells: Cell[]; maxProtection: number; failInit: boolean }

/** A validated page range in bytes: [start, end), start < end, both page aligned, end < 2^64. */
interface Range { start: bigint; end: bigint }

type Placement = { kr: typeof KERN_SUCCESS; start: bigint } | { kr: number };

const TWO64 = 1n << 64n;
const MEMORY_OBJECT_NULL = 0;
let cellIds = 0;
/**
 * The most bytes one transfer (read, write, vm_read, vm_write, vm_copy) moves: 16 MiB. More, or a
 * negative size (a huge u64), is KERN_INVALID_ARGUMENT before anything else is looked at.
 */
const MAX_TRANSFER = 16n * 1024n * 1024n;

export class ReferenceModel {
  readonly pageSize: number;
  readonly addressBits: number;
  private readonly page: bigint;
  /** 2^addressBits: the first address past every task's map. */
  private readonly mapEnd: bigint;
  /** mapEnd / pageSize: the first vpn past the map. */
  private readonly mapEndVpn: number;
  private readonly tasks = new Map<number, ModelTask>();
  private nextTaskId = 1;
  private readonly pagers = new Map<number, ModelPager>();
  private pagerCount = 0;

  constructor(config: ModelConfig) {
    const { pageSize, addressBits } = config;
    if (!Number.isSafeInteger(pageSize) || pageSize < 1 || (pageSize & (pageSize - 1)) !== 0) {
      throw new Error(`reference model: page size ${pageSize} is not a power of two`);
    }
    if (!Number.isSafeInteger(addressBits) || addressBits > 53 || 2 ** addressBits < pageSize) {
      throw new Error(`reference model: address_bits ${addressBits} out of range`);
    }
    this.pageSize = pageSize;
    this.addressBits = addressBits;
    this.page = BigInt(pageSize);
    this.mapEnd = 1n << BigInt(addressBits);
    this.mapEndVpn = Number(this.mapEnd / this.page);
  }

  // ---------------------------------------------------------------- tasks and pagers

  createTask(): number {
    const id = this.nextTaskId++;
    this.tasks.set(id, { alive: true, pages: new Map() });
    return id;
  }

  /** task_create(parent, inherit_memory = TRUE). A dead or unknown parent is a bug of the caller. */
  fork(parent: number): number {
    const p = this.live(parent);
    if (!p) throw new Error(`reference model: fork of dead or unknown task ${parent}`);
    const childId = this.createTask();
    const child = this.tasks.get(childId)!;
    let prev: Page | null = null;
    for (const vpn of [...p.pages.keys()].sort((x, y) => x - y)) {
      const pg = p.pages.get(vpn)!;
      if (pg.inheritance === VM_INHERIT_NONE) continue;
      // SHARE: the very same cell (a zero page becomes one shared cell: both see the first write).
      // COPY: an eager clone (a zero page stays an independent zero page).
      const share = pg.inheritance === VM_INHERIT_SHARE;
      const cell = share ? pg.cell : cloneCell(pg.cell);
      // the child's entries are the parent's; a shared one gets an object on both sides, a copied
      // one without object stays without (its entry's offset starting at 0 again)
      const start = this.boundary(p, vpn);
      if (share) pg.backing = 'object';
      const backing = pg.backing;
      const c: Page = { cell, cur: pg.cur, max: pg.max, inheritance: pg.inheritance, start, backing, offset: null };
      if (backing === 'none') c.offset = freshOffset(start, prev, this.pageSize);
      child.pages.set(vpn, c);
      prev = c;
    }
    return childId;
  }

  /** A memory object served by a pager. Returns its port name: 0x103, 0x203, ... */
  declarePager(name: string, size: number, data: Uint8Array, maxProtection: number, failInit: boolean): number {
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`reference model: bad pager size ${size}`);
    const pages = Math.ceil(size / this.pageSize);
    const index = ++this.pagerCount;
    const port = index * 256 + 3; // (index << 8) | 3 without 32-bit overflow
    const cells: Cell[] = [];
    for (let i = 0; i < pages; i++) {
      const from = i * this.pageSize;
      let bytes: Uint8Array | null = null;
      if (from < data.length) {
        bytes = new Uint8Array(this.pageSize);
        bytes.set(data.subarray(from, Math.min(data.length, from + this.pageSize)));
      }
      cells.push({ bytes, id: ++cellIds, pager: port, index: i });
    }
    this.pagers.set(port, { name, cells, maxProtection, failInit });
    return port;
  }

  task_terminate(task: number): number {
    const t = this.live(task);
    if (!t) return KERN_INVALID_ARGUMENT;
    t.pages.clear();
    t.alive = false;
    return KERN_SUCCESS;
  }

  // ---------------------------------------------------------------- calls that create mappings

  vm_allocate(task: number, address: number, size: number, anywhere: boolean): AddressResult {
    const t = this.live(task);
    if (!t) return { kr: KERN_INVALID_ARGUMENT, address };
    if (u64(size) === 0n) return { kr: KERN_SUCCESS, address: 0 };
    const len = this.roundUp(u64(size)) % TWO64;
    if (len === 0n) return { kr: KERN_INVALID_ARGUMENT, address };
    // round_page(size) bytes: at the first fit, or fixed at trunc_page(addr) (placement rounding)
    const placed = this.place(t, anywhere, address, len, 0);
    if (!('start' in placed)) return { kr: placed.kr, address };
    const end = placed.start + len;
    this.enter(t, this.vpn(placed.start), this.vpn(end) - this.vpn(placed.start), () => zeroCell(), VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY, true);
    return { kr: KERN_SUCCESS, address: Number(placed.start) };
  }

  vm_map(
    task: number, address: number, size: number, mask: number, anywhere: boolean, memoryObject: number,
    offset: number, copy: boolean, cur: number, max: number, inheritance: number,
  ): AddressResult {
    const t = this.live(task);
    if (!t) return { kr: KERN_INVALID_ARGUMENT, address };
    if (!validProt(cur) || !validProt(max)) return { kr: KERN_INVALID_ARGUMENT, address };
    cur &= max; // xnu: cur beyond max is trimmed silently
    if (!validInherit(inheritance)) return { kr: KERN_INVALID_ARGUMENT, address };
    const len = this.roundUp(u64(size)) % TWO64;
    if (u64(size) === 0n || len === 0n || u64(offset) + u64(size) >= TWO64) {
      return { kr: KERN_INVALID_ARGUMENT, address };
    }
    // placement rounding (semantics.md): round_page(size) bytes, fixed at trunc_page(addr)
    // cellAt(i): the cell of the i-th new page.
    let cellAt: (i: number) => Cell;
    if (memoryObject === MEMORY_OBJECT_NULL) {
      cellAt = () => zeroCell(); // anonymous zero fill: offset and copy ignored
    } else {
      const pager = this.pagers.get(memoryObject);
      if (!pager) return { kr: KERN_INVALID_OBJECT, address };
      const off = u64(offset);
      if (off % this.page !== 0n) return { kr: KERN_INVALID_ARGUMENT, address };
      if (off + len > BigInt(pager.cells.length) * this.page) return { kr: KERN_INVALID_ARGUMENT, address };
      if ((max & pager.maxProtection) !== max) return { kr: KERN_PROTECTION_FAILURE, address };
      if (pager.failInit) return { kr: KERN_INVALID_OBJECT, address };
      const first = this.vpn(off);
      // copy=FALSE: the file's own cells (everyone sees every write); copy=TRUE: a snapshot now.
      cellAt = (i) => (copy ? cloneCell(pager.cells[first + i]) : pager.cells[first + i]);
    }
    const placed = this.place(t, anywhere, address, len, mask);
    if (!('start' in placed)) return { kr: placed.kr, address };
    this.enter(t, this.vpn(placed.start), this.vpn(len), cellAt, cur, max, inheritance, memoryObject === MEMORY_OBJECT_NULL);
    return { kr: KERN_SUCCESS, address: Number(placed.start) };
  }

  vm_remap(
    target: number, address: number, size: number, mask: number, anywhere: boolean, src: number,
    srcAddress: number, copy: boolean, inheritance: number,
  ): RemapResult {
    const fail = (kr: number): RemapResult => ({ kr, address, cur: 0, max: 0 });
    const tt = this.live(target);
    const st = this.live(src);
    if (!tt || !st) return fail(KERN_INVALID_ARGUMENT);
    if (!validInherit(inheritance) || u64(size) === 0n) return fail(KERN_INVALID_ARGUMENT);
    // the source is placement-rounded: the page containing srcAddress, round_page(size) bytes
    const srcLen = this.roundUp(u64(size)) % TWO64;
    const srcStart = this.truncU64(srcAddress);
    if (srcLen === 0n || srcStart + srcLen >= TWO64) return fail(KERN_INVALID_ARGUMENT);
    const r: Range = { start: srcStart, end: srcStart + srcLen };
    // The source is read first: every page must be mapped.
    const sourcePages = this.pagesOrHole(st, r);
    if (sourcePages === null) return fail(KERN_INVALID_ADDRESS);
    let cur = VM_PROT_ALL;
    let max = VM_PROT_ALL;
    for (const pg of sourcePages) {
      cur &= pg.cur;
      max &= pg.max;
    }
    const len = r.end - r.start;
    const placed = this.place(tt, anywhere, address, len, mask);
    if (!('start' in placed)) return fail(placed.kr);
    this.enterRemapped(st, this.vpn(r.start), tt, this.vpn(placed.start), sourcePages, copy, inheritance);
    return { kr: KERN_SUCCESS, address: Number(placed.start), cur, max };
  }

  // ---------------------------------------------------------------- calls on existing mappings

  vm_deallocate(task: number, address: number, size: number): number {
    const t = this.live(task);
    if (!t) return KERN_INVALID_ARGUMENT;
    if (u64(size) === 0n) return KERN_SUCCESS;
    const r = this.range(address, size);
    if (r === 'wrap') return KERN_INVALID_ARGUMENT;
    for (const vpn of this.mappedIn(t, r)) t.pages.delete(vpn);
    this.clip(t, this.span(r).hi);
    return KERN_SUCCESS;
  }

  vm_protect(task: number, address: number, size: number, setMaximum: boolean, prot: number): number {
    const t = this.live(task);
    if (!t) return KERN_INVALID_ARGUMENT;
    if (u64(size) === 0n) return KERN_SUCCESS;
    if (!validProt(prot)) return KERN_INVALID_ARGUMENT;
    const r = this.range(address, size);
    if (r === 'wrap') return KERN_INVALID_ARGUMENT;
    // Pass 1, in address order: the first hole or the first page whose max forbids prot decides.
    const { lo, hi } = this.span(r);
    const pages: Page[] = [];
    for (let vpn = lo; vpn < hi; vpn++) {
      const pg = t.pages.get(vpn);
      if (!pg) return KERN_INVALID_ADDRESS;
      if ((prot & ~pg.max) !== 0) return KERN_PROTECTION_FAILURE;
      pages.push(pg);
    }
    // Pass 2: clip at both ends, change them all, then merge neighbours that can be merged (the
    // two halves of a clipped entry hold one object at contiguous offsets: they merge back when
    // their attributes are equal again).
    const halves = [lo, hi].filter((vpn) => t.pages.get(vpn)?.start === 'no');
    this.clip(t, lo);
    this.clip(t, hi);
    for (const pg of pages) {
      if (setMaximum) {
        pg.max = prot;
        pg.cur &= prot;
      } else {
        pg.cur = prot;
      }
    }
    this.simplify(t, lo, hi, halves);
    return KERN_SUCCESS;
  }

  vm_inherit(task: number, address: number, size: number, inheritance: number): number {
    const t = this.live(task);
    if (!t) return KERN_INVALID_ARGUMENT;
    if (u64(size) === 0n) return KERN_SUCCESS;
    if (!validInherit(inheritance)) return KERN_INVALID_ARGUMENT;
    const r = this.range(address, size);
    if (r === 'wrap') return KERN_INVALID_ARGUMENT;
    const { lo, hi } = this.span(r);
    this.clip(t, lo);
    this.clip(t, hi);
    for (const vpn of this.mappedIn(t, r)) t.pages.get(vpn)!.inheritance = inheritance;
    return KERN_SUCCESS;
  }

  vm_read(task: number, address: number, size: number): DataResult {
    const t = this.live(task);
    if (!t || u64(size) > MAX_TRANSFER) return { kr: KERN_INVALID_ARGUMENT, data: new Uint8Array(0) };
    if (u64(size) === 0n) return { kr: KERN_SUCCESS, data: new Uint8Array(0) };
    const kr = this.checkWhole(t, address, size, VM_PROT_READ);
    if (kr !== KERN_SUCCESS) return { kr, data: new Uint8Array(0) };
    this.touchRange(t, address, size);
    return { kr: KERN_SUCCESS, data: this.copyOut(t, Number(u64(address)), Number(u64(size))) };
  }

  vm_write(task: number, address: number, data: Uint8Array): number {
    const t = this.live(task);
    if (!t || data.length > MAX_TRANSFER) return KERN_INVALID_ARGUMENT;
    if (data.length === 0) return KERN_SUCCESS;
    const kr = this.checkWhole(t, address, data.length, VM_PROT_WRITE);
    if (kr !== KERN_SUCCESS) return kr;
    this.touchRange(t, address, data.length);
    this.copyIn(t, Number(u64(address)), data);
    return KERN_SUCCESS;
  }

  vm_copy(task: number, src: number, size: number, dst: number): number {
    const read = this.vm_read(task, src, size); // the source first: its errors win
    if (read.kr !== KERN_SUCCESS) return read.kr;
    return this.vm_write(task, dst, read.data); // a snapshot, so overlapping ranges work
  }

  // ---------------------------------------------------------------- a thread's accesses

  /** A user load: page by page in address order; the first failing page is the result. */
  read(task: number, address: number, size: number): DataResult {
    const t = this.live(task);
    if (!t || u64(size) > MAX_TRANSFER) return { kr: KERN_INVALID_ARGUMENT, data: new Uint8Array(0) };
    if (u64(size) === 0n) return { kr: KERN_SUCCESS, data: new Uint8Array(0) };
    const kr = this.access(t, address, size, VM_PROT_READ, () => undefined);
    if (kr !== KERN_SUCCESS) return { kr, data: new Uint8Array(0) };
    return { kr, data: this.copyOut(t, Number(u64(address)), Number(u64(size))) };
  }

  /** A user store: page by page; the pages before a failing one stay written. */
  write(task: number, address: number, data: Uint8Array): number {
    const t = this.live(task);
    if (!t || data.length > MAX_TRANSFER) return KERN_INVALID_ARGUMENT;
    if (data.length === 0) return KERN_SUCCESS;
    const a = u64(address);
    return this.access(t, address, data.length, VM_PROT_WRITE, (vpn, pg) => {
      // The part of data that falls in this page (a < 2^53 here: the page is mapped).
      const pageStart = vpn * this.pageSize;
      const from = Math.max(pageStart, Number(a));
      const to = Math.min(pageStart + this.pageSize, Number(a) + data.length);
      materialise(pg.cell, this.pageSize).set(data.subarray(from - Number(a), to - Number(a)), from - pageStart);
    });
  }

  /** A one-byte instruction fetch. */
  exec(task: number, address: number): number {
    const t = this.live(task);
    if (!t) return KERN_INVALID_ARGUMENT;
    return this.access(t, address, 1, VM_PROT_EXECUTE, () => undefined);
  }

  pageInfo(task: number, address: number): PageInfo | null {
    const t = this.live(task);
    if (!t) return null;
    const a = u64(address);
    if (a >= this.mapEnd) return null;
    const pg = t.pages.get(this.vpn(a));
    return pg ? { cur: pg.cur, max: pg.max, inheritance: pg.inheritance } : null;
  }

  // ---------------------------------------------------------------- extras for differential tests

  isAlive(task: number): boolean {
    return this.live(task) !== null;
  }

  /** The page-aligned addresses mapped in a task, ascending (empty for a dead task). */
  mappedPages(task: number): number[] {
    const t = this.live(task);
    if (!t) return [];
    return [...t.pages.keys()].sort((x, y) => x - y).map((vpn) => vpn * this.pageSize);
  }

  /**
   * What the model knows of each mapped page of a task, ascending (empty for a dead task): its
   * attributes, whether an entry begins there, what backs it, its cell and whether another mapped
   * page shares that cell.
   */
  pageFacts(task: number): PageFacts[] {
    const t = this.live(task);
    if (!t) return [];
    const refs = this.cellReferences();
    return [...t.pages.keys()].sort((x, y) => x - y).map((vpn) => this.facts(t, vpn, refs));
  }

  /**
   * vm_region: the entry holding the first mapped page at or above trunc_page(address), with
   * where it may begin and end (INVALID_ADDRESS when there is none, INVALID_ARGUMENT for a dead task).
   */
  vm_region(task: number, address: number): RegionFacts {
    const t = this.live(task);
    if (!t) return { kr: KERN_INVALID_ARGUMENT, page: null, starts: [], ends: [] };
    const from = u64(address) / this.page;
    if (from >= BigInt(this.mapEndVpn)) return { kr: KERN_INVALID_ADDRESS, page: null, starts: [], ends: [] };
    let p = -1;
    for (const vpn of t.pages.keys()) if (vpn >= Number(from) && (p < 0 || vpn < p)) p = vpn;
    if (p < 0) return { kr: KERN_INVALID_ADDRESS, page: null, starts: [], ends: [] };
    const starts: number[] = [];
    for (let v = p; ; v--) {
      const b = this.boundary(t, v);
      if (b !== 'no') starts.unshift(v * this.pageSize);
      if (b === 'yes') break;
    }
    const ends: number[] = [];
    for (let v = p + 1; ; v++) {
      const b = t.pages.has(v) ? this.boundary(t, v) : 'yes';
      if (b !== 'no') ends.push(v * this.pageSize);
      if (b === 'yes') break;
    }
    return { kr: KERN_SUCCESS, page: this.facts(t, p, this.cellReferences()), starts, ends };
  }

  // ---------------------------------------------------------------- helpers

  /** How many mapped pages of live tasks hold each cell. */
  private cellReferences(): Map<Cell, number> {
    const n = new Map<Cell, number>();
    for (const t of this.tasks.values()) {
      if (!t.alive) continue;
      for (const pg of t.pages.values()) n.set(pg.cell, (n.get(pg.cell) ?? 0) + 1);
    }
    return n;
  }

  private facts(t: ModelTask, vpn: number, refs: Map<Cell, number>): PageFacts {
    const pg = t.pages.get(vpn)!;
    const offset = pg.cell.pager !== null ? pg.cell.index * this.pageSize : pg.backing === 'none' ? pg.offset : null;
    return {
      address: vpn * this.pageSize, cur: pg.cur, max: pg.max, inheritance: pg.inheritance, start: this.boundary(t, vpn),
      backing: pg.backing, offset, cell: pg.cell.id, pager: pg.cell.pager, aliased: (refs.get(pg.cell) ?? 0) > 1,
    };
  }

  /** Whether an entry begins at mapped page vpn: always where the page before is unmapped or differs. */
  private boundary(t: ModelTask, vpn: number): Boundary {
    const prev = t.pages.get(vpn - 1);
    const pg = t.pages.get(vpn)!;
    return prev === undefined || !sameAttributes(prev, pg) ? 'yes' : pg.start;
  }

  /** _vm_map_clip_start / _end: an entry begins at vpn (when it is mapped). */
  private clip(t: ModelTask, vpn: number): void {
    const pg = t.pages.get(vpn);
    if (pg) pg.start = 'yes';
  }

  /**
   * vm_map_simplify_entry over the boundaries at vpns lo..hi: neighbours of one object at
   * contiguous offsets merge. `halves`: boundaries that were just clipped inside one entry.
   */
  private simplify(t: ModelTask, lo: number, hi: number, halves: number[]): void {
    for (let vpn = Math.max(lo, 1); vpn <= hi; vpn++) {
      const pg = t.pages.get(vpn);
      const prev = t.pages.get(vpn - 1);
      if (!pg || !prev || pg.start === 'no') continue;
      if (!sameAttributes(prev, pg)) pg.start = 'yes';
      else pg.start = halves.includes(vpn) ? 'no' : mergeBoundary(prev, pg, this.pageSize);
    }
  }

  /**
   * vm_map_enter's insertion of n new pages at vpn: one new entry, unless an anonymous mapping
   * extends the entry before it (same attributes; certain when that entry has no object, never for
   * a pager's object, unknown otherwise: it depends on who else references the object).
   */
  private enter(t: ModelTask, vpn: number, n: number, cellAt: (i: number) => Cell, cur: number, max: number, inheritance: number, anonymous: boolean): void {
    let start: Boundary = 'yes';
    let backing: Backing = anonymous ? 'none' : 'object';
    let offset: number | null = 0;
    const prev = t.pages.get(vpn - 1);
    if (anonymous && vpn > 0 && prev !== undefined && prev.cur === cur && prev.max === max && prev.inheritance === inheritance) {
      if (prev.backing === 'none') {
        start = 'no';
        offset = prev.offset === null ? null : prev.offset + this.pageSize;
      } else if (prev.cell.pager === null) {
        start = 'maybe';
        backing = 'unknown';
        offset = null;
      }
    }
    for (let i = 0; i < n; i++) {
      t.pages.set(vpn + i, {
        cell: cellAt(i), cur, max, inheritance, start: i === 0 ? start : 'no', backing,
        offset: backing === 'none' && offset !== null ? offset + i * this.pageSize : null,
      });
    }
  }

  /**
   * vm_remap's target pages at vpn, one entry per source entry (the source is clipped to the range
   * first). copy=FALSE shares the source's objects (an entry without one gets one); copy=TRUE
   * copies them (an entry without object stays without, starting at offset 0).
   */
  private enterRemapped(st: ModelTask, srcVpn: number, tt: ModelTask, vpn: number, sources: Page[], copy: boolean, inheritance: number): void {
    this.clip(st, srcVpn);
    this.clip(st, srcVpn + sources.length);
    const starts = sources.map((_, i) => (i === 0 ? 'yes' : this.boundary(st, srcVpn + i)));
    let prev: Page | null = null;
    sources.forEach((pg, i) => {
      if (!copy) pg.backing = 'object';
      const p: Page = {
        cell: copy ? cloneCell(pg.cell) : pg.cell, cur: pg.cur, max: pg.max, inheritance, start: starts[i],
        backing: pg.backing, offset: null,
      };
      if (p.backing === 'none') p.offset = freshOffset(p.start, prev, this.pageSize);
      tt.pages.set(vpn + i, p);
      prev = p;
    });
  }

  /** The pages of [address, address + size) were faulted in (vm_read, vm_write): their entries have objects. */
  private touchRange(t: ModelTask, address: number, size: number): void {
    const r = this.range(address, size);
    if (r === 'wrap') return;
    const { lo, hi } = this.span(r);
    this.touchVpns(t, lo, hi);
  }

  /**
   * The mapped pages [lo, hi) were faulted in: vm_fault gives an entry without object one, so
   * every page of their entries has an object; a page that may or may not be in one of those
   * entries ('maybe' boundaries between) may have one.
   */
  private touchVpns(t: ModelTask, lo: number, hi: number): void {
    if (lo >= hi) return;
    for (let v = lo; v < hi; v++) t.pages.get(v)!.backing = 'object';
    const mark = (pg: Page, certain: boolean) => {
      if (certain) pg.backing = 'object';
      else if (pg.backing === 'none') pg.backing = 'unknown';
    };
    let certain = true;
    for (let v = lo; ; v--) {
      const b = this.boundary(t, v);
      if (b === 'yes') break;
      if (b === 'maybe') certain = false;
      mark(t.pages.get(v - 1)!, certain);
    }
    certain = true;
    for (let v = hi; t.pages.has(v); v++) {
      const b = this.boundary(t, v);
      if (b === 'yes') break;
      if (b === 'maybe') certain = false;
      mark(t.pages.get(v)!, certain);
    }
  }

  private live(task: number): ModelTask | null {
    const t = this.tasks.get(task);
    return t && t.alive ? t : null;
  }

  private vpn(byteAddress: bigint): number {
    return Number(byteAddress / this.page);
  }

  private truncU64(addr: number): bigint {
    return (u64(addr) / this.page) * this.page;
  }

  private roundUp(x: bigint): bigint {
    return ((x + this.page - 1n) / this.page) * this.page;
  }

  /** [trunc_page(addr), round_page(addr + size)) in 64 bits, or 'wrap' when the end reaches 2^64. */
  private range(addr: number, size: number): Range | 'wrap' {
    const a = u64(addr);
    const end = this.roundUp(a + u64(size));
    if (end >= TWO64) return 'wrap';
    return { start: (a / this.page) * this.page, end };
  }

  /**
   * The vpns [lo, hi) of a non-empty range, clipped so that at most one page past the map remains
   * (every page there is unmapped, and only the first problem in address order ever matters).
   */
  private span(r: Range): { lo: number; hi: number } {
    const first = r.start / this.page;
    const last = r.end / this.page; // exclusive; first < last
    const lo = first < BigInt(this.mapEndVpn) ? Number(first) : this.mapEndVpn;
    const hi = last < BigInt(this.mapEndVpn + 1) ? Number(last) : this.mapEndVpn + 1;
    return { lo, hi };
  }

  /** The mapped vpns inside a range, ascending (holes skipped). */
  private mappedIn(t: ModelTask, r: Range): number[] {
    const { lo, hi } = this.span(r);
    return [...t.pages.keys()].filter((v) => v >= lo && v < hi).sort((x, y) => x - y);
  }

  /** The pages of a range in address order, or null when any page of it is unmapped. */
  private pagesOrHole(t: ModelTask, r: Range): Page[] | null {
    const { lo, hi } = this.span(r);
    const pages: Page[] = [];
    for (let vpn = lo; vpn < hi; vpn++) {
      const pg = t.pages.get(vpn);
      if (!pg) return null;
      pages.push(pg);
    }
    return pages;
  }

  /**
   * vm_read / vm_write checks, page by page from the start of the range: the first unmapped page is
   * INVALID_ADDRESS, the first page whose cur lacks `need` PROTECTION_FAILURE, whichever comes first.
   */
  private checkWhole(t: ModelTask, address: number, size: number, need: number): number {
    const r = this.range(address, size);
    if (r === 'wrap') return KERN_INVALID_ADDRESS;
    const { lo, hi } = this.span(r);
    for (let vpn = lo; vpn < hi; vpn++) {
      const pg = t.pages.get(vpn);
      if (!pg) return KERN_INVALID_ADDRESS;
      if ((pg.cur & need) === 0) return KERN_PROTECTION_FAILURE;
    }
    return KERN_SUCCESS;
  }

  /**
   * A thread's access to [address, address + size): page by page in address order; an unmapped page
   * is KERN_INVALID_ADDRESS, a page whose cur lacks `need` KERN_PROTECTION_FAILURE; `onPage` runs
   * for each page that passed, before the next one is looked at.
   */
  private access(t: ModelTask, address: number, size: number, need: number, onPage: (vpn: number, pg: Page) => void): number {
    const a = u64(address);
    const rawEnd = this.roundUp(a + u64(size));
    const r: Range = { start: (a / this.page) * this.page, end: rawEnd > TWO64 ? TWO64 : rawEnd };
    const { lo, hi } = this.span(r);
    let kr = KERN_SUCCESS;
    let vpn = lo;
    for (; vpn < hi; vpn++) {
      const pg = t.pages.get(vpn);
      if (!pg) {
        kr = KERN_INVALID_ADDRESS;
        break;
      }
      if ((pg.cur & need) === 0) {
        kr = KERN_PROTECTION_FAILURE;
        break;
      }
      onPage(vpn, pg);
    }
    this.touchVpns(t, lo, vpn); // the pages that passed were faulted in: their entries have objects
    return kr;
  }

  /** Place a new mapping of `len` bytes: anywhere (address ignored) or fixed at trunc_page(address). */
  private place(t: ModelTask, anywhere: boolean, address: number, len: bigint, mask: number): Placement {
    if (anywhere) return this.findSpace(t, len, mask);
    const start = this.truncU64(address);
    const end = start + len;
    return this.checkFixed(t, start, end >= TWO64 ? 'wrap' : end, mask);
  }

  /** Fixed placement: mask → NO_SPACE; wrap / empty / outside the map → INVALID_ADDRESS; overlap → NO_SPACE. */
  private checkFixed(t: ModelTask, start: bigint, end: bigint | 'wrap', mask: number): Placement {
    if ((start & u64(mask)) !== 0n) return { kr: KERN_NO_SPACE };
    if (end === 'wrap' || start >= end || end > this.mapEnd) return { kr: KERN_INVALID_ADDRESS };
    const lo = this.vpn(start);
    const hi = this.vpn(end);
    for (const vpn of t.pages.keys()) {
      if (vpn >= lo && vpn < hi) return { kr: KERN_NO_SPACE };
    }
    return { kr: KERN_SUCCESS, start };
  }

  /**
   * First fit from one page up, gap by gap as xnu's loop walks the entries: align the candidate
   * ((start + mask) & ~mask, then to a page); if it ends inside the map and nothing is mapped from
   * the gap's start to the candidate's end, take it, else continue after the mapped run met first.
   * (A mask with holes in its low bits can align past the next entry: that is not this gap, and
   * the search goes on from the entry's end, as xnu does.)
   */
  private findSpace(t: ModelTask, len: bigint, mask: number): Placement {
    const m = u64(mask);
    let start = this.page;
    for (;;) {
      if (start + m >= TWO64) return { kr: KERN_NO_SPACE };
      const candidate = this.roundUp((start + m) & ~m);
      const end = candidate + len;
      if (end > this.mapEnd) return { kr: KERN_NO_SPACE };
      const lo = this.vpn(start);
      const hi = this.vpn(end);
      let hit: number | null = null;
      for (const vpn of t.pages.keys()) {
        if (vpn >= lo && vpn < hi && (hit === null || vpn < hit)) hit = vpn;
      }
      if (hit === null) return { kr: KERN_SUCCESS, start: candidate };
      let runEnd = hit + 1;
      while (t.pages.has(runEnd)) runEnd++;
      start = BigInt(runEnd) * this.page;
    }
  }

  /** The bytes [a, a + n) of a task whose pages there are all mapped. */
  private copyOut(t: ModelTask, a: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      const addr = a + done;
      const vpn = Math.floor(addr / this.pageSize);
      const inPage = addr - vpn * this.pageSize;
      const chunk = Math.min(n - done, this.pageSize - inPage);
      const bytes = t.pages.get(vpn)!.cell.bytes;
      if (bytes) out.set(bytes.subarray(inPage, inPage + chunk), done);
      done += chunk;
    }
    return out;
  }

  /** Write data at a in a task whose pages there are all mapped. */
  private copyIn(t: ModelTask, a: number, data: Uint8Array): void {
    let done = 0;
    while (done < data.length) {
      const addr = a + done;
      const vpn = Math.floor(addr / this.pageSize);
      const inPage = addr - vpn * this.pageSize;
      const chunk = Math.min(data.length - done, this.pageSize - inPage);
      materialise(t.pages.get(vpn)!.cell, this.pageSize).set(data.subarray(done, done + chunk), inPage);
      done += chunk;
    }
  }
}

function zeroCell(): Cell {
  return { bytes: null, id: ++cellIds, pager: null, index: 0 };
}

function cloneCell(c: Cell): Cell {
  return { bytes: c.bytes ? c.bytes.slice() : null, id: ++cellIds, pager: null, index: 0 };
}

/**
 * The offset of a page without object in an entry that was just made from others (fork's and
 * vm_remap's copies start every entry at offset 0): 0 where an entry begins, the page before's
 * plus one page where it goes on, unknown where that is not decided.
 */
function freshOffset(start: Boundary, prev: Page | null, pageSize: number): number | null {
  if (start === 'yes') return 0;
  if (start === 'no' && prev !== null && prev.backing === 'none' && prev.offset !== null) return prev.offset + pageSize;
  return null;
}

function sameAttributes(a: Page, b: Page): boolean {
  return a.cur === b.cur && a.max === b.max && a.inheritance === b.inheritance;
}

/**
 * vm_map_simplify_entry's test for neighbours a, b with the same attributes, as far as the model
 * knows the objects: 'no' boundary (they merge) or 'yes' (they do not), 'maybe' when it cannot say.
 */
function mergeBoundary(a: Page, b: Page, pageSize: number): Boundary {
  if (a.backing === 'none' && b.backing === 'none') {
    // both without object (NULL == NULL): they merge when the offsets run on
    if (a.offset === null || b.offset === null) return 'maybe';
    return a.offset + pageSize === b.offset ? 'no' : 'yes';
  }
  if ((a.backing === 'none' && b.backing === 'object') || (a.backing === 'object' && b.backing === 'none')) return 'yes';
  const pa = a.cell.pager;
  const pb = b.cell.pager;
  if (pa !== null && pb !== null) return pa === pb && b.cell.index === a.cell.index + 1 ? 'no' : 'yes';
  // a pager's own page maps the pager's object, a page that is not one never does
  if ((pa !== null && b.backing === 'object') || (pb !== null && a.backing === 'object')) return 'yes';
  return 'maybe';
}

/** The cell's bytes, zero-filled now if it never had any (every alias of the cell sees them). */
function materialise(c: Cell, pageSize: number): Uint8Array {
  if (!c.bytes) c.bytes = new Uint8Array(pageSize);
  return c.bytes;
}
