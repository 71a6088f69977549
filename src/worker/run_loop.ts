/**
 * The worker's loop, apart from the worker (the in-process client runs it too): each command is
 * handled as it comes; between commands the handler's background run goes on a chunk at a time,
 * yielding to the message loop after each (`later`), so a command waits at most a chunk. What the
 * run found goes out as notices: before each reply (the statements a command drove the run through
 * are told before it), at most every NEWS_MS while the run goes on (each notice is a store update
 * and a render in the UI), and at its end.
 *
 *   command ─▶ handle ─▶ [news] reply     (idle) ─▶ work ─▶ work ─▶ [news] ─▶ work ... ─▶ news { end }
 */
import type { WorkerCommand, WorkerMessage, WorkerNotice, WorkerReply } from './protocol';

/** The least time between two notices of a run in progress. */
export const NEWS_MS = 100;

/** What the loop needs of a handler (handler.ts CommandHandler). */
export interface LoopHandler {
  handle(cmd: WorkerCommand): WorkerReply;
  /** Whether the background run has more to do. */
  readonly busy: boolean;
  /** Runs a chunk of the background run; true while there is more. */
  work(): boolean;
  /** What the run found since the last news, if anything. */
  news(): WorkerNotice | null;
}

export class RunLoop {
  private scheduled = false;
  private lastNews = -Infinity;

  constructor(
    private readonly handler: LoopHandler,
    private readonly post: (m: WorkerMessage) => void,
    /** Calls `f` once the messages waiting have been handled (the worker: a MessageChannel; tests: setTimeout). */
    private readonly later: (f: () => void) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  receive(cmd: WorkerCommand): void {
    const reply = this.handler.handle(cmd);
    this.tell();
    this.post(reply);
    this.kick();
  }

  private tell(): void {
    const n = this.handler.news();
    if (n === null) return;
    this.post(n);
    this.lastNews = this.now();
  }

  private kick(): void {
    if (this.scheduled || !this.handler.busy) return;
    this.scheduled = true;
    this.later(this.tick);
  }

  private readonly tick = (): void => {
    this.scheduled = false;
    const more = this.handler.work();
    if (!more || this.now() - this.lastNews >= NEWS_MS) this.tell();
    this.kick();
  };
}
