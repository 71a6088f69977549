// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createStore } from 'zustand/vanilla';
import type { ScenarioState, ScenarioStore } from '../../store/scenario_store';
import { MachineDiagram } from '../diagram/MachineDiagram';
import { finalSnapshot } from '../diagram/test_snapshots';
import { ExportMenu } from './ExportMenu';
import { findDiagramSvg, serializeDiagram } from './svg_export';
import { SHEET_WORDS } from '../sheet_words';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** A store with the fields ExportMenu reads. */
function fakeStore(over: Partial<ScenarioState> = {}) {
  const setBanner = vi.fn();
  const store = createStore(() => ({ builtinName: 'fork_copy', cursor: 4, snapshot: null, source: 'task P\n', setBanner, ...over }));
  return store as unknown as ScenarioStore;
}

/** Downloads made through <a download>: file name and contents. */
function captureDownloads() {
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  const out: { name: string; blob: Blob }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    out.push({ name: this.download, blob: blobs.get(this.getAttribute('href')!)! });
  });
  return out;
}

describe('ExportMenu', () => {
  it('disables the picture exports while there is no diagram, but still saves the text', async () => {
    const downloads = captureDownloads();
    render(<ExportMenu store={fakeStore({ builtinName: null })} getSvg={() => null} />);
    expect((screen.getByRole('button', { name: 'Export SVG' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Export PNG' }) as HTMLButtonElement).disabled).toBe(true);
    const save = screen.getByRole('button', { name: 'Save .vms' }) as HTMLButtonElement;
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    expect(downloads.map((d) => d.name)).toEqual(['scenario.vms']);
    expect(await downloads[0].blob.text()).toBe('task P\n');
  });

  it('exports the real diagram as mach-vm-<name>-step-<cursor>.svg with all its labels', async () => {
    const downloads = captureDownloads();
    const { container } = render(
      <>
        <MachineDiagram snapshot={finalSnapshot('fork_copy')} />
        <ExportMenu store={fakeStore()} getSvg={() => findDiagramSvg()} />
      </>,
    );
    const svgButton = screen.getByRole('button', { name: 'Export SVG' }) as HTMLButtonElement;
    // the diagram draws its picture once it has measured its box: the menu finds it by the next frame
    await waitFor(() => expect(svgButton.disabled).toBe(false));
    fireEvent.click(svgButton);
    expect(downloads.map((d) => d.name)).toEqual(['mach-vm-fork_copy-step-4.svg']);
    expect(downloads[0].blob.type).toBe('image/svg+xml;charset=utf-8');
    const text = await downloads[0].blob.text();
    expect(text).toBe(serializeDiagram(findDiagramSvg()!));
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const page = container.querySelector('svg')!;
    const labels = (root: ParentNode) => Array.from(root.querySelectorAll('text')).map((t) => t.textContent);
    expect(labels(doc).length).toBeGreaterThan(10);
    expect(labels(doc)).toEqual(labels(page));
    for (const id of ['task-P', 'task-C', 'tlb', 'frames']) expect(doc.querySelector(`[data-testid="${id}"]`)).not.toBeNull();
    expect(doc.querySelector('[tabindex]')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Save .vms' }));
    expect(downloads[1].name).toBe('fork_copy.vms');
  });

  it('with Light sheet, exports the picture on white with the title, step, statement and caption (-light)', async () => {
    const downloads = captureDownloads();
    const words = { ...SHEET_WORDS, captionOf: () => 'fork returned KERN_SUCCESS: task C is a child of task P.', statementAt: () => 'task C = fork(P)' };
    const store = fakeStore({ builtins: [{ name: 'fork_copy', title: 'Fork with VM_INHERIT_COPY', goal: '' }], total: 37, outcome: null, record: null, taskNames: {} });
    render(
      <>
        <MachineDiagram snapshot={finalSnapshot('fork_copy')} />
        <ExportMenu store={store} getSvg={() => findDiagramSvg()} words={words} />
      </>,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Light sheet' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Export SVG' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }));
    expect(downloads.map((d) => d.name)).toEqual(['mach-vm-fork_copy-step-4-light.svg']);
    const doc = new DOMParser().parseFromString(await downloads[0].blob.text(), 'image/svg+xml');
    expect(doc.querySelector('[data-export="background"]')!.getAttribute('fill')).toBe('#ffffff');
    const text = (id: string) => [...doc.querySelectorAll(`[data-testid="${id}"]`)].map((t) => t.textContent).join(' ');
    expect(text('sheet-title')).toBe('Fork with VM_INHERIT_COPY');
    expect(text('sheet-step')).toBe('step 4 / 37');
    expect(text('sheet-statement')).toBe('task C = fork(P)');
    expect(text('sheet-caption')).toBe('fork returned KERN_SUCCESS: task C is a child of task P.');
    expect(doc.querySelector('[data-testid="task-C"]')).not.toBeNull();
  });
});
