// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MachineDiagram } from './MachineDiagram';
import { finalSnapshot, snapshotsOf } from './test_snapshots';

afterEach(cleanup);

function forkCopy() {
  const snap = finalSnapshot('fork_copy');
  const P = snap.tasks.find((t) => t.name === 'P')!;
  const C = snap.tasks.find((t) => t.name === 'C')!;
  const sc = snap.objects.find((o) => o.id === C.entries[0].object)!;
  const O = snap.objects.find((o) => o.id === sc.shadow)!;
  return { snap, P, C, sc, O };
}

const hex = (n: number) => '0x' + n.toString(16);

describe('MachineDiagram', () => {
  it('renders tasks, objects, frames and the TLB with test ids, aria-labels and real text', () => {
    const { snap, P, C, sc, O } = forkCopy();
    const { container } = render(<MachineDiagram snapshot={snap} />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 1280 720');

    const taskP = screen.getByTestId('task-P');
    expect(taskP.getAttribute('aria-label')).toBe('task P: 1 map entry');
    expect(taskP.textContent).toContain(hex(P.entries[0].start));
    expect(taskP.textContent).toContain('rw-/rwx copy');
    expect(screen.getByTestId('task-C').textContent).toContain(hex(C.entries[0].start));

    const child = screen.getByTestId(`object-${sc.id}`);
    expect(child.getAttribute('aria-label')).toMatch(new RegExp(`^VM object ${sc.id}: 1 resident page, shadows object ${O.id}`));
    expect(child.textContent).toContain(`object ${sc.id}`);
    expect(child.textContent).toContain(`0x0 → frame ${sc.pages[0][1]}`);
    expect(screen.getByTestId(`object-${O.id}`).getAttribute('aria-label')).toMatch(new RegExp(`^VM object ${O.id}: 3 resident pages`));

    const f0 = screen.getByTestId('frame-0');
    const owner = snap.frameOwner[0];
    expect(f0.getAttribute('aria-label')).toMatch(owner === 0 ? /^frame 0: free$/ : new RegExp(`^frame 0: object ${owner} at 0x[0-9a-f]+, (dirty|clean)`));
    expect(f0.querySelector('text')!.textContent).toBe('0');
    expect(screen.getAllByTestId(/^frame-\d+$/)).toHaveLength(snap.frameOwner.length);
    const free = snap.frameOwner.findIndex((o) => o === 0);
    expect(screen.getByTestId(`frame-${free}`).getAttribute('data-free')).toBe('true');

    const tlb = screen.getByTestId('tlb');
    expect(tlb.getAttribute('aria-label')).toMatch(/^TLB: 4 sets of 4 ways, \d+ valid entr/);
    expect(tlb.textContent).toContain(`P: ${P.tlbHits} hit`);
    expect(within(tlb).getAllByRole('group')).toHaveLength(snap.tlbEntries);

    // every label is real text, at least 14 px
    const texts = [...container.querySelectorAll('text')];
    expect(texts.length).toBeGreaterThan(50);
    for (const t of texts) expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(14);
    // every data-key group is focusable and labelled
    for (const g of container.querySelectorAll('[data-key]')) {
      expect(g.getAttribute('tabindex')).toBe('0');
      expect(g.getAttribute('aria-label')).toBeTruthy();
    }
  });

  it('hovering an entry highlights its object, its shadow chain, the frames it reads and their links', () => {
    const { snap, C, sc, O } = forkCopy();
    const { container } = render(<MachineDiagram snapshot={snap} />);
    const entry = screen.getByTestId(`entry-${C.entries[0].id}`);
    const frameSc = sc.pages[0][1];
    const frameO0 = O.pages.find(([off]) => off === 0)![1];
    const frameO1 = O.pages.find(([off]) => off === 0x1000)![1];
    expect(screen.getByTestId(`object-${sc.id}`).getAttribute('data-highlighted')).toBeNull();

    fireEvent.mouseOver(entry.querySelector('text')!);
    expect(entry.getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId(`object-${sc.id}`).getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId(`object-${O.id}`).getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId(`frame-${frameSc}`).getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId(`frame-${frameO1}`).getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId(`frame-${frameO0}`).getAttribute('data-highlighted')).toBeNull(); // hidden by the child's shadow
    expect(screen.getByTestId('task-P').getAttribute('data-highlighted')).toBeNull();
    const lit = [...container.querySelectorAll('path[data-link][data-highlighted="true"]')].map((p) => p.getAttribute('data-link'));
    expect(lit).toContain('map');
    expect(lit).toContain('shadow');
    expect(lit).toContain('frame');
    const tlbLit = screen.getByTestId('tlb').querySelectorAll('[data-highlighted="true"]');
    expect(tlbLit.length).toBe(snap.tlb.filter((t) => [frameSc, frameO1, O.pages.find(([off]) => off === 0x2000)![1]].includes(t.pfn)).length);

    fireEvent.mouseLeave(entry.closest('[data-testid="diagram-viewport"]')!.firstElementChild!);
    expect(container.querySelectorAll('[data-highlighted="true"]')).toHaveLength(0);
  });

  it('focusing an element with the keyboard highlights its path too', () => {
    const { snap, sc } = forkCopy();
    render(<MachineDiagram snapshot={snap} />);
    const frame = screen.getByTestId(`frame-${sc.pages[0][1]}`);
    fireEvent.focus(frame);
    expect(frame.getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId(`object-${sc.id}`).getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByTestId(`page-${sc.id}-0`).getAttribute('data-highlighted')).toBe('true');
    fireEvent.blur(frame);
    expect(frame.getAttribute('data-highlighted')).toBeNull();
  });

  it('calls onPageClick with the task and the page address, by mouse and by keyboard', () => {
    const { snap, C } = forkCopy();
    const onPageClick = vi.fn();
    render(<MachineDiagram snapshot={snap} onPageClick={onPageClick} />);
    const e = C.entries[0];
    const page1 = screen.getByRole('button', { name: `page ${hex(e.start + 0x1000)} of task C: read or write here` });
    fireEvent.click(page1);
    expect(onPageClick).toHaveBeenLastCalledWith('C', e.start + 0x1000);
    const page2 = screen.getByRole('button', { name: `page ${hex(e.start + 0x2000)} of task C: read or write here` });
    fireEvent.keyDown(page2, { key: 'Enter' });
    expect(onPageClick).toHaveBeenLastCalledWith('C', e.start + 0x2000);
    fireEvent.keyDown(screen.getByTestId(`entry-${e.id}`), { key: 'Enter' });
    expect(onPageClick).toHaveBeenLastCalledWith('C', e.start);
    expect(onPageClick).toHaveBeenCalledTimes(3);
  });

  it('emphasises the elements the current step touched', () => {
    const { snap, P, sc } = forkCopy();
    const frame = sc.pages[0][1];
    render(<MachineDiagram snapshot={snap} highlight={{ objects: [sc.id], frames: [frame], entries: [P.entries[0].id], tasks: [P.id] }} />);
    const obj = screen.getByTestId(`object-${sc.id}`);
    expect(obj.getAttribute('data-step')).toBe('true');
    const outline = obj.querySelector('rect')!;
    expect(outline.getAttribute('stroke')).toBe('#f0abfc');
    expect(Number(outline.getAttribute('stroke-width'))).toBeGreaterThan(3);
    expect(screen.getByTestId(`frame-${frame}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId(`entry-${P.entries[0].id}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId('task-P').getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId('task-C').getAttribute('data-step')).toBeNull();
  });

  it('scales text up and uses pure black and white in presentation mode', () => {
    const { container } = render(<MachineDiagram snapshot={finalSnapshot('fork_copy')} presentation />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('data-presentation')).toBe('true');
    expect(svg.style.background).toMatch(/#000000|rgb\(0, 0, 0\)/);
    for (const t of container.querySelectorAll('text')) expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(20);
  });

  it('re-renders a later step without losing elements that did not change', () => {
    const steps = snapshotsOf('fork_copy');
    const { rerender } = render(<MachineDiagram snapshot={steps[5]} />);
    const before = screen.getByTestId('task-P').querySelector('rect')!.getAttribute('x');
    rerender(<MachineDiagram snapshot={steps[steps.length - 1]} />);
    expect(screen.getByTestId('task-P').querySelector('rect')!.getAttribute('x')).toBe(before);
    expect(screen.getByTestId('task-C')).toBeTruthy();
  });
});
