/**
 * notations: the one table of what the machine diagram draws and what each thing means, in plain
 * words: a task and its map entries ("0x1000–0x4000", "rw-/rwx copy", "COW"), objects and their
 * pages ("0x1000 → frame 1"), pagers, the arrows by kind, the TLB ("C 0x1 →0 r--"), the frames
 * ("1@0x1000", the orange stripe), the compact grids' colours and the marks laid over the picture
 * (changed, touched, the hover path, the moving copy, a TLB ghost). The legend (Legend.tsx) draws
 * one row per entry with the diagram's own styles; the arrows' hover label (LinkProbe.tsx) reads
 * the arrows' rows. Both are a lazy chunk: nothing here is in the main script.
 *
 * `covers` names the diagram's own kinds a row explains (the layout's LinkKind, Swatch and
 * LabelKind): notations.test.ts fails when the diagram draws a kind no row covers.
 */
import type { DiagramLayout, LabelKind, LinkKind, LinkLayout, Swatch } from './layout/types';
import type { ElementRef } from './element_ref';
import { hex } from './format';

export type NotationGroup = 'tasks' | 'objects' | 'arrows' | 'hardware' | 'marks';

/** The groups in the order the legend shows them, with their headings. */
export const NOTATION_GROUPS: readonly { id: NotationGroup; title: string }[] = [
  { id: 'tasks', title: 'Tasks and their map entries' },
  { id: 'objects', title: 'VM objects, pages and pagers' },
  { id: 'arrows', title: 'Arrows' },
  { id: 'hardware', title: 'TLB and physical memory' },
  { id: 'marks', title: 'Marks over the picture' },
];

/** What the legend draws as a row's sample: a box of the diagram (with its text), an arrow, an outline, a grid colour. */
export type Sample =
  | { kind: 'box'; box: BoxSample; lines: readonly string[]; tone?: 'normal' | 'dim' | 'accent' | 'warn'; bold?: boolean }
  | { kind: 'link'; link: LinkKind }
  | { kind: 'outline'; mark: 'changed' | 'touched' | 'path' }
  | { kind: 'swatches'; swatches: readonly Swatch[] }
  | { kind: 'chip'; text: string }
  | { kind: 'ghost'; lines: readonly string[] }
  | { kind: 'text'; lines: readonly string[]; tone?: 'normal' | 'dim' | 'accent' | 'warn'; bold?: boolean };

/** The boxes a sample can be: how the picture draws each (DiagramPicture's fills, strokes and dashes). */
export type BoxSample =
  | 'entry' | 'entry-cow' | 'entry-zero' | 'object' | 'object-cached' | 'cell' | 'cell-absent' | 'cell-swapped'
  | 'pager' | 'pager-file' | 'tlb' | 'tlb-empty' | 'frame' | 'frame-dirty' | 'frame-free' | 'gap' | 'summary';

export interface Notation {
  /** Stable: the legend row's data-notation, the tests'. */
  id: string;
  group: NotationGroup;
  /** What it is, in a few words. */
  name: string;
  sample: Sample;
  /** What it means, in plain words (one or two sentences). */
  meaning: string;
  /** Arrows: what the arrow says, in a few words (its hover label's parenthesis). */
  hint?: string;
  /** The diagram's own kinds this row explains (notations.test.ts: every kind drawn has a row). */
  covers?: { link?: LinkKind; swatches?: readonly Swatch[]; labels?: readonly LabelKind[] };
}

export const NOTATIONS: readonly Notation[] = [
  // tasks and map entries
  {
    id: 'task', group: 'tasks', name: 'Task', sample: { kind: 'text', lines: ['task P', 'faults 3 · COW 1'], bold: true },
    meaning: 'A task (its address space). faults: page faults it has taken; COW: of those, copy-on-write faults. "(dead)" or ✕: terminated.',
    covers: { labels: ['task', 'heading'] },
  },
  {
    id: 'entry', group: 'tasks', name: 'Map entry', sample: { kind: 'box', box: 'entry', lines: ['0x1000–0x4000', 'rw-/rwx copy'] },
    meaning: 'A range of the task\'s addresses (start to end, end excluded) mapped to one object. "rw-/rwx": current / maximum protection (r read, w write, x execute, - not allowed). "copy", "share" or "none": what a fork gives the child.',
    covers: { labels: ['entry'] },
  },
  {
    id: 'entry-cow', group: 'tasks', name: 'COW', sample: { kind: 'box', box: 'entry-cow', lines: ['0x1000–0x4000', 'rw-/rwx copy'] },
    meaning: 'Needs copy: the entry shares its object copy-on-write. Reads see the shared pages; the first write gives the entry a shadow object of its own.',
  },
  {
    id: 'entry-zero', group: 'tasks', name: 'No object yet', sample: { kind: 'box', box: 'entry-zero', lines: ['0x5000–0x6000', 'rw-/rwx copy'] },
    meaning: 'A dashed entry has no object yet: its pages are filled with zeros on first touch.',
  },
  {
    id: 'entry-pages', group: 'tasks', name: 'Pages (presentation)', sample: { kind: 'text', lines: ['0x1000→f3 rw-', '0x2000 —'] },
    meaning: 'In presentation mode an entry lists its pages: the page at 0x1000 is mapped (pmap) to frame 3, read-write; "—": not mapped yet (the next access faults).',
  },
  {
    id: 'gap', group: 'tasks', name: 'Hole', sample: { kind: 'box', box: 'gap', lines: ['hole 0x2000'], tone: 'dim' },
    meaning: 'Addresses between two entries that nothing maps: an access there fails.',
    covers: { labels: ['gap'] },
  },
  {
    id: 'summary', group: 'tasks', name: 'More not drawn', sample: { kind: 'box', box: 'summary', lines: ['▼ 1,968 more', 'entries'], tone: 'accent', bold: true },
    meaning: 'A crowded machine is drawn a window at a time: this box stands for what is left out. Click it (or Enter) to show the next window.',
  },
  // objects, pages, pagers
  {
    id: 'object', group: 'objects', name: 'VM object', sample: { kind: 'box', box: 'object', lines: ['object 1   0x3000', 'ref 2 · symmetric'] },
    meaning: 'A VM object holds pages. 0x3000: its size; ref 2: two entries or objects use it; symmetric (or delay, none): how it is copied. "file f": its pages come from file f.',
    covers: { labels: ['object'] },
  },
  {
    id: 'object-cached', group: 'objects', name: 'Cached object', sample: { kind: 'box', box: 'object-cached', lines: ['object 4  cached'] },
    meaning: 'Dashed, "cached": nothing maps it any more; its pages are kept in case the file is mapped again.',
  },
  {
    id: 'cell', group: 'objects', name: 'Resident page', sample: { kind: 'box', box: 'cell', lines: ['0x1000 → frame 1'] },
    meaning: 'The object\'s page at offset 0x1000 is in physical frame 1 ("f1" when short; presentation mode shows its first bytes).',
    covers: { labels: ['cell'] },
  },
  {
    id: 'cell-absent', group: 'objects', name: 'Page not here', sample: { kind: 'box', box: 'cell-absent', lines: ['0x2000'], tone: 'dim' },
    meaning: 'Dashed and dim: the object does not hold this page; a fault looks further down the shadow chain (or reads it from the pager, or fills zeros).',
  },
  {
    id: 'cell-swapped', group: 'objects', name: 'Page in swap', sample: { kind: 'box', box: 'cell-swapped', lines: ['0x2000 in swap'], tone: 'accent' },
    meaning: 'The page was paged out to the default pager; the next access pages it back in.',
  },
  {
    id: 'pager', group: 'objects', name: 'Default pager', sample: { kind: 'box', box: 'pager', lines: ['default pager', 'swap: 2'], bold: true },
    meaning: 'Keeps the pages the kernel pages out of anonymous memory (swap): 2 pages are there now.',
    covers: { labels: ['pager'] },
  },
  {
    id: 'pager-file', group: 'objects', name: 'File pager', sample: { kind: 'box', box: 'pager-file', lines: ['file data', 'size 0x2000', 'max r--'], tone: 'accent' },
    meaning: 'A file: its size and the most its mappings may allow (max r--: read only). Its object\'s pages are read from it.',
  },
  // arrows
  {
    id: 'link-map', group: 'arrows', name: 'Mapping', sample: { kind: 'link', link: 'map' },
    meaning: 'Map entry → the object it maps (solid, arrowhead).', hint: 'its pages come from there', covers: { link: 'map' },
  },
  {
    id: 'link-shadow', group: 'arrows', name: 'Shadow', sample: { kind: 'link', link: 'shadow' },
    meaning: 'Object → the object it shadows (thick, arrowhead): copy-on-write; a page it does not hold is read from there.', hint: 'copy-on-write: reads fall through', covers: { link: 'shadow' },
  },
  {
    id: 'link-copy', group: 'arrows', name: 'Copy object', sample: { kind: 'link', link: 'copy' },
    meaning: 'Object → its copy object (dash-dot): the copy gets the original pages before they are changed.', hint: 'gets the original pages before they change', covers: { link: 'copy' },
  },
  {
    id: 'link-pager', group: 'arrows', name: 'Pager', sample: { kind: 'link', link: 'pager' },
    meaning: 'Object → the file pager it reads its pages from (long dashes).', hint: 'its pages are read from the file', covers: { link: 'pager' },
  },
  {
    id: 'link-swap', group: 'arrows', name: 'Swap', sample: { kind: 'link', link: 'swap' },
    meaning: 'Object → the default pager holding some of its pages in swap (medium dashes).', hint: 'some of its pages are in swap', covers: { link: 'swap' },
  },
  {
    id: 'link-frame', group: 'arrows', name: 'Frame', sample: { kind: 'link', link: 'frame' },
    meaning: 'Resident page → the physical frame holding it (dotted, no arrowhead).', hint: 'the page is in this frame', covers: { link: 'frame' },
  },
  // TLB and frames
  {
    id: 'tlb', group: 'hardware', name: 'TLB entry', sample: { kind: 'box', box: 'tlb', lines: ['C 0x1', '→0 r--'], bold: true },
    meaning: 'A cached translation: task C\'s virtual page 0x1 (a page number: address 0x1000) → frame 0, read only. Presentation mode writes "C 0x1000→f0 r-".',
    covers: { labels: ['tlb', 'tlb-head'] },
  },
  {
    id: 'tlb-empty', group: 'hardware', name: 'Empty TLB slot', sample: { kind: 'box', box: 'tlb-empty', lines: [''] },
    meaning: 'A slot (set, way) holding no translation: an access that needs it misses and walks the pmap.',
  },
  {
    id: 'tlb-ghost', group: 'hardware', name: 'Evicted (ghost)', sample: { kind: 'ghost', lines: ['evicted', 'P 0x2→1'] },
    meaning: 'The entry this step pushed out of its slot to make room (or ✗ when short): it is gone, shown for this step only.',
  },
  {
    id: 'counters', group: 'hardware', name: 'Counters', sample: { kind: 'text', lines: ['P: 4 hits, 3 misses, 1 shootdown'], tone: 'dim' },
    meaning: 'TLB hits and misses per task; a shootdown removes a task\'s TLB entries when its mappings change. Pageouts / pageins: pages written to / read from pagers.',
    covers: { labels: ['counter'] },
  },
  {
    id: 'frame', group: 'hardware', name: 'Frame in use', sample: { kind: 'box', box: 'frame', lines: ['1  1@0x1000'] },
    meaning: 'Frame 1 holds the page of object 1 at offset 0x1000 ("owner@offset"). Presentation mode writes f1 and the page\'s first bytes.',
    covers: { labels: ['frame'] },
  },
  {
    id: 'frame-dirty', group: 'hardware', name: 'Orange stripe: dirty', sample: { kind: 'box', box: 'frame-dirty', lines: ['3  2@0x1000'], bold: true },
    meaning: 'Written since it came from its pager (or was zero-filled): it must be written out before the frame is reused. Its label is bold.',
  },
  {
    id: 'frame-free', group: 'hardware', name: 'Free frame', sample: { kind: 'box', box: 'frame-free', lines: ['7'], tone: 'dim' },
    meaning: 'A dashed frame holds nothing.',
  },
  {
    id: 'grid-frames', group: 'hardware', name: 'Frames grid', sample: { kind: 'swatches', swatches: ['free', 'used', 'dirty'] },
    meaning: 'A big machine draws its frames as small squares: free, in use, dirty. Hover one (or use the arrow keys) to read it.',
    covers: { swatches: ['free', 'used', 'dirty'] },
  },
  {
    id: 'grid-tlb', group: 'hardware', name: 'TLB grid', sample: { kind: 'swatches', swatches: ['empty', 'readonly', 'writable'] },
    meaning: 'A big TLB as small squares: empty, read-only translation, writable translation.',
    covers: { swatches: ['empty', 'readonly', 'writable'] },
  },
  {
    id: 'grid-pages', group: 'objects', name: 'Pages grid', sample: { kind: 'swatches', swatches: ['absent', 'resident', 'swapped'] },
    meaning: 'A big object\'s pages as small squares: not here, resident, in swap.',
    covers: { swatches: ['absent', 'resident', 'swapped'] },
  },
  // marks
  {
    id: 'mark-changed', group: 'marks', name: 'Changed', sample: { kind: 'outline', mark: 'changed' },
    meaning: 'Thick, solid: the current step changed this element.',
  },
  {
    id: 'mark-touched', group: 'marks', name: 'Touched', sample: { kind: 'outline', mark: 'touched' },
    meaning: 'Thin, dashed: the current step looked at it (a lookup, a read) without changing it.',
  },
  {
    id: 'mark-path', group: 'marks', name: 'Hover path', sample: { kind: 'outline', mark: 'path' },
    meaning: 'What the pointer or the focus is on, and everything it leads to: entry → object → shadows → pages → frames.',
  },
  {
    id: 'moving-copy', group: 'marks', name: 'Moving copy', sample: { kind: 'chip', text: 'child da' },
    meaning: 'A page\'s bytes on their way (a copy-on-write copy, a page in or out): the chip travels from where they come from to where they go; the rest is dimmed meanwhile.',
  },
];

/** The row of an arrow kind (every kind has one: notations.test.ts). */
export function linkNotation(kind: LinkKind): Notation {
  return NOTATIONS.find((n) => n.covers?.link === kind)!;
}

/** An end of an arrow in words: "entry 0x1000–0x4000 of task P", "object 3", "page 0x1000 of object 3", "frame 5", "file data", "the default pager". */
export function endName(layout: DiagramLayout, r: ElementRef): string {
  switch (r.kind) {
    case 'entry': {
      const e = layout.tasks.flatMap((t) => t.entries).find((x) => x.entry.id === r.entry);
      return e === undefined ? `map entry ${r.entry}` : `entry ${hex(e.entry.start)}–${hex(e.entry.end)} of task ${e.taskName}`;
    }
    case 'object':
      return `object ${r.object}`;
    case 'page':
      return `page ${hex(r.offset)} of object ${r.object}`;
    case 'pager':
      return r.pager === null ? 'the default pager' : `file ${r.pager}`;
    case 'frame':
      return `frame ${r.frame}`;
    case 'tlb':
      return `TLB slot ${r.slot}`;
    case 'task':
      return `task ${r.task}`;
  }
}

/** An arrow's hover label: "shadow: object 3 → object 1 (copy-on-write: reads fall through)". */
export function linkLabel(layout: DiagramLayout, link: LinkLayout): string {
  const n = linkNotation(link.kind);
  return `${n.name.toLowerCase()}: ${endName(layout, link.fromRef)} → ${endName(layout, link.toRef)} (${n.hint})`;
}
