/** How fast a step's events play (instant = all at once). */
import { useStore } from 'zustand';
import type { PlaySpeed, SettingsStore } from '../store/settings_store';

const LABELS: Record<PlaySpeed, string> = { slow: 'Slow', normal: 'Normal', fast: 'Fast', instant: 'Instant' };

export function SpeedPicker({ settings }: { settings: SettingsStore }) {
  const speed = useStore(settings, (s) => s.speed);
  const setSpeed = useStore(settings, (s) => s.setSpeed);
  return (
    <label className="flex items-center gap-2 text-slate-300">
      <span>Speed</span>
      <select
        aria-label="Animation speed"
        className="rounded border border-slate-600 bg-slate-800 px-2 py-1 text-slate-100"
        value={speed}
        onChange={(e) => setSpeed(e.target.value as PlaySpeed)}
      >
        {(Object.keys(LABELS) as PlaySpeed[]).map((s) => (
          <option key={s} value={s}>
            {LABELS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
