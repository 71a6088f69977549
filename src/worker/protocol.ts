/**
 * The one typed protocol between the UI and the kernel worker (architecture.md rule 5). Commands
 * go in, replies come out; every message carries the id of the command it answers, so a stale
 * reply (the user already asked for something else) can be recognised and dropped.
 */
import type { ScenarioOutcome } from '../scenario/run';

export type WorkerCommand = { type: 'run'; id: number; source: string };

export type WorkerReply =
  | { type: 'ran'; id: number; outcome: ScenarioOutcome }
  | { type: 'crashed'; id: number; message: string };

/** Runs one command: the same function serves the worker and in-process use (tests). */
export type CommandHandler = (cmd: WorkerCommand) => WorkerReply;
