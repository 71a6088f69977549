import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../../kernel/snapshot';
import { computeLayout } from './layout';
import { DEFAULT_WIDTH, textBox, type Box } from './layout/geometry';
import { allTexts, elementBoxes } from './layout/lookup';
import type { DiagramLayout } from './layout/types';
import { pathFor } from './path';
import { ref, refKey } from './element_ref';
import { finalSnapshot, scenarioNames, snapshotsOf } from './test_snapshots';

function run(src: string): MachineSnapshot {
  const it = new Interpreter(parseOrThrow(src));
  while (!it.done) it.step();
  return takeSnapshot(it.kernel);
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

function labelOverlaps(l: DiagramLayout): string[] {
  const texts = allTexts(l);
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (texts[i].kind === texts[j].kind && overlaps(textBox(texts[i]), textBox(texts[j]))) out.push(`${texts[i].kind}: "${texts[i].text}" / "${texts[j].text}"`);
    }
  }
  return out;
}

/** The widths the layout is checked at: the diagram's column at a 1280 px window, and a wide one. */
const WIDTHS = [880, 1400];

/** Points along an SVG path made of M, C and H commands (what the layout draws links with). */
function samplePath(d: string, perCurve = 24): [number, number][] {
  const tokens = d.match(/[MCH]|-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
  const pts: [number, number][] = [];
  let cur: [number, number] = [0, 0];
  let cmd = '';
  for (let i = 0; i < tokens.length; ) {
    if (/[MCH]/.test(tokens[i])) cmd = tokens[i++];
    const n = (k: number) => Number(tokens[i + k]);
    if (cmd === 'M') {
      cur = [n(0), n(1)];
      pts.push(cur);
      i += 2;
    } else if (cmd === 'H') {
      const x = n(0);
      for (let k = 1; k <= perCurve; k++) pts.push([cur[0] + ((x - cur[0]) * k) / perCurve, cur[1]]);
      cur = [x, cur[1]];
      i += 1;
    } else if (cmd === 'C') {
      const [x1, y1, x2, y2, x, y] = [n(0), n(1), n(2), n(3), n(4), n(5)];
      for (let k = 1; k <= perCurve; k++) {
        const t = k / perCurve;
        const m = 1 - t;
        pts.push([m ** 3 * cur[0] + 3 * m * m * t * x1 + 3 * m * t * t * x2 + t ** 3 * x, m ** 3 * cur[1] + 3 * m * m * t * y1 + 3 * m * t * t * y2 + t ** 3 * y]);
      }
      cur = [x, y];
      i += 6;
    } else throw new Error(`unexpected path ${d}`);
  }
  return pts;
}

const strictlyInside = (p: [number, number], b: Box) => p[0] > b.x + 1 && p[0] < b.x + b.w - 1 && p[1] > b.y + 1 && p[1] < b.y + b.h - 1;

/** fork_copy at its end: P and C each map one entry; C's entry maps its shadow S_c → O, P's maps S_p → O. */
function forkCopy() {
  const snap = finalSnapshot('fork_copy');
  const P = snap.tasks.find((t) => t.name === 'P')!;
  const C = snap.tasks.find((t) => t.name === 'C')!;
  const sc = snap.objects.find((o) => o.id === C.entries[0].object)!;
  const sp = snap.objects.find((o) => o.id === P.entries[0].object)!;
  const O = snap.objects.find((o) => o.id === sc.shadow)!;
  return { snap, P, C, sc, sp, O };
}

describe('computeLayout', () => {
  it('stacks tasks on the left, puts objects in columns by chain level and the pagers right of them (wide) or under them (narrow)', () => {
    const { snap, sc, sp, O } = forkCopy();
    for (const width of WIDTHS) {
      const l = computeLayout(snap, { width });
      expect(l.width, `width ${width}`).toBe(width);
      const [tp, tc] = l.tasks;
      expect(tp.task.name).toBe('P');
      expect(tc.task.name).toBe('C');
      // one under the other, in one column: no map link crosses another task
      expect(tc.x).toBe(tp.x);
      expect(tc.y).toBeGreaterThan(tp.y + tp.h);
      const obj = (id: number) => l.objects.find((o) => o.object.id === id)!;
      // a shadow chain reads left to right: S_c → O, S_p → O
      expect(obj(sc.id).x + obj(sc.id).w).toBeLessThan(obj(O.id).x);
      expect(obj(sp.id).x).toBe(obj(sc.id).x);
      expect(obj(sp.id).y).toBeGreaterThan(obj(sc.id).y + obj(sc.id).h);
      expect(obj(O.id).level).toBe(0);
      expect(obj(sc.id).level).toBe(1);
      // tasks are left of every object; the level-0 column ends at the right margin (narrow) or before the pagers (wide)
      for (const o of l.objects) expect(o.x).toBeGreaterThan(tc.x + tc.w + 24);
      const pager = l.pagers[0];
      if (width >= 1400) {
        expect(l.pagersRight).toBe(true);
        for (const o of l.objects) expect(o.x + o.w).toBeLessThan(pager.x);
        expect(pager.x + pager.w).toBeCloseTo(width - 12);
      } else {
        expect(l.pagersRight).toBe(false);
        expect(pager.x).toBe(obj(O.id).x);
        expect(pager.y).toBeGreaterThan(obj(O.id).y + obj(O.id).h);
      }
      // O holds its three pages in three slots; S_c has one page of three slots
      expect(obj(O.id).cells.map((c) => c.offset)).toEqual([0, 0x1000, 0x2000]);
      expect(obj(sc.id).cells.filter((c) => c.frame !== null).map((c) => c.offset)).toEqual([0]);
      // one frame cell per frame, none overlapping, inside the picture; one TLB cell per TLB slot
      expect(l.frames).toHaveLength(snap.frameOwner.length);
      for (let i = 1; i < l.frames.length; i++) expect(overlaps(l.frames[i - 1], l.frames[i])).toBe(false);
      for (const f of l.frames) expect(f.x + f.w).toBeLessThanOrEqual(width - 12 + 0.01);
      expect(l.tlb.cells).toHaveLength(snap.tlbEntries);
      expect(overlaps(l.tlb, l.framesBox)).toBe(false);
      // the bottom band is below everything in the top band
      for (const b of [...l.tasks, ...l.objects, ...l.pagers]) {
        expect(b.y + b.h).toBeLessThanOrEqual(l.tlb.y);
        expect(b.y + b.h).toBeLessThanOrEqual(l.framesBox.y);
      }
      expect(l.height).toBeGreaterThanOrEqual(Math.max(l.tlb.y + l.tlb.h, l.framesBox.y + l.framesBox.h));
    }
  });

  it('lays out for the width asked (DEFAULT_WIDTH without one), and grows only when the content cannot fit', () => {
    const snap = finalSnapshot('copy_on_map'); // 3 tasks, 3 object levels, a file pager
    expect(computeLayout(snap).width).toBe(DEFAULT_WIDTH);
    for (const width of [880, 960, 1280, 1400, 1920]) expect(computeLayout(snap, { width }).width).toBe(width);
    const narrow = computeLayout(snap, { width: 500 });
    expect(narrow.width).toBeGreaterThan(500);
    expect(narrow.width).toBeLessThan(880);
    // presentation text at 880: wider boxes, so the picture may be wider than asked, never narrower
    expect(computeLayout(snap, { width: 880, fontSize: 20 }).width).toBeGreaterThanOrEqual(880);
    // every built-in, at every step, fits 880 and 1400 at 14 px
    for (const name of scenarioNames()) {
      for (const s of snapshotsOf(name)) for (const width of WIDTHS) expect(computeLayout(s, { width }).width, `${name} at ${width}`).toBe(width);
    }
  });

  it('labels entries with their range, cur/max, inheritance and COW on at least two lines, and frames with object@offset', () => {
    const snap = snapshotsOf('fork_copy').find((s) => s.tasks.length === 2)!; // just after the fork
    const l = computeLayout(snap, { width: 880 });
    const entry = l.tasks[1].entries[0];
    const texts = entry.texts.map((t) => t.text);
    const e = snap.tasks[1].entries[0];
    expect(texts).toContain(`0x${e.start.toString(16)}–0x${e.end.toString(16)}`);
    expect(texts).toContain('rw-/rwx copy');
    expect(texts).toContain('COW');
    const lines = new Set(entry.texts.map((t) => t.y));
    expect(lines.size).toBe(2);
    expect(entry.h).toBeGreaterThanOrEqual(2 * 18);
    const used = l.frames.find((f) => f.owner !== 0)!;
    expect(used.texts.map((t) => t.text)).toContain(`${used.owner}@0x${used.offset.toString(16)}`);
    expect(used.label).toMatch(/^frame \d+: object \d+ at 0x[0-9a-f]+, (dirty|clean)/);
    expect(l.frames.find((f) => f.owner === 0)!.label).toMatch(/: free$/);
    // a range too long for one line breaks after the dash (3 lines); the entry grows for it
    const far = computeLayout(run(`task A
x = 0x80000000
kr = vm_allocate(A, &x, 0x1000, FALSE)
`), { width: 880 }).tasks[0].entries[0];
    expect(far.texts.map((t) => t.text)).toEqual(['0x80000000–', '0x80001000', 'rw-/rwx copy']);
    expect(far.h).toBeGreaterThanOrEqual(3 * 18);
  });

  it('keeps unchanged tasks, objects, frames and the TLB in place from one step to the next at one width (fork_copy)', () => {
    const steps = snapshotsOf('fork_copy');
    for (const width of WIDTHS) {
      let checkedObjects = 0;
      for (let i = 1; i < steps.length; i++) {
        const a = computeLayout(steps[i - 1], { width });
        const b = computeLayout(steps[i], { width });
        for (const t of a.tasks) {
          const u = b.tasks.find((x) => x.task.id === t.task.id);
          if (u === undefined) continue;
          expect([u.x, u.y], `task ${t.task.name} at step ${i}, width ${width}`).toEqual([t.x, t.y]);
          if (JSON.stringify(u.task.entries) === JSON.stringify(t.task.entries)) {
            expect(u.entries.map((e) => [e.x, e.y, e.h])).toEqual(t.entries.map((e) => [e.x, e.y, e.h]));
          }
        }
        for (const o of a.objects) {
          const u = b.objects.find((x) => x.object.id === o.object.id);
          if (u === undefined || u.object.shadow !== o.object.shadow) continue;
          expect([u.x, u.y], `object ${o.object.id} at step ${i}, width ${width}`).toEqual([o.x, o.y]);
          checkedObjects++;
        }
        expect(b.pagers.map((p) => [p.x, p.y]), `pagers at step ${i}, width ${width}`).toEqual(a.pagers.map((p) => [p.x, p.y]));
        expect(b.frames.map((f) => [f.x, f.y])).toEqual(a.frames.map((f) => [f.x, f.y]));
        expect([b.tlb.x, b.tlb.y, b.width, b.height], `step ${i}, width ${width}`).toEqual([a.tlb.x, a.tlb.y, a.width, a.height]);
      }
      expect(checkedObjects).toBeGreaterThan(10);
    }
  });

  it('compresses a hole between entries into one fixed band labelled with its size', () => {
    const snap = run(`task A
x = 0x10000
kr = vm_allocate(A, &x, 0x2000, FALSE)
y = 0x13000
kr = vm_allocate(A, &y, 0x1000, FALSE)
z = 0x40000000
kr = vm_allocate(A, &z, 0x1000, FALSE)
`);
    const l = computeLayout(snap);
    const t = l.tasks[0];
    expect(t.entries).toHaveLength(3);
    expect(t.gaps.map((g) => g.size)).toEqual([0x1000, 0x40000000 - 0x14000]);
    expect(t.gaps.map((g) => g.texts[0].text)).toEqual(['hole 0x1000', 'hole 0x3ffec000']);
    // a hole of 1 GiB takes the same space as a hole of one page
    expect(t.gaps[0].h).toBe(t.gaps[1].h);
    expect(t.gaps[1].h).toBeLessThan(t.entries[0].h);
    // entries in address order, each band between its neighbours
    for (let i = 0; i < 2; i++) {
      expect(t.gaps[i].y).toBe(t.entries[i].y + t.entries[i].h);
      expect(t.entries[i + 1].y).toBe(t.gaps[i].y + t.gaps[i].h);
    }
    // adjacent entries (no hole) get no band
    const adjacent = computeLayout(run(`task A
x = 0x10000
kr = vm_allocate(A, &x, 0x1000, FALSE)
kr = vm_protect(A, x, 0x1000, FALSE, VM_PROT_READ)
y = 0x11000
kr = vm_allocate(A, &y, 0x1000, FALSE)
`));
    expect(adjacent.tasks[0].entries).toHaveLength(2);
    expect(adjacent.tasks[0].gaps).toHaveLength(0);
  });

  it('draws exactly one entry → object link per entry that has an object, in every built-in', () => {
    for (const name of scenarioNames()) {
      const snap = finalSnapshot(name);
      const l = computeLayout(snap);
      const mapLinks = l.links.filter((k) => k.kind === 'map');
      for (const t of snap.tasks) {
        for (const e of t.entries) {
          const mine = mapLinks.filter((k) => k.from === refKey(ref.entry(e.id)));
          expect(mine, `${name}: entry ${e.id}`).toHaveLength(e.object === 0 ? 0 : 1);
          if (e.object !== 0) expect(mine[0].to).toBe(refKey(ref.object(e.object)));
        }
      }
      expect(mapLinks).toHaveLength(snap.tasks.reduce((n, t) => n + t.entries.filter((e) => e.object !== 0).length, 0));
      for (const k of l.links) expect(k.d, `${name}: ${k.key}`).not.toMatch(/NaN|undefined/);
    }
  });

  it('fans shared objects in: two tasks mapping one object give two links into it', () => {
    const l = computeLayout(finalSnapshot('shared_object_two_tasks'));
    const into = new Map<string, number>();
    for (const k of l.links) if (k.kind === 'map') into.set(k.to, (into.get(k.to) ?? 0) + 1);
    expect(Math.max(...into.values())).toBeGreaterThanOrEqual(2);
  });

  it('links pages to frames, shadows, copy objects and pagers', () => {
    const { snap, sc, O } = forkCopy();
    const l = computeLayout(snap);
    const frameLinks = l.links.filter((k) => k.kind === 'frame');
    expect(frameLinks).toHaveLength(snap.objects.reduce((n, o) => n + o.pages.length, 0));
    expect(frameLinks.find((k) => k.from === refKey(ref.page(sc.id, 0)))?.to).toBe(refKey(ref.frame(sc.pages[0][1])));
    expect(l.links.find((k) => k.kind === 'shadow' && k.from === refKey(ref.object(sc.id)))?.to).toBe(refKey(ref.object(O.id)));
    const com = computeLayout(finalSnapshot('copy_on_map'));
    expect(com.links.some((k) => k.kind === 'copy')).toBe(true);
    expect(com.links.some((k) => k.kind === 'pager' && k.to === 'pager:F')).toBe(true);
    const paging = computeLayout(finalSnapshot('pageout_pagein'));
    expect(paging.links.some((k) => k.kind === 'swap' && k.to === 'pager:default')).toBe(true);
    expect(paging.objects.some((o) => o.cells.some((c) => c.swapped && c.texts[0].text.endsWith('in swap')))).toBe(true);
  });

  it('draws text at its true size: at least 14 px, 20 px in presentation mode, at any width', () => {
    for (const name of scenarioNames()) {
      for (const width of WIDTHS) {
        for (const t of allTexts(computeLayout(finalSnapshot(name), { width }))) expect(t.size).toBeGreaterThanOrEqual(14);
        for (const t of allTexts(computeLayout(finalSnapshot(name), { width, fontSize: 20 }))) expect(t.size).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('never runs a map or shadow link through a box it does not connect (every built-in at its end, fork_copy at every step)', () => {
    const check = (l: DiagramLayout, what: string) => {
      const boxes = elementBoxes(l);
      const solid = [...l.tasks.flatMap((t) => t.entries.map((e) => [e.key, e as Box] as const)), ...l.objects.map((o) => [o.key, o as Box] as const), ...l.pagers.map((p) => [p.key, p as Box] as const)];
      for (const link of l.links) {
        if (link.kind !== 'map' && link.kind !== 'shadow') continue;
        expect(boxes.has(link.from) && boxes.has(link.to)).toBe(true);
        for (const pt of samplePath(link.d)) {
          for (const [key, b] of solid) {
            if (key === link.from || key === link.to) continue;
            expect(strictlyInside(pt, b), `${what}: ${link.key} passes through ${key} at ${pt.map(Math.round)}`).toBe(false);
          }
        }
      }
    };
    for (const width of WIDTHS) {
      for (const name of scenarioNames()) check(computeLayout(finalSnapshot(name), { width }), `${name} at ${width}`);
      snapshotsOf('fork_copy').forEach((snap, i) => check(computeLayout(snap, { width }), `fork_copy step ${i} at ${width}`));
    }
    // the case that needs it: after the child's write, P still maps O behind the child's shadow S_c
    const { P } = forkCopy();
    const step = snapshotsOf('fork_copy').find((s) => s.objects.length === 2 && s.tasks.length === 2)!;
    const l = computeLayout(step, { width: 880 });
    const link = l.links.find((k) => k.from === refKey(ref.entry(step.tasks.find((t) => t.id === P.id)!.entries[0].id)))!;
    expect(l.objects.find((o) => o.key === link.to)!.level).toBe(0);
    expect(Math.min(...samplePath(link.d).map((p) => p[1]))).toBeLessThan(Math.min(...l.objects.map((o) => o.y)));
  });

  it('keeps every label inside its box and inside the picture', () => {
    const inside = (t: Parameters<typeof textBox>[0], b: Box, what: string) => {
      const tb = textBox(t);
      expect(tb.x, `${what}: "${t.text}" left`).toBeGreaterThanOrEqual(b.x);
      expect(tb.x + tb.w, `${what}: "${t.text}" right`).toBeLessThanOrEqual(b.x + b.w);
      expect(tb.y, `${what}: "${t.text}" top`).toBeGreaterThanOrEqual(b.y);
      expect(tb.y + tb.h, `${what}: "${t.text}" bottom`).toBeLessThanOrEqual(b.y + b.h);
    };
    for (const name of scenarioNames()) {
      for (const [fontSize, width] of [[14, 880], [14, 1400], [20, 880], [20, 1400]]) {
        const l = computeLayout(finalSnapshot(name), { fontSize, width });
        for (const t of l.tasks) {
          for (const e of t.entries) for (const x of e.texts) inside(x, e, `${name} entry`);
          for (const x of t.texts) inside(x, t, `${name} task`);
        }
        for (const o of l.objects) {
          for (const x of o.texts) inside(x, o, `${name} object`);
          for (const c of o.cells) for (const x of c.texts) inside(x, c, `${name} page cell`);
        }
        for (const p of l.pagers) for (const x of p.texts) inside(x, p, `${name} pager`);
        for (const f of l.frames) for (const x of f.texts) inside(x, f, `${name} frame`);
        for (const c of l.tlb.cells) for (const x of c.texts) inside(x, c, `${name} TLB entry`);
        for (const x of allTexts(l)) inside(x, { x: 0, y: 0, w: l.width, h: l.height }, `${name} picture`);
      }
    }
  });

  it('scales text 1.4 × in presentation mode without overlaps', () => {
    for (const width of WIDTHS) {
      const l = computeLayout(finalSnapshot('fork_copy'), { fontSize: 20, width });
      for (const t of allTexts(l)) expect(t.size).toBeGreaterThanOrEqual(20);
      expect(labelOverlaps(l)).toEqual([]);
      for (const name of scenarioNames()) expect(labelOverlaps(computeLayout(finalSnapshot(name), { fontSize: 20, width })), `${name} at ${width}`).toEqual([]);
    }
  });

  it('never overlaps two labels of the same kind, at 880 and 1400 px (fork_copy, pageout_pagein at every step; every built-in at its end)', () => {
    for (const width of WIDTHS) {
      for (const name of ['fork_copy', 'pageout_pagein']) {
        snapshotsOf(name).forEach((snap, i) => expect(labelOverlaps(computeLayout(snap, { width })), `${name} step ${i} at ${width}`).toEqual([]));
      }
      for (const name of scenarioNames()) expect(labelOverlaps(computeLayout(finalSnapshot(name), { width })), `${name} at ${width}`).toEqual([]);
    }
  });

  it('never overlaps two boxes: entries, objects, pagers, TLB and frames (every built-in at its end, 880 and 1400 px, both text sizes)', () => {
    for (const name of scenarioNames()) {
      for (const [fontSize, width] of [[14, 880], [14, 1400], [20, 880], [20, 1400]]) {
        const l = computeLayout(finalSnapshot(name), { fontSize, width });
        const boxes: [string, Box][] = [
          ...l.tasks.map((t) => [t.key, t] as [string, Box]),
          ...l.objects.map((o) => [o.key, o] as [string, Box]),
          ...l.pagers.map((p) => [p.key, p] as [string, Box]),
          ['tlb', l.tlb],
          ['frames', l.framesBox],
        ];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i][1], boxes[j][1]), `${name} ${fontSize}px at ${width}: ${boxes[i][0]} / ${boxes[j][0]}`).toBe(false);
          const b = boxes[i][1];
          expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= l.width && b.y + b.h <= l.height, `${name}: ${boxes[i][0]} inside the picture`).toBe(true);
        }
      }
    }
  });
});

describe('pathFor', () => {
  it('follows an entry through its shadow chain to the pages it reads, their frames and TLB entries', () => {
    const { snap, C, sc, O } = forkCopy();
    const e = C.entries[0];
    const path = pathFor(snap, ref.entry(e.id));
    expect(path.has(ref.task(C.id))).toBe(true);
    expect(path.has(ref.object(sc.id))).toBe(true);
    expect(path.has(ref.object(O.id))).toBe(true);
    // page 0 comes from C's shadow, pages 1 and 2 from O; O's page 0 is hidden by the shadow
    expect(path.has(ref.page(sc.id, 0))).toBe(true);
    expect(path.has(ref.page(O.id, 0x1000))).toBe(true);
    expect(path.has(ref.page(O.id, 0x2000))).toBe(true);
    expect(path.has(ref.page(O.id, 0))).toBe(false);
    const frameOf = (o: typeof O, off: number) => o.pages.find(([x]) => x === off)![1];
    expect(path.has(ref.frame(frameOf(sc, 0)))).toBe(true);
    expect(path.has(ref.frame(frameOf(O, 0x1000)))).toBe(true);
    expect(path.has(ref.frame(frameOf(O, 0)))).toBe(false);
    for (const t of snap.tlb) {
      const inPath = [frameOf(sc, 0), frameOf(O, 0x1000), frameOf(O, 0x2000)].includes(t.pfn);
      expect(path.has(ref.tlb(t.index))).toBe(inPath);
    }
    expect(snap.tlb.some((t) => path.has(ref.tlb(t.index)))).toBe(true);
    // the parent's entry is not on the child's path
    expect(path.has(ref.entry(snap.tasks[0].entries[0].id))).toBe(false);
  });

  it('goes from a frame or a TLB entry back to its page, object, task and entry', () => {
    const { snap, C, sc } = forkCopy();
    const f = sc.pages[0][1];
    const fp = pathFor(snap, ref.frame(f));
    expect([...fp.keys()].sort()).toEqual(
      [ref.frame(f), ref.page(sc.id, 0), ref.object(sc.id), ...snap.tlb.filter((t) => t.pfn === f).map((t) => ref.tlb(t.index))].map(refKey).sort(),
    );
    const t = snap.tlb.find((x) => x.pfn === f && x.asid === C.id)!;
    const tp = pathFor(snap, ref.tlb(t.index));
    expect(tp.has(ref.task(C.id))).toBe(true);
    expect(tp.has(ref.entry(C.entries[0].id))).toBe(true);
    expect(tp.has(ref.page(sc.id, 0))).toBe(true);
  });

  it('lights an object with its chain and the entries that map it; a task with all its entries', () => {
    const { snap, P, C, sc, O } = forkCopy();
    const op = pathFor(snap, ref.object(sc.id));
    expect(op.has(ref.object(O.id))).toBe(true);
    expect(op.has(ref.entry(C.entries[0].id))).toBe(true);
    expect(op.has(ref.entry(P.entries[0].id))).toBe(false);
    const tp = pathFor(snap, ref.task(P.id));
    expect(tp.has(ref.entry(P.entries[0].id))).toBe(true);
    expect(tp.has(ref.object(O.id))).toBe(true);
    expect(pathFor(snap, ref.object(999)).size).toBe(0);
    expect(pathFor(snap, ref.entry(999)).size).toBe(0);
    expect(pathFor(snap, ref.frame(-1)).size).toBe(0);
  });

  it('sends a swapped page to the default pager and a file object to its file', () => {
    const snap = finalSnapshot('pageout_pagein');
    const withSwap = snap.objects.find((o) => o.swapped.length > 0)!;
    expect(pathFor(snap, ref.page(withSwap.id, withSwap.swapped[0])).has(ref.pager(null))).toBe(true);
    const file = snap.objects.find((o) => o.pager === 'F')!;
    expect(pathFor(snap, ref.object(file.id)).has(ref.pager('F'))).toBe(true);
    expect(pathFor(snap, ref.pager('F')).has(ref.object(file.id))).toBe(true);
  });
});
