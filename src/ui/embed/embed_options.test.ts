import { describe, expect, it } from 'vitest';
import { embedHash, parseEmbedOptions, SHOWN_VALUE } from './embed_options';

describe('parseEmbedOptions', () => {
  it('reads the start and end step, autoplay, speed and hidden controls', () => {
    const { options, problems } = parseEmbedOptions('#builtin=fork_copy&start=3&end=9&autoplay=1&speed=slow&hide=scrubber,open');
    expect(problems).toEqual([]);
    expect(options.start).toBe(3);
    expect(options.end).toBe(9);
    expect(options.autoplay).toBe(true);
    expect(options.speed).toBe('slow');
    expect([...options.hide].sort()).toEqual(['open', 'scrubber']);
  });

  it('shows everything, from step 0 to the end, without options', () => {
    const { options, problems } = parseEmbedOptions('#builtin=fork_copy');
    expect(problems).toEqual([]);
    expect(options).toMatchObject({ start: 0, end: null, autoplay: false, speed: 'normal' });
    expect(options.hide.size).toBe(0);
  });

  it('refuses an end before the start, and ignores values it does not know, saying so', () => {
    const { options, problems } = parseEmbedOptions('#builtin=x&start=9&end=3&autoplay=yes&speed=warp&hide=buttons,bogus');
    expect(options.end).toBeNull();
    expect(options.autoplay).toBe(false);
    expect(options.speed).toBe('normal');
    expect([...options.hide]).toEqual(['buttons']);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('the end step 3 is before the start step 9');
    expect(problems.join(' ')).toContain('"warp"');
    expect(problems.join(' ')).toContain('"bogus"');
  });

  it('repeats a hostile value only cut and printable: a link cannot fill the page', () => {
    const long = 'x'.repeat(5000);
    const { options, problems } = parseEmbedOptions(`#builtin=x&end=${long}&hide=%3Cscript%3E%E2%80%AE${long}`);
    expect(options.end).toBeNull();
    expect(problems).toHaveLength(2);
    for (const p of problems) expect(p.length).toBeLessThan(SHOWN_VALUE + 200);
    expect(problems[1]).toContain('<script>?');
    expect(problems[1]).not.toContain('\u202e');
  });

  it('embedHash writes what parseEmbedOptions reads', () => {
    const hash = '#builtin=a' + embedHash({ start: 2, end: 7, autoplay: true, speed: 'fast', hide: new Set(['narration', 'buttons']) });
    expect(hash).toBe('#builtin=a&start=2&end=7&autoplay=1&speed=fast&hide=buttons,narration');
    const back = parseEmbedOptions(hash);
    expect(back.problems).toEqual([]);
    expect(back.options).toMatchObject({ start: 2, end: 7, autoplay: true, speed: 'fast' });
    expect(embedHash({ start: 0, end: null, autoplay: false, speed: 'normal', hide: new Set() })).toBe('');
  });
});

describe('an old embed link', () => {
  it('step=N only opens there: the timeline still reaches every step', () => {
    const { options, problems } = parseEmbedOptions('#builtin=fork_copy&step=16');
    expect(problems).toEqual([]);
    expect(options.start).toBe(0);
    expect(options.end).toBeNull();
  });
});
