// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { clampSide, embedUrl, iframeCode, MAX_EMBED_SIDE, MIN_EMBED_SIDE } from './embed_code';

const OPTIONS = { start: 3, end: 9, autoplay: true, speed: 'normal' as const, hide: new Set(['scrubber' as const]) };

describe('embed code', () => {
  it('points at embed.html beside the playground, with the scenario and the options', () => {
    expect(embedUrl('https://uni.test/courses/vm/#builtin=fork_copy&step=16', 'builtin=fork_copy', OPTIONS)).toBe(
      'https://uni.test/courses/vm/embed.html#builtin=fork_copy&start=3&end=9&autoplay=1&hide=scrubber',
    );
    expect(embedUrl('https://uni.test/vm/index.html?x=1#s=abc', 's=abc', { ...OPTIONS, autoplay: false, hide: new Set() })).toBe(
      'https://uni.test/vm/embed.html#s=abc&start=3&end=9',
    );
  });

  it('escapes the title and the address in the iframe element', () => {
    const code = iframeCode('https://a.test/embed.html#builtin=x&step=1', 'Mach VM Playground: "quotes" <b>', { width: 960, height: 600 });
    expect(code).toBe(
      '<iframe title="Mach VM Playground: &quot;quotes&quot; &lt;b&gt;" src="https://a.test/embed.html#builtin=x&amp;step=1" width="960" height="600" style="border: 0; max-width: 100%" loading="lazy"></iframe>',
    );
    const doc = new DOMParser().parseFromString(code, 'text/html');
    const frame = doc.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toBe('https://a.test/embed.html#builtin=x&step=1');
    expect(frame.getAttribute('title')).toBe('Mach VM Playground: "quotes" <b>');
  });

  it('holds a size to the limits; the page width stays 100%', () => {
    expect(clampSide(10)).toBe(MIN_EMBED_SIDE);
    expect(clampSide(1e9)).toBe(MAX_EMBED_SIDE);
    expect(clampSide(Number.NaN)).toBe(MIN_EMBED_SIDE);
    expect(iframeCode('u', 't', { width: '100%', height: 99999 })).toContain(`width="100%" height="${MAX_EMBED_SIDE}"`);
  });
});
