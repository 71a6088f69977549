// @vitest-environment happy-dom
/**
 * usePanZoom before its behaviour (d3-zoom, in a lazy chunk) has arrived: a Ctrl + wheel notch on the
 * diagram is kept and done when it arrives, and does not zoom the browser's page meanwhile.
 */
import { act, render } from '@testing-library/react';
import { useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { PanZoom } from './pan_zoom';
import { wheelFactor } from './pan_zoom';

const gate = vi.hoisted(() => {
  let open: () => void = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { zooms: [] as number[], opened, open: () => open() };
});
// the chunk arrives only when the test opens the gate
vi.mock('../export/lazy_views', async () => {
  await gate.opened;
  return {
    createPanZoom: (): PanZoom => ({
      fit() {}, reset() {}, zoomBy: (k: number) => void gate.zooms.push(k), setBounds() {}, view: () => ({ x: 0, y: 0, k: 1 }), destroy() {},
    }),
  };
});

const { usePanZoom } = await import('./usePanZoom');

function Diagram() {
  const svg = useRef<SVGSVGElement>(null);
  const viewport = useRef<SVGGElement>(null);
  usePanZoom(svg, viewport, { width: 400, height: 300, reduced: true });
  return (
    <svg ref={svg} data-testid="svg">
      <g ref={viewport} />
    </svg>
  );
}

const wheel = (el: Element, init: WheelEventInit) => {
  const e = new WheelEvent('wheel', { bubbles: true, cancelable: true, ...init });
  // happy-dom's WheelEvent does not take the modifier keys from its init
  Object.defineProperty(e, 'ctrlKey', { value: init.ctrlKey === true });
  el.dispatchEvent(e);
  return e;
};

describe('usePanZoom before the behaviour arrives', () => {
  it('keeps a Ctrl + wheel notch (not the page zoom) and zooms by it once the behaviour is here; a plain wheel is left to scroll', async () => {
    const { getByTestId } = render(<Diagram />);
    const svg = getByTestId('svg');
    const notch = wheel(svg, { deltaY: -100, ctrlKey: true });
    expect(notch.defaultPrevented).toBe(true);
    expect(wheel(svg, { deltaY: 100 }).defaultPrevented).toBe(false);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
      expect(gate.zooms).toEqual([]); // not yet here: nothing zoomed
      gate.open();
    });
    await vi.waitFor(() => expect(gate.zooms).toEqual([wheelFactor(-100, 0)]));
    expect(gate.zooms[0]).toBeGreaterThan(1.05);
    // once it is here, d3-zoom's own listener takes the wheel: the early one is gone
    expect(wheel(svg, { deltaY: -100, ctrlKey: true }).defaultPrevented).toBe(false);
  });
});
