/**
 * Viewer settings (zustand): how fast a step's events play (the OS reduced-motion setting is
 * honoured too: then each event's state is shown in turn, nothing travels), presentation mode, and
 * whether presentation mode's narration shows the why and the rule under the headline (key d), and
 * whether its → / ← skip the steps that change nothing on screen (key s); whether the Compare view is open.
 */
import type { EmbedOptions } from '../ui/embed/embed_options';
import { createStore } from 'zustand/vanilla';

export type PlaySpeed = 'slow' | 'normal' | 'fast' | 'instant';

/** Milliseconds per narration line (an event, or a group of them) at each speed. */
export const SPEED_MS: Record<PlaySpeed, number> = { slow: 1200, normal: 600, fast: 250, instant: 0 };

/**
 * Milliseconds a moving copy (the copy-on-write chip, a page in or out) takes to travel at each
 * speed: slow enough for a lecture hall to follow (its line stays active that long: motion.ts
 * lineDurations).
 */
export const SPEED_MOVE_MS: Record<PlaySpeed, number> = { slow: 1800, normal: 1000, fast: 500, instant: 0 };

export interface SettingsState {
  speed: PlaySpeed;
  /** Presentation mode: large type, high contrast, only the diagram, the narration and the controls. */
  presentation: boolean;
  /** Presentation mode's narration shows the why and the rule under the line being told (key d); kept across steps. */
  details: boolean;
  /** Quiz mode: predict each step before it is revealed (the statements' results are hidden). */
  quiz: boolean;
  /** The minimal layout for embedding in a course page (an iframe): timeline, narration, diagram. */
  embed: boolean;
  /** The handout's print view (src/ui/handout) instead of the playground: #...&handout=1 or Export's Handout…. */
  handout: boolean;
  /** What an embedded page shows (its link's end step, autoplay, hidden controls: embed_options.ts); null: everything, as always. */
  embedView: EmbedOptions | null;
  setEmbedView(options: EmbedOptions | null): void;
  /** Presentation mode's → / ← skip the steps that change nothing on screen (key s; on by default; normal mode steps one by one). */
  skipQuiet: boolean;
  setSkipQuiet(on: boolean): void;
  setEmbed(on: boolean): void;
  setHandout(on: boolean): void;
  setSpeed(speed: PlaySpeed): void;
  setPresentation(on: boolean): void;
  setDetails(on: boolean): void;
  setQuiz(on: boolean): void;
  /** The Compare view is open (ui/compare/), with the `#compare=` value it was opened from (null: opened by its button); null: closed. */
  compare: { link: string | null } | null;
  setCompare(compare: { link: string | null } | null): void;
}

export function createSettingsStore(initial: Partial<Pick<SettingsState, 'speed' | 'presentation' | 'details' | 'quiz' | 'embed' | 'skipQuiet'>> = {}) {
  return createStore<SettingsState>()((set) => ({
    speed: initial.speed ?? 'normal',
    presentation: initial.presentation ?? false,
    details: initial.details ?? false,
    quiz: initial.quiz ?? false,
    embed: initial.embed ?? false,
    handout: false,
    embedView: null,
    setEmbedView(embedView) {
      set({ embedView });
    },
    skipQuiet: initial.skipQuiet ?? true,
    setSkipQuiet(skipQuiet) {
      set({ skipQuiet });
    },
    setEmbed(embed) {
      set({ embed });
    },
    setHandout(handout) {
      set({ handout });
    },
    setSpeed(speed) {
      set({ speed });
    },
    setPresentation(presentation) {
      set({ presentation });
    },
    setDetails(details) {
      set({ details });
    },
    setQuiz(quiz) {
      set({ quiz });
    },
    compare: null,
    setCompare(compare) {
      set({ compare });
    },
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
