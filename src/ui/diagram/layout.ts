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

/** The signature's types (the rest are in layout/types.ts). */
export type { DiagramLayout, LayoutOptions } from './layout/types';

export function computeLayout(snap: MachineSnapshot, options: LayoutOptions = {}): DiagramLayout {
  if (options.stage !== undefined && !isBigMachine(snap)) return stageLayout(snap, options.stage);
  const geo = geometryFor(options.fontSize ?? 14);
  const { g } = geo;
  const requested = Math.max(1, Math.floor(options.width ?? DEFAULT_WIDTH));
  const tlbSize = tlbShape(snap, geo);
  const plan = planColumns(snap, geo, requested, Math.max(tlbSize.w, minFramesWidth(snap, geo)));

  // the top band: tasks, objects, pagers
  const tasks = layoutTasks(snap, geo);
  const objectsBand = layoutObjects(snap, geo, plan);
  const { objects } = objectsBand;
  const pagersBand = layoutPagers(snap, geo, plan, objectsBand.columnEnds.get(0));
  const { pagers } = pagersBand;

  // the bottom band: the TLB and the frames, under the top band and its reserve
  const bodyBottom = Math.max(
    plan.bodyTop + g.bodyReserve,
    ...tasks.map((t) => t.y + t.h),
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
  };
}
