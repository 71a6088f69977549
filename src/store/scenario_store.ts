/**
 * The scenario store (zustand): the text being edited, which built-in it came from, and the last
 * outcome the worker sent back. The UI reads it through narrow selectors and never touches the
 * kernel: every run goes through the KernelClient (architecture.md rule: one-way data flow).
 */
import { createStore } from 'zustand/vanilla';
import type { Builtin } from '../scenario/builtins';
import type { ScenarioOutcome } from '../scenario/run';
import type { KernelClient } from '../worker/client';

export interface ScenarioState {
  builtins: readonly Builtin[];
  source: string;
  /** The built-in the text came from, while it is unedited. */
  builtinName: string | null;
  running: boolean;
  outcome: ScenarioOutcome | null;
  /** A problem outside the scenario text (a bad link, a crashed worker), shown as a banner. */
  banner: string | null;
  loadBuiltin(name: string): boolean;
  loadSource(source: string): void;
  editSource(source: string): void;
  setBanner(message: string | null): void;
  run(): Promise<void>;
}

export function createScenarioStore(client: KernelClient, builtins: readonly Builtin[]) {
  let latest = 0;
  return createStore<ScenarioState>()((set, get) => ({
    builtins,
    source: '',
    builtinName: null,
    running: false,
    outcome: null,
    banner: null,
    loadBuiltin(name) {
      const b = get().builtins.find((x) => x.name === name);
      if (b === undefined) {
        set({ banner: `There is no built-in scenario named "${name}".` });
        return false;
      }
      set({ source: b.source, builtinName: b.name, outcome: null });
      void get().run();
      return true;
    },
    loadSource(source) {
      set({ source, builtinName: null, outcome: null });
      void get().run();
    },
    editSource(source) {
      set({ source, builtinName: null });
    },
    setBanner(message) {
      set({ banner: message });
    },
    async run() {
      const id = ++latest;
      set({ running: true });
      const reply = await client.send({ type: 'run', source: get().source });
      if (id !== latest) return; // the user already asked for something newer
      if (reply.type === 'crashed') {
        set({ running: false, banner: `The simulator failed: ${reply.message}. Your text is kept; edit it or pick a scenario to try again.` });
        return;
      }
      set({ running: false, outcome: reply.outcome });
    },
  }));
}

export type ScenarioStore = ReturnType<typeof createScenarioStore>;
