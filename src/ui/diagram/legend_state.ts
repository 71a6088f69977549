/**
 * legend_state: whether the diagram's legend (Legend.tsx, a lazy chunk) is open. Key g and the
 * Legend button by the diagram toggle it (commands.ts); Escape and its Close button close it. A
 * tiny store of its own, so the key, the button and the diagram agree without a shared setting.
 */
import { createStore } from 'zustand/vanilla';

export const legendStore = createStore<{ open: boolean }>(() => ({ open: false }));

export function toggleLegend(): void {
  legendStore.setState((s) => ({ open: !s.open }));
}

export function closeLegend(): void {
  legendStore.setState({ open: false });
}
