/**
 * differences: what differs between two machines, each at its own step (the Compare view's two
 * sides), in words for the list ("P 0x1000: reads "from chi" on the left, "before f" on the
 * right") and as the diagram's element refs to mark on each side. Pure: it compares snapshot
 * fields and the worker's step summaries; page contents through ResolvedView (the kernel's
 * resolved pages: the UI never walks a shadow chain) and the frames' previews (preview.ts).
 *
 * Tasks are matched by name, map entries by start address, pages by address: two runs number
 * their objects and frames as they go, so ids are compared only through what they hold.
 * Compared, in this order: tasks (present, alive), entries (mapped, end, protection, maximum,
 * inheritance, shared, needs copy, shadow chain length), the pages' first bytes (and whether
 * resident), each task's fault counters, the machine's free frames and objects, and, when the two
 * runs are of different texts (a choice changed), the results of the statements both have run
 * (kr, the variables set, asserts) and where a run stopped.
 *
 * Bounded: at most MAX_DIFFERENCES are listed (the rest counted in `more`), at most
 * MAX_COMPARED_PAGES pages and MAX_COMPARED_STATEMENTS statements are looked at.
 */
import type { EntrySnapshot, MachineSnapshot, TaskSnapshot } from '../../kernel/snapshot';
import { ResolvedView, type ResolvedPage } from '../../kernel/resolved_view';
import type { StepSummaries, StepSummary, ShownValue } from '../../worker/protocol';
import { framePreviewText } from '../diagram/preview';
import { ref, RefSet, type ElementRef } from '../diagram/element_ref';

/**
 * The page's own formatters and summary readers (vm_param, kern_return, step_summary), handed in
 * rather than imported: the Compare view's chunk importing them made the bundler move them out of
 * the page's script into extra files loaded up front (App.tsx gives them; tests too).
 */
export interface DiffWords {
  hex(n: number): string;
  inheritName(i: number): string;
  protString(p: number): string;
  kernReturnName(kr: number): string;
  formatShown(v: ShownValue): string;
  stepCount(s: StepSummaries): number;
  summaryAt(s: StepSummaries, i: number): StepSummary;
}

/** The most differences listed. */
export const MAX_DIFFERENCES = 40;
/** The most pages whose contents are compared (over all entries). */
export const MAX_COMPARED_PAGES = 4_096;
/** The most statements whose results are compared. */
export const MAX_COMPARED_STATEMENTS = 4_096;

/** One side of a comparison: the machine at its step and its run's summaries. */
export interface CompareSide {
  snapshot: MachineSnapshot;
  /** Statements run at this side's step. */
  step: number;
  /** The run's summaries (null: none to compare). */
  steps: StepSummaries | null;
}

export interface Difference {
  text: string;
  /** What to mark on each side's diagram. */
  left: ElementRef[];
  right: ElementRef[];
}

export interface Differences {
  items: Difference[];
  /** Differences found past MAX_DIFFERENCES, not listed. */
  more: number;
  /** Every element to mark, per side (of the differences listed and not). */
  left: RefSet;
  right: RefSet;
  /** Some pages or statements were not compared (over the limits). */
  cut: boolean;
}

const L = 'on the left';
const R = 'on the right';

const quote = (s: string) => `"${s}"`;

/** The order differences are listed in: what a read finds and what the statements said first, the machine's totals last. */
type Rank = 'reads' | 'results' | 'entries' | 'counters';
const RANKS: readonly Rank[] = ['reads', 'results', 'entries', 'counters'];

class Collector {
  /** Up to MAX_DIFFERENCES of each rank (no more can be listed). */
  private readonly byRank = new Map<Rank, Difference[]>(RANKS.map((r) => [r, []]));
  private found = 0;
  cut = false;
  readonly left = new RefSet();
  readonly right = new RefSet();

  add(rank: Rank, text: string, left: ElementRef[] = [], right: ElementRef[] = []): void {
    for (const r of left) this.left.add(r);
    for (const r of right) this.right.add(r);
    this.found++;
    const list = this.byRank.get(rank)!;
    if (list.length < MAX_DIFFERENCES) list.push({ text, left, right });
  }

  listed(): { items: Difference[]; more: number } {
    const items = RANKS.flatMap((r) => this.byRank.get(r)!).slice(0, MAX_DIFFERENCES);
    return { items, more: this.found - items.length };
  }
}

/** What a page of a task reads as: its first bytes, or how it would be found. */
function contentOf(view: ResolvedView, page: ResolvedPage | null): string {
  if (page === null) return 'zero fill (never touched)';
  if (page.frame >= 0) {
    const text = framePreviewText(view.snap, page.frame);
    return text === null ? `frame ${page.frame}` : quote(text);
  }
  return page.how === 'swap' ? 'swapped out' : "on its pager, not resident";
}

function pageRefs(page: ResolvedPage | null): ElementRef[] {
  if (page === null) return [];
  return page.frame >= 0 ? [ref.page(page.object, page.offset), ref.frame(page.frame)] : [ref.page(page.object, page.offset)];
}

function compareEntries(w: DiffWords, c: Collector, name: string, lt: TaskSnapshot, rt: TaskSnapshot, lv: ResolvedView, rv: ResolvedView, budget: { pages: number }): void {
  const rightByStart = new Map(rt.entries.map((e) => [e.start, e]));
  const leftStarts = new Set(lt.entries.map((e) => e.start));
  const both: [EntrySnapshot, EntrySnapshot][] = [];
  for (const le of lt.entries) {
    const re = rightByStart.get(le.start);
    if (re === undefined) c.add('entries', `${name} ${w.hex(le.start)}–${w.hex(le.end)}: mapped ${L} only`, [ref.entry(le.id)]);
    else both.push([le, re]);
  }
  for (const re of rt.entries) if (!leftStarts.has(re.start)) c.add('entries', `${name} ${w.hex(re.start)}–${w.hex(re.end)}: mapped ${R} only`, [], [ref.entry(re.id)]);

  for (const [le, re] of both) {
    const at = `${name} ${w.hex(le.start)}`;
    const marks = (): [ElementRef[], ElementRef[]] => [[ref.entry(le.id)], [ref.entry(re.id)]];
    if (le.end !== re.end) c.add('entries', `${at}: the entry ends at ${w.hex(le.end)} ${L}, ${w.hex(re.end)} ${R}`, ...marks());
    if (le.protection !== re.protection) c.add('entries', `${at}: protection ${w.protString(le.protection)} ${L}, ${w.protString(re.protection)} ${R}`, ...marks());
    if (le.maxProtection !== re.maxProtection) c.add('entries', `${at}: maximum protection ${w.protString(le.maxProtection)} ${L}, ${w.protString(re.maxProtection)} ${R}`, ...marks());
    if (le.inheritance !== re.inheritance) c.add('entries', `${at}: inheritance ${w.inheritName(le.inheritance)} ${L}, ${w.inheritName(re.inheritance)} ${R}`, ...marks());
    if (le.shared !== re.shared) c.add('entries', `${at}: ${le.shared ? 'shared' : 'not shared'} ${L}, ${re.shared ? 'shared' : 'not shared'} ${R}`, ...marks());
    if (le.needsCopy !== re.needsCopy) c.add('entries', `${at}: needs_copy ${le.needsCopy ? 'set' : 'clear'} ${L}, ${re.needsCopy ? 'set' : 'clear'} ${R}`, ...marks());
    const ld = le.object === 0 ? 0 : lv.chain(le.object).length;
    const rd = re.object === 0 ? 0 : rv.chain(re.object).length;
    if (ld !== rd) {
      c.add('entries', `${at}: a chain of ${ld} object${ld === 1 ? '' : 's'} ${L}, ${rd} ${R}`, [ref.entry(le.id), ...(le.object === 0 ? [] : [ref.object(le.object)])], [ref.entry(re.id), ...(re.object === 0 ? [] : [ref.object(re.object)])]);
    }
    // the pages both entries map: what a read there finds
    const ps = lv.snap.pageSize;
    const end = Math.min(le.end, re.end);
    for (let a = le.start; a < end; a += ps) {
      if (budget.pages <= 0) {
        c.cut = true;
        return;
      }
      budget.pages--;
      const lp = lv.pageAt(lt.id, a);
      const rp = rv.pageAt(rt.id, a);
      const ls = contentOf(lv, lp);
      const rs = contentOf(rv, rp);
      if (ls !== rs) c.add('reads', `${name} ${w.hex(a)}: reads ${ls} ${L}, ${rs} ${R}`, pageRefs(lp), pageRefs(rp));
    }
  }
}

function compareCounters(c: Collector, name: string, lt: TaskSnapshot, rt: TaskSnapshot): void {
  const counters: [keyof TaskSnapshot, string][] = [['faults', 'page faults'], ['cowFaults', 'copy-on-write faults']];
  for (const [key, words] of counters) {
    const a = lt[key] as number;
    const b = rt[key] as number;
    if (a !== b) c.add('counters', `${name}: ${a} ${a === 1 ? words.slice(0, -1) : words} ${L}, ${b} ${R}`, [ref.task(lt.id)], [ref.task(rt.id)]);
  }
}

function compareStatements(w: DiffWords, c: Collector, left: CompareSide, right: CompareSide): void {
  const ls = left.steps;
  const rs = right.steps;
  if (ls === null || rs === null) return;
  const upTo = Math.min(left.step, right.step, w.stepCount(ls), w.stepCount(rs));
  const n = Math.min(upTo, MAX_COMPARED_STATEMENTS);
  if (n < upTo) c.cut = true;
  for (let i = 0; i < n; i++) {
    const a = w.summaryAt(ls, i);
    const b = w.summaryAt(rs, i);
    const at = `line ${a.line}`;
    if (a.kr !== b.kr && a.kr !== null && b.kr !== null) c.add('results', `${at}: kr = ${w.kernReturnName(a.kr)} ${L}, ${w.kernReturnName(b.kr)} ${R}`);
    for (const name of new Set([...Object.keys(a.outs), ...Object.keys(b.outs)])) {
      const av = a.outs[name];
      const bv = b.outs[name];
      const as = av === undefined ? 'not set' : w.formatShown(av);
      const bs = bv === undefined ? 'not set' : w.formatShown(bv);
      if (as !== bs) c.add('results', `${at}: ${name} = ${as} ${L}, ${bs} ${R}`);
    }
    if (a.assert !== null && b.assert !== null && a.assert.held !== b.assert.held) {
      c.add('results', `${at}: the assert ${a.assert.held ? 'holds' : 'fails'} ${L}, ${b.assert.held ? 'holds' : 'fails'} ${R}`);
    }
  }
  // a run that stopped at a statement the other went past
  for (const [s, side, other] of [[ls, L, right.step], [rs, R, left.step]] as const) {
    if (s.error !== null && s.error.index < other) c.add('results', `the run stops at line ${s.error.line} ${side}: ${s.error.message}`);
  }
}

/**
 * The differences between two sides (see the header). `sameText`: both runs are of one text (two
 * steps of it), so the statements' results are not compared (they are the same run's).
 */
export function differences(left: CompareSide, right: CompareSide, sameText: boolean, w: DiffWords): Differences {
  const c = new Collector();
  const lv = new ResolvedView(left.snapshot);
  const rv = new ResolvedView(right.snapshot);
  const rightTasks = new Map(right.snapshot.tasks.map((t) => [t.name, t]));
  const leftNames = new Set(left.snapshot.tasks.map((t) => t.name));
  const budget = { pages: MAX_COMPARED_PAGES };
  for (const lt of left.snapshot.tasks) {
    const rt = rightTasks.get(lt.name);
    if (rt === undefined) {
      c.add('entries', `task ${lt.name}: exists ${L} only`, [ref.task(lt.id)]);
      continue;
    }
    if (lt.alive !== rt.alive) c.add('entries', `task ${lt.name}: ${lt.alive ? 'alive' : 'terminated'} ${L}, ${rt.alive ? 'alive' : 'terminated'} ${R}`, [ref.task(lt.id)], [ref.task(rt.id)]);
    compareEntries(w, c, lt.name, lt, rt, lv, rv, budget);
    compareCounters(c, lt.name, lt, rt);
  }
  for (const rt of right.snapshot.tasks) if (!leftNames.has(rt.name)) c.add('entries', `task ${rt.name}: exists ${R} only`, [], [ref.task(rt.id)]);

  const lf = left.snapshot.freeFrames;
  const rf = right.snapshot.freeFrames;
  if (lf !== rf) c.add('counters', `free frames: ${lf} ${L}, ${rf} ${R}`);
  const lo = left.snapshot.objects.length;
  const ro = right.snapshot.objects.length;
  if (lo !== ro) c.add('counters', `VM objects: ${lo} ${L}, ${ro} ${R}`);
  if (!sameText) compareStatements(w, c, left, right);
  return { ...c.listed(), left: c.left, right: c.right, cut: c.cut };
}
