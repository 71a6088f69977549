// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_FACES, warmFonts, warmupBox } from './font_warmup';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('font_warmup', () => {
  it('holds one span a face and size of the first frames, hidden from screen readers, in the code font where the page uses it', () => {
    const box = warmupBox(document);
    expect(box.getAttribute('aria-hidden')).toBe('true');
    expect(box.className).toBe('font-warmup');
    const spans = [...box.children] as HTMLElement[];
    expect(spans).toHaveLength(FIRST_FACES.reduce((n, f) => n + f.px.length, 0));
    const faces = spans.map((s) => `${s.className === 'font-code' ? 'code' : 'sans'} ${s.style.fontWeight} ${s.style.fontSize}`);
    expect(faces).toContain('code 400 15px'); // the editor's text
    expect(faces).toContain('code 700 16px'); // the diagram's band titles
    expect(faces).toContain('sans 500 16px'); // the header's buttons
    expect(new Set(faces).size).toBe(faces.length);
    for (const s of spans) expect(s.textContent).not.toBe('');
  });

  it('is added after the next frame, laid out by the one after, and removed once that frame is over', () => {
    // the browser's frames and tasks, run by hand
    const frames: FrameRequestCallback[] = [];
    const tasks: (() => void)[] = [];
    const win = {
      requestAnimationFrame: (f: FrameRequestCallback) => frames.push(f),
      setTimeout: (f: () => void) => tasks.push(f),
    } as unknown as Pick<Window, 'requestAnimationFrame' | 'setTimeout'>;
    const frame = () => frames.splice(0).forEach((f) => f(0));
    const task = () => tasks.splice(0).forEach((f) => f());
    warmFonts(document, win);
    const box = () => document.querySelector('.font-warmup');
    expect(box()).toBeNull(); // the boot screen's frame comes first
    frame();
    task();
    expect(box()).not.toBeNull();
    frame(); // the frame that lays it out
    expect(box()).not.toBeNull();
    task();
    expect(box()).toBeNull();
  });
});
