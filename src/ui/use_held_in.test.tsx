// @vitest-environment happy-dom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useHeldIn } from './use_held_in';

function Lender({ holder, value }: { holder: { current: string | null }; value: string }) {
  useHeldIn(holder, value);
  return null;
}

describe('useHeldIn', () => {
  it('holds the value while mounted, the new one when it changes, and nothing after unmount', () => {
    const holder = { current: null as string | null };
    const { rerender, unmount } = render(<Lender holder={holder} value="a" />);
    expect(holder.current).toBe('a');
    rerender(<Lender holder={holder} value="b" />);
    expect(holder.current).toBe('b');
    unmount();
    expect(holder.current).toBeNull();
  });

  it("does not empty the holder when another lender's value is in it", () => {
    const holder = { current: null as string | null };
    const first = render(<Lender holder={holder} value="first" />);
    render(<Lender holder={holder} value="second" />);
    expect(holder.current).toBe('second');
    first.unmount();
    expect(holder.current).toBe('second');
  });
});
