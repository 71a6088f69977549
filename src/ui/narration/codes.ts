/**
 * Result codes in words: the short meaning of every kern_return_t the simulator returns, sharper
 * for some calls (a read's KERN_PROTECTION_FAILURE is a memory exception).
 */
import { kernReturnName } from '../../kernel/kern_return';

/** The short meaning of every code the simulator returns. */
export const KERN_MEANINGS: Readonly<Record<number, string>> = {
  0: 'the call did what was asked',
  1: 'the address is not mapped (a hole), or the range leaves the address space',
  2: 'the access or protection asked for is more than the entry allows',
  3: 'no free range of that size (or the fixed range overlaps an entry)',
  4: 'an argument is invalid: a bad protection or inheritance value, a size of 0, a range that wraps, or a terminated task',
  5: 'the operation failed',
  6: 'the kernel ran out of memory: no page frame could be freed',
  29: 'the memory object is unknown, or its pager refused memory_object_init',
};

/** A transfer's KERN_INVALID_ARGUMENT (vm_param.ts VM_MAX_TRANSFER). */
const TOO_MANY_BYTES = 'more than the 16 MiB one transfer moves (a negative size is a huge unsigned one), or a terminated task';

/** Sharper meanings for some calls. */
const CALL_MEANINGS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  read: { 1: 'a memory exception, because no entry maps that address', 2: 'a memory exception, because the entry does not allow reading', 4: TOO_MANY_BYTES },
  write: { 1: 'a memory exception, because no entry maps that address', 2: 'a memory exception, because the entry does not allow writing' },
  vm_read: { 4: TOO_MANY_BYTES },
  vm_copy: { 4: TOO_MANY_BYTES },
  exec: { 1: 'a memory exception, because no entry maps that address', 2: 'a memory exception, because the entry does not allow execution' },
  vm_map: {
    2: 'the maximum protection asked for is more than the memory object permits',
    3: 'no free range of that size (or the fixed range overlaps an entry, or breaks the mask)',
  },
  vm_protect: { 2: 'the new protection exceeds the maximum protection somewhere: nothing was changed' },
  vm_region: { 1: 'no region at or above that address' },
  vm_allocate: { 1: 'the fixed range lies outside the address space' },
};

/** "KERN_NO_SPACE: no free range of that size (...)" */
export function explainKernReturn(kr: number, call?: string): string {
  const meaning = (call !== undefined ? CALL_MEANINGS[call]?.[kr] : undefined) ?? KERN_MEANINGS[kr] ?? 'an error code this simulator does not explain';
  return `${kernReturnName(kr)}: ${meaning}`;
}
