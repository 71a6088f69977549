import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import { PREVIEW_BYTES, PREVIEW_FRAME_LIMIT, takeSnapshot } from '../../kernel/snapshot';
import { user_write, vm_allocate } from '../../kernel/vm_user';
import { framePreviewText, pagePreviewText, previewText, ZEROS_TEXT } from './preview';
import { firstEvent } from './test_snapshots';

const bytes = (...b: number[]) => Uint8Array.from([...b, ...new Array(PREVIEW_BYTES - b.length).fill(0)]);
const ascii = (s: string) => bytes(...[...s].map((c) => c.charCodeAt(0)));

describe('page previews', () => {
  it("fork_copy's copy-up: the child's new page reads 'child da', the page it was copied from 'parent d'", () => {
    const { event, snap } = firstEvent('fork_copy', 'cow_copy');
    expect(pagePreviewText(snap, event.to, event.toOffset)).toBe('child da');
    expect(pagePreviewText(snap, event.from, event.fromOffset)).toBe('parent d');
    expect(framePreviewText(snap, event.frame)).toBe('child da');
    expect(framePreviewText(snap, event.fromFrame)).toBe('parent d');
  });

  it('a zero-filled page shows the zeros marker, never an empty text', () => {
    const k = new Kernel({ frames: 8 });
    const A = k.createTask('A').id;
    const a = vm_allocate(k, A, 0, 0x2000, true).address;
    user_write(k, A, a + 0x100, new Uint8Array([1])); // written past its first bytes
    const s = takeSnapshot(k);
    const [o] = s.objects;
    expect(pagePreviewText(s, o.id, 0)).toBe(ZEROS_TEXT);
    expect(framePreviewText(s, 7)).toBe(ZEROS_TEXT); // a free frame
  });

  it('text up to the first NUL; other bytes as hex pairs up to the last non-zero one', () => {
    expect(previewText(ascii('parent'))).toBe('parent');
    expect(previewText(ascii('child da'))).toBe('child da');
    expect(previewText(bytes(0x7f, 0x45, 0x4c, 0x46))).toBe('7f 45 4c 46');
    expect(previewText(bytes(0, 0, 0x61, 0x62))).toBe('00 00 61 62'); // a NUL first is not text
    expect(previewText(bytes(0x68, 0x69, 0x0a))).toBe('68 69 0a'); // a newline is not printable
    expect(previewText(bytes(0x68, 0x69, 0, 0xff))).toBe('hi'); // a C string: what follows its NUL is not shown
    expect(previewText(bytes())).toBe(ZEROS_TEXT);
  });

  it('null where there is nothing to show: a big machine, a bad frame, a page not resident', () => {
    const { snap } = firstEvent('fork_copy', 'cow_copy');
    const frames = snap.frameOwner.length;
    for (const f of [-1, frames, 1.5, NaN]) expect(framePreviewText(snap, f)).toBeNull();
    expect(pagePreviewText(snap, 999, 0)).toBeNull();
    expect(pagePreviewText(snap, snap.objects[0].id, 0x100000)).toBeNull();
    const big = new Kernel({ frames: PREVIEW_FRAME_LIMIT + 1 });
    const A = big.createTask('A').id;
    user_write(big, A, vm_allocate(big, A, 0, 0x1000, true).address, new Uint8Array([0x41]));
    const s = takeSnapshot(big);
    expect(framePreviewText(s, 0)).toBeNull();
    expect(pagePreviewText(s, s.objects[0].id, 0)).toBeNull();
  });
});
