/**
 * hardware (presentation): physical memory and the TLB with the idle parts collapsed: only the
 * frames in use are drawn, each a box with its number and first bytes ("f3 parent"), the free ones
 * one line ("60 frames free"); only the live TLB entries, each a box ("P 0x1000→f3 rw"), the empty
 * sets one line ("sets 1, 3 empty"); then each task's TLB counters. Each part is a section (a
 * heading, its boxes, its footer lines) laid out either as a column (boxes one under another) or
 * as a flow (boxes side by side in rows), wherever the fit (fit.ts) puts it.
 *
 *   frames          TLB 4×4
 *   ┌f3 parent da┐  ┌P 0x1000→f3 r-┐
 *   ┌f4 page two ┐  sets 1, 2 empty
 *   60 frames free  P 3 hit 1 miss
 */
import type { MachineSnapshot } from '../../../../kernel/snapshot';
import { hex, plural, protString } from '../../format';
import { keyed, ref } from '../../element_ref';
import { frameLabel, tlbLabel } from '../labels';
import type { FrameLayout, TextItem, TlbCellLayout } from '../types';
import { BUDGET, cut, type StageMeasures } from './measure';
import { frameBytes } from './extras';

/** A box of a section: a frame or a TLB entry, one line. */
interface Item {
  kind: 'frame' | 'tlb';
  index: number;
  text: string;
  bold: boolean;
}

export interface Section {
  heading: string;
  chars: number;
  items: Item[];
  footer: string[];
}

/** "1–3, 5" from ascending numbers. */
export function ranges(ns: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
    out.push(j === i ? String(ns[i]) : j === i + 1 ? `${ns[i]}, ${ns[j]}` : `${ns[i]}–${ns[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** Words wrapped into lines of at most `chars` characters (a longer word is cut). */
export function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur === '') cur = word;
    else if (cur.length + 1 + word.length <= chars) cur += ` ${word}`;
    else {
      lines.push(cut(cur, chars));
      cur = word;
    }
  }
  if (cur !== '') lines.push(cut(cur, chars));
  return lines;
}

export function framesSection(snap: MachineSnapshot): Section {
  const items: Item[] = [];
  const n = snap.frameOwner.length;
  for (let f = 0; f < n; f++) {
    const owner = snap.frameOwner[f];
    if (owner === 0) continue;
    const bytes = frameBytes(snap, f) ?? `${owner}@${hex(snap.frameOffset[f])}`;
    items.push({ kind: 'frame', index: f, text: `f${f} ${bytes}`, bold: (snap.frameFlags[f] & 1) !== 0 });
  }
  const free = n - items.length;
  const footer = [free === n ? `all ${n} free` : `${free} free`];
  if (snap.pageouts > 0 || snap.pageins > 0) footer.push(`out ${snap.pageouts} in ${snap.pageins}`);
  return { heading: 'frames', chars: BUDGET.frame, items, footer };
}

/** The TLB's section; `counters`: with each task's hit and miss counts (left out when room is short). */
export function tlbSection(snap: MachineSnapshot, counters = true): Section {
  const ways = Math.max(1, snap.tlbWays);
  const sets = Math.max(1, Math.floor(snap.tlbEntries / ways));
  const name = new Map(snap.tasks.map((t) => [t.id, t.name]));
  const live = [...snap.tlb].sort((a, b) => a.index - b.index);
  const items: Item[] = live.map((e) => ({
    kind: 'tlb', index: e.index, bold: false,
    text: `${(name.get(e.asid) ?? `#${e.asid}`).slice(0, 2)} ${hex(e.vpn * snap.pageSize)}→f${e.pfn} ${protString(e.prot).slice(0, 2)}`,
  }));
  const usedSets = new Set(live.map((e) => Math.floor(e.index / ways)));
  const empty = Array.from({ length: sets }, (_, s) => s).filter((s) => !usedSets.has(s));
  const footer: string[] = [];
  if (empty.length === sets) footer.push(...wrap(`all ${plural(sets, 'set')} empty`, BUDGET.tlb));
  else if (empty.length > 0) footer.push(...wrap(`${empty.length === 1 ? 'set' : 'sets'} ${ranges(empty)} empty`, BUDGET.tlb));
  for (const t of counters ? snap.tasks : []) {
    if (t.tlbHits + t.tlbMisses + t.shootdowns === 0) continue;
    footer.push(`${t.name.slice(0, 2)} ${t.tlbHits} hit ${t.tlbMisses} miss`);
    if (t.shootdowns > 0) footer.push(`${t.name.slice(0, 2)} ${plural(t.shootdowns, 'shootdown')}`);
  }
  return { heading: `TLB ${sets}×${ways}`, chars: BUDGET.tlb, items, footer };
}

export interface PlacedSection {
  frames: FrameLayout[];
  tlb: TlbCellLayout[];
  texts: TextItem[];
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A section's size at its top edge y, without its boxes: what the fit's drafts measure (placeSection's own arithmetic, so the two agree exactly). */
export interface SectionSize {
  perRow: number;
  rows: number;
  /** The top of the footer's lines. */
  footTop: number;
  w: number;
  h: number;
}

export function sectionSize(m: StageMeasures, s: Section, y: number, width: number | null): SectionSize {
  const { line, fs } = m;
  const boxW = m.boxW(s.chars);
  const gap = 0.4 * fs;
  const perRow = width === null ? 1 : Math.max(1, Math.floor((width + gap) / (boxW + gap)));
  const top = y + line;
  const pitch = line + 0.2 * fs;
  const rows = Math.ceil(s.items.length / perRow);
  const footTop = top + rows * pitch + (rows > 0 ? 0.1 * fs : 0);
  const fy = footTop + Math.ceil(s.footer.length / perRow) * line;
  const w = width === null ? boxW : Math.min(width, Math.max(boxW, Math.min(perRow, Math.max(s.items.length, s.footer.length)) * (boxW + gap) - gap));
  return { perRow, rows, footTop, w, h: fy - y };
}

/**
 * The section with its top left corner at (x, y): a column (`width` null) or a flow of its boxes in
 * rows across `width` px.
 */
export function placeSection(snap: MachineSnapshot, m: StageMeasures, s: Section, x: number, y: number, width: number | null): PlacedSection {
  const { line, pad, fs } = m;
  const boxW = m.boxW(s.chars);
  const gap = 0.4 * fs;
  const { perRow, footTop, w, h } = sectionSize(m, s, y, width);
  const texts: TextItem[] = [m.text(x, y, s.heading, 'heading', s.chars, { bold: true })];
  const frames: FrameLayout[] = [];
  const tlb: TlbCellLayout[] = [];
  const top = y + line;
  const pitch = line + 0.2 * fs;
  s.items.forEach((it, i) => {
    const bx = x + (i % perRow) * (boxW + gap);
    const by = top + Math.floor(i / perRow) * pitch;
    const t = [m.text(bx + pad, by, it.text, it.kind === 'frame' ? 'frame' : 'tlb', s.chars, { bold: it.bold })];
    if (it.kind === 'frame') {
      const f = it.index;
      frames.push({
        ...keyed(ref.frame(f)), index: f, owner: snap.frameOwner[f], offset: snap.frameOffset[f], dirty: (snap.frameFlags[f] & 1) !== 0,
        referenced: (snap.frameFlags[f] & 2) !== 0, x: bx, y: by, w: boxW, h: line, texts: t, label: m.label(() => frameLabel(snap, f)),
      });
    } else {
      const ways = Math.max(1, snap.tlbWays);
      const e = snap.tlb.find((q) => q.index === it.index) ?? null;
      tlb.push({ ...keyed(ref.tlb(it.index)), set: Math.floor(it.index / ways), way: it.index % ways, entry: e, x: bx, y: by, w: boxW, h: line, texts: t, label: m.label(() => tlbLabel(snap, it.index)) });
    }
  });
  // the footer's lines: under the boxes, side by side in the boxes' columns in a flow
  s.footer.forEach((f, i) => {
    texts.push(m.text(x + (i % perRow) * (boxW + gap), footTop + Math.floor(i / perRow) * line, f, 'counter', s.chars, { tone: 'dim' }));
  });
  return { frames, tlb, texts, x, y, w, h };
}
