/**
 * The blank screen (key ., as slide tools have): the whole page goes black, so a projected hall
 * looks at the lecturer and not at the machine. Any key or a click brings the page back, and that
 * key does nothing else (it is caught before every other handler: → does not also step, Escape
 * does not also leave presentation mode); Shift, Ctrl, Alt and ⌘ alone do not count, so
 * Shift+Space is one key. The black cover is a live region, always present (hidden while not
 * blank), that tells a screen reader what happened.
 */
import { useEffect } from 'react';

export const BLANKED_TEXT = 'Screen blanked — press any key';
/** Keys that are only half of a key press. */
const MODIFIER = /^(Shift|Control|Alt|AltGraph|Meta|CapsLock)$/;

export function BlankScreen({ blank, setBlank }: { blank: boolean; setBlank(blank: boolean): void }) {
  useEffect(() => {
    if (!blank) return;
    const onKey = (e: KeyboardEvent) => {
      if (MODIFIER.test(e.key)) return;
      // first of all handlers (window, capture phase): the key only brings the page back
      e.preventDefault();
      e.stopImmediatePropagation();
      setBlank(false);
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [blank, setBlank]);

  // one element: the live region, which covers the page while it is blank
  return (
    <p role="status" data-blank={blank} className={blank ? 'fixed inset-0 z-[100] bg-black' : 'sr-only'} onClick={() => setBlank(false)}>
      {blank && <span className="sr-only">{BLANKED_TEXT}</span>}
    </p>
  );
}
