import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_INVALID_OBJECT, KERN_NO_SPACE,
  KERN_PROTECTION_FAILURE, KERN_SUCCESS,
} from '../kernel/kern_return';
import {
  VM_INHERIT_COPY, VM_INHERIT_NONE, VM_INHERIT_SHARE, VM_PROT_ALL, VM_PROT_DEFAULT, VM_PROT_EXECUTE,
  VM_PROT_NONE, VM_PROT_READ, VM_PROT_WRITE,
} from '../kernel/vm_param';
import { ReferenceModel } from './reference_model';

const PS = 4096;
const RW = VM_PROT_DEFAULT;
const R = VM_PROT_READ;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('ReferenceModel: independence', () => {
  it('imports nothing from the kernel: lint refuses it, so the model cannot agree with the kernel by sharing its code', async () => {
    const eslint = new ESLint();
    const probe = "import { u64 } from '../kernel/vm_param';\nexport const x = u64(-1);\n";
    const [inModel] = await eslint.lintText(probe, { filePath: 'src/testing/reference_model.ts' });
    expect(inModel.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [real] = await eslint.lintFiles(['src/testing/reference_model.ts']);
    expect(real.messages).toEqual([]);
  }, 60_000);
});

function model(addressBits = 32, pageSize = PS): ReferenceModel {
  return new ReferenceModel({ pageSize, addressBits });
}

/** A task with `pages` pages allocated anywhere; returns the model, the task and the address. */
function withMemory(pages = 1, addressBits = 32): { m: ReferenceModel; a: number; x: number } {
  const m = model(addressBits);
  const a = m.createTask();
  const r = m.vm_allocate(a, 0, pages * PS, true);
  expect(r.kr).toBe(KERN_SUCCESS);
  return { m, a, x: r.address };
}

/** A user read that must succeed, as a string. */
function readStr(m: ReferenceModel, task: number, addr: number, n: number): string {
  const r = m.read(task, addr, n);
  expect(r.kr).toBe(KERN_SUCCESS);
  return dec(r.data);
}

/** vm_map of a pager, anywhere, mask 0. */
function mapPager(m: ReferenceModel, task: number, port: number, size: number, copy: boolean, cur = RW, max = VM_PROT_ALL, offset = 0, inh = VM_INHERIT_COPY) {
  return m.vm_map(task, 0, size, 0, true, port, offset, copy, cur, max, inh);
}

describe('ReferenceModel: ids and ports', () => {
  it('numbers tasks 1, 2, 3 in creation order, fork children included', () => {
    const m = model();
    expect(m.createTask()).toBe(1);
    expect(m.createTask()).toBe(2);
    expect(m.fork(1)).toBe(3);
    expect(m.createTask()).toBe(4);
  });

  it('names pagers 0x103, 0x203, 0x303 in declaration order', () => {
    const m = model();
    expect(m.declarePager('F', PS, enc('f'), VM_PROT_ALL, false)).toBe(0x103);
    expect(m.declarePager('G', PS, enc(''), VM_PROT_READ, false)).toBe(0x203);
    expect(m.declarePager('BAD', PS, enc(''), VM_PROT_READ, true)).toBe(0x303);
  });

  it('rounds a pager up to whole pages: the data, then zeros', () => {
    const m = model();
    const a = m.createTask();
    const f = m.declarePager('F', 10, enc('hello'), VM_PROT_ALL, false);
    expect(mapPager(m, a, f, 2 * PS, false).kr).toBe(KERN_INVALID_ARGUMENT); // one page only
    const r = mapPager(m, a, f, PS, false);
    expect(r.kr).toBe(KERN_SUCCESS);
    expect(dec(m.read(a, r.address, 7).data)).toBe('hello\0\0');
    expect(m.read(a, r.address + PS - 1, 1).data).toEqual(new Uint8Array([0]));
  });

  it('a pager whose data spans pages fills them in order', () => {
    const m = model();
    const a = m.createTask();
    const data = new Uint8Array(PS + 3).fill(7);
    const f = m.declarePager('F', 3 * PS, data, VM_PROT_ALL, false);
    const r = mapPager(m, a, f, 3 * PS, false);
    expect(m.read(a, r.address + PS, 4).data).toEqual(new Uint8Array([7, 7, 7, 0]));
    expect(m.read(a, r.address + 2 * PS, 1).data).toEqual(new Uint8Array([0]));
  });

  it('rejects a bad configuration', () => {
    expect(() => model(32, 3000)).toThrow();
    expect(() => model(60)).toThrow();
  });
});

describe('ReferenceModel: the classic lessons', () => {
  it('fork with COPY: the child writes its own copy, the parent keeps the old data', () => {
    const { m, a, x } = withMemory(2);
    expect(m.write(a, x, enc('parent'))).toBe(KERN_SUCCESS);
    const b = m.fork(a);
    expect(m.pageInfo(b, x)).toEqual({ cur: RW, max: VM_PROT_ALL, inheritance: VM_INHERIT_COPY });
    expect(readStr(m, b, x, 6)).toBe('parent');
    expect(m.write(b, x, enc('child!'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 6)).toBe('parent');
    expect(readStr(m, b, x, 6)).toBe('child!');
    // and the other way round, on the page nobody had touched before the fork
    expect(m.write(a, x + PS, enc('late'))).toBe(KERN_SUCCESS);
    expect(m.read(b, x + PS, 4).data).toEqual(new Uint8Array(4));
  });

  it('fork with SHARE: the child\'s writes are the parent\'s, both ways, zero pages included', () => {
    const { m, a, x } = withMemory(2);
    expect(m.write(a, x, enc('shared'))).toBe(KERN_SUCCESS);
    expect(m.vm_inherit(a, x, 2 * PS, VM_INHERIT_SHARE)).toBe(KERN_SUCCESS);
    const b = m.fork(a);
    expect(m.pageInfo(b, x)?.inheritance).toBe(VM_INHERIT_SHARE);
    expect(m.write(b, x, enc('CHILD'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 6)).toBe('CHILDd');
    expect(m.write(a, x + PS, enc('zero page'))).toBe(KERN_SUCCESS); // untouched before the fork
    expect(readStr(m, b, x + PS, 9)).toBe('zero page');
    // a grandchild by SHARE sees the same cells too
    const c = m.fork(b);
    expect(m.write(c, x, enc('grand'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 5)).toBe('grand');
  });

  it('fork with NONE: the child has a hole there', () => {
    const { m, a, x } = withMemory(1);
    expect(m.write(a, x, enc('secret'))).toBe(KERN_SUCCESS);
    expect(m.vm_inherit(a, x, PS, VM_INHERIT_NONE)).toBe(KERN_SUCCESS);
    const b = m.fork(a);
    expect(m.read(b, x, 6).kr).toBe(KERN_INVALID_ADDRESS);
    expect(m.write(b, x, enc('x'))).toBe(KERN_INVALID_ADDRESS);
    expect(m.pageInfo(b, x)).toBeNull();
    expect(m.mappedPages(b)).toEqual([]);
    // the hole is free in the child: an anywhere allocation takes it
    expect(m.vm_allocate(b, 0, PS, true)).toEqual({ kr: KERN_SUCCESS, address: x });
  });

  it('fork keeps protections and inheritance per page', () => {
    const { m, a, x } = withMemory(3);
    expect(m.vm_protect(a, x + PS, PS, false, R)).toBe(KERN_SUCCESS);
    expect(m.vm_protect(a, x + 2 * PS, PS, true, VM_PROT_READ | VM_PROT_EXECUTE)).toBe(KERN_SUCCESS);
    expect(m.vm_inherit(a, x + 2 * PS, PS, VM_INHERIT_SHARE)).toBe(KERN_SUCCESS);
    const b = m.fork(a);
    expect(m.pageInfo(b, x + PS)).toEqual({ cur: R, max: VM_PROT_ALL, inheritance: VM_INHERIT_COPY });
    expect(m.pageInfo(b, x + 2 * PS)).toEqual({ cur: R, max: VM_PROT_READ | VM_PROT_EXECUTE, inheritance: VM_INHERIT_SHARE });
  });

  it('fork of a dead task is a bug of the caller', () => {
    const m = model();
    const a = m.createTask();
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(() => m.fork(a)).toThrow();
    expect(() => m.fork(99)).toThrow();
  });

  it('vm_map copy=FALSE: two tasks see each other\'s writes, and so does a later mapping', () => {
    const m = model();
    const a = m.createTask();
    const b = m.createTask();
    const f = m.declarePager('F', 2 * PS, enc('file data'), VM_PROT_ALL, false);
    const ma = mapPager(m, a, f, 2 * PS, false);
    const mb = mapPager(m, b, f, PS, false, RW, VM_PROT_ALL, PS); // only F's second page
    expect(ma).toEqual({ kr: KERN_SUCCESS, address: PS });
    expect(mb).toEqual({ kr: KERN_SUCCESS, address: PS });
    expect(readStr(m, b, mb.address, 4)).toBe('\0\0\0\0');
    expect(m.write(a, ma.address + PS, enc('from A'))).toBe(KERN_SUCCESS);
    expect(readStr(m, b, mb.address, 6)).toBe('from A');
    expect(m.write(b, mb.address + 5, enc('B'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, ma.address + PS, 6)).toBe('from B');
    // a third task maps F later: it sees the file as written
    const c = m.createTask();
    const mc = mapPager(m, c, f, 2 * PS, false, R, R);
    expect(readStr(m, c, mc.address, 9)).toBe('file data');
    expect(readStr(m, c, mc.address + PS, 6)).toBe('from B');
    // the file outlives every mapping of it
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.task_terminate(b)).toBe(KERN_SUCCESS);
    expect(m.task_terminate(c)).toBe(KERN_SUCCESS);
    const d = m.createTask();
    const md = mapPager(m, d, f, PS, true, RW, VM_PROT_ALL, PS);
    expect(readStr(m, d, md.address, 6)).toBe('from B');
  });

  it('vm_map copy=TRUE: a snapshot, isolated both ways', () => {
    const m = model();
    const a = m.createTask();
    const b = m.createTask();
    const f = m.declarePager('F', PS, enc('original'), VM_PROT_ALL, false);
    const ma = mapPager(m, a, f, PS, false);
    expect(m.write(a, ma.address, enc('ORIG'))).toBe(KERN_SUCCESS);
    const mb = mapPager(m, b, f, PS, true);
    expect(readStr(m, b, mb.address, 8)).toBe('ORIGinal'); // the copy is of the file as it is now
    expect(m.write(a, ma.address, enc('after'))).toBe(KERN_SUCCESS);
    expect(readStr(m, b, mb.address, 8)).toBe('ORIGinal'); // writes through the shared mapping: not seen
    expect(m.write(b, mb.address, enc('mine'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, ma.address, 8)).toBe('afternal'); // the copy's writes: not seen by A
    const c = m.createTask();
    const mc = mapPager(m, c, f, PS, false);
    expect(readStr(m, c, mc.address, 8)).toBe('afternal'); // nor returned to the file
    // two copies in the same task are independent of each other too
    const mb2 = mapPager(m, b, f, PS, true);
    expect(m.write(b, mb2.address, enc('two'))).toBe(KERN_SUCCESS);
    expect(readStr(m, b, mb.address, 8)).toBe('mineinal');
  });

  it('fork COPY of a file mapping copies the file\'s page; fork SHARE shares the file', () => {
    const m = model();
    const a = m.createTask();
    const f = m.declarePager('F', PS, enc('file'), VM_PROT_ALL, false);
    const x = mapPager(m, a, f, PS, false).address;
    const y = mapPager(m, a, f, PS, false, RW, VM_PROT_ALL, 0, VM_INHERIT_SHARE).address;
    const b = m.fork(a);
    expect(m.write(a, x, enc('FILE'))).toBe(KERN_SUCCESS);
    expect(readStr(m, b, x, 4)).toBe('file'); // COPY: the child's snapshot
    expect(readStr(m, b, y, 4)).toBe('FILE'); // SHARE: the file itself
  });

  it('vm_remap copy=FALSE shares, copy=TRUE copies; cur/max are the AND over the source', () => {
    const { m, a, x } = withMemory(2);
    expect(m.write(a, x, enc('page0'))).toBe(KERN_SUCCESS);
    expect(m.vm_protect(a, x + PS, PS, false, R)).toBe(KERN_SUCCESS);
    expect(m.vm_protect(a, x, PS, true, VM_PROT_READ | VM_PROT_WRITE)).toBe(KERN_SUCCESS);
    const b = m.createTask();
    const share = m.vm_remap(b, 0, 2 * PS, 0, true, a, x, false, VM_INHERIT_SHARE);
    expect(share).toEqual({ kr: KERN_SUCCESS, address: PS, cur: R, max: VM_PROT_READ | VM_PROT_WRITE });
    // each new page keeps its source page's cur/max, and takes the given inheritance
    expect(m.pageInfo(b, share.address)).toEqual({ cur: RW, max: RW, inheritance: VM_INHERIT_SHARE });
    expect(m.pageInfo(b, share.address + PS)).toEqual({ cur: R, max: VM_PROT_ALL, inheritance: VM_INHERIT_SHARE });
    expect(m.write(b, share.address, enc('PAGE'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 5)).toBe('PAGE0');
    expect(m.write(b, share.address + PS, enc('no'))).toBe(KERN_PROTECTION_FAILURE);
    // the untouched zero page became one shared cell
    expect(m.vm_protect(a, x + PS, PS, false, RW)).toBe(KERN_SUCCESS);
    expect(m.write(a, x + PS, enc('late'))).toBe(KERN_SUCCESS);
    expect(readStr(m, b, share.address + PS, 4)).toBe('late');

    // placement rounding of the source: round_page(size) bytes from the page containing x + 10
    expect(m.vm_remap(b, 0, 2 * PS + 1, 0, true, a, x + 10, true, VM_INHERIT_NONE).kr).toBe(KERN_INVALID_ADDRESS); // 3 pages
    const copy = m.vm_remap(b, 0, 2 * PS - 10, 0, true, a, x + 10, true, VM_INHERIT_NONE);
    expect(copy).toEqual({ kr: KERN_SUCCESS, address: 3 * PS, cur: RW, max: RW });
    expect(readStr(m, b, copy.address, 5)).toBe('PAGE0');
    expect(m.write(b, copy.address, enc('copy'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 5)).toBe('PAGE0');
    expect(m.write(a, x + PS, enc('LATE'))).toBe(KERN_SUCCESS);
    expect(readStr(m, b, copy.address + PS, 4)).toBe('late');
  });

  it('vm_remap within one task, fixed, maps the same cells twice', () => {
    const { m, a, x } = withMemory(1);
    const r = m.vm_remap(a, 0x40000, PS, 0, false, a, x, false, VM_INHERIT_COPY);
    expect(r).toEqual({ kr: KERN_SUCCESS, address: 0x40000, cur: RW, max: VM_PROT_ALL });
    expect(m.write(a, 0x40000 + 3, enc('alias'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x + 3, 5)).toBe('alias');
    // a source range [0x1ff0, +0x20) touches two pages, but placement rounding takes
    // round_page(0x20) = one page from trunc_page(0x1ff0): vm_remap maps 0x1000 alone
    const { m: m2, a: a2 } = withMemory(3);
    expect(m2.write(a2, 0x1ff0, enc('first'))).toBe(KERN_SUCCESS);
    const r2 = m2.vm_remap(a2, 0x50123, 0x20, 0, false, a2, 0x1ff0, true, VM_INHERIT_COPY);
    expect(r2.kr).toBe(KERN_SUCCESS);
    expect(r2.address).toBe(0x50000);
    expect(m2.mappedPages(a2)).toEqual([0x1000, 0x2000, 0x3000, 0x50000]);
    expect(readStr(m2, a2, 0x50ff0, 5)).toBe('first');
  });

  it('a protection downgrade makes a later write fail; reads still work', () => {
    const { m, a, x } = withMemory(1);
    expect(m.write(a, x, enc('data'))).toBe(KERN_SUCCESS);
    expect(m.vm_protect(a, x, PS, false, R)).toBe(KERN_SUCCESS);
    expect(m.write(a, x, enc('D'))).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_write(a, x, enc('D'))).toBe(KERN_PROTECTION_FAILURE);
    expect(readStr(m, a, x, 4)).toBe('data');
    expect(m.exec(a, x)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_protect(a, x, PS, false, VM_PROT_EXECUTE)).toBe(KERN_SUCCESS);
    expect(m.exec(a, x)).toBe(KERN_SUCCESS);
    expect(m.read(a, x, 1).kr).toBe(KERN_PROTECTION_FAILURE); // execute does not imply read
    expect(m.vm_protect(a, x, PS, false, VM_PROT_NONE)).toBe(KERN_SUCCESS);
    expect(m.exec(a, x)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_protect(a, x, PS, false, RW)).toBe(KERN_SUCCESS); // max is still ALL: it comes back
    expect(m.write(a, x, enc('D'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 4)).toBe('Data');
  });

  it('set_maximum lowers max and trims cur; max can never be raised again', () => {
    const { m, a, x } = withMemory(1);
    expect(m.vm_protect(a, x, PS, true, R)).toBe(KERN_SUCCESS);
    expect(m.pageInfo(a, x)).toEqual({ cur: R, max: R, inheritance: VM_INHERIT_COPY });
    expect(m.vm_protect(a, x, PS, true, VM_PROT_ALL)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_protect(a, x, PS, false, RW)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_protect(a, x, PS, true, VM_PROT_NONE)).toBe(KERN_SUCCESS);
    expect(m.pageInfo(a, x)).toEqual({ cur: VM_PROT_NONE, max: VM_PROT_NONE, inheritance: VM_INHERIT_COPY });
  });

  it('vm_read returns a snapshot: later writes do not change it', () => {
    const { m, a, x } = withMemory(2);
    expect(m.write(a, x + PS - 2, enc('span'))).toBe(KERN_SUCCESS);
    const snap = m.vm_read(a, x + PS - 2, 4);
    expect(snap.kr).toBe(KERN_SUCCESS);
    expect(dec(snap.data)).toBe('span');
    expect(m.write(a, x + PS - 2, enc('SPAN'))).toBe(KERN_SUCCESS);
    expect(dec(snap.data)).toBe('span');
    snap.data[0] = 0x58; // and writing the snapshot does not change the task
    expect(readStr(m, a, x + PS - 2, 4)).toBe('SPAN');
    expect(m.vm_read(a, x, 3).data).toEqual(new Uint8Array(3)); // untouched memory reads as zeros
  });

  it('vm_copy works for overlapping ranges, forwards and backwards, across pages', () => {
    const { m, a, x } = withMemory(2);
    expect(m.vm_write(a, x, enc('abcdefgh'))).toBe(KERN_SUCCESS);
    expect(m.vm_copy(a, x, 6, x + 2)).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 8)).toBe('ababcdef');
    expect(m.vm_copy(a, x + 2, 6, x)).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 8)).toBe('abcdefef');
    const big = new Uint8Array(PS).map((_, i) => i % 251);
    expect(m.vm_write(a, x, big)).toBe(KERN_SUCCESS);
    expect(m.vm_copy(a, x, PS, x + 100)).toBe(KERN_SUCCESS);
    expect(m.vm_read(a, x + 100, PS).data).toEqual(big);
    expect(m.vm_read(a, x, 100).data).toEqual(big.subarray(0, 100));
  });

  it('vm_copy into a shared page is seen by the sharer; into a COPY child is not', () => {
    const { m, a, x } = withMemory(2);
    expect(m.vm_inherit(a, x + PS, PS, VM_INHERIT_SHARE)).toBe(KERN_SUCCESS);
    expect(m.vm_write(a, x, enc('src'))).toBe(KERN_SUCCESS);
    const b = m.fork(a);
    expect(m.vm_copy(a, x, 3, x + PS)).toBe(KERN_SUCCESS);
    expect(readStr(m, b, x + PS, 3)).toBe('src');
    expect(m.vm_copy(b, x + PS, 3, x)).toBe(KERN_SUCCESS);
    expect(m.vm_write(b, x, enc('B'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x, 3)).toBe('src');
  });

  it('first fit reuses a hole', () => {
    const m = model();
    const a = m.createTask();
    expect(m.vm_allocate(a, 0x7000000, 0x3000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
    expect(m.vm_allocate(a, 0, 0x1000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x4000 });
    expect(m.vm_allocate(a, 0, 0x2000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x5000 });
    expect(m.vm_deallocate(a, 0x4000, 0x1000)).toBe(KERN_SUCCESS);
    expect(m.vm_allocate(a, 0, 0x2000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x7000 }); // too big for the hole
    expect(m.vm_allocate(a, 0, 0x1000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x4000 });
    expect(m.vm_allocate(a, 0, 0x1000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x9000 });
    // a fixed page 0 is allowed, an anywhere search never takes it
    expect(m.vm_allocate(a, 0, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(m.vm_deallocate(a, 0, 0x10000)).toBe(KERN_SUCCESS);
    expect(m.mappedPages(a)).toEqual([]);
    expect(m.vm_allocate(a, 0, 0x3000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
  });

  it('mask alignment (mask_alignment.vms)', () => {
    const m = model();
    const a = m.createTask();
    const map = (addr: number, size: number, mask: number, anywhere: boolean) =>
      m.vm_map(a, addr, size, mask, anywhere, 0, 0, false, R, VM_PROT_ALL, VM_INHERIT_COPY);
    expect(m.vm_allocate(a, 0, PS, true).address).toBe(0x1000);
    expect(map(0, 0x2000, 0xffff, true)).toEqual({ kr: KERN_SUCCESS, address: 0x10000 });
    expect(map(0, 0x1000, 0xffff, true)).toEqual({ kr: KERN_SUCCESS, address: 0x20000 });
    expect(m.vm_allocate(a, 0, PS, true).address).toBe(0x2000);
    expect(map(0, 0x1000, 0xfff, true)).toEqual({ kr: KERN_SUCCESS, address: 0x3000 });
    expect(map(0x30000, 0x1000, 0xffff, false)).toEqual({ kr: KERN_SUCCESS, address: 0x30000 });
    expect(map(0x31000, 0x1000, 0xffff, false)).toEqual({ kr: KERN_NO_SPACE, address: 0x31000 });
    expect(map(0x100001000, 0x1000, 0xffff, false)).toEqual({ kr: KERN_NO_SPACE, address: 0x100001000 });
    expect(map(0x100001000, 0x1000, 0, false)).toEqual({ kr: KERN_INVALID_ADDRESS, address: 0x100001000 });
    expect(map(0, 0x1000, 0x7fffffff, true)).toEqual({ kr: KERN_SUCCESS, address: 0x80000000 });
    expect(map(5, 0x1000, 0x7fffffff, true)).toEqual({ kr: KERN_NO_SPACE, address: 5 });
    expect(map(0, 0x1000, 0xffffffff, true).kr).toBe(KERN_NO_SPACE);
    expect(map(0, 0x1000, ~0, true).kr).toBe(KERN_NO_SPACE); // -1: start + mask overflows 2^64
    // a fixed mask with high bits, 64-bit AND: 0x100000000 & 0x1_0000_0000 is not 0 in 64 bits
    const big = model(48);
    const b = big.createTask();
    expect(big.vm_map(b, 0x100000000, PS, 0, false, 0x100000000, 0, false, R, R, 0).kr).toBe(KERN_INVALID_OBJECT);
    expect(big.vm_map(b, 0x100000000, PS, 0x100000000, false, 0, 0, false, R, R, 0).kr).toBe(KERN_NO_SPACE);
    expect(big.vm_map(b, 0x100000000, PS, 0xffffffff, false, 0, 0, false, R, R, 0).kr).toBe(KERN_SUCCESS);
  });

  it('a mask with holes in its low bits: the search goes gap by gap, as xnu walks the entries', () => {
    // (start + mask) & ~mask is not monotonic for such a mask: from 0x14000 it gives 0x28000, from
    // 0x1c000 0x20000. The gap [0x14000, 0x18000) cannot hold 0x28000, so xnu moves on to the
    // entry's end 0x1c000, whose candidate 0x20000 fits (found by the arbitrary-integer property)
    const m = model(20, 0x4000);
    const a = m.createTask();
    expect(m.vm_allocate(a, 0x4000, 0x10000, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_allocate(a, 0x18000, 0x4000, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_map(a, 0, 0x1000, -1785883637743617, true, 0, 0, false, R, R, 0)).toEqual({ kr: KERN_SUCCESS, address: 0x20000 });
  });

  it('a user store stops at the first failing page; vm_write checks the whole range first', () => {
    const { m, a, x } = withMemory(2);
    expect(m.vm_protect(a, x + PS, PS, false, R)).toBe(KERN_SUCCESS);
    const data = enc('0123456789');
    expect(m.write(a, x + PS - 4, data)).toBe(KERN_PROTECTION_FAILURE);
    expect(readStr(m, a, x + PS - 4, 4)).toBe('0123'); // the first page stayed written
    expect(readStr(m, a, x + PS, 6)).toBe('\0\0\0\0\0\0');
    expect(m.vm_write(a, x + PS - 8, enc('abcdefghij'))).toBe(KERN_PROTECTION_FAILURE);
    expect(readStr(m, a, x + PS - 8, 8)).toBe('\0\0\0\x000123'); // nothing written
    // a store running off the end of the mapping: same rule, INVALID_ADDRESS
    expect(m.write(a, x + 2 * PS - 2, enc('xyz'))).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_protect(a, x + PS, PS, false, RW)).toBe(KERN_SUCCESS);
    expect(m.write(a, x + 2 * PS - 2, enc('xyz'))).toBe(KERN_INVALID_ADDRESS);
    expect(readStr(m, a, x + 2 * PS - 2, 2)).toBe('xy');
  });

  it('a user load: the first failing page in address order decides', () => {
    const { m, a, x } = withMemory(3);
    expect(m.vm_protect(a, x + PS, PS, false, VM_PROT_WRITE)).toBe(KERN_SUCCESS);
    expect(m.vm_deallocate(a, x + 2 * PS, PS)).toBe(KERN_SUCCESS);
    expect(m.read(a, x, 3 * PS).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(m.read(a, x + 2 * PS, 1).kr).toBe(KERN_INVALID_ADDRESS);
    // vm_read follows the same address order: the unreadable page x + PS comes before the hole
    expect(m.vm_read(a, x, 3 * PS).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_read(a, x, 2 * PS).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_read(a, x + 2 * PS, 1).kr).toBe(KERN_INVALID_ADDRESS);
  });

  it('works with 16 KiB pages', () => {
    const m = model(32, 16384);
    const a = m.createTask();
    expect(m.vm_allocate(a, 0, 1, true)).toEqual({ kr: KERN_SUCCESS, address: 16384 });
    expect(m.vm_allocate(a, 0x4123, 0x10, false)).toEqual({ kr: KERN_NO_SPACE, address: 0x4123 });
    expect(m.vm_allocate(a, 0x8123, 0x10, false)).toEqual({ kr: KERN_SUCCESS, address: 0x8000 });
    expect(m.write(a, 16384 + 16383, enc('ab'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, 0x8000, 1)).toBe('b');
    const f = m.declarePager('F', 100, enc('x'), VM_PROT_ALL, false);
    expect(mapPager(m, a, f, 16384, false, R, R, 0x1000).kr).toBe(KERN_INVALID_ARGUMENT); // 4 KiB is unaligned here
    expect(mapPager(m, a, f, 16384, false, R, R).address).toBe(0xc000);
  });
});

describe('ReferenceModel: every result code', () => {
  it('vm_allocate', () => {
    const m = model(20);
    const a = m.createTask();
    expect(m.vm_allocate(a, 0x5000, 0, false)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(m.vm_allocate(a, 0x5000, 0, true)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(m.vm_allocate(a, 0x5000, -1, false)).toEqual({ kr: KERN_INVALID_ARGUMENT, address: 0x5000 });
    expect(m.vm_allocate(a, 0x5000, -1, true)).toEqual({ kr: KERN_INVALID_ARGUMENT, address: 0x5000 });
    expect(m.vm_allocate(a, 0x5123, 0x10, false)).toEqual({ kr: KERN_SUCCESS, address: 0x5000 });
    // placement rounding: 0x20 bytes at 0x8ff0 touch two pages but are round_page(0x20) = one page
    expect(m.vm_allocate(a, 0x8ff0, 0x20, false)).toEqual({ kr: KERN_SUCCESS, address: 0x8000 });
    expect(m.mappedPages(a)).toEqual([0x5000, 0x8000]);
    expect(m.vm_allocate(a, 0x9000, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0x9000 }); // still free
    expect(m.mappedPages(a)).toEqual([0x5000, 0x8000, 0x9000]);
    expect(m.pageInfo(a, 0x9fff)).toEqual({ cur: RW, max: VM_PROT_ALL, inheritance: VM_INHERIT_COPY });
    expect(m.vm_allocate(a, 0x4000, 0x2000, false)).toEqual({ kr: KERN_NO_SPACE, address: 0x4000 });
    expect(m.vm_allocate(a, 0xff000, 0x2000, false)).toEqual({ kr: KERN_INVALID_ADDRESS, address: 0xff000 });
    expect(m.vm_allocate(a, 0x100000, 0x1000, false)).toEqual({ kr: KERN_INVALID_ADDRESS, address: 0x100000 });
    expect(m.vm_allocate(a, -0x1000, 0x2000, false)).toEqual({ kr: KERN_INVALID_ADDRESS, address: -0x1000 }); // wraps 2^64
    expect(m.vm_allocate(a, -0x1000, 0x1000, false)).toEqual({ kr: KERN_INVALID_ADDRESS, address: -0x1000 }); // above the map
    expect(m.vm_allocate(a, 0, 0x100000, true)).toEqual({ kr: KERN_NO_SPACE, address: 0 });
    expect(m.vm_allocate(a, 0, 0xff000, true)).toEqual({ kr: KERN_NO_SPACE, address: 0 });
    expect(m.vm_allocate(a, 0xff000, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0xff000 });
    expect(m.vm_allocate(a, 0, 0xf6000, true)).toEqual({ kr: KERN_NO_SPACE, address: 0 }); // one page too many
    expect(m.vm_allocate(a, 0, 0xf5000, true)).toEqual({ kr: KERN_SUCCESS, address: 0xa000 });
    expect(m.vm_allocate(a, 0, 0x1000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
    expect(m.vm_allocate(a, 0, 0x4000, true)).toEqual({ kr: KERN_NO_SPACE, address: 0 });
    expect(m.vm_allocate(a, 0, 0x3000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x2000 });
    expect(m.vm_allocate(a, 0, 0x2000, true)).toEqual({ kr: KERN_SUCCESS, address: 0x6000 });
    expect(m.vm_allocate(a, 0, 0x1000, true)).toEqual({ kr: KERN_NO_SPACE, address: 0 }); // only page 0 is left
    expect(m.vm_allocate(a, 0, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_allocate(a, 7, 0, true)).toEqual({ kr: KERN_INVALID_ARGUMENT, address: 7 });
    expect(m.vm_allocate(42, 7, 0x1000, true)).toEqual({ kr: KERN_INVALID_ARGUMENT, address: 7 });
  });

  it('vm_map: the checks in order', () => {
    const m = model();
    const a = m.createTask();
    const F = m.declarePager('F', 0x4000, enc('four pages'), VM_PROT_ALL, false);
    const RO = m.declarePager('RO', 0x2000, enc(''), VM_PROT_READ, false);
    const BAD = m.declarePager('BAD', 0x1000, enc(''), VM_PROT_READ, true);
    const map = (size: number, obj: number, off: number, cur: number, max: number, inh: number, copy = false) =>
      m.vm_map(a, 0x77, size, 0, true, obj, off, copy, cur, max, inh).kr;
    // 1. protections
    expect(map(PS, F, 0, 8, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(PS, F, 0, R, 0x10, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(PS, F, 0, -1, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(PS, 12345, 0, 8, VM_PROT_ALL, 7)).toBe(KERN_INVALID_ARGUMENT);
    // 3. inheritance
    expect(map(PS, F, 0, R, VM_PROT_ALL, 3)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(PS, F, 0, R, VM_PROT_ALL, -1)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0, 12345, 0, R, VM_PROT_ALL, 7)).toBe(KERN_INVALID_ARGUMENT);
    // 4. size
    expect(map(0, F, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(-1, F, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0x2000, F, -0x1000, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0x2000, 12345, -0x1000, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0x2000, 0, -0x1000, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0, 0, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    // 5. unknown object
    expect(map(PS, 12345, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_OBJECT);
    expect(map(PS, 12345, 0x10, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_OBJECT);
    expect(map(PS, 0x403, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_OBJECT); // not declared (yet)
    // 6. offset alignment
    expect(map(PS, F, 0x10, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(PS, RO, 0x10, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    // 7. inside the object
    expect(map(0x2000, F, 0x3000, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0x1000, F, 0x4000, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0x3000, RO, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT);
    expect(map(0x1001, RO, 0x1000, R, R, VM_INHERIT_COPY)).toBe(KERN_INVALID_ARGUMENT); // round_page(size) counts
    // 8. max beyond the pager's
    expect(map(PS, RO, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_PROTECTION_FAILURE);
    expect(map(PS, RO, 0, R, RW, VM_INHERIT_COPY)).toBe(KERN_PROTECTION_FAILURE);
    expect(map(PS, BAD, 0, R, VM_PROT_ALL, VM_INHERIT_COPY)).toBe(KERN_PROTECTION_FAILURE);
    // 9. memory_object_init fails
    expect(map(PS, BAD, 0, R, R, VM_INHERIT_COPY)).toBe(KERN_INVALID_OBJECT);
    expect(map(PS, BAD, 0, R, R, VM_INHERIT_COPY, true)).toBe(KERN_INVALID_OBJECT);
    expect(m.vm_allocate(a, 0x10000, PS, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_map(a, 0x10000, PS, 0, false, BAD, 0, false, R, R, 0).kr).toBe(KERN_INVALID_OBJECT);
    // 10. placement
    expect(m.vm_map(a, 0x10000, PS, 0, false, F, 0, false, R, R, 0)).toEqual({ kr: KERN_NO_SPACE, address: 0x10000 });
    expect(m.vm_map(a, 0xfffff000, 0x2000, 0, false, 0, 0, false, R, R, 0)).toEqual({ kr: KERN_INVALID_ADDRESS, address: 0xfffff000 });
    expect(m.vm_map(a, -0x1000, 0x2000, 0, false, 0, 0, false, R, R, 0)).toEqual({ kr: KERN_INVALID_ADDRESS, address: -0x1000 });
    expect(m.vm_map(a, 0x11000, PS, 0x1fff, false, 0, 0, false, R, R, 0)).toEqual({ kr: KERN_NO_SPACE, address: 0x11000 });
    expect(m.vm_map(a, 0, 0x100000000, 0, true, 0, 0, false, R, R, 0)).toEqual({ kr: KERN_NO_SPACE, address: 0 });
    expect(m.mappedPages(a)).toEqual([0x10000]); // no failure mapped anything
    // success: cur trimmed to max, offset and inheritance as given, hint ignored
    expect(m.vm_map(a, 0xfffff000, PS, 0, true, F, 0x3000, false, VM_PROT_ALL, R, VM_INHERIT_NONE))
      .toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
    expect(m.pageInfo(a, 0x1000)).toEqual({ cur: R, max: R, inheritance: VM_INHERIT_NONE });
    expect(m.read(a, 0x1000, 1).data).toEqual(new Uint8Array([0]));
    expect(m.vm_map(a, 0x20abc, 0x2000, 0, false, F, 0, false, R, R, VM_INHERIT_SHARE))
      .toEqual({ kr: KERN_SUCCESS, address: 0x20000 });
    expect(dec(m.read(a, 0x20000, 4).data)).toBe('four');
    // placement rounding: round_page(0x2000) = two pages from trunc_page(0x20abc), though the bytes touch three
    expect(m.mappedPages(a)).toEqual([0x1000, 0x10000, 0x20000, 0x21000]);
    // MEMORY_OBJECT_NULL: zero fill, unaligned offset and copy ignored
    expect(m.vm_map(a, 0, 0x10, 0, true, 0, 0x123, true, RW, RW, VM_INHERIT_COPY))
      .toEqual({ kr: KERN_SUCCESS, address: 0x2000 });
    expect(m.write(a, 0x2000, enc('z'))).toBe(KERN_SUCCESS);
    // a dead task
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_map(a, 0x55, PS, 0, true, F, 0, false, R, R, 0)).toEqual({ kr: KERN_INVALID_ARGUMENT, address: 0x55 });
  });

  it('vm_remap', () => {
    const m = model();
    const a = m.createTask();
    const b = m.createTask();
    const x = m.vm_allocate(a, 0x10000, 0x3000, false).address;
    expect(m.vm_deallocate(a, x + PS, PS)).toBe(KERN_SUCCESS); // a hole in the middle
    const fail = (kr: number, address: number) => ({ kr, address, cur: 0, max: 0 });
    expect(m.vm_remap(b, 0x99, PS, 0, true, a, x, false, 3)).toEqual(fail(KERN_INVALID_ARGUMENT, 0x99));
    expect(m.vm_remap(b, 0x99, 0, 0, true, a, x, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ARGUMENT, 0x99));
    expect(m.vm_remap(b, 0x99, 0x2000, 0, true, a, -0x1000, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ARGUMENT, 0x99));
    expect(m.vm_remap(b, 0x99, 0x3000, 0, true, a, x, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ADDRESS, 0x99));
    expect(m.vm_remap(b, 0x99, 0x10, 0, true, a, x + PS + 8, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ADDRESS, 0x99));
    expect(m.vm_remap(b, 0x99, PS, 0, true, a, 0x100000000, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ADDRESS, 0x99));
    expect(m.vm_remap(b, 0x99, PS, 0, true, a, -0x2000, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ADDRESS, 0x99));
    // the source is checked before the target
    expect(m.vm_allocate(b, 0x5000, PS, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_remap(b, 0x5000, 0x3000, 0, false, a, x, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ADDRESS, 0x5000));
    expect(m.vm_remap(b, 0x5000, PS, 0, false, a, x, false, VM_INHERIT_COPY)).toEqual(fail(KERN_NO_SPACE, 0x5000));
    expect(m.vm_remap(b, 0x7000, PS, 0x1fff, false, a, x, false, VM_INHERIT_COPY)).toEqual(fail(KERN_NO_SPACE, 0x7000));
    // placement rounding of the source: 0x10 bytes at x + 0x2ff8 are the one page x + 0x2000
    // (x + 0x3000 is unmapped, and counts only when round_page(size) reaches it)
    expect(m.vm_remap(b, 0x99, 0x1001, 0, true, a, x + 0x2ff8, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ADDRESS, 0x99));
    expect(m.vm_remap(b, 0x100000000, 0x10, 0, false, a, x + 0x2ff8, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ADDRESS, 0x100000000));
    expect(m.vm_remap(b, 0xfffff800, 0x10, 0, false, a, x + 0x2ff8, false, VM_INHERIT_COPY))
      .toEqual({ kr: KERN_SUCCESS, address: 0xfffff000, cur: RW, max: VM_PROT_ALL }); // the last page of the map
    expect(m.vm_deallocate(b, 0xfffff000, PS)).toBe(KERN_SUCCESS);
    expect(m.vm_remap(b, 0, PS, 0xffffffff, true, a, x, false, VM_INHERIT_COPY)).toEqual(fail(KERN_NO_SPACE, 0));
    expect(m.mappedPages(b)).toEqual([0x5000]);
    // success: fixed at trunc_page(address), with the source's length
    expect(m.vm_remap(b, 0x6123, 0x10, 0, false, a, x + 0x2ff0, true, VM_INHERIT_SHARE))
      .toEqual({ kr: KERN_SUCCESS, address: 0x6000, cur: RW, max: VM_PROT_ALL });
    expect(m.mappedPages(b)).toEqual([0x5000, 0x6000]);
    // dead tasks on either side
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_remap(b, 1, PS, 0, true, a, x, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ARGUMENT, 1));
    expect(m.vm_remap(a, 1, PS, 0, true, b, 0x5000, false, VM_INHERIT_COPY)).toEqual(fail(KERN_INVALID_ARGUMENT, 1));
    expect(m.vm_remap(b, 1, PS, 0, true, b, 0x5000, false, VM_INHERIT_COPY).kr).toBe(KERN_SUCCESS);
  });

  it('vm_deallocate', () => {
    const m = model(20);
    const a = m.createTask();
    expect(m.vm_allocate(a, 0x1000, 0x4000, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_allocate(a, 0xff000, 0x1000, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_deallocate(a, 0x2000, 0)).toBe(KERN_SUCCESS);
    expect(m.mappedPages(a)).toEqual([0x1000, 0x2000, 0x3000, 0x4000, 0xff000]);
    expect(m.vm_deallocate(a, -0x1000, 0x1000)).toBe(KERN_INVALID_ARGUMENT); // round_page(2^64) wraps
    expect(m.vm_deallocate(a, 0x1000, -1)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.vm_deallocate(a, 0x2800, 0x10)).toBe(KERN_SUCCESS); // the whole page goes
    expect(m.vm_deallocate(a, 0x2000, 0x2000)).toBe(KERN_SUCCESS); // a hole inside: ignored
    expect(m.mappedPages(a)).toEqual([0x1000, 0x4000, 0xff000]);
    expect(m.vm_deallocate(a, 0xff000, 0x2000)).toBe(KERN_SUCCESS); // past the top: clamped
    expect(m.vm_deallocate(a, 0x200000, 0x1000)).toBe(KERN_SUCCESS); // entirely above the map
    expect(m.vm_deallocate(a, 0, -0x2000)).toBe(KERN_SUCCESS); // everything up to 2^64 - 0x2000
    expect(m.mappedPages(a)).toEqual([]);
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_deallocate(a, 0, 0)).toBe(KERN_INVALID_ARGUMENT);
  });

  it('vm_protect', () => {
    const { m, a, x } = withMemory(4);
    expect(m.vm_protect(a, x, 0, false, 99)).toBe(KERN_SUCCESS); // size 0 before the value
    expect(m.vm_protect(a, x, PS, false, 8)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.vm_protect(a, x, PS, true, -1)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.vm_protect(a, -0x1000, 0x2000, false, R)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.vm_protect(a, 0, PS, false, R)).toBe(KERN_INVALID_ADDRESS); // page 0 unmapped
    expect(m.vm_protect(a, x, 5 * PS, false, R)).toBe(KERN_INVALID_ADDRESS); // runs past the mapping
    expect(m.vm_protect(a, 0xfffff000, 0x2000, false, R)).toBe(KERN_INVALID_ADDRESS); // past the map
    expect(m.vm_protect(a, x + 2 * PS, PS, true, R)).toBe(KERN_SUCCESS);
    expect(m.vm_protect(a, x, 3 * PS, false, RW)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_deallocate(a, x + PS, PS)).toBe(KERN_SUCCESS);
    // the first problem in address order wins, and nothing changes on failure
    expect(m.vm_protect(a, x, 4 * PS, false, VM_PROT_NONE)).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_protect(a, x, 4 * PS, false, RW)).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_protect(a, x + 2 * PS, 2 * PS, false, RW)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_protect(a, x + 2 * PS, 2 * PS + 1, false, RW)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.pageInfo(a, x)?.cur).toBe(RW);
    expect(m.pageInfo(a, x + 3 * PS)?.cur).toBe(RW);
    expect(m.vm_protect(a, x + 2 * PS + 5, 2 * PS - 10, false, R)).toBe(KERN_SUCCESS); // rounds to both pages
    expect(m.pageInfo(a, x + 3 * PS)).toEqual({ cur: R, max: VM_PROT_ALL, inheritance: VM_INHERIT_COPY });
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_protect(a, x, PS, false, R)).toBe(KERN_INVALID_ARGUMENT);
  });

  it('vm_inherit', () => {
    const { m, a, x } = withMemory(3);
    expect(m.vm_inherit(a, x, 0, 99)).toBe(KERN_SUCCESS);
    expect(m.vm_inherit(a, x, PS, 3)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.vm_inherit(a, x, PS, -1)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.vm_inherit(a, -0x1000, 0x2000, VM_INHERIT_NONE)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.vm_deallocate(a, x + PS, PS)).toBe(KERN_SUCCESS);
    expect(m.vm_inherit(a, 0, 0xfffff000, VM_INHERIT_SHARE)).toBe(KERN_SUCCESS); // holes skipped
    expect(m.pageInfo(a, x)?.inheritance).toBe(VM_INHERIT_SHARE);
    expect(m.pageInfo(a, x + 2 * PS)?.inheritance).toBe(VM_INHERIT_SHARE);
    expect(m.vm_inherit(a, 0x80000000, 0x7fffffff00000000, VM_INHERIT_NONE)).toBe(KERN_SUCCESS); // far past the map
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_inherit(a, x, PS, VM_INHERIT_NONE)).toBe(KERN_INVALID_ARGUMENT);
  });

  it('vm_read', () => {
    const { m, a, x } = withMemory(3);
    expect(m.vm_read(a, 0, 0)).toEqual({ kr: KERN_SUCCESS, data: new Uint8Array(0) });
    expect(m.vm_read(a, x, 4)).toEqual({ kr: KERN_SUCCESS, data: new Uint8Array(4) });
    expect(m.vm_read(a, 0, 1).kr).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_read(a, x + 3 * PS - 1, 2).kr).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_read(a, x, -1).kr).toBe(KERN_INVALID_ARGUMENT); // 2^64 - 1 bytes: past the 16 MiB a transfer moves
    expect(m.vm_read(a, -PS, 2 * PS).kr).toBe(KERN_INVALID_ADDRESS); // the range wraps
    expect(m.vm_read(a, 0xfffffff0, 0x20).kr).toBe(KERN_INVALID_ADDRESS); // past the map
    expect(m.vm_protect(a, x, PS, false, VM_PROT_WRITE)).toBe(KERN_SUCCESS);
    expect(m.vm_read(a, x, 1).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_read(a, x + PS - 1, 2).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_read(a, x, 4 * PS).kr).toBe(KERN_PROTECTION_FAILURE); // page x comes before the hole at x + 3 * PS
    expect(m.vm_read(a, x + PS, 3 * PS).kr).toBe(KERN_INVALID_ADDRESS); // readable pages, then the hole
    expect(m.vm_read(a, x + PS, 2 * PS).kr).toBe(KERN_SUCCESS);
    expect(m.vm_read(a, x - PS, 3 * PS).kr).toBe(KERN_INVALID_ADDRESS); // the hole below x comes before x
    expect(m.vm_deallocate(a, x + PS, PS)).toBe(KERN_SUCCESS);
    expect(m.vm_protect(a, x + 2 * PS, PS, false, VM_PROT_NONE)).toBe(KERN_SUCCESS);
    expect(m.vm_read(a, x + PS, 2 * PS).kr).toBe(KERN_INVALID_ADDRESS); // the hole before the unreadable page
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_read(a, x, 0).kr).toBe(KERN_INVALID_ARGUMENT);
  });

  it('vm_write', () => {
    const { m, a, x } = withMemory(2);
    expect(m.vm_write(a, 0, new Uint8Array(0))).toBe(KERN_SUCCESS);
    expect(m.vm_write(a, 0, enc('a'))).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_write(a, x + 2 * PS - 1, enc('ab'))).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_write(a, -1, enc('ab'))).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_protect(a, x, PS, false, R)).toBe(KERN_SUCCESS);
    expect(m.vm_write(a, x + PS - 1, enc('ab'))).toBe(KERN_PROTECTION_FAILURE);
    // address order: the read-only page x comes before the hole past x + 2 * PS
    expect(m.vm_write(a, x + PS - 1, enc('abc'.repeat(PS)))).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_write(a, x + PS, enc('abc'.repeat(PS)))).toBe(KERN_INVALID_ADDRESS); // writable, then the hole
    expect(readStr(m, a, x + PS, 3)).toBe('\0\0\0'); // nothing written
    expect(m.vm_write(a, x + PS, enc('ok'))).toBe(KERN_SUCCESS);
    expect(readStr(m, a, x + PS - 1, 3)).toBe('\0ok');
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_write(a, x, new Uint8Array(0))).toBe(KERN_INVALID_ARGUMENT);
  });

  it('vm_copy', () => {
    const { m, a, x } = withMemory(2);
    expect(m.vm_copy(a, x, 0, 0)).toBe(KERN_SUCCESS);
    expect(m.vm_copy(a, 0, 4, x)).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_copy(a, x, 4, 0)).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_protect(a, x + PS, PS, false, VM_PROT_NONE)).toBe(KERN_SUCCESS);
    expect(m.vm_copy(a, x + PS, 4, x)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_copy(a, x + PS, 4, 0)).toBe(KERN_PROTECTION_FAILURE); // the source's error comes first
    expect(m.vm_copy(a, x, 4, x + PS)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.vm_copy(a, x, 4, x)).toBe(KERN_INVALID_ARGUMENT);
  });

  it('task_terminate', () => {
    const m = model();
    const a = m.createTask();
    const f = m.declarePager('F', PS, enc('keep'), VM_PROT_ALL, false);
    const x = mapPager(m, a, f, PS, false).address;
    expect(m.write(a, x, enc('KEEP'))).toBe(KERN_SUCCESS);
    expect(m.task_terminate(a)).toBe(KERN_SUCCESS);
    expect(m.isAlive(a)).toBe(false);
    expect(m.pageInfo(a, x)).toBeNull();
    expect(m.mappedPages(a)).toEqual([]);
    expect(m.task_terminate(a)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.task_terminate(77)).toBe(KERN_INVALID_ARGUMENT);
    expect(m.read(a, x, 1).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(m.write(a, x, enc('a'))).toBe(KERN_INVALID_ARGUMENT);
    expect(m.exec(a, x)).toBe(KERN_INVALID_ARGUMENT);
    const b = m.createTask();
    expect(b).toBe(2);
    expect(readStr(m, b, mapPager(m, b, f, PS, false).address, 4)).toBe('KEEP');
  });

  it('read, write and exec', () => {
    const { m, a, x } = withMemory(2);
    expect(m.read(a, x, 0)).toEqual({ kr: KERN_SUCCESS, data: new Uint8Array(0) });
    expect(m.write(a, 0, new Uint8Array(0))).toBe(KERN_SUCCESS);
    expect(m.read(a, 0, 1).kr).toBe(KERN_INVALID_ADDRESS);
    expect(m.read(a, -1, 2).kr).toBe(KERN_INVALID_ADDRESS);
    expect(m.read(a, x + 2 * PS - 1, 2).kr).toBe(KERN_INVALID_ADDRESS);
    expect(m.write(a, 0xfffffffe, enc('abcd'))).toBe(KERN_INVALID_ADDRESS);
    expect(m.exec(a, 0)).toBe(KERN_INVALID_ADDRESS);
    expect(m.exec(a, -1)).toBe(KERN_INVALID_ADDRESS);
    expect(m.exec(a, x)).toBe(KERN_PROTECTION_FAILURE); // vm_allocate gives rw-
    expect(m.vm_protect(a, x, PS, false, VM_PROT_ALL)).toBe(KERN_SUCCESS);
    expect(m.exec(a, x + PS - 1)).toBe(KERN_SUCCESS);
    expect(m.exec(a, x + PS)).toBe(KERN_PROTECTION_FAILURE);
    expect(m.vm_protect(a, x + PS, PS, false, VM_PROT_NONE)).toBe(KERN_SUCCESS);
    expect(m.read(a, x + PS - 1, 2).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(m.write(a, x + PS - 1, enc('ab'))).toBe(KERN_PROTECTION_FAILURE);
    expect(readStr(m, a, x + PS - 1, 1)).toBe('a');
  });

  it('pageInfo', () => {
    const { m, a, x } = withMemory(1, 48);
    expect(m.pageInfo(a, x + 123)).toEqual({ cur: RW, max: VM_PROT_ALL, inheritance: VM_INHERIT_COPY });
    expect(m.pageInfo(a, 0)).toBeNull();
    expect(m.pageInfo(a, -1)).toBeNull();
    expect(m.pageInfo(a, 2 ** 48)).toBeNull();
    expect(m.pageInfo(99, x)).toBeNull();
  });

  it('huge ranges in a 48-bit map stay cheap', () => {
    const { m, a, x } = withMemory(2, 48);
    const top = 2 ** 48 - PS;
    expect(m.vm_allocate(a, top, PS, false)).toEqual({ kr: KERN_SUCCESS, address: top });
    expect(m.vm_allocate(a, 0, 2 ** 48, true).kr).toBe(KERN_NO_SPACE);
    expect(m.vm_allocate(a, 2 ** 47, 2 ** 47, false).kr).toBe(KERN_NO_SPACE); // overlaps the top page
    expect(m.vm_map(a, 0, PS, 2 ** 47 - 1, true, 0, 0, false, R, R, 0)).toEqual({ kr: KERN_SUCCESS, address: 2 ** 47 });
    expect(m.vm_protect(a, 0, 2 ** 48, false, R)).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_read(a, x, 2 ** 48).kr).toBe(KERN_INVALID_ARGUMENT); // past the 16 MiB a transfer moves
    expect(m.read(a, top, 2 ** 40).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(m.read(a, top, 2 * PS).kr).toBe(KERN_INVALID_ADDRESS); // the page past the map
    expect(m.vm_inherit(a, 0, 2 ** 48, VM_INHERIT_NONE)).toBe(KERN_SUCCESS);
    expect(m.vm_deallocate(a, 0, 2 ** 50)).toBe(KERN_SUCCESS);
    expect(m.mappedPages(a)).toEqual([]);
  });
});

describe('ReferenceModel: entries and objects, as far as the rules decide', () => {
  /** The model's entries of a task: [start, end) where it knows both, '?' marking a maybe boundary. */
  function entries(m: ReferenceModel, t: number): string {
    const out: string[] = [];
    let prev = -1;
    for (const f of m.pageFacts(t)) {
      if (f.start === 'no' && f.address === prev + PS) out[out.length - 1] += '+';
      else out.push(`${f.start === 'maybe' ? '?' : ''}${(f.address / PS).toString(16)}`);
      prev = f.address;
    }
    return out.join(' ');
  }

  it('a new anonymous range extends the entry before it when that has no object; a pager mapping never does', () => {
    const m = model();
    const a = m.createTask();
    expect(m.vm_allocate(a, 0x10000, PS, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_allocate(a, 0x11000, 2 * PS, false).kr).toBe(KERN_SUCCESS);
    expect(entries(m, a)).toBe('10++'); // one entry of three pages
    expect(m.pageFacts(a).map((f) => [f.backing, f.offset])).toEqual([['none', 0], ['none', PS], ['none', 2 * PS]]);
    const f = m.declarePager('F', 2 * PS, enc('file'), VM_PROT_ALL, false);
    expect(m.vm_map(a, 0x13000, PS, 0, false, f, PS, false, RW, VM_PROT_ALL, VM_INHERIT_COPY).kr).toBe(KERN_SUCCESS);
    expect(m.vm_allocate(a, 0x14000, PS, false).kr).toBe(KERN_SUCCESS);
    expect(entries(m, a)).toBe('10++ 13 14');
    expect(m.pageFacts(a)[3]).toMatchObject({ backing: 'object', pager: f, offset: PS, aliased: false });
    // after a touch the entry has an object: whether it can grow is the kernel's business
    expect(m.write(a, 0x10000, enc('x'))).toBe(KERN_SUCCESS);
    expect(m.pageFacts(a).slice(0, 3).map((x) => x.backing)).toEqual(['object', 'object', 'object']);
    expect(m.vm_allocate(a, 0x15000, PS, false).kr).toBe(KERN_SUCCESS);
    expect(m.vm_deallocate(a, 0x13000, PS)).toBe(KERN_SUCCESS);
    expect(m.vm_allocate(a, 0x13000, PS, false).kr).toBe(KERN_SUCCESS);
    expect(entries(m, a)).toBe('10++ ?13 14+');
    expect(m.pageFacts(a)[3].backing).toBe('unknown');
  });

  it('range calls clip; vm_protect merges the pieces back when their attributes agree again, vm_inherit does not', () => {
    const { m, a, x } = withMemory(3);
    const v = (x / PS).toString(16);
    const w = ((x + PS) / PS).toString(16);
    const z = ((x + 2 * PS) / PS).toString(16);
    expect(m.vm_protect(a, x + PS, PS, false, R)).toBe(KERN_SUCCESS);
    expect(entries(m, a)).toBe(`${v} ${w} ${z}`);
    expect(m.vm_protect(a, x + PS, PS, false, RW)).toBe(KERN_SUCCESS);
    expect(entries(m, a)).toBe(`${v}++`);
    expect(m.vm_inherit(a, x + PS, PS, VM_INHERIT_COPY)).toBe(KERN_SUCCESS);
    expect(entries(m, a)).toBe(`${v} ${w} ${z}`);
    expect(m.vm_deallocate(a, x + 2 * PS, 1)).toBe(KERN_SUCCESS);
    expect(m.vm_region(a, x + PS)).toMatchObject({ kr: KERN_SUCCESS, starts: [x + PS], ends: [x + 2 * PS] });
    expect(m.vm_region(a, x + 2 * PS).kr).toBe(KERN_INVALID_ADDRESS);
    expect(m.vm_region(a, 0)).toMatchObject({ starts: [x], ends: [x + PS] });
  });

  it('fork: SHARE gives both sides one object (aliased pages); a COPY of an untouched entry has none, from offset 0', () => {
    const { m, a, x } = withMemory(3);
    expect(m.vm_deallocate(a, x, PS)).toBe(KERN_SUCCESS); // the rest: offsets PS, 2 PS
    expect(m.pageFacts(a).map((f) => f.offset)).toEqual([PS, 2 * PS]);
    const child = m.fork(a);
    expect(m.pageFacts(child).map((f) => [f.backing, f.offset, f.aliased])).toEqual([['none', 0, false], ['none', PS, false]]);
    expect(m.vm_inherit(a, x + 2 * PS, PS, VM_INHERIT_SHARE)).toBe(KERN_SUCCESS);
    const c2 = m.fork(a);
    expect(m.pageFacts(c2).map((f) => [f.backing, f.aliased])).toEqual([['none', false], ['object', true]]);
    expect(m.pageFacts(a)[1]).toMatchObject({ backing: 'object', aliased: true, cell: m.pageFacts(c2)[1].cell });
    expect(m.vm_region(99, 0).kr).toBe(KERN_INVALID_ARGUMENT);
  });
});

describe('ReferenceModel: properties', () => {
  type Op =
    | { k: 'alloc'; t: number; addr: number; pages: number; anywhere: boolean }
    | { k: 'dealloc'; t: number; addr: number; pages: number }
    | { k: 'protect'; t: number; addr: number; pages: number; max: boolean; prot: number }
    | { k: 'inherit'; t: number; addr: number; pages: number; inh: number }
    | { k: 'write'; t: number; addr: number; byte: number; len: number }
    | { k: 'copy'; t: number; src: number; dst: number; len: number }
    | { k: 'remap'; t: number; src: number; addr: number; pages: number; copy: boolean }
    | { k: 'map'; t: number; pages: number; copy: boolean }
    | { k: 'fork'; t: number }
    | { k: 'terminate'; t: number };
  const page = fc.integer({ min: 0, max: 12 });
  const addr = fc.integer({ min: 0, max: 12 * PS + 100 });
  const t = fc.integer({ min: 1, max: 4 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ k: fc.constant('alloc' as const), t, addr, pages: page, anywhere: fc.boolean() }),
    fc.record({ k: fc.constant('dealloc' as const), t, addr, pages: page }),
    fc.record({ k: fc.constant('protect' as const), t, addr, pages: page, max: fc.boolean(), prot: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ k: fc.constant('inherit' as const), t, addr, pages: page, inh: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ k: fc.constant('write' as const), t, addr, byte: fc.integer({ min: 1, max: 255 }), len: fc.integer({ min: 1, max: 2 * PS }) }),
    fc.record({ k: fc.constant('copy' as const), t, src: addr, dst: addr, len: fc.integer({ min: 0, max: 2 * PS }) }),
    fc.record({ k: fc.constant('remap' as const), t, src: addr, addr, pages: page, copy: fc.boolean() }),
    fc.record({ k: fc.constant('map' as const), t, pages: fc.integer({ min: 1, max: 4 }), copy: fc.boolean() }),
    fc.record({ k: fc.constant('fork' as const), t }),
    fc.record({ k: fc.constant('terminate' as const), t }),
  );

  /** Runs ops on a 20-bit map, checking after each that reads agree and attributes stay sane. */
  function run(ops: Op[]): void {
    const m = model(20);
    for (let i = 0; i < 3; i++) m.createTask();
    const f = m.declarePager('F', 4 * PS, enc('file contents'), VM_PROT_ALL, false);
    for (const o of ops) {
      if (!m.isAlive(o.t) && o.k !== 'fork') continue;
      switch (o.k) {
        case 'alloc': m.vm_allocate(o.t, o.addr, o.pages * PS, o.anywhere); break;
        case 'dealloc': expect(m.vm_deallocate(o.t, o.addr, o.pages * PS)).toBe(KERN_SUCCESS); break;
        case 'protect': m.vm_protect(o.t, o.addr, o.pages * PS, o.max, o.prot); break;
        case 'inherit': expect(m.vm_inherit(o.t, o.addr, o.pages * PS, o.inh)).toBe(KERN_SUCCESS); break;
        case 'write': {
          const data = new Uint8Array(o.len).fill(o.byte);
          if (m.vm_write(o.t, o.addr, data) === KERN_SUCCESS && m.vm_read(o.t, o.addr, o.len).kr === KERN_SUCCESS) {
            expect(m.vm_read(o.t, o.addr, o.len).data).toEqual(data);
          }
          break;
        }
        case 'copy': {
          const before = m.vm_read(o.t, o.src, o.len);
          if (m.vm_copy(o.t, o.src, o.len, o.dst) === KERN_SUCCESS) {
            const after = m.vm_read(o.t, o.dst, o.len);
            if (after.kr === KERN_SUCCESS) expect(after.data).toEqual(before.data);
          }
          break;
        }
        case 'remap': {
          const r = m.vm_remap(o.t, o.addr, o.pages * PS, 0, o.addr % 2 === 0, o.t, o.src, o.copy, VM_INHERIT_COPY);
          if (r.kr === KERN_SUCCESS) {
            // placement rounding: the pages remapped start at trunc_page(src) and are round_page(size) long,
            // so an unaligned src moves no byte of the page after them (semantics: placement)
            const src = m.vm_read(o.t, o.src - (o.src % PS), o.pages * PS);
            const dst = m.vm_read(o.t, r.address, o.pages * PS);
            if (src.kr === KERN_SUCCESS && dst.kr === KERN_SUCCESS) expect(dst.data).toEqual(src.data);
          }
          break;
        }
        case 'map': mapPager(m, o.t, f, o.pages * PS, o.copy, RW, VM_PROT_ALL, 0, o.pages % 2 === 0 ? VM_INHERIT_SHARE : VM_INHERIT_COPY); break;
        case 'fork': if (m.isAlive(o.t)) m.fork(o.t); break;
        case 'terminate': expect(m.task_terminate(o.t)).toBe(KERN_SUCCESS); break;
      }
      for (let task = 1; task <= 8; task++) {
        for (const p of m.mappedPages(task)) {
          const info = m.pageInfo(task, p)!;
          expect(info.cur & ~info.max).toBe(0);
          expect(p).toBeLessThan(1 << 20);
          const user = m.read(task, p, PS);
          const kern = m.vm_read(task, p, PS);
          expect(user.kr).toBe(info.cur & VM_PROT_READ ? KERN_SUCCESS : KERN_PROTECTION_FAILURE);
          expect(kern.kr).toBe(user.kr);
          if (user.kr === KERN_SUCCESS) expect(user.data).toEqual(kern.data);
        }
      }
    }
  }

  it('random call sequences: no exception, user and vm_read agree, cur ⊆ max', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => run(ops)), { numRuns: 100 });
  });

  it('COPY and SHARE by fork: a page written after the fork differs exactly when it was COPY', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.boolean(), (inh, touchBefore, parentWrites) => {
      const { m, a, x } = withMemory(1);
      if (touchBefore) expect(m.write(a, x, enc('old'))).toBe(KERN_SUCCESS);
      expect(m.vm_inherit(a, x, PS, inh)).toBe(KERN_SUCCESS);
      const b = m.fork(a);
      const [writer, other] = parentWrites ? [a, b] : [b, a];
      const wr = m.write(writer, x, enc('new'));
      if (inh === VM_INHERIT_NONE && writer === b) {
        expect(wr).toBe(KERN_INVALID_ADDRESS);
        return;
      }
      expect(wr).toBe(KERN_SUCCESS);
      const seen = m.read(other, x, 3);
      if (inh === VM_INHERIT_NONE) expect(seen.kr).toBe(KERN_INVALID_ADDRESS);
      else expect(dec(seen.data)).toBe(inh === VM_INHERIT_SHARE ? 'new' : touchBefore ? 'old' : '\0\0\0');
    }));
  });
});
