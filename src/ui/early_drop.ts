/**
 * early_drop: a file dropped on the page before the import code has arrived (it is in a lazy
 * chunk, issue 18) must neither make the browser open the file in place of the app (losing what
 * was typed) nor be lost: from the start the page takes file drags, and keeps the last file
 * dropped until ImportScenario takes over (takeEarlyDrop), which opens it as any dropped file.
 */

let pending: File | null = null;
let installed: (() => void) | null = null;

function hasFiles(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  return types !== undefined && types !== null && Array.from(types).includes('Files');
}

/** Takes file drags on `target` until takeEarlyDrop is called (main.tsx, before the first render). */
export function keepEarlyDrops(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): void {
  if (installed !== null) return;
  const allow = (e: DragEvent) => {
    if (hasFiles(e)) e.preventDefault(); // the drop is the page's, not the browser's
  };
  const keep = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    pending = e.dataTransfer?.files?.[0] ?? pending;
  };
  target.addEventListener('dragenter', allow as EventListener);
  target.addEventListener('dragover', allow as EventListener);
  target.addEventListener('drop', keep as EventListener);
  installed = () => {
    target.removeEventListener('dragenter', allow as EventListener);
    target.removeEventListener('dragover', allow as EventListener);
    target.removeEventListener('drop', keep as EventListener);
  };
}

/** Ends the early keeping (the import code's own listeners take over) and gives the file dropped meanwhile, if any. */
export function takeEarlyDrop(): File | null {
  installed?.();
  installed = null;
  const file = pending;
  pending = null;
  return file;
}
