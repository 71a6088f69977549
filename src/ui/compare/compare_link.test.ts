import { describe, expect, it } from 'vitest';
import { encodeShare } from '../../scenario/url_codec';
import { compareJson, compareLinkValue, compareUrl, decodeCompare, MAX_COMPARE_STEP, type CompareLink } from './compare_link';
import { parseHash } from '../hash';

const LESSONS = new Set(['fork_copy', 'fork_share']);
const valueOf = (json: string) => encodeShare(json);

describe('compare links', () => {
  const links: CompareLink[] = [
    { left: { kind: 'builtin', name: 'fork_copy' }, leftStep: 12, right: { kind: 'same' }, rightStep: 16 },
    { left: { kind: 'builtin', name: 'fork_share' }, leftStep: 33, right: { kind: 'change', change: { line: 7, col: 26, from: 'VM_INHERIT_SHARE', to: 'VM_INHERIT_COPY' } }, rightStep: 33 },
    { left: { kind: 'text', source: 'task A\n# é ✓ \u{1F600}\n' }, leftStep: 0, right: { kind: 'builtin', name: 'fork_copy' }, rightStep: 3 },
    { left: { kind: 'text', source: 'task A\n' }, leftStep: 1, right: { kind: 'text', source: 'task B\n' }, rightStep: 1 },
  ];

  it.each(links.map((l, i) => [i, l] as const))('round-trips link %i through #compare= and the fragment parser', (_, link) => {
    const made = compareLinkValue(link, LESSONS);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const url = compareUrl('https://x.test/app/#builtin=fork_copy&step=3', made.value, true);
    expect(url.startsWith('https://x.test/app/#compare=')).toBe(true);
    const req = parseHash(url.slice(url.indexOf('#')));
    expect(req.kind).toBe('compare');
    if (req.kind !== 'compare') return;
    const back = decodeCompare(req.value, LESSONS);
    expect(back).toEqual({ ok: true, link });
  });

  it('refuses hostile and damaged links, saying what is wrong', () => {
    const msg = (v: string) => {
      const r = decodeCompare(v, LESSONS);
      return r.ok ? 'opened' : r.message;
    };
    expect(msg('')).toMatch(/does not start with a format version/);
    expect(msg('1.%%%')).toMatch(/damaged/);
    expect(msg('1.' + 'A'.repeat(50))).toMatch(/damaged/);
    expect(msg(valueOf('not json'))).toBe('the comparison in the link is not valid (not JSON)');
    expect(msg(valueOf('[1]'))).toMatch(/not an object/);
    expect(msg(valueOf('{"v":2}'))).toMatch(/newer version/);
    expect(msg(valueOf('{"v":1,"l":{"b":"nope"},"ln":0,"r":{"same":1},"rn":0}'))).toMatch(/names no lesson of this playground \("nope"\)/);
    expect(msg(valueOf('{"v":1,"l":{"b":"fork_copy"},"ln":-1,"r":{"same":1},"rn":0}'))).toMatch(/steps are not whole numbers/);
    expect(msg(valueOf(`{"v":1,"l":{"b":"fork_copy"},"ln":${MAX_COMPARE_STEP + 1},"r":{"same":1},"rn":0}`))).toMatch(/steps/);
    expect(msg(valueOf('{"v":1,"l":{"b":"fork_copy"},"ln":0,"r":{"c":{"line":1,"col":1,"from":"KERN_SUCCESS","to":"KERN_FAILURE"}},"rn":0}'))).toMatch(/not a change within a family/);
    expect(msg(valueOf('{"v":1,"l":{"b":"fork_copy"},"ln":0,"r":{"c":{"line":0,"col":1,"from":"TRUE","to":"FALSE"}},"rn":0}'))).toMatch(/line and column/);
    expect(msg(valueOf('{"v":1,"l":{"b":"fork_copy"},"ln":0,"r":{"c":{"line":1,"col":1,"from":"<img>","to":"FALSE"}},"rn":0}'))).toMatch(/names no constants/);
    expect(msg(valueOf('{"v":1,"l":{"b":"fork_copy"},"ln":0,"rn":0}'))).toMatch(/right side is missing/);
    expect(msg(valueOf('{"v":1,"l":{},"ln":0,"r":{"same":1},"rn":0}'))).toMatch(/left side has no lesson and no text/);
  });

  it('writes the JSON it reads', () => {
    expect(compareJson(links[0])).toBe('{"v":1,"l":{"b":"fork_copy"},"ln":12,"r":{"same":1},"rn":16}');
  });
});
