import { describe, expect, it } from 'vitest';
import { DARK, type Theme } from './theme';
import { DARK_TO_LIGHT, LIGHT, lightColour } from './light_theme';

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the light theme', () => {
  it('prints every text colour dark on white (≥ 7:1)', () => {
    for (const tone of Object.keys(LIGHT.text) as (keyof Theme['text'])[]) {
      expect(contrast(LIGHT.text[tone], LIGHT.background), tone).toBeGreaterThanOrEqual(7);
    }
    expect(contrast(LIGHT.stroke, LIGHT.background)).toBeGreaterThanOrEqual(7);
  });

  it('gives each dark colour one light colour (a dark diagram recolours without ambiguity)', () => {
    const seen = new Map<string, string>();
    const walk = (d: unknown, l: unknown) => {
      if (typeof d === 'string' && typeof l === 'string') {
        const before = seen.get(d.toLowerCase());
        expect(before === undefined || before === l.toLowerCase(), `${d} → ${before} and ${l}`).toBe(true);
        seen.set(d.toLowerCase(), l.toLowerCase());
      } else if (typeof d === 'object' && d !== null) {
        for (const k of Object.keys(d)) walk((d as Record<string, unknown>)[k], (l as Record<string, unknown>)[k]);
      }
    };
    walk(DARK, LIGHT);
    expect(DARK_TO_LIGHT.size).toBe(seen.size);
    expect(lightColour(DARK.background)).toBe('#ffffff');
    expect(lightColour(' #F1F5F9 ')).toBe(LIGHT.text.normal);
    expect(lightColour('none')).toBe('none');
    expect(lightColour('url(#x)')).toBe('url(#x)');
  });
});
