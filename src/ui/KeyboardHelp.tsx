/**
 * KeyboardHelp: the keyboard shortcuts list, made from the command registry (every command, the
 * keys that run it). A disclosure: its button (or the command's key, k) opens a small non-modal
 * dialog under it and moves the focus there; Escape, Close, the button, k, a click elsewhere or
 * Tab past its end shut it, and the focus goes back to the button if it was in the list. The other keys keep
 * working while it is open. Its table (ShortcutsTable.tsx, in the export area's lazy chunk) is the
 * reference panel's too.
 */
import { lazy, Suspense, useEffect, useId, useRef } from 'react';
import { ariaKeyShortcuts, command, keyHint } from './commands';

// the table, in the export area's lazy chunk (fetched just after the first render; the reference panel shows it too)
const ShortcutsTable = lazy(() => import('./export/lazy_views').then((m) => ({ default: m.ShortcutsTable })));

export function KeyboardHelp({ open, setOpen, large = false }: { open: boolean; setOpen: (open: boolean) => void; large?: boolean }) {
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const self = command('shortcuts');
  const wasOpen = useRef(false);

  useEffect(() => {
    const closed = wasOpen.current && !open;
    wasOpen.current = open;
    if (open) {
      panel.current?.focus();
      // a click outside closes the list
      const onDown = (e: PointerEvent) => {
        if (!(e.target instanceof Node) || root.current?.contains(e.target) !== true) setOpen(false);
      };
      document.addEventListener('pointerdown', onDown);
      return () => document.removeEventListener('pointerdown', onDown);
    }
    // the list had the focus and is gone: give it to the button rather than to the page
    if (closed && (document.activeElement === null || document.activeElement === document.body)) toggle.current?.focus();
  }, [open, setOpen]);

  // never taller than the room under the header: a long list scrolls inside (the page does not)
  const skin = large ? 'max-h-[calc(92vh-0.5rem)] overflow-y-auto border-white bg-black text-[2.6vh]' : 'max-h-[80vh] overflow-y-auto border-slate-500 bg-slate-900 text-base';
  // presentation mode's header buttons: sized in vh like the rest of that header
  const buttonLook = large
    ? 'whitespace-nowrap rounded border-[0.25vh] border-slate-300 bg-black px-[0.7vw] py-[0.4vh] font-medium leading-tight text-white hover:bg-slate-800 focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-offset-[0.3vh] focus-visible:outline-sky-300'
    : 'rounded border border-slate-400 px-3 py-1.5 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300';
  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        // Escape closes the list only (in presentation mode it does not also leave it)
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }}
      onBlur={(e) => {
        // Tab past the list closes it (Escape must not be left to a list the focus has left)
        if (open && e.relatedTarget instanceof Node && root.current?.contains(e.relatedTarget) !== true) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-keyshortcuts={ariaKeyShortcuts(self)}
        title={`${self.label}: ${keyHint(self).toLowerCase()}`}
        // presentation mode's header is short of room: "Keys" there, its label its accessible name
        aria-label={large ? self.label : undefined}
        className={buttonLook}
        onClick={() => setOpen(!open)}
      >
        {large ? 'Keys' : (self.short ?? self.label)}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-label={self.label}
          tabIndex={-1}
          data-testid="shortcuts"
          className={`absolute right-0 top-full z-50 mt-1 w-max max-w-[90vw] rounded border p-3 text-slate-100 shadow-lg focus:outline focus:outline-2 focus:outline-sky-300 ${skin}`}
        >
          <Suspense fallback={<p>{self.label}…</p>}>
            <ShortcutsTable caption={self.label} />
          </Suspense>
          <p className={`mt-2 max-w-[28rem] text-slate-300 ${large ? 'text-[2.2vh]' : 'text-sm'}`}>
            Not while typing in the scenario or a field. The diagram also zooms with Ctrl (⌘) + wheel and pans by dragging.
          </p>
          <button type="button" className="mt-2 rounded border border-slate-500 px-2 py-0.5 hover:bg-slate-700" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
