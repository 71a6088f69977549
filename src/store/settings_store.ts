/**
 * Viewer settings (zustand): how fast a step's events play, and whether the user asked for
 * reduced motion (the OS setting is honoured too: then every event of a step shows at once).
 */
import { createStore } from 'zustand/vanilla';

export type PlaySpeed = 'slow' | 'normal' | 'fast' | 'instant';

/** Milliseconds per event at each speed. */
export const SPEED_MS: Record<PlaySpeed, number> = { slow: 1200, normal: 600, fast: 250, instant: 0 };

export interface SettingsState {
  speed: PlaySpeed;
  setSpeed(speed: PlaySpeed): void;
}

export function createSettingsStore(initial: Partial<Pick<SettingsState, 'speed'>> = {}) {
  return createStore<SettingsState>()((set) => ({
    speed: initial.speed ?? 'normal',
    setSpeed(speed) {
      set({ speed });
    },
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
