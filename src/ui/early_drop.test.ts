import { describe, expect, it } from 'vitest';
import { keepEarlyDrops, takeEarlyDrop } from './early_drop';

/** A drag event as the browser makes one: its data's types, its files, and whether the page took it. */
function drag(type: string, files: File[], types = files.length > 0 ? ['Files'] : ['text/plain']) {
  const e = new Event(type, { cancelable: true }) as Event & { dataTransfer: unknown };
  e.dataTransfer = { types, files };
  return e;
}

describe('early_drop: a file dropped before the import code has arrived', () => {
  it('is the page\'s (the browser does not open it in place of the app) and is handed to the import code', () => {
    const page = new EventTarget() as unknown as Window;
    keepEarlyDrops(page);
    const file = new File(['task D\n'], 'dropped.vms', { type: 'text/plain' });
    const over = drag('dragover', [file]);
    page.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    const drop = drag('drop', [file]);
    page.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(takeEarlyDrop()).toBe(file);
    // taken once; afterwards the import code's own listeners decide
    expect(takeEarlyDrop()).toBeNull();
    const late = drag('drop', [file]);
    page.dispatchEvent(late);
    expect(late.defaultPrevented).toBe(false);
  });

  it('leaves drags of text (not files) to the browser, and keeps nothing when nothing was dropped', () => {
    const page = new EventTarget() as unknown as Window;
    keepEarlyDrops(page);
    const text = drag('drop', []);
    page.dispatchEvent(text);
    expect(text.defaultPrevented).toBe(false);
    expect(takeEarlyDrop()).toBeNull();
  });
});
