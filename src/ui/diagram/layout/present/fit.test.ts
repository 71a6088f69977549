/**
 * The presentation layout (layout/present/): on every step of the core lessons, in the diagram box
 * of a 1920×1080 screen (and 1280×720: the same in vh), the text is as large as the goals ask and
 * fits at scale 1, no label overlaps another or leaves its box, idle frames and TLB sets are
 * collapsed, the pmap and the first bytes are drawn; a big machine keeps the compact grids.
 */
import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../layout';
import { allTexts, drawnItems } from '../lookup';
import { textBox, type Box } from '../geometry';
import { snapshotsOf } from '../../test_snapshots';
import { takeSnapshot } from '../../../../kernel/snapshot';
import { Interpreter } from '../../../../scenario/interpreter';
import { parseOrThrow } from '../../../../scenario/parser';
import { isBigMachine, stageLayout } from './fit';

const CORE = [
  'fork_copy', 'fork_share', 'fork_none', 'shared_object_two_tasks', 'copy_on_map', 'remap_share',
  'remap_copy', 'cow_after_fork_read', 'tlb_basics', 'pageout_pagein', 'chain_collapse', 'file_pager',
];
/** The diagram's box at 1920×1080 under an 8vh header and a 15vh narration band (and gaps). */
const BOX = { width: 1894, height: 780, vh: 10.8 };

const inside = (a: Box, b: Box, tol = 0.5) => a.x >= b.x - tol && a.y >= b.y - tol && a.x + a.w <= b.x + b.w + tol && a.y + a.h <= b.y + b.h + tol;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

describe('presentation layout', () => {
  it('fits every step of the core lessons at ≥ 3.7vh, labels inside their boxes, none overlapping', () => {
    const problems: string[] = [];
    for (const lesson of CORE) {
      snapshotsOf(lesson).forEach((snap, step) => {
        const l = stageLayout(snap, BOX);
        const where = `${lesson} step ${step}`;
        if (l.fontSize < 3.7 * BOX.vh - 0.01) problems.push(`${where}: font ${(l.fontSize / BOX.vh).toFixed(1)}vh`);
        if (l.width > BOX.width + 0.5 || l.height > BOX.height + 0.5) problems.push(`${where}: ${l.width}×${l.height} does not fit`);
        const texts = allTexts(l);
        const boxes = texts.map(textBox);
        for (let i = 0; i < boxes.length; i++) {
          if (!inside(boxes[i], { x: 0, y: 0, w: l.width, h: l.height })) problems.push(`${where}: "${texts[i].text}" outside the picture`);
          for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i], boxes[j])) problems.push(`${where}: "${texts[i].text}" overlaps "${texts[j].text}"`);
        }
        for (const item of [...l.tasks.flatMap((t) => t.entries), ...l.objects, ...l.objects.flatMap((o) => o.cells), ...l.pagers, ...l.frames, ...l.tlb.cells]) {
          for (const t of item.texts) if (!inside(textBox(t), item)) problems.push(`${where}: "${t.text}" sticks out of ${item.key}`);
        }
      });
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('draws only the frames in use and the live TLB entries, and says how many are free or empty', () => {
    const snap = snapshotsOf('fork_copy')[16];
    const l = stageLayout(snap, BOX);
    const used = [...snap.frameOwner].filter((o) => o !== 0).length;
    expect(l.frames).toHaveLength(used);
    expect(l.frames.every((f) => f.owner !== 0)).toBe(true);
    expect(l.tlb.cells.map((c) => c.entry?.index)).toEqual(snap.tlb.map((e) => e.index).sort((a, b) => a - b));
    const words = allTexts(l).map((t) => t.text);
    expect(words).toContain(`${snap.frameOwner.length - used} free`);
    expect(words.some((w) => /^sets? .* empty$/.test(w) || w.startsWith('sets '))).toBe(true);
  });

  it("shows the pmap under the map entry (the parent's write-protected COW page) and the pages' first bytes", () => {
    const snap = snapshotsOf('fork_copy')[16];
    const l = stageLayout(snap, BOX);
    const parent = l.tasks.find((t) => t.task.name === 'P')!.entries[0];
    const lines = parent.texts.map((t) => t.text);
    expect(lines).toContain('rw- COW'); // the entry allows writing...
    expect(lines.some((t) => /^0x2000→f\d+ r--$/.test(t))).toBe(true); // ...its pmap does not
    const child = l.tasks.find((t) => t.task.name === 'C')!.entries[0];
    expect(child.texts.map((t) => t.text).some((t) => /^0x1000→f\d+ rw-$/.test(t))).toBe(true);
    const frameTexts = l.frames.flatMap((f) => f.texts.map((t) => t.text));
    expect(frameTexts.some((t) => t.endsWith('parent d'))).toBe(true);
    expect(frameTexts.some((t) => t.endsWith('child da'))).toBe(true);
    const pageTexts = l.objects.flatMap((o) => o.cells.flatMap((c) => c.texts.map((t) => t.text)));
    expect(pageTexts).toContain('0x0 child da');
  });

  it('draws distinct arrows: a mapping, a shadow and a frame link each of their kind', () => {
    const l = stageLayout(snapshotsOf('fork_copy')[16], BOX);
    const kinds = new Set(l.links.map((k) => k.kind));
    for (const k of ['map', 'shadow', 'frame'] as const) expect(kinds.has(k)).toBe(true);
    expect(l.stroke).toBeCloseTo(0.28 * BOX.vh, 5);
  });

  it('keeps the compact grids of a big machine (computeLayout with a box falls back to the normal layout)', () => {
    const it0 = new Interpreter(parseOrThrow('config frames=1024\ntask A\nkr = vm_allocate(A, &x, 0x4000, TRUE)\nkr = write(A, x, "hi")\n'));
    while (!it0.done) it0.step();
    const snap = takeSnapshot(it0.kernel);
    expect(isBigMachine(snap)).toBe(true);
    const l = computeLayout(snap, { fontSize: 20, width: BOX.width, stage: BOX });
    expect(l.framesGrid).not.toBeNull();
    expect(l.stroke).toBeUndefined();
    expect(drawnItems(l).length).toBeGreaterThan(0);
  });
});
