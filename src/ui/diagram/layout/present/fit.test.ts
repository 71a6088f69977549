/**
 * The presentation layout (layout/present/): on every step of the core lessons, in the diagram box
 * of a 1920×1080 screen (and 1280×720: the same in vh), the text is as large as the goals ask and
 * fits at scale 1, no label overlaps another or leaves its box, idle frames and TLB sets are
 * collapsed, the pmap and the first bytes are drawn; a big machine keeps the compact grids. Stepped
 * through (each step keeping the size drawn before), the text changes size only when it must shrink
 * or can grow clearly.
 */
import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../layout';
import { allTexts, drawnItems } from '../lookup';
import { textBox, type Box } from '../geometry';
import { snapshotsOf } from '../../test_snapshots';
import { takeSnapshot } from '../../../../kernel/snapshot';
import { Interpreter } from '../../../../scenario/interpreter';
import { parseOrThrow } from '../../../../scenario/parser';
import { FONT_VH, GROW_VH, isBigMachine, stageLayout } from './fit';

const CORE = [
  'fork_copy', 'fork_share', 'fork_none', 'shared_object_two_tasks', 'copy_on_map', 'remap_share',
  'remap_copy', 'cow_after_fork_read', 'tlb_basics', 'pageout_pagein', 'chain_collapse', 'file_pager',
];
/** The diagram's box at 1920×1080 under an 8vh header and a 15vh narration band (and gaps). */
const BOX = { width: 1894, height: 780, vh: 10.8 };

const inside = (a: Box, b: Box, tol = 0.5) => a.x >= b.x - tol && a.y >= b.y - tol && a.x + a.w <= b.x + b.w + tol && a.y + a.h <= b.y + b.h + tol;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

describe('presentation layout', () => {
  it('fits every step of the core lessons at ≥ 3.7vh, labels inside their boxes, none overlapping (each step alone, and stepped through keeping the size)', () => {
    const problems: string[] = [];
    const check = (l: ReturnType<typeof stageLayout>, where: string) => {
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
    };
    for (const lesson of CORE) {
      let kept: number | undefined;
      snapshotsOf(lesson).forEach((snap, step) => {
        const alone = stageLayout(snap, BOX);
        check(alone, `${lesson} step ${step}`);
        const stepped = stageLayout(snap, BOX, kept);
        check(stepped, `${lesson} step ${step} (stepped)`);
        kept = stepped.fontSize;
      });
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('keeps the text size of the step before while it fits and no size GROW_VH larger does; a new size is the largest that fits', () => {
    const problems: string[] = [];
    let [changes, freshChanges] = [0, 0];
    for (const lesson of [...CORE, 'placement_rounding', 'shared_mapping']) {
      let kept: number | undefined;
      let fresh: number | undefined;
      snapshotsOf(lesson).forEach((snap, step) => {
        const where = `${lesson} step ${step}`;
        const best = stageLayout(snap, BOX); // the largest size that fits, nothing kept
        const l = stageLayout(snap, BOX, kept);
        const [v, bv] = [l.fontSize / BOX.vh, best.fontSize / BOX.vh];
        if (l.width > BOX.width + 0.5 || l.height > BOX.height + 0.5) problems.push(`${where}: ${l.width}×${l.height} does not fit`);
        if (l.fontSize < 3.7 * BOX.vh - 0.01) problems.push(`${where}: font ${v.toFixed(1)}vh`);
        if (kept !== undefined && l.fontSize !== kept) {
          changes++;
          const was = kept / BOX.vh;
          // a new size (the one before no longer fits as the search takes it, or one clearly larger fits) is the largest that fits
          if (Math.abs(v - bv) > 1e-6) problems.push(`${where}: ${was.toFixed(1)} → ${v.toFixed(1)}vh, the step alone ${bv.toFixed(1)}`);
        }
        if (kept !== undefined && l.fontSize === kept && bv >= kept / BOX.vh + GROW_VH - 1e-6) problems.push(`${where}: kept ${v.toFixed(1)}vh, ${bv.toFixed(1)} fits`);
        if (fresh !== undefined && best.fontSize !== fresh) freshChanges++;
        [kept, fresh] = [l.fontSize, best.fontSize];
      });
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // the walks above change size less often than picking the largest size at each step
    expect(changes).toBeLessThan(freshChanges);
  });

  it('takes the largest size that fits for a size it cannot keep (another box), and shrinks a kept size that no longer fits', () => {
    const snap = snapshotsOf('fork_copy')[16];
    const best = stageLayout(snap, BOX);
    expect(stageLayout(snap, BOX, 17).fontSize).toBe(best.fontSize); // 17 px is none of FONT_VH at this vh
    // the floor kept: a small machine grows back to the largest size (GROW_VH or more larger)
    expect(stageLayout(snap, BOX, FONT_VH[FONT_VH.length - 1] * BOX.vh).fontSize).toBe(best.fontSize);
    // the largest size kept in a box too low for it: the largest that fits there
    const low = { ...BOX, height: best.height * 0.8 };
    expect(stageLayout(snap, low, best.fontSize).fontSize).toBe(stageLayout(snap, low).fontSize);
    expect(stageLayout(snap, low).fontSize).toBeLessThan(best.fontSize);
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
