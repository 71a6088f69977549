import { describe, expect, it } from 'vitest';
import { stamped } from '../kernel/testkit';
import { highlightOf, mergeHighlights } from './highlight';

describe('event highlights', () => {
  it('a copy-up lights the task, both objects and both frames', () => {
    expect(highlightOf(stamped({ type: 'cow_copy', task: 2, from: 1, fromOffset: 0, fromFrame: 0, to: 4, toOffset: 0, frame: 3 }))).toEqual({
      tasks: [2], objects: [1, 4], frames: [3, 0], entries: [],
    });
  });

  it('a frame 0 counts; object 0 (none) does not', () => {
    expect(highlightOf(stamped({ type: 'zero_fill', task: 1, object: 3, offset: 0, frame: 0 })).frames).toEqual([0]);
    expect(highlightOf(stamped({ type: 'entry_inserted', task: 1, entry: 5, start: 0x1000, end: 0x2000, object: 0, offset: 0, prot: 3, max: 7, inheritance: 1, needsCopy: false })).objects).toEqual([]);
  });

  it('merges without duplicates', () => {
    const h = mergeHighlights([
      stamped({ type: 'tlb_miss', task: 1, vpn: 1, access: 1 }),
      stamped({ type: 'tlb_fill', task: 1, vpn: 1, frame: 2, prot: 1 }),
      stamped({ type: 'tlb_hit', task: 1, vpn: 1, frame: 2 }),
    ]);
    expect(h).toEqual({ tasks: [1], objects: [], frames: [2], entries: [] });
  });
});
