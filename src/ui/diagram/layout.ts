/**
 * layout: where everything of the machine diagram goes, computed from a MachineSnapshot. Pure (no
 * React, no DOM): the component only draws what this returns, and the tests check it.
 *
 *   task A   task B          VM objects (by chain depth)          pagers
 *   ┌─────┐  ┌─────┐    ┌────────┐      ┌────────┐            ┌─────────┐
 *   │entry│──┼─────┼───▶│ obj 3  │─────▶│ obj 1  │───────────▶│ file F  │
 *   │ hole│  │entry│──▶ │ pages  │      │ pages  │            └─────────┘
 *   └─────┘  └─────┘    └────────┘      └────────┘
 *   TLB (sets × ways, counters)        physical frames (grid, obj@offset)
 *
 * Stability: a task's column depends only on its rank; an object's column on its distance from
 * the bottom of its shadow chain (counted from the pagers, on the right), its place in the column
 * on the objects of lower id there, and its height on its size (page slots), not on its pages.
 * The picture is at least 1280 × 720 and anchored to that frame, so adding a task, a shadow level
 * or a page does not move what did not change.
 */
import { linkHorizontal } from 'd3';
import type { EntrySnapshot, MachineSnapshot, ObjectSnapshot, TaskSnapshot, TlbEntrySnapshot } from '../../kernel/snapshot';
import { hex, inheritName, plural, protString, textWidth } from './format';
import { keys } from './keys';

export { keys } from './keys';
export { linkOnPath, pathFor } from './path';

export type LabelKind = 'heading' | 'task' | 'entry' | 'gap' | 'object' | 'cell' | 'pager' | 'frame' | 'tlb' | 'tlb-head' | 'counter';
export type Tone = 'normal' | 'dim' | 'accent' | 'warn';

export interface TextItem {
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  kind: LabelKind;
  bold?: boolean;
  tone?: Tone;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One clickable page of a map entry. */
export interface EntryPage extends Box {
  address: number;
}

export interface EntryLayout extends Box {
  key: string;
  taskId: number;
  taskName: string;
  entry: EntrySnapshot;
  pageCount: number;
  /** One rectangle per page when there are few enough to click one by one, else empty. */
  pages: EntryPage[];
  texts: TextItem[];
  label: string;
}

export interface GapLayout extends Box {
  size: number;
  texts: TextItem[];
  label: string;
}

export interface TaskLayout extends Box {
  key: string;
  task: TaskSnapshot;
  entries: EntryLayout[];
  gaps: GapLayout[];
  texts: TextItem[];
  label: string;
}

export interface CellLayout extends Box {
  key: string;
  object: number;
  offset: number;
  frame: number | null;
  swapped: boolean;
  texts: TextItem[];
  label: string;
}

export interface ObjectLayout extends Box {
  key: string;
  object: ObjectSnapshot;
  /** Distance from the bottom of the shadow chain: 0 for an object that shadows nothing. */
  level: number;
  cells: CellLayout[];
  texts: TextItem[];
  label: string;
}

export interface PagerLayout extends Box {
  key: string;
  name: string | null;
  texts: TextItem[];
  label: string;
}

export interface FrameLayout extends Box {
  key: string;
  index: number;
  owner: number;
  offset: number;
  dirty: boolean;
  referenced: boolean;
  texts: TextItem[];
  label: string;
}

export interface TlbCellLayout extends Box {
  key: string;
  set: number;
  way: number;
  entry: TlbEntrySnapshot | null;
  texts: TextItem[];
  label: string;
}

export interface TlbLayout extends Box {
  key: string;
  cells: TlbCellLayout[];
  texts: TextItem[];
  label: string;
}

export type LinkKind = 'map' | 'shadow' | 'copy' | 'pager' | 'swap' | 'frame';

export interface LinkLayout {
  key: string;
  kind: LinkKind;
  from: string;
  to: string;
  d: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  fontSize: number;
  tasks: TaskLayout[];
  objects: ObjectLayout[];
  pagers: PagerLayout[];
  frames: FrameLayout[];
  framesBox: Box & { texts: TextItem[] };
  tlb: TlbLayout;
  links: LinkLayout[];
  /** Headings of the regions (VM objects, pagers). */
  texts: TextItem[];
}

export interface LayoutOptions {
  /** Base font size in px: 14 normally, 20 in presentation mode. Every size scales with it. */
  fontSize?: number;
}

/** The smallest picture: it is anchored to this frame (fits a 1280 × 720 screen at 14 px text). */
export const BASE_WIDTH = 1280;
export const BASE_HEIGHT = 720;
/** Objects of at most this many pages show one slot per page (empty slots too). */
export const MAX_SLOTS = 8;
/** Entries of at most this many pages get one clickable rectangle per page. */
export const MAX_PAGE_RECTS = 24;

/** Geometry in px at 14 px text, scaled by fontSize / 14. */
const G = {
  margin: 12, line: 18,
  taskW: 136, taskGap: 14, taskHead: 52,
  entryMinH: 40, pageH: 12, entryMaxH: 132, gapH: 20, entrySep: 3,
  objW: 168, colGap: 40, objVGap: 14, cellH: 22, cellGap: 2,
  pagerW: 120, pagerGap: 34, pagerVGap: 12,
  frameW: 100, frameH: 24, frameGap: 4, frameCols: 8,
  tlbSetW: 52, tlbCellW: 78, tlbCellH: 40, tlbGap: 4, tlbWaysPerRow: 4, counterLines: 4,
  bandGap: 20, title: 26,
};

/** Level of each object: 0 at the bottom of its chain, one more per shadow above it. */
function levels(objects: ObjectSnapshot[]): Map<number, number> {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const level = new Map<number, number>();
  const of = (o: ObjectSnapshot, guard: number): number => {
    const known = level.get(o.id);
    if (known !== undefined) return known;
    const s = byId.get(o.shadow);
    const l = s === undefined || guard > objects.length ? 0 : of(s, guard + 1) + 1;
    level.set(o.id, l);
    return l;
  };
  for (const o of objects) of(o, 0);
  return level;
}

function entryLabel(task: TaskSnapshot, e: EntrySnapshot): string {
  const parts = [
    `map entry ${hex(e.start)} to ${hex(e.end)} of task ${task.name}`,
    `protection ${protString(e.protection)}, maximum ${protString(e.maxProtection)}`,
    `inheritance ${inheritName(e.inheritance)}`,
  ];
  if (e.needsCopy) parts.push('copy-on-write (needs copy)');
  if (e.shared) parts.push('shared');
  parts.push(e.object === 0 ? 'no object yet (zero fill on first touch)' : `maps object ${e.object} at offset ${hex(e.offset)}`);
  return parts.join(', ');
}

function objectLabel(o: ObjectSnapshot): string {
  const parts = [`VM object ${o.id}: ${plural(o.pages.length, 'resident page')}`];
  if (o.shadow !== 0) parts.push(`shadows object ${o.shadow}${o.shadowOffset !== 0 ? ` at offset ${hex(o.shadowOffset)}` : ''}`);
  parts.push(`size ${hex(o.size)}`, plural(o.refCount, 'reference'), `${o.copyStrategy} copy strategy`);
  if (o.copy !== 0) parts.push(`copy object ${o.copy}`);
  if (o.pager !== null) parts.push(`backed by file ${o.pager}`);
  if (o.swapped.length > 0) parts.push(`${plural(o.swapped.length, 'page')} in swap`);
  if (o.cached) parts.push('cached');
  return parts.join(', ');
}

export function computeLayout(snap: MachineSnapshot, options: LayoutOptions = {}): DiagramLayout {
  const fs = options.fontSize ?? 14;
  const u = fs / 14;
  const g = Object.fromEntries(Object.entries(G).map(([k, v]) => [k, k === 'frameCols' || k === 'tlbWaysPerRow' || k === 'counterLines' ? v : v * u])) as typeof G;
  const ps = snap.pageSize;
  const text = (x: number, y: number, t: string, kind: LabelKind, extra: Partial<TextItem> = {}): TextItem => ({ x, y, text: t, size: fs, anchor: 'start', kind, ...extra });
  const lineY = (top: number, i: number) => top + g.line * i + fs + 2 * u;

  // ---- widths: tasks on the left, pagers on the right, object columns right-anchored before them
  const level = levels(snap.objects);
  const columns = snap.objects.length === 0 ? 0 : Math.max(...level.values()) + 1;
  const sets = Math.max(1, Math.floor(snap.tlbEntries / Math.max(1, snap.tlbWays)));
  const ways = Math.max(1, snap.tlbWays);
  const perRow = Math.min(ways, g.tlbWaysPerRow);
  const rowsPerSet = Math.ceil(ways / perRow);
  const tlbW = g.tlbSetW + perRow * (g.tlbCellW + g.tlbGap);
  const nFrames = snap.frameOwner.length;
  const frameCols = Math.min(g.frameCols, Math.max(1, nFrames));
  const framesW = frameCols * (g.frameW + g.frameGap) - g.frameGap;
  const topNeed = g.margin * 2 + snap.tasks.length * (g.taskW + g.taskGap) + g.bandGap + columns * (g.objW + g.colGap) + g.pagerGap + g.pagerW;
  const bottomNeed = g.margin * 2 + tlbW + g.bandGap + framesW;
  const width = Math.max(BASE_WIDTH, topNeed, bottomNeed);
  const pagerX = width - g.margin - g.pagerW;
  const columnX = (l: number) => pagerX - g.pagerGap - g.objW - l * (g.objW + g.colGap);
  const bodyTop = g.margin + g.taskHead;
  const texts: TextItem[] = [];

  // ---- tasks and their map entries
  const tasks: TaskLayout[] = [];
  const taskName = new Map<number, string>();
  snap.tasks.forEach((t, rank) => {
    taskName.set(t.id, t.name);
    const x = g.margin + rank * (g.taskW + g.taskGap);
    const tt: TextItem[] = [
      text(x, g.margin + 16 * u, t.alive ? `task ${t.name}` : `task ${t.name} (dead)`, 'task', { bold: true, size: fs + 2 * u, tone: t.alive ? 'normal' : 'dim' }),
      text(x, g.margin + 36 * u, `faults ${t.faults} · COW ${t.cowFaults}`, 'task', { tone: 'dim' }),
    ];
    const entries: EntryLayout[] = [];
    const gaps: GapLayout[] = [];
    let y = bodyTop;
    t.entries.forEach((e, i) => {
      const prev = t.entries[i - 1];
      if (prev !== undefined) {
        if (e.start > prev.end) {
          const size = e.start - prev.end;
          gaps.push({
            x, y, w: g.taskW, h: g.gapH, size, label: `hole of ${hex(size)} bytes between ${hex(prev.end)} and ${hex(e.start)}`,
            texts: [text(x + g.taskW / 2, y + g.gapH / 2 + fs * 0.35, `hole ${hex(size)}`, 'gap', { anchor: 'middle', tone: 'dim' })],
          });
          y += g.gapH;
        } else y += g.entrySep;
      }
      const pageCount = Math.max(1, Math.round((e.end - e.start) / ps));
      const h = Math.min(g.entryMaxH, Math.max(g.entryMinH, pageCount * g.pageH));
      const pages: EntryPage[] = [];
      if (pageCount <= MAX_PAGE_RECTS) for (let p = 0; p < pageCount; p++) pages.push({ x, y: y + (p * h) / pageCount, w: g.taskW, h: h / pageCount, address: e.start + p * ps });
      const et: TextItem[] = [
        text(x + 6 * u, lineY(y, 0), hex(e.start), 'entry', { bold: true }),
        text(x + 6 * u, lineY(y, 1), `${protString(e.protection)}/${protString(e.maxProtection)} ${inheritName(e.inheritance)}`, 'entry'),
      ];
      if (e.needsCopy) et.push(text(x + g.taskW - 6 * u, lineY(y, 0), 'COW', 'entry', { anchor: 'end', bold: true, tone: 'warn' }));
      entries.push({ key: keys.entry(e.id), taskId: t.id, taskName: t.name, entry: e, pageCount, pages, x, y, w: g.taskW, h, texts: et, label: entryLabel(t, e) });
      y += h;
    });
    tasks.push({
      key: keys.task(t.id), task: t, entries, gaps, texts: tt, x, y: g.margin, w: g.taskW, h: Math.max(y, bodyTop) - g.margin,
      label: `task ${t.name}: ${plural(t.entries.length, 'map entry', 'map entries')}${t.alive ? '' : ', terminated'}`,
    });
  });

  // ---- VM objects, in columns by level, by id within a column
  const objects: ObjectLayout[] = [];
  const colY = new Map<number, number>();
  for (const o of snap.objects) {
    const l = level.get(o.id) ?? 0;
    const x = columnX(l);
    const y = colY.get(l) ?? bodyTop;
    const sizePages = Math.ceil(o.size / ps);
    const resident = new Map(o.pages);
    const swapped = new Set(o.swapped);
    const offsets = new Set<number>();
    if (sizePages <= MAX_SLOTS) for (let p = 0; p < sizePages; p++) offsets.add(p * ps);
    for (const [off] of o.pages) offsets.add(off);
    for (const off of o.swapped) offsets.add(off);
    const lines: TextItem[] = [];
    lines.push(text(x + 6 * u, lineY(y + 4 * u, 0), `object ${o.id}`, 'object', { bold: true }));
    lines.push(text(x + g.objW - 6 * u, lineY(y + 4 * u, 0), hex(o.size), 'object', { anchor: 'end', tone: 'dim' }));
    lines.push(text(x + 6 * u, lineY(y + 4 * u, 1), `ref ${o.refCount} · ${o.copyStrategy}`, 'object'));
    let nLines = 2;
    if (o.pager !== null || o.cached) {
      if (o.pager !== null) lines.push(text(x + 6 * u, lineY(y + 4 * u, 2), `file ${o.pager}`, 'object', { tone: 'accent' }));
      if (o.cached) lines.push(text(x + g.objW - 6 * u, lineY(y + 4 * u, 2), 'cached', 'object', { anchor: 'end', tone: 'warn', bold: true }));
      nLines = 3;
    }
    let cy = y + 4 * u + nLines * g.line + 6 * u;
    const cells: CellLayout[] = [];
    for (const off of [...offsets].sort((a, b) => a - b)) {
      const frame = resident.get(off) ?? null;
      const sw = swapped.has(off);
      let t = hex(off);
      let tone: Tone = 'dim';
      if (frame !== null) {
        t = `${hex(off)} → frame ${frame}`;
        if (textWidth(t, fs) > g.objW - 24 * u) t = `${hex(off)} → f${frame}`;
        tone = 'normal';
      } else if (sw) {
        t = `${hex(off)} in swap`;
        tone = 'accent';
      }
      const label = `page at offset ${hex(off)} of object ${o.id}: ${frame !== null ? `in frame ${frame}${sw ? ', also in swap' : ''}` : sw ? 'swapped out to the default pager' : 'not here (look further down the chain)'}`;
      cells.push({
        key: keys.page(o.id, off), object: o.id, offset: off, frame, swapped: sw, x: x + 6 * u, y: cy, w: g.objW - 12 * u, h: g.cellH, label,
        texts: [text(x + 12 * u, cy + g.cellH / 2 + fs * 0.35, t, 'cell', { tone })],
      });
      cy += g.cellH + g.cellGap;
    }
    const h = cy - y + 4 * u;
    objects.push({ key: keys.object(o.id), object: o, level: l, cells, texts: lines, x, y, w: g.objW, h, label: objectLabel(o) });
    colY.set(l, y + h + g.objVGap);
  }
  if (columns > 0) texts.push(text(columnX(columns - 1), g.margin + 16 * u, 'VM objects', 'heading', { bold: true, size: fs + 2 * u }));

  // ---- pagers: the default pager (swap) first, then the files by port
  const pagers: PagerLayout[] = [];
  texts.push(text(pagerX, g.margin + 16 * u, 'pagers', 'heading', { bold: true, size: fs + 2 * u }));
  let py = bodyTop;
  const swappedPages = snap.objects.reduce((n, o) => n + o.swapped.length, 0);
  {
    const h = 2 * g.line + 10 * u;
    pagers.push({
      key: keys.pager(null), name: null, x: pagerX, y: py, w: g.pagerW, h, label: `default pager (swap): ${plural(swappedPages, 'page')} swapped out`,
      texts: [text(pagerX + 6 * u, lineY(py + 4 * u, 0), 'default pager', 'pager', { bold: true }), text(pagerX + 6 * u, lineY(py + 4 * u, 1), `swap: ${swappedPages}`, 'pager')],
    });
    py += h + g.pagerVGap;
  }
  for (const p of [...snap.pagers].sort((a, b) => a.port - b.port)) {
    const h = 3 * g.line + 10 * u;
    pagers.push({
      key: keys.pager(p.name), name: p.name, x: pagerX, y: py, w: g.pagerW, h,
      label: `file ${p.name}: size ${hex(p.size)}, maximum protection ${protString(p.maxProtection)}${p.object !== 0 ? `, object ${p.object}` : ', no object yet'}`,
      texts: [
        text(pagerX + 6 * u, lineY(py + 4 * u, 0), `file ${p.name}`, 'pager', { bold: true, tone: 'accent' }),
        text(pagerX + 6 * u, lineY(py + 4 * u, 1), `size ${hex(p.size)}`, 'pager'),
        text(pagerX + 6 * u, lineY(py + 4 * u, 2), `max ${protString(p.maxProtection)}`, 'pager'),
      ],
    });
    py += h + g.pagerVGap;
  }

  // ---- the bottom band: TLB on the left, frames on the right, anchored to the 720 px frame
  const tlbCounterLines = Math.max(g.counterLines, snap.tasks.length);
  const tlbH = g.title + g.line + sets * rowsPerSet * (g.tlbCellH + g.tlbGap) + 6 * u + tlbCounterLines * g.line;
  const frameRows = Math.ceil(nFrames / frameCols);
  const framesH = g.title + frameRows * (g.frameH + g.frameGap);
  const bottomH = Math.max(tlbH, framesH);
  const topBottom = Math.max(
    bodyTop,
    ...tasks.map((t) => t.y + t.h),
    ...objects.map((o) => o.y + o.h),
    ...pagers.map((p) => p.y + p.h),
  );
  const bottomY = Math.max(topBottom + g.bandGap, BASE_HEIGHT - g.margin - bottomH);
  const height = Math.max(BASE_HEIGHT, bottomY + bottomH + g.margin);

  const tlbX = g.margin;
  const tlbTexts: TextItem[] = [text(tlbX, bottomY + 18 * u, `TLB: ${plural(sets, 'set')} × ${plural(ways, 'way')}`, 'heading', { bold: true, size: fs + 2 * u })];
  for (let w = 0; w < perRow; w++) tlbTexts.push(text(tlbX + g.tlbSetW + w * (g.tlbCellW + g.tlbGap) + g.tlbCellW / 2, bottomY + g.title + 14 * u, rowsPerSet > 1 ? `+${w}` : `way ${w}`, 'tlb-head', { anchor: 'middle', tone: 'dim' }));
  const tlbBySlot = new Map(snap.tlb.map((e) => [e.index, e]));
  const cells: TlbCellLayout[] = [];
  const gridTop = bottomY + g.title + g.line;
  for (let s = 0; s < sets; s++) {
    const sy = gridTop + s * rowsPerSet * (g.tlbCellH + g.tlbGap);
    tlbTexts.push(text(tlbX, sy + g.tlbCellH / 2 + fs * 0.35, `set ${s}`, 'tlb-head', { tone: 'dim' }));
    for (let w = 0; w < ways; w++) {
      const index = s * ways + w;
      const cx = tlbX + g.tlbSetW + (w % perRow) * (g.tlbCellW + g.tlbGap);
      const cy = sy + Math.floor(w / perRow) * (g.tlbCellH + g.tlbGap);
      const e = tlbBySlot.get(index) ?? null;
      const ct: TextItem[] = [];
      let label = `TLB set ${s} way ${w}: empty`;
      if (e !== null) {
        const who = taskName.get(e.asid) ?? `#${e.asid}`;
        ct.push(text(cx + 5 * u, lineY(cy + 1 * u, 0), `${who.slice(0, 3)} ${hex(e.vpn)}`, 'tlb', { bold: true }));
        ct.push(text(cx + 5 * u, lineY(cy + 1 * u, 1), `→${e.pfn} ${protString(e.prot)}`, 'tlb'));
        label = `TLB set ${s} way ${w}: task ${who}, virtual page ${hex(e.vpn)} (address ${hex(e.vpn * ps)}) → frame ${e.pfn}, ${protString(e.prot)}`;
      }
      cells.push({ key: keys.tlb(index), set: s, way: w, entry: e, x: cx, y: cy, w: g.tlbCellW, h: g.tlbCellH, texts: ct, label });
    }
  }
  const countersTop = gridTop + sets * rowsPerSet * (g.tlbCellH + g.tlbGap) + 6 * u;
  snap.tasks.forEach((t, i) => {
    tlbTexts.push(text(tlbX, lineY(countersTop, i), `${t.name}: ${plural(t.tlbHits, 'hit')}, ${plural(t.tlbMisses, 'miss', 'misses')}, ${plural(t.shootdowns, 'shootdown')}`, 'counter'));
  });
  const tlb: TlbLayout = {
    key: 'tlb', cells, texts: tlbTexts, x: tlbX, y: bottomY, w: tlbW, h: tlbH,
    label: `TLB: ${plural(sets, 'set')} of ${plural(ways, 'way')}, ${plural(snap.tlb.length, 'valid entry', 'valid entries')}`,
  };

  const framesX = width - g.margin - framesW;
  let used = 0;
  const frames: FrameLayout[] = [];
  for (let f = 0; f < nFrames; f++) {
    const owner = snap.frameOwner[f];
    const offset = snap.frameOffset[f];
    const flags = snap.frameFlags[f];
    const dirty = (flags & 1) !== 0;
    const referenced = (flags & 2) !== 0;
    const x = framesX + (f % frameCols) * (g.frameW + g.frameGap);
    const y = bottomY + g.title + Math.floor(f / frameCols) * (g.frameH + g.frameGap);
    const base = y + g.frameH / 2 + fs * 0.35;
    const ft: TextItem[] = [text(x + 8 * u, base, String(f), 'frame', { tone: 'dim' })];
    let label = `frame ${f}: free`;
    if (owner !== 0) {
      used++;
      ft.push(text(x + g.frameW - 5 * u, base, `${owner}@${hex(offset)}`, 'frame', { anchor: 'end', bold: dirty }));
      label = `frame ${f}: object ${owner} at ${hex(offset)}${dirty ? ', dirty' : ', clean'}${referenced ? ', referenced' : ''}`;
    }
    frames.push({ key: keys.frame(f), index: f, owner, offset, dirty, referenced, x, y, w: g.frameW, h: g.frameH, texts: ft, label });
  }
  const framesTitle = `physical memory: ${nFrames} frames, ${nFrames - used} free · ${plural(snap.pageouts, 'pageout')}, ${plural(snap.pageins, 'pagein')}`;
  const framesBox = {
    x: framesX, y: bottomY, w: framesW, h: framesH,
    // a small grid (few frames) keeps its title inside the picture: it then ends at the right margin
    texts: [text(Math.min(framesX, width - g.margin - textWidth(framesTitle, fs + 2 * u)), bottomY + 18 * u, framesTitle, 'heading', { bold: true, size: fs + 2 * u })],
  };

  // ---- links
  const links: LinkLayout[] = [];
  const objById = new Map(objects.map((o) => [o.object.id, o]));
  const pagerByKey = new Map(pagers.map((p) => [p.key, p]));
  const frameByIndex = frames;
  const horizontal = linkHorizontal<unknown, [number, number]>().source((d) => (d as { s: [number, number] }).s).target((d) => (d as { t: [number, number] }).t);
  const hpath = (s: [number, number], t: [number, number]) => horizontal({ s, t }) ?? '';
  const anchorY = (o: ObjectLayout) => o.y + 4 * u + g.line * 0.6;
  for (const t of tasks) {
    for (const e of t.entries) {
      const o = objById.get(e.entry.object);
      if (o === undefined) continue;
      links.push({ key: `map:${e.entry.id}`, kind: 'map', from: e.key, to: o.key, d: hpath([e.x + e.w, e.y + e.h / 2], [o.x, anchorY(o)]) });
    }
  }
  for (const o of objects) {
    const s = objById.get(o.object.shadow);
    if (s !== undefined) links.push({ key: `shadow:${o.object.id}`, kind: 'shadow', from: o.key, to: s.key, d: hpath([o.x + o.w, anchorY(o)], [s.x, anchorY(s) + g.line * 0.8]) });
    const c = objById.get(o.object.copy);
    if (c !== undefined) {
      const [x1, y1, x2, y2] = [o.x + 10 * u, o.y, c.x + c.w - 10 * u, c.y];
      const top = Math.min(y1, y2) - 24 * u;
      links.push({ key: `copy:${o.object.id}`, kind: 'copy', from: o.key, to: c.key, d: `M${x1},${y1}C${x1},${top} ${x2},${top} ${x2},${y2}` });
    }
    const p = o.object.pager !== null ? pagerByKey.get(keys.pager(o.object.pager)) : undefined;
    if (p !== undefined) links.push({ key: `pager:${o.object.id}`, kind: 'pager', from: o.key, to: p.key, d: hpath([o.x + o.w, o.y + 4 * u + g.line * 2.5], [p.x, p.y + p.h / 2]) });
    if (o.object.swapped.length > 0) {
      const dp = pagers[0];
      links.push({ key: `swap:${o.object.id}`, kind: 'swap', from: o.key, to: dp.key, d: hpath([o.x + o.w, o.y + o.h - 10 * u], [dp.x, dp.y + dp.h / 2]) });
    }
    for (const cell of o.cells) {
      if (cell.frame === null) continue;
      const f = frameByIndex[cell.frame];
      if (f === undefined) continue;
      const [x1, y1] = [cell.x + cell.w, cell.y + cell.h / 2];
      const [x2, y2] = [f.x + f.w / 2, f.y];
      const bend = Math.max(20 * u, (y2 - y1) / 2);
      links.push({ key: `frame:${cell.key}`, kind: 'frame', from: cell.key, to: f.key, d: `M${x1},${y1}C${x1 + 30 * u},${y1} ${x2},${y2 - bend} ${x2},${y2}` });
    }
  }

  return { width, height, fontSize: fs, tasks, objects, pagers, frames, framesBox, tlb, links, texts };
}

/** Every label of the layout, for drawing order checks and the overlap tests. */
export function allTexts(l: DiagramLayout): TextItem[] {
  return [
    ...l.texts,
    ...l.tasks.flatMap((t) => [...t.texts, ...t.gaps.flatMap((gp) => gp.texts), ...t.entries.flatMap((e) => e.texts)]),
    ...l.objects.flatMap((o) => [...o.texts, ...o.cells.flatMap((c) => c.texts)]),
    ...l.pagers.flatMap((p) => p.texts),
    ...l.frames.flatMap((f) => f.texts),
    ...l.framesBox.texts,
    ...l.tlb.texts,
    ...l.tlb.cells.flatMap((c) => c.texts),
  ];
}

/** The box a label's glyphs take (estimated: monospace, 0.6 em per character). */
export function textBox(t: TextItem): Box {
  const w = textWidth(t.text, t.size);
  const x = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - w / 2 : t.x - w;
  return { x, y: t.y - t.size * 0.8, w, h: t.size };
}
