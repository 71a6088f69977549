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
 * equal in both. Rules: /work/shared/docs/semantics.md. Clarity over speed: a Map per task, page by
 * page, BigInt for every 64-bit argument check.
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

/** The contents of one page. `bytes === null` is a zero page not yet touched (lazily zero-filled). */
interface Cell { bytes: Uint8Array | null }

/** One mapped page of a task. */
interface Page { cell: Cell; cur: number; max: number; inheritance: number }

interface ModelTask { alive: boolean; pages: Map<number, Page> }

interface ModelPager { name: string; cells: Cell[]; maxProtection: number; failInit: boolean }

/** A validated page range in bytes: [start, end), start < end, both page aligned, end < 2^64. */
interface Range { start: bigint; end: bigint }

type Placement = { kr: typeof KERN_SUCCESS; start: bigint } | { kr: number };

const TWO64 = 1n << 64n;
const MEMORY_OBJECT_NULL = 0;
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
    for (const [vpn, pg] of p.pages) {
      if (pg.inheritance === VM_INHERIT_NONE) continue;
      // SHARE: the very same cell (a zero page becomes one shared cell: both see the first write).
      // COPY: an eager clone (a zero page stays an independent zero page).
      const cell = pg.inheritance === VM_INHERIT_SHARE ? pg.cell : cloneCell(pg.cell);
      child.pages.set(vpn, { cell, cur: pg.cur, max: pg.max, inheritance: pg.inheritance });
    }
    return childId;
  }

  /** A memory object served by a pager. Returns its port name: 0x103, 0x203, ... */
  declarePager(name: string, size: number, data: Uint8Array, maxProtection: number, failInit: boolean): number {
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`reference model: bad pager size ${size}`);
    const pages = Math.ceil(size / this.pageSize);
    const cells: Cell[] = [];
    for (let i = 0; i < pages; i++) {
      const from = i * this.pageSize;
      if (from < data.length) {
        const bytes = new Uint8Array(this.pageSize);
        bytes.set(data.subarray(from, Math.min(data.length, from + this.pageSize)));
        cells.push({ bytes });
      } else {
        cells.push({ bytes: null });
      }
    }
    const index = ++this.pagerCount;
    const port = index * 256 + 3; // (index << 8) | 3 without 32-bit overflow
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
    // anywhere: round_page(size) bytes at the first fit; fixed: [trunc_page(addr), round_page(addr + size)).
    const r = anywhere ? null : this.range(address, size);
    const placed = r === null
      ? this.findSpace(t, len, 0)
      : this.checkFixed(t, this.truncU64(address), r === 'wrap' ? 'wrap' : r.end, 0);
    if (!('start' in placed)) return { kr: placed.kr, address };
    const end = r === null ? placed.start + len : (r as Range).end;
    for (let vpn = this.vpn(placed.start); vpn < this.vpn(end); vpn++) {
      t.pages.set(vpn, { cell: zeroCell(), cur: VM_PROT_DEFAULT, max: VM_PROT_ALL, inheritance: VM_INHERIT_COPY });
    }
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
    // semantics.md: rounding everywhere is [trunc_page(addr), round_page(addr + size)), so a fixed
    // mapping at an unaligned address can span one page more than round_page(size)
    const fixedRange = anywhere ? null : this.range(address, size);
    const mapLen = fixedRange === null || fixedRange === 'wrap' ? len : fixedRange.end - fixedRange.start;
    // cellAt(i): the cell of the i-th new page.
    let cellAt: (i: number) => Cell;
    if (memoryObject === MEMORY_OBJECT_NULL) {
      cellAt = () => zeroCell(); // anonymous zero fill: offset and copy ignored
    } else {
      const pager = this.pagers.get(memoryObject);
      if (!pager) return { kr: KERN_INVALID_OBJECT, address };
      const off = u64(offset);
      if (off % this.page !== 0n) return { kr: KERN_INVALID_ARGUMENT, address };
      if (off + mapLen > BigInt(pager.cells.length) * this.page) return { kr: KERN_INVALID_ARGUMENT, address };
      if ((max & pager.maxProtection) !== max) return { kr: KERN_PROTECTION_FAILURE, address };
      if (pager.failInit) return { kr: KERN_INVALID_OBJECT, address };
      const first = this.vpn(off);
      // copy=FALSE: the file's own cells (everyone sees every write); copy=TRUE: a snapshot now.
      cellAt = (i) => (copy ? cloneCell(pager.cells[first + i]) : pager.cells[first + i]);
    }
    const placed = fixedRange === null
      ? this.findSpace(t, len, mask)
      : this.checkFixed(t, this.truncU64(address), fixedRange === 'wrap' ? 'wrap' : fixedRange.end, mask);
    if (!('start' in placed)) return { kr: placed.kr, address };
    const base = this.vpn(placed.start);
    for (let i = 0; i < this.vpn(mapLen); i++) {
      t.pages.set(base + i, { cell: cellAt(i), cur, max, inheritance });
    }
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
    const r = this.range(srcAddress, size);
    if (r === 'wrap') return fail(KERN_INVALID_ARGUMENT);
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
    const base = this.vpn(placed.start);
    sourcePages.forEach((pg, i) => {
      const cell = copy ? cloneCell(pg.cell) : pg.cell;
      tt.pages.set(base + i, { cell, cur: pg.cur, max: pg.max, inheritance });
    });
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
    // Pass 2: change them all.
    for (const pg of pages) {
      if (setMaximum) {
        pg.max = prot;
        pg.cur &= prot;
      } else {
        pg.cur = prot;
      }
    }
    return KERN_SUCCESS;
  }

  vm_inherit(task: number, address: number, size: number, inheritance: number): number {
    const t = this.live(task);
    if (!t) return KERN_INVALID_ARGUMENT;
    if (u64(size) === 0n) return KERN_SUCCESS;
    if (!validInherit(inheritance)) return KERN_INVALID_ARGUMENT;
    const r = this.range(address, size);
    if (r === 'wrap') return KERN_INVALID_ARGUMENT;
    for (const vpn of this.mappedIn(t, r)) t.pages.get(vpn)!.inheritance = inheritance;
    return KERN_SUCCESS;
  }

  vm_read(task: number, address: number, size: number): DataResult {
    const t = this.live(task);
    if (!t || u64(size) > MAX_TRANSFER) return { kr: KERN_INVALID_ARGUMENT, data: new Uint8Array(0) };
    if (u64(size) === 0n) return { kr: KERN_SUCCESS, data: new Uint8Array(0) };
    const kr = this.checkWhole(t, address, size, VM_PROT_READ);
    if (kr !== KERN_SUCCESS) return { kr, data: new Uint8Array(0) };
    return { kr: KERN_SUCCESS, data: this.copyOut(t, Number(u64(address)), Number(u64(size))) };
  }

  vm_write(task: number, address: number, data: Uint8Array): number {
    const t = this.live(task);
    if (!t || data.length > MAX_TRANSFER) return KERN_INVALID_ARGUMENT;
    if (data.length === 0) return KERN_SUCCESS;
    const kr = this.checkWhole(t, address, data.length, VM_PROT_WRITE);
    if (kr !== KERN_SUCCESS) return kr;
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

  // ---------------------------------------------------------------- helpers

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

  /** vm_read / vm_write checks: the whole range mapped (else INVALID_ADDRESS), then `need` in every cur. */
  private checkWhole(t: ModelTask, address: number, size: number, need: number): number {
    const r = this.range(address, size);
    if (r === 'wrap') return KERN_INVALID_ADDRESS;
    const pages = this.pagesOrHole(t, r);
    if (pages === null) return KERN_INVALID_ADDRESS;
    if (pages.some((pg) => (pg.cur & need) === 0)) return KERN_PROTECTION_FAILURE;
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
    for (let vpn = lo; vpn < hi; vpn++) {
      const pg = t.pages.get(vpn);
      if (!pg) return KERN_INVALID_ADDRESS;
      if ((pg.cur & need) === 0) return KERN_PROTECTION_FAILURE;
      onPage(vpn, pg);
    }
    return KERN_SUCCESS;
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
   * First fit from one page up: align the candidate ((start + mask) & ~mask, then to a page); if
   * the range is free and inside the map take it, else continue after the mapped run it hits.
   */
  private findSpace(t: ModelTask, len: bigint, mask: number): Placement {
    const m = u64(mask);
    let start = this.page;
    for (;;) {
      if (start + m >= TWO64) return { kr: KERN_NO_SPACE };
      const candidate = this.roundUp((start + m) & ~m);
      const end = candidate + len;
      if (end > this.mapEnd) return { kr: KERN_NO_SPACE };
      const lo = this.vpn(candidate);
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
  return { bytes: null };
}

function cloneCell(c: Cell): Cell {
  return { bytes: c.bytes ? c.bytes.slice() : null };
}

/** The cell's bytes, zero-filled now if it never had any (every alias of the cell sees them). */
function materialise(c: Cell, pageSize: number): Uint8Array {
  if (!c.bytes) c.bytes = new Uint8Array(pageSize);
  return c.bytes;
}
