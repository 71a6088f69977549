// @vitest-environment happy-dom
/**
 * Presentation mode's narration band (useBandFit): its texts sit in a box of an explicit height with
 * strict containment (a relayout boundary: a step's text lays out that box alone), and the box is
 * sized only after the texts are fitted: a headline that fits one size down never makes the box
 * (and the diagram's box below it) change height, a headline too long even at the floor grows it,
 * and a short one gives the room back. happy-dom lays nothing out: a stand-in for the browser's
 * layout gives each paragraph the height its text takes at its font size, and a stand-in
 * ResizeObserver reports when the test says a frame's layout has happened.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { StepRecord } from '../../scenario/interpreter';
import type { NarrationLine } from './line';
import { PresentationNarration, reservedHeight } from './PresentationNarration';

/** The observers made, and a frame: every observed element is reported once (what the browser does after a layout). */
const observers: { cb: ResizeObserverCallback; targets: Set<Element> }[] = [];
class FakeResizeObserver {
  private me: { cb: ResizeObserverCallback; targets: Set<Element> };
  constructor(cb: ResizeObserverCallback) {
    this.me = { cb, targets: new Set() };
    observers.push(this.me);
  }
  observe(el: Element) {
    this.me.targets.add(el);
  }
  unobserve(el: Element) {
    this.me.targets.delete(el);
  }
  disconnect() {
    this.me.targets.clear();
  }
}
function frame() {
  act(() => {
    for (const o of [...observers]) if (o.targets.size > 0) o.cb([...o.targets].map((target) => ({ target }) as ResizeObserverEntry), o as unknown as ResizeObserver);
  });
}

/** The viewport: 1000 px tall (1vh = 10 px); a text of n characters at s px takes ceil(n × s / 10000) lines, each `leading` × s tall. */
const VH = 10;
const LEADING: Record<string, number> = { 'narration-statement': 1.2, 'narration-headline': 1.15, 'narration-details': 1.25 };
function textHeight(el: HTMLElement): number {
  const size = parseFloat(el.style.fontSize) * VH;
  const lines = Math.max(1, Math.ceil(((el.textContent ?? '').length * size) / 10000));
  const min = parseFloat(el.style.minHeight) * VH || 0;
  return Math.max(min, lines * size * LEADING[el.dataset.testid!]);
}

beforeEach(() => {
  observers.length = 0;
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('innerHeight', 100 * VH);
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const id = this.dataset.testid ?? '';
    let height = 0;
    if (id in LEADING) height = textHeight(this);
    else if (id === 'narration') height = [...this.querySelectorAll<HTMLElement>('[data-testid^="narration-"]')].reduce((h, p) => h + textHeight(p), 0);
    return { x: 0, y: 0, left: 0, top: 0, width: 1000, height, right: 1000, bottom: height, toJSON() {} } as DOMRect;
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const record = { index: 0, line: 3, text: 'kr = vm_allocate(P, &a, 4096, anywhere)', events: [] } as unknown as StepRecord;
const lineOf = (text: string): NarrationLine[] => [{ text, tone: 'info' } as NarrationLine];

function box() {
  return screen.getByTestId('narration-box');
}
/** Watches the box's style attribute: `written()` is how many times it was written since (each a new height). */
function watchBox() {
  const mo = new MutationObserver(() => {});
  mo.observe(box(), { attributes: true, attributeFilter: ['style'] });
  return { written: () => mo.takeRecords().length };
}

describe('the narration band (presentation mode)', () => {
  it('is a relayout boundary: strict containment and an explicit height, its reserved one until measured', () => {
    render(<PresentationNarration record={record} lines={lineOf('TLB miss')} activeIndex={-1} details={false} empty="" />);
    expect(box().className).toContain('[contain:strict]');
    expect(box().style.height).toBe(reservedHeight(false));
    expect(reservedHeight(true)).not.toBe(reservedHeight(false));
  });

  it('sizes its box after the fit: a headline that fits one size down leaves the box as it was; one too long at the floor grows it; a short one gives the room back', () => {
    const { rerender } = render(<PresentationNarration record={record} lines={lineOf('short')} activeIndex={-1} details={false} empty="" />);
    frame();
    const settled = box().style.height;
    expect(settled).toMatch(/px$/);
    const headline = screen.getByTestId('narration-headline');
    expect(headline.dataset.fontVh).toBe('4.1');
    const boxStyle = watchBox();

    // 500 characters: 3 lines at 4.1vh (41 px), 2 at 3.9vh: fitted one size down, the box not written (its height did not change)
    rerender(<PresentationNarration record={record} lines={lineOf('x'.repeat(500))} activeIndex={-1} details={false} empty="" />);
    expect(headline.dataset.fontVh).toBe('4.1'); // the largest size first (a style write): the fit comes after the frame's layout
    frame();
    expect(headline.dataset.fontVh).toBe('3.9');
    expect(boxStyle.written()).toBe(0);
    expect(box().style.height).toBe(settled);

    // 700 characters: 3 lines even at the floor (3.7vh): the box grows by the third line, in the same report
    rerender(<PresentationNarration record={record} lines={lineOf('x'.repeat(700))} activeIndex={-1} details={false} empty="" />);
    frame();
    expect(headline.dataset.fontVh).toBe('3.7');
    expect(boxStyle.written()).toBe(1);
    expect(parseFloat(box().style.height)).toBeCloseTo(parseFloat(settled) + 3 * 37 * 1.15 - 2 * 41 * 1.15, 1);

    // a short headline again: the box back to its height
    rerender(<PresentationNarration record={record} lines={lineOf('short')} activeIndex={-1} details={false} empty="" />);
    frame();
    expect(headline.dataset.fontVh).toBe('4.1');
    expect(box().style.height).toBe(settled);
  });

  it('a resize fits every text and sizes the box at once (no frame needed)', () => {
    render(<PresentationNarration record={record} lines={lineOf('x'.repeat(500))} activeIndex={-1} details={false} empty="" />);
    const headline = screen.getByTestId('narration-headline');
    act(() => {
      window.dispatchEvent(new Event('resize'));
    });
    expect(headline.dataset.fontVh).toBe('3.9');
    expect(box().style.height).toMatch(/px$/);
  });
});
