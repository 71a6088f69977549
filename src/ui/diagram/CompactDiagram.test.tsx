// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../../kernel/snapshot';
import { MachineDiagram } from './MachineDiagram';
import { computeLayout } from './layout';
import type { Box } from './layout/geometry';
import { boxOf } from './layout/lookup';
import { frameLabel, tlbLabel } from './layout/labels';
import { ref, refKey } from './element_ref';
import { cellBox, COMPACT_FRAMES, COMPACT_SLOTS, TLB_EMPTY, TLB_WRITABLE } from './compact';
import { DARK } from './theme';
import { litOnHover } from './test_hover';

afterEach(cleanup);

function snapshotOf(source: string): MachineSnapshot {
  const it = new Interpreter(parseOrThrow(source));
  while (!it.done) it.step();
  return takeSnapshot(it.kernel);
}

/** Two tasks with 64 resident pages each, one forked (COW), on a machine of `frames` frames. */
function bigMachine(frames: number, tlb = ''): MachineSnapshot {
  const lines = [`config frames=${frames}${tlb}`, 'task A', 'kr = vm_allocate(A, &x, 0x40000, TRUE)'];
  for (let p = 0; p < 64; p++) lines.push(`kr = write(A, x + ${p * 0x1000}, "a")`);
  lines.push('task B = fork(A)', 'kr = write(B, x, "b")', 'kr = vm_allocate(A, &y, 0x3000, TRUE)', 'kr = write(A, y, "s")');
  return snapshotOf(lines.join('\n') + '\n');
}

const inside = (b: Box, outer: Box) => b.x >= outer.x - 1e-6 && b.y >= outer.y - 1e-6 && b.x + b.w <= outer.x + outer.w + 1e-6 && b.y + b.h <= outer.y + outer.h + 1e-6;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('the compact diagram of a big machine', () => {
  it('lays out many frames as a grid and big objects as page grids; small ones stay drawn one by one', () => {
    const snap = bigMachine(4096);
    for (const width of [880, 1400]) {
      const l = computeLayout(snap, { width });
      expect(snap.frameOwner.length).toBeGreaterThan(COMPACT_FRAMES);
      expect(l.frames).toEqual([]);
      const grid = l.framesGrid!;
      expect(grid.count).toBe(4096);
      expect(inside(grid, l.framesBox)).toBe(true);
      expect(grid.x + grid.w).toBeLessThanOrEqual(width - 12 + 1e-6);
      expect(overlaps(l.framesBox, l.tlb)).toBe(false);
      // every frame has a box in the grid; the used ones are in use there
      for (const f of [0, 1, 63, 64, 4095]) expect(boxOf(l, ref.frame(f))).toEqual(cellBox(grid, f));
      expect(boxOf(l, ref.frame(4096))).toBeNull();
      expect(grid.classes.filter((c) => c !== 0).length).toBe(snap.frameOwner.filter((o) => o !== 0).length);

      const big = l.objects.find((o) => o.object.pages.length === 64)!;
      expect(big.cells).toEqual([]);
      expect(big.grid!.count).toBe(64);
      expect(big.grid!.count).toBeGreaterThan(COMPACT_SLOTS);
      for (const [off, frame] of big.object.pages) {
        const b = boxOf(l, ref.page(big.object.id, off))!;
        expect(inside(b, big)).toBe(true);
        expect(big.grid!.frames.get(off)).toBe(frame);
      }
      const small = l.objects.find((o) => o.object.size === 0x3000)!;
      expect(small.grid).toBeNull();
      expect(small.cells.length).toBe(3);
      // a page drawn one by one links to its frame's cell in the grid
      const link = l.links.find((k) => k.kind === 'frame' && k.from === small.cells[0].key)!;
      expect(link.to).toBe(refKey(ref.frame(small.cells[0].frame!)));
    }
  });

  it('draws a 16,384-frame machine with a few hundred SVG elements, with the frames and their counts as text', () => {
    const snap = bigMachine(16384);
    const { container } = render(<MachineDiagram snapshot={snap} />);
    expect(container.querySelectorAll('svg *').length).toBeLessThan(600);
    const frames = screen.getByTestId('frames');
    expect(frames.getAttribute('data-compact')).toBe('true');
    const used = snap.frameOwner.filter((o) => o !== 0).length;
    expect(frames.textContent).toContain(`physical memory: 16384 frames, ${16384 - used} free`);
    expect(frames.textContent).toContain('in use');
    expect(screen.getByTestId('frames-grid').getAttribute('aria-label')).toMatch(new RegExp(`^frames grid: 16384 frames, ${used} in use \\(\\d+ dirty\\), ${16384 - used} free`));
  });

  it('names the cell the arrow keys move to, and lights up its path', () => {
    const snap = bigMachine(1024);
    render(<MachineDiagram snapshot={snap} />);
    const grid = screen.getByTestId('frames-grid');
    act(() => grid.focus());
    fireEvent.focus(grid);
    const status = screen.getByTestId('diagram-probe-status');
    expect(status.textContent).toBe(frameLabel(snap, 0));
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(status.textContent).toBe(frameLabel(snap, 2));
    expect(screen.getByTestId('diagram-probe').textContent).toBe(frameLabel(snap, 2));
    // frame 2 holds a page of A's object: that page lights up in the object's grid, and its link to the frame is drawn
    const owner = snap.frameOwner[2];
    const mark = document.querySelector(`[data-mark][data-key="${refKey(ref.page(owner, snap.frameOffset[2]))}"]`)!;
    expect(mark.getAttribute('data-highlighted')).toBe('true');
    expect(document.querySelector(`[data-mark][data-key="frame:2"]`)!.getAttribute('stroke')).toBe(DARK.path);
    expect(document.querySelector(`[data-testid="compact-marks"] path[data-from="${refKey(ref.page(owner, snap.frameOffset[2]))}"]`)).not.toBeNull();
    fireEvent.keyDown(grid, { key: 'End' });
    expect(status.textContent).toBe(frameLabel(snap, 1023));
    fireEvent.blur(grid);
    expect(status.textContent).toBe('');
    expect(screen.queryByTestId('diagram-probe')).toBeNull();
  });

  it('outlines the frames and pages a step touched, in the step colour', () => {
    const snap = bigMachine(2048);
    render(<MachineDiagram snapshot={snap} highlight={[ref.frame(5), ref.frame(70)]} />);
    for (const f of [5, 70]) {
      const mark = document.querySelector(`[data-mark][data-key="frame:${f}"]`)!;
      expect(mark.getAttribute('data-step')).toBe('true');
      expect(mark.getAttribute('stroke')).toBe(DARK.step);
    }
    expect(document.querySelectorAll('[data-mark]')).toHaveLength(2);
  });

  it("outlines a path of many grid cells run by run: hovering A's 64-page entry outlines its pages and their frames in a few paths", () => {
    const snap = bigMachine(1024);
    const { container } = render(<MachineDiagram snapshot={snap} />);
    const A = snap.tasks.find((t) => t.name === 'A')!;
    const entry = A.entries.find((e) => e.end - e.start === 0x40000)!;
    fireEvent.mouseOver(screen.getByTestId(`entry-${entry.id}`).querySelector('text')!);
    expect(container.querySelectorAll('[data-mark]')).toHaveLength(0); // more than 64 cells: no outline each
    const frames = container.querySelector('path[data-marks="frames"][data-highlighted="true"]')!;
    const l = computeLayout(snap, { width: 960 });
    // one rectangle per run of lit frames along a row; every frame A's entry reads is inside one
    const rects = [...frames.getAttribute('d')!.matchAll(/M([\d.]+),([\d.]+)h([\d.]+)v([\d.]+)/g)].map((m) => ({ x: +m[1], y: +m[2], w: +m[3], h: +m[4] }));
    const read: number[] = [];
    for (let f = 0; f < snap.frameOwner.length; f++) if (snap.frameOwner[f] !== 0) read.push(f);
    const objectOfA = entry.object;
    const readByA = read.filter((f) => snap.frameOwner[f] === objectOfA || snap.objects.find((o) => o.id === objectOfA)?.shadow === snap.frameOwner[f]);
    expect(readByA.length).toBeGreaterThan(60);
    for (const f of readByA) expect(rects.some((r) => inside(boxOf(l, ref.frame(f))!, r)), `frame ${f}`).toBe(true);
    expect(rects.length).toBeLessThan(readByA.length);
    // a free frame is in none
    const free = [...snap.frameOwner].indexOf(0);
    expect(rects.some((r) => inside(boxOf(l, ref.frame(free))!, r))).toBe(false);
  });

  it('draws a big TLB as a grid of its slots: each slot has a box, a class and a label', () => {
    const snap = bigMachine(64, ' tlb_entries=1024 tlb_ways=4');
    const l = computeLayout(snap, { width: 1200 });
    const grid = l.tlb.grid!;
    expect(l.tlb.cells).toEqual([]);
    expect(grid.count).toBe(1024);
    expect(grid.cols % 4).toBe(0); // whole sets to a row
    expect(inside(grid, l.tlb)).toBe(true);
    expect(overlaps(l.tlb, l.framesBox)).toBe(false);
    expect(snap.tlb.length).toBeGreaterThan(0);
    for (const e of snap.tlb) {
      expect(boxOf(l, ref.tlb(e.index))).toEqual(cellBox(grid, e.index));
      expect(grid.classes[e.index]).toBe(TLB_WRITABLE); // the writes left writable translations
    }
    expect(grid.classes.filter((c) => c === TLB_EMPTY).length).toBe(1024 - snap.tlb.length);

    render(<MachineDiagram snapshot={snap} />);
    const g = screen.getByTestId('tlb-grid');
    act(() => g.focus());
    fireEvent.focus(g);
    const first = snap.tlb[0].index;
    fireEvent.keyDown(g, { key: 'Home' });
    for (let i = 0; i < first; i++) fireEvent.keyDown(g, { key: 'ArrowRight' });
    expect(screen.getByTestId('diagram-probe-status').textContent).toBe(tlbLabel(snap, first));
    expect(tlbLabel(snap, first)).toMatch(/^TLB set \d+ way \d+: task [AB], virtual page 0x[0-9a-f]+ \(address 0x[0-9a-f]+\) → frame \d+, rw-$/);
    // its frame lights up with it (frames are drawn one by one here: 64 frames)
    expect(litOnHover(refKey(ref.frame(snap.tlb[0].pfn)))).toBe(true);
  });

  it('fits every size of grid in the picture, at any width and both text sizes, overlapping nothing', () => {
    for (const frames of [257, 4096, 65536]) {
      const snap = bigMachine(frames, frames > 4096 ? ' tlb_entries=4096 tlb_ways=8' : '');
      for (const width of [400, 880, 1400]) {
        for (const fontSize of [14, 20]) {
          const l = computeLayout(snap, { width, fontSize });
          const where = `${frames} frames at ${width} px, ${fontSize} px text`;
          const grid = l.framesGrid!;
          expect(inside(grid, l.framesBox), where).toBe(true);
          expect(l.framesBox.x + l.framesBox.w, where).toBeLessThanOrEqual(l.width + 1e-6);
          expect(grid.y + grid.h, where).toBeLessThanOrEqual(l.height);
          expect(grid.cell, where).toBeGreaterThanOrEqual(4); // still a visible cell
          const boxes: [string, Box][] = [['frames', l.framesBox], ['tlb', l.tlb], ...l.tasks.map((t) => [`task ${t.task.name}`, t] as [string, Box]), ...l.objects.map((o) => [`object ${o.object.id}`, o] as [string, Box])];
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            expect(overlaps(boxes[i][1], boxes[j][1]), `${where}: ${boxes[i][0]} overlaps ${boxes[j][0]}`).toBe(false);
          }
          if (l.tlb.grid !== null) expect(inside(l.tlb.grid, l.tlb), where).toBe(true);
          for (const o of l.objects) if (o.grid !== null) expect(inside(o.grid, o), where).toBe(true);
        }
      }
    }
  });
});
