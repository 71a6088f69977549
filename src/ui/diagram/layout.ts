/**
 * layout: where everything of the machine diagram goes, computed from a MachineSnapshot and the
 * width to fill. Pure (no React, no DOM): the component only draws what this returns, and the
 * tests check it. Sizes are true pixels: the component draws the picture at scale 1, so 14 px text
 * (20 px in presentation mode) stays 14 px on the screen.
 *
 *   task A                VM objects (by chain level)           pagers
 *   ┌──────────────┐      ┌────────┐       ┌────────┐           ┌─────────┐
 *   │0x1000–0x4000 │─────▶│ obj 3  │──────▶│ obj 1  │──────────▶│ file F  │
 *   │rw-/rwx copy  │      │ pages  │       │ pages  │           └─────────┘
 *   └──────────────┘      └────────┘       └────────┘
 *   task B ...                             (narrow: pagers under the last column)
 *   TLB (sets × ways, counters)     physical frames (grid, obj@offset)
 *
 * One module per band, composed here in the order their places depend on each other:
 *   layout/plan.ts     the width and the object columns
 *   layout/tasks.ts    the tasks' address maps (left)
 *   layout/objects.ts  the VM objects by shadow-chain level, their pages (middle)
 *   layout/pagers.ts   the default pager and the files (right, or under the level-0 column)
 *   layout/bottom.ts   where the bottom band's TLB and frames go
 *   layout/tlb.ts      the TLB;  layout/frames.ts  physical memory
 *   layout/links.ts    the arrows between them
 * and beside them layout/geometry.ts (measures), types.ts, labels.ts (aria), lookup.ts (boxOf...).
 * A crowded machine (layout/bound.ts: many tasks, entries, objects or files) is drawn a window at a
 * time, summaries standing for the rest, so the picture's cost is bounded whatever the machine.
 * Presentation mode (options.stage: the box on screen) lays a small machine out with layout/present/
 * instead: text fitted to the box, idle frames and TLB sets collapsed, pmaps and first bytes drawn.
 *
 * Stability (at one width): an object's column depends only on its distance from the bottom of its
 * shadow chain (counted from the right edge), its place in the column on the objects of lower id
 * there, and its height on its size (page slots), not on its pages; a task's place on the tasks
 * before it; the TLB and the frames stay put while the top band is within its reserve. So adding
 * a task, a shadow level or a page does not move what did not change.
 */
import type { MachineSnapshot } from '../../kernel/snapshot';
import { DEFAULT_WIDTH, geometryFor } from './layout/geometry';
import { planColumns } from './layout/plan';
import { layoutTasks } from './layout/tasks';
import { layoutObjects } from './layout/objects';
import { layoutPagers } from './layout/pagers';
import { placeBottomBand } from './layout/bottom';
import { layoutTlb, tlbShape } from './layout/tlb';
import { framesShape, layoutFrames, minFramesWidth } from './layout/frames';
import { layoutLinks } from './layout/links';
import type { DiagramLayout, LayoutOptions } from './layout/types';
import { isBigMachine, stageLayout } from './layout/present/fit';
import { NO_WINDOWS, NORMAL_WINDOWS, OBJECTS_WINDOW, PAGER_WINDOW, PRESENTATION_WINDOWS, isCrowded, objectsInWindow } from './layout/bound';
import { count, headLines, summaryBox } from './layout/summary';
import type { SummaryLayout } from './layout/types';

/** The signature's types (the rest are in layout/types.ts). */
export type { DiagramLayout, LayoutOptions } from './layout/types';

export function computeLayout(snap: MachineSnapshot, options: LayoutOptions = {}): DiagramLayout {
  if (options.stage !== undefined && !isBigMachine(snap)) return stageLayout(snap, options.stage, options.keepFontSize);
  const geo = geometryFor(options.fontSize ?? 14);
  const { g, u } = geo;
  const windows = options.windows ?? NO_WINDOWS;
  const requested = Math.max(1, Math.floor(options.width ?? DEFAULT_WIDTH));
  const tlbSize = tlbShape(snap, geo);

  // a crowded machine: the tasks' and entries' windows first, then the objects those entries map (layout/bound.ts)
  // (in presentation mode smaller windows, the picture being scaled down to fit the screen)
  const sizes = options.stage !== undefined && isCrowded(snap) ? PRESENTATION_WINDOWS : NORMAL_WINDOWS;
  const objectWindowSize = sizes.objects;
  const tasksBand = layoutTasks(snap, geo, windows, sizes);
  const { tasks } = tasksBand;
  const summaries: SummaryLayout[] = [...tasksBand.summaries];
  const objectWindow = objectsInWindow(snap.objects, tasks.flatMap((t) => t.entries.map((e) => e.entry.object)), windows.get(OBJECTS_WINDOW), objectWindowSize);
  const pagersDrawn = snap.pagers.length > PAGER_WINDOW ? [...snap.pagers].sort((a, b) => a.port - b.port).slice(0, PAGER_WINDOW) : snap.pagers;
  const view = objectWindow.drawn.length === snap.objects.length && pagersDrawn === snap.pagers ? snap : { ...snap, objects: objectWindow.drawn, pagers: pagersDrawn };
  const plan = planColumns(view, geo, requested, Math.max(tlbSize.w, minFramesWidth(snap, geo)));

  // the top band: tasks, objects, pagers
  const objectsBand = layoutObjects(view, geo, plan);
  const { objects } = objectsBand;
  const objectSummary = (key: 'before' | 'after', n: number, to: number) => {
    const y = objectsBand.columnEnds.get(0) ?? plan.bodyTop;
    const s = summaryBox(geo, { x: plan.col0X, y, w: g.objW }, {
      key: `objects-${key}`, window: OBJECTS_WINDOW, to, count: n,
      label: `${count(n)} ${key === 'before' ? 'earlier' : 'more'} VM objects not drawn (${count(objectWindow.total)} in all): show the ${key === 'before' ? 'previous' : 'next'} ${Math.min(n, objectWindowSize)}`,
    }, [...headLines(`${key === 'before' ? '▲' : '▼'} ${count(n)} ${key === 'before' ? 'earlier' : 'more'}`, 'objects', g.objW - 18 * u, geo.fs), `of ${count(objectWindow.total)} in all`]);
    summaries.push(s);
    objectsBand.columnEnds.set(0, s.y + s.h + g.objVGap);
  };
  if (objectWindow.before > 0) objectSummary('before', objectWindow.before, Math.max(0, objectWindow.before - objectWindowSize));
  if (objectWindow.after > 0) objectSummary('after', objectWindow.after, objectWindow.before + objectWindowSize);
  const pagersBand = layoutPagers(view, geo, plan, objectsBand.columnEnds.get(0));
  const { pagers } = pagersBand;
  // past PAGER_WINDOW files, the rest are counted under the last one drawn
  let pagersEnd = 0;
  if (pagersDrawn !== snap.pagers) {
    const last = pagers[pagers.length - 1];
    pagersEnd = last.y + last.h + g.line + g.pagerVGap;
    pagersBand.texts.push(geo.text(last.x + 6 * u, pagersEnd - 4 * u, `… ${count(snap.pagers.length - PAGER_WINDOW)} more files`, 'pager', { tone: 'warn' }));
  }

  // the bottom band: the TLB and the frames, under the top band and its reserve
  const bodyBottom = Math.max(
    plan.bodyTop + g.bodyReserve,
    ...tasks.map((t) => t.y + t.h),
    ...summaries.map((s) => s.y + s.h),
    pagersEnd,
    ...objects.map((o) => o.y + o.h),
    ...pagers.map((p) => p.y + p.h),
  );
  const framesSize = framesShape(snap, geo, plan.width, tlbSize.w);
  const bottom = placeBottomBand(geo, bodyBottom, tlbSize, framesSize);
  const tlb = layoutTlb(snap, geo, tlbSize, bottom.tlbX, bottom.tlbY);
  const { frames, framesGrid, framesBox } = layoutFrames(snap, geo, framesSize, plan.width, bottom.framesY);

  const links = layoutLinks(geo, plan, { tasks, objects, pagers, frames, framesGrid });
  return {
    width: plan.width, height: bottom.height, fontSize: geo.fs, pagersRight: plan.pagersRight,
    tasks, objects, pagers, frames, framesGrid, framesBox, tlb, links,
    texts: [...objectsBand.texts, ...pagersBand.texts],
    ...(summaries.length > 0 ? { summaries } : {}),
  };
}
