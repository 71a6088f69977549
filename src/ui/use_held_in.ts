/**
 * A value a component lends to its page through a holder (`{ current }`) the page gave it: the
 * holder has the value while the component is mounted with it, and is emptied when the component
 * unmounts or lends another value, unless another component has put its own there meanwhile.
 * (The diagram's pan-zoom handle for the toolbar and keys; its layout options for the step
 * prepared ahead.)
 */
import { useEffect } from 'react';

export function useHeldIn<T>(holder: { current: T | null } | null | undefined, value: T): void {
  useEffect(() => {
    if (holder === null || holder === undefined) return;
    holder.current = value;
    return () => {
      if (holder.current === value) holder.current = null;
    };
  }, [holder, value]);
}
