/**
 * format: the small text helpers of the machine diagram (hex addresses, rwx strings, inheritance
 * names, estimated text widths). Pure; shared by the layout and the component.
 */
import { inheritName, protString } from '../../kernel/vm_param';

export { inheritName, protString };

/** `0x1f000`: lower-case hex with a 0x prefix (addresses, offsets, sizes). */
export function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** Width of a monospace label: the diagram's font is monospace, about 0.6 em per character. */
export const CHAR_EM = 0.6;

export function textWidth(text: string, size: number): number {
  return [...text].length * CHAR_EM * size;
}

/** `3 pages` / `1 page`. */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}
