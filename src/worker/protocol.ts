/**
 * The one typed protocol between the UI and the kernel worker (architecture.md rule 5). Commands
 * go in, replies come out; every message carries the id of the command it answers, so a stale
 * reply (the user already asked for something else) can be recognised and dropped.
 */
import type { StepRecord } from '../scenario/interpreter';
import type { LoadOutcome } from './session';
import type { SnapshotDiff } from './snapshot_diff';

export type WorkerCommand =
  | { type: 'load'; id: number; source: string }
  | { type: 'goto'; id: number; step: number; /** the receiver has no snapshot to apply a diff to */ fresh?: boolean };

export type WorkerReply =
  | { type: 'loaded'; id: number; outcome: LoadOutcome }
  | { type: 'at'; id: number; step: number; record: StepRecord | null; diff: SnapshotDiff; taskNames: Record<number, string> }
  | { type: 'crashed'; id: number; message: string; /** the user pressed Stop: do not replay */ stopped?: boolean };
