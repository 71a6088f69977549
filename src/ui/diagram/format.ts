/**
 * format: the small text helpers of the machine diagram (rwx strings, inheritance names,
 * estimated text widths). Pure; shared by the layout and the component. Addresses, offsets and
 * sizes go through the kernel's one formatter, hex() of vm_param (`0x1f000`, `-0x10`), re-exported.
 */
export { hex, inheritName, protString } from '../../kernel/vm_param';

/** Width of a monospace label: the diagram's font is monospace, about 0.6 em per character. */
export const CHAR_EM = 0.6;

export function textWidth(text: string, size: number): number {
  return [...text].length * CHAR_EM * size;
}

/** `3 pages` / `1 page`. */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}
