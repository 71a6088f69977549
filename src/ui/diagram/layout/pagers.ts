/**
 * pagers: the memory managers behind the objects: the default pager (swap) first, then the files
 * by port. On the right of the object columns when the width allows (plan.ts), else under the
 * level-0 column, at the bottom of the top band's reserve, so that they stay put while that column
 * fills (they move down only when it outgrows the reserve).
 *
 *   pagers
 *   ┌ default pager ┐
 *   │ swap: 3       │
 *   └───────────────┘
 *   ┌ file F ───────┐
 *   │ size 0x4000   │
 *   │ max rw-       │
 *   └───────────────┘
 */
import type { MachineSnapshot } from '../../../kernel/snapshot';
import { hex, protString } from '../format';
import { keyed, ref } from '../element_ref';
import type { Geometry } from './geometry';
import { defaultPagerLabel, filePagerLabel } from './labels';
import type { ColumnPlan } from './plan';
import type { PagerLayout, TextItem } from './types';

export interface PagersBand {
  /** The default pager first, then the files by port. */
  pagers: PagerLayout[];
  /** The band's heading ("pagers"). */
  texts: TextItem[];
}

/** `col0Bottom`: where the level-0 column ends (its next object's top), or undefined when it is empty. */
export function layoutPagers(snap: MachineSnapshot, geo: Geometry, plan: ColumnPlan, col0Bottom: number | undefined): PagersBand {
  const { u, g, text, lineY, headingSize } = geo;
  const { pagersRight, width, bodyTop, pagerW } = plan;
  const pagers: PagerLayout[] = [];
  const pagerX = pagersRight ? width - g.margin - g.pagerW : plan.col0X;
  const pagersH = 2 * g.line + 10 * u + snap.pagers.length * (3 * g.line + 10 * u + g.pagerVGap);
  const pagersTop = pagersRight ? g.margin : Math.max((col0Bottom ?? bodyTop) + 4 * u, bodyTop + g.bodyReserve - g.title - pagersH);
  const texts = [text(pagerX, pagersTop + 16 * u, 'pagers', 'heading', { bold: true, size: headingSize })];
  let py = pagersRight ? bodyTop : pagersTop + g.title;
  const swappedPages = snap.objects.reduce((n, o) => n + o.swapped.length, 0);
  {
    const h = 2 * g.line + 10 * u;
    pagers.push({
      ...keyed(ref.pager(null)), name: null, x: pagerX, y: py, w: pagerW, h, label: defaultPagerLabel(swappedPages),
      texts: [text(pagerX + 6 * u, lineY(py + 4 * u, 0), 'default pager', 'pager', { bold: true }), text(pagerX + 6 * u, lineY(py + 4 * u, 1), `swap: ${swappedPages}`, 'pager')],
    });
    py += h + g.pagerVGap;
  }
  for (const p of [...snap.pagers].sort((a, b) => a.port - b.port)) {
    const h = 3 * g.line + 10 * u;
    pagers.push({
      ...keyed(ref.pager(p.name)), name: p.name, x: pagerX, y: py, w: pagerW, h, label: filePagerLabel(p),
      texts: [
        text(pagerX + 6 * u, lineY(py + 4 * u, 0), `file ${p.name}`, 'pager', { bold: true, tone: 'accent' }),
        text(pagerX + 6 * u, lineY(py + 4 * u, 1), `size ${hex(p.size)}`, 'pager'),
        text(pagerX + 6 * u, lineY(py + 4 * u, 2), `max ${protString(p.maxProtection)}`, 'pager'),
      ],
    });
    py += h + g.pagerVGap;
  }
  return { pagers, texts };
}
