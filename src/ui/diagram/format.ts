/**
 * format: the small text helpers of the machine diagram (rwx strings, inheritance names, plurals;
 * estimated text widths are layout/geometry.ts's). Pure; shared by the layout and the component. Addresses, offsets and
 * sizes go through the kernel's one formatter, hex() of vm_param (`0x1f000`, `-0x10`), re-exported.
 */
export { hex, inheritName, protString } from '../../kernel/vm_param';

/** `3 pages` / `1 page`. */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}
