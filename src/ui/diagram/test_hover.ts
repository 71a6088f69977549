/** Test helper: what the diagram's hover layer (HoverLayer.tsx) lights up. */

/** True when the element of `key` (its data-key) is outlined on the hover path. */
export function litOnHover(key: string, root: ParentNode = document): boolean {
  return root.querySelector(`[data-testid="diagram-hover"] [data-key="${key}"][data-highlighted="true"]`) !== null;
}

/** The data-keys of every element outlined on the hover path. */
export function litKeys(root: ParentNode = document): string[] {
  return [...root.querySelectorAll('[data-testid="diagram-hover"] [data-key][data-highlighted="true"]')].map((e) => e.getAttribute('data-key')!);
}
