/**
 * How any part of the page opens the reference panel (key ?, the Reference button, a narration
 * line's "Rule: ..."), at an entry or not, without knowing where the panel is drawn: the page (App)
 * registers how it opens and closes the panel while mounted; without it (tests, the handout) the
 * calls do nothing. Anchors are reference.ts's entry ids ('call-vm_map') and ruleAnchor's ('rule-trap').
 */

export interface ReferenceOpener {
  /** Opens the panel, scrolled to the entry `anchor` (null: where it was, the search field focused). */
  open(anchor: string | null): void;
  /** Opens the panel when closed, closes it when open. */
  toggle(): void;
}

let current: ReferenceOpener | null = null;

/** The page says how to open the panel; call the returned function when it unmounts. */
export function registerReferenceOpener(opener: ReferenceOpener): () => void {
  current = opener;
  return () => {
    if (current === opener) current = null;
  };
}

/** Opens the reference panel, at the entry `anchor` if given ('call-vm_map', 'rule-trap'). */
export function openReference(anchor: string | null = null): void {
  current?.open(anchor);
}

/** Opens or closes the reference panel (key ?). */
export function toggleReference(): void {
  current?.toggle();
}

/** The panel's anchor of a kernel rule (narration/rules.ts): 'rule-cow-shadow'. */
export function ruleAnchor(id: string): string {
  return `rule-${id}`;
}
