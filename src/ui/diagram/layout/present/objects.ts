/**
 * objects (presentation): the VM objects in columns by shadow-chain level (level 0 rightmost, as
 * plan.ts), by id within a column; each a box with its id and references, its file, then one
 * line per page slot: the offset and the page's first bytes when it is resident ("0x0 parent"),
 * "swap" when the default pager holds it, "—" when it is not here. Shadow objects, and objects of
 * more than MAX_SLOT_LINES slots, list only the pages they hold. Then the pagers' column: the default pager
 * (when anything was paged out) and the files.
 *
 *   ┌ obj 2   ref 1 ┐      ┌ swap ──┐
 *   │┌0x0 child da─┐│      │2 pages │
 *   │└─────────────┘│      └────────┘
 *   └───────────────┘      ┌ file F ┐
 */
import type { MachineSnapshot } from '../../../../kernel/snapshot';
import { hex } from '../../format';
import { keyed, ref } from '../../element_ref';
import { defaultPagerLabel, filePagerLabel, objectLabel, pageLabel } from '../labels';
import type { CellLayout, ObjectLayout, PagerLayout, TextItem } from '../types';
import { BUDGET, type StageMeasures } from './measure';
import { frameBytes } from './extras';

/** An object lists at most this many page lines, then a count of the rest. */
export const MAX_SLOT_LINES = 8;

/** The box width of an object (its cells are inside, a pad each side). */
export const objectW = (m: StageMeasures) => m.boxW(BUDGET.object);

export interface StageColumns {
  level: Map<number, number>;
  columns: number;
  /** The left edge of level l's column. */
  columnX: (l: number) => number;
}

export function stageObjects(snap: MachineSnapshot, m: StageMeasures, cols: StageColumns, top: number): ObjectLayout[] {
  const { line, pad, fs } = m;
  const ps = snap.pageSize;
  const w = objectW(m);
  const out: ObjectLayout[] = [];
  const colY = new Map<number, number>();
  for (const o of snap.objects) {
    const l = cols.level.get(o.id) ?? 0;
    const x = cols.columnX(l);
    const y = colY.get(l) ?? top;
    const resident = new Map(o.pages);
    const swapped = new Set(o.swapped);
    const sizePages = Math.ceil(o.size / ps);
    const held = [...new Set([...resident.keys(), ...swapped])].sort((a, b) => a - b);
    // a shadow lists only the pages it holds (the others are found further down its chain)
    const slots = sizePages <= MAX_SLOT_LINES && o.shadow === 0 ? Array.from({ length: sizePages }, (_, i) => i * ps) : held;
    const shown = slots.length <= MAX_SLOT_LINES ? slots : slots.slice(0, MAX_SLOT_LINES - 1);
    const texts: TextItem[] = [
      m.text(x + pad, y + pad * 0.5, `obj ${o.id}`, 'object', 7, { bold: true }),
      { ...m.text(x + w - pad, y + pad * 0.5, `ref ${o.refCount}`, 'object', 6, { tone: 'dim' }), anchor: 'end' },
    ];
    let cy = y + pad * 0.5 + line;
    if (o.pager !== null || o.cached) {
      if (o.pager !== null) texts.push(m.text(x + pad, cy, `file ${o.pager}`, 'object', o.cached ? 6 : BUDGET.object, { tone: 'accent' }));
      if (o.cached) texts.push({ ...m.text(x + w - pad, cy, 'cached', 'object', 6, { tone: 'warn', bold: true }), anchor: 'end' });
      cy += line;
    }
    const cells: CellLayout[] = [];
    for (const off of shown) {
      const frame = resident.get(off) ?? null;
      const sw = swapped.has(off);
      const what = frame !== null ? (frameBytes(snap, frame) ?? `f${frame}`) : sw ? 'swap' : '—';
      const tone = frame !== null ? 'normal' : sw ? 'accent' : 'dim';
      cells.push({
        ...keyed(ref.page(o.id, off)), object: o.id, offset: off, frame, swapped: sw, x: x + 0.3 * pad, y: cy, w: w - 0.6 * pad, h: line,
        label: m.label(() => pageLabel(o.id, off, frame, sw)), texts: [m.text(x + pad, cy, `${hex(off)} ${what}`, 'cell', BUDGET.object, { tone })],
      });
      cy += line + 0.12 * fs;
    }
    if (slots.length === 0) {
      texts.push(m.text(x + pad, cy, o.shadow === 0 ? 'no pages' : 'no pages yet', 'object', BUDGET.object, { tone: 'dim' }));
      cy += line;
    }
    if (shown.length < slots.length) {
      texts.push(m.text(x + pad, cy, `+${slots.length - shown.length} pages`, 'object', BUDGET.object, { tone: 'dim' }));
      cy += line;
    }
    const h = cy - y + pad * 0.5;
    out.push({ ...keyed(ref.object(o.id)), object: o, level: l, cells, grid: null, texts, x, y, w, h, label: m.label(() => objectLabel(o)) });
    colY.set(l, y + h + 0.4 * fs);
  }
  return out;
}

/** True when the default pager is drawn: something was paged out. */
export const showsDefaultPager = (snap: MachineSnapshot) => snap.pageouts > 0 || snap.objects.some((o) => o.swapped.length > 0);

/** The pagers' column at x: the default pager (when it has had work), then the files by port. */
export function stagePagers(snap: MachineSnapshot, m: StageMeasures, x: number, top: number): PagerLayout[] {
  const { line, pad, fs } = m;
  const w = m.boxW(BUDGET.pager);
  const out: PagerLayout[] = [];
  let y = top;
  if (showsDefaultPager(snap)) {
    const n = snap.objects.reduce((k, o) => k + o.swapped.length, 0);
    const h = 2 * line + pad;
    out.push({
      ...keyed(ref.pager(null)), name: null, x, y, w, h, label: m.label(() => defaultPagerLabel(n)),
      texts: [m.text(x + pad, y + pad * 0.5, 'swap', 'pager', BUDGET.pager, { bold: true, tone: 'warn' }), m.text(x + pad, y + pad * 0.5 + line, `${n} page${n === 1 ? '' : 's'}`, 'pager', BUDGET.pager)],
    });
    y += h + 0.4 * fs;
  }
  for (const p of [...snap.pagers].sort((a, b) => a.port - b.port)) {
    const h = line + pad;
    out.push({
      ...keyed(ref.pager(p.name)), name: p.name, x, y, w, h, label: m.label(() => filePagerLabel(p)),
      texts: [m.text(x + pad, y + pad * 0.5, `file ${p.name}`, 'pager', BUDGET.pager, { bold: true, tone: 'accent' })],
    });
    y += h + 0.4 * fs;
  }
  return out;
}
