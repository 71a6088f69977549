// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ScenarioStore } from '../../store/scenario_store';
import { ImportScenario, MAX_SCENARIO_BYTES, readScenarioFile } from './ImportScenario';
import { keepEarlyDrops } from '../early_drop';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The few store methods ImportScenario uses, recorded. */
function fakeStore() {
  const state = { loadSource: vi.fn<(text: string, step?: number) => void>(), setBanner: vi.fn<(message: string | null) => void>() };
  const store = { getState: () => state } as unknown as ScenarioStore;
  return { store, state };
}

function pick(file: File) {
  const input = screen.getByLabelText('Open .vms') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [file] } });
}

const SOURCE = 'task P\nkr = vm_allocate(P, &a, 0x2000, anywhere)\n';

describe('ImportScenario: the file picker', () => {
  it('is a file input for .vms and text files, labelled "Open .vms"', () => {
    render(<ImportScenario store={fakeStore().store} />);
    const input = screen.getByLabelText('Open .vms') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.vms,text/plain');
    expect(input.className).toContain('sr-only');
  });

  it('loads the picked file\'s text and clears the banner', async () => {
    const { store, state } = fakeStore();
    render(<ImportScenario store={store} />);
    pick(new File([SOURCE], 'mine.vms', { type: '' }));
    await waitFor(() => expect(state.loadSource).toHaveBeenCalledTimes(1));
    expect(state.loadSource).toHaveBeenCalledWith(SOURCE);
    expect(state.setBanner).toHaveBeenCalledWith(null);
  });

  it('refuses a file over MAX_FILE_BYTES (3,000,000 bytes, as the CLI), naming it', async () => {
    const { store, state } = fakeStore();
    render(<ImportScenario store={store} />);
    pick(new File(['x'.repeat(4 * 1024 * 1024)], 'huge.vms', { type: 'text/plain' }));
    await waitFor(() => expect(state.setBanner).toHaveBeenCalledTimes(1));
    const message = state.setBanner.mock.calls[0][0]!;
    expect(message).toContain('"huge.vms"');
    expect(message).toMatch(/too large to open \(4\.0 MB; a scenario is at most 1,000,000 characters, so its file at most 3,000,000 bytes\)/);
    expect(state.loadSource).not.toHaveBeenCalled();
  });

  it('refuses a file with NUL bytes, naming it', async () => {
    const { store, state } = fakeStore();
    render(<ImportScenario store={store} />);
    pick(new File([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00])], 'a.out', { type: 'application/octet-stream' }));
    await waitFor(() => expect(state.setBanner).toHaveBeenCalledTimes(1));
    const message = state.setBanner.mock.calls[0][0]!;
    expect(message).toContain('"a.out"');
    expect(message).toMatch(/not a text file/);
    expect(state.loadSource).not.toHaveBeenCalled();
  });
});

describe('readScenarioFile', () => {
  it('takes exactly MAX_SCENARIO_BYTES, drops a UTF-8 BOM, and only looks for NUL in the first 4 KB', async () => {
    expect(await readScenarioFile(new File(['a'.repeat(MAX_SCENARIO_BYTES)], 'max.vms'))).toMatchObject({ ok: true });
    expect(await readScenarioFile(new File(['a'.repeat(MAX_SCENARIO_BYTES + 1)], 'over.vms'))).toMatchObject({ ok: false });
    expect(await readScenarioFile(new File([new Uint8Array([0xef, 0xbb, 0xbf]), 'task A → B\n'], 'bom.vms'))).toEqual({ ok: true, text: 'task A → B\n' });
    const late = new Uint8Array(5000).fill(0x61);
    late[4500] = 0;
    expect(await readScenarioFile(new File([late], 'late.vms'))).toMatchObject({ ok: true });
    late[4000] = 0;
    expect(await readScenarioFile(new File([late], 'early.vms'))).toMatchObject({ ok: false });
  });
});

describe('ImportScenario: drag and drop anywhere', () => {
  const files = (...f: File[]) => ({ dataTransfer: { types: ['Files'], files: f, dropEffect: 'none' } });

  it('opens a file dropped before it arrived (kept by early_drop from the page\'s start)', async () => {
    keepEarlyDrops(window);
    const file = new File([SOURCE], 'early.vms', { type: 'text/plain' });
    expect(fireEvent.drop(document.body, files(file))).toBe(false); // the page's drop, not the browser's
    const { store, state } = fakeStore();
    render(<ImportScenario store={store} />);
    await waitFor(() => expect(state.loadSource).toHaveBeenCalledWith(SOURCE));
  });

  it('shows the overlay while a file is dragged over the page, and loads the dropped file', async () => {
    const { store, state } = fakeStore();
    render(<ImportScenario store={store} />);
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    const file = new File([SOURCE], 'dropped.vms', { type: 'text/plain' });
    act(() => {
      fireEvent.dragEnter(document.body, files());
    });
    expect(screen.getByTestId('drop-overlay').textContent).toContain('Drop a .vms file to open it');
    // crossing into a child and back out keeps it up
    act(() => {
      fireEvent.dragEnter(document.body.firstElementChild!, files());
      fireEvent.dragLeave(document.body, files());
    });
    expect(screen.queryByTestId('drop-overlay')).not.toBeNull();
    const over = fireEvent.dragOver(document.body, files());
    expect(over).toBe(false); // default prevented: the drop is allowed
    act(() => {
      fireEvent.drop(document.body, files(file));
    });
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    await waitFor(() => expect(state.loadSource).toHaveBeenCalledWith(SOURCE));
    expect(state.setBanner).toHaveBeenCalledWith(null);
  });

  it('hides the overlay when the drag leaves the window', () => {
    render(<ImportScenario store={fakeStore().store} />);
    act(() => {
      fireEvent.dragEnter(document.body, files());
    });
    expect(screen.queryByTestId('drop-overlay')).not.toBeNull();
    act(() => {
      fireEvent.dragLeave(document.body, files());
    });
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
  });

  it('ignores dragged text (not files): the editor takes it', () => {
    render(<ImportScenario store={fakeStore().store} />);
    const text = { dataTransfer: { types: ['text/plain'], files: [] } };
    act(() => {
      fireEvent.dragEnter(document.body, text);
    });
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    expect(fireEvent.dragOver(document.body, text)).toBe(true);
  });

  it('refuses a dropped binary file with a banner', async () => {
    const { store, state } = fakeStore();
    render(<ImportScenario store={store} />);
    act(() => {
      fireEvent.drop(document.body, files(new File([new Uint8Array([1, 0, 2])], 'photo.jpg')));
    });
    await waitFor(() => expect(state.setBanner).toHaveBeenCalledTimes(1));
    expect(state.setBanner.mock.calls[0][0]).toContain('"photo.jpg"');
    expect(state.loadSource).not.toHaveBeenCalled();
  });

  it('stops listening when unmounted', async () => {
    const { store, state } = fakeStore();
    const { unmount } = render(<ImportScenario store={store} />);
    unmount();
    fireEvent.drop(document.body, files(new File([SOURCE], 'late.vms')));
    await new Promise((r) => setTimeout(r, 20));
    expect(state.loadSource).not.toHaveBeenCalled();
  });
});
