import { describe, expect, it } from 'vitest';
import { NOTATIONS, NOTATION_GROUPS, endName, linkLabel, linkNotation } from './notations';
import { computeLayout } from './layout';
import { allTexts } from './layout/lookup';
import { FRAME_SWATCHES, PAGE_SWATCHES, TLB_SWATCHES, type LabelKind, type LinkKind } from './layout/types';
import { ref } from './element_ref';
import { DARK } from './theme';
import { finalSnapshot, scenarioNames, snapshotsOf } from './test_snapshots';

const covered = (pick: (c: NonNullable<(typeof NOTATIONS)[number]['covers']>) => readonly string[] | string | undefined) =>
  new Set(NOTATIONS.flatMap((n) => (n.covers === undefined ? [] : [pick(n.covers)].flat().filter((x): x is string => x !== undefined))));

describe('the notation table', () => {
  it('has a row for every kind of arrow the theme colours (a new kind needs a colour, then a row)', () => {
    const kinds = Object.keys(DARK.link) as LinkKind[];
    const rows = covered((c) => c.link);
    for (const k of kinds) expect(rows.has(k), `no legend row for arrows of kind ${k}`).toBe(true);
    for (const k of kinds) expect(linkNotation(k).hint).toBeTruthy();
  });

  it('has a row for every colour of the compact grids', () => {
    const rows = covered((c) => c.swatches);
    for (const s of [...FRAME_SWATCHES, ...TLB_SWATCHES, ...PAGE_SWATCHES]) expect(rows.has(s), `no legend row for the grid colour ${s}`).toBe(true);
  });

  it('has a row for every kind of label and every arrow the lessons draw, on screen and in presentation mode', () => {
    const labels = covered((c) => c.labels);
    const links = covered((c) => c.link);
    const seenLabels = new Set<LabelKind>();
    const seenLinks = new Set<LinkKind>();
    for (const name of scenarioNames()) {
      const snaps = snapshotsOf(name);
      for (const snap of [snaps[Math.floor(snaps.length / 2)], snaps[snaps.length - 1]]) {
        for (const layout of [computeLayout(snap), computeLayout(snap, { fontSize: 20, stage: { width: 1600, height: 800, vh: 10.8 } })]) {
          for (const t of allTexts(layout)) seenLabels.add(t.kind);
          for (const l of layout.links) seenLinks.add(l.kind);
        }
      }
    }
    for (const k of seenLabels) expect(labels.has(k), `the diagram draws labels of kind ${k} that no legend row explains`).toBe(true);
    for (const k of seenLinks) expect(links.has(k), `the diagram draws arrows of kind ${k} that no legend row explains`).toBe(true);
    // the lessons draw the arrows the legend shows (the table explains nothing that is never drawn)
    expect([...seenLinks].sort()).toEqual(expect.arrayContaining(['frame', 'map', 'pager', 'shadow']));
  });

  it('ids are unique, every row is in a group the legend shows, and says what it means', () => {
    expect(new Set(NOTATIONS.map((n) => n.id)).size).toBe(NOTATIONS.length);
    const groups = new Set(NOTATION_GROUPS.map((g) => g.id));
    for (const n of NOTATIONS) {
      expect(groups.has(n.group)).toBe(true);
      expect(n.meaning.length).toBeGreaterThan(20);
    }
  });

  it('explains the compact labels the issue asked about: "1@0x1000", "C 0x1 →3" and the orange stripe', () => {
    const frame = NOTATIONS.find((n) => n.id === 'frame')!;
    expect(frame.meaning).toMatch(/Frame 1 holds the page of object 1 at offset 0x1000/);
    expect(NOTATIONS.find((n) => n.id === 'tlb')!.meaning).toMatch(/virtual page 0x1 .*address 0x1000.* → frame 0/);
    expect(NOTATIONS.find((n) => n.id === 'frame-dirty')!.name).toMatch(/orange stripe/i);
  });
});

describe('arrow labels', () => {
  it('names both ends and what the arrow means', () => {
    const snap = finalSnapshot('fork_copy');
    const layout = computeLayout(snap);
    const shadow = layout.links.find((l) => l.kind === 'shadow')!;
    expect(linkLabel(layout, shadow)).toMatch(/^shadow: object \d+ → object \d+ \(copy-on-write: reads fall through\)$/);
    const map = layout.links.find((l) => l.kind === 'map')!;
    expect(linkLabel(layout, map)).toMatch(/^mapping: entry 0x[0-9a-f]+–0x[0-9a-f]+ of task [PC] → object \d+ \(/);
    const frame = layout.links.find((l) => l.kind === 'frame')!;
    expect(linkLabel(layout, frame)).toMatch(/^frame: page 0x[0-9a-f]+ of object \d+ → frame \d+ \(the page is in this frame\)$/);
    expect(endName(layout, ref.pager(null))).toBe('the default pager');
    expect(endName(layout, ref.pager('data'))).toBe('file data');
  });
});
