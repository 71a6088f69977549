/**
 * How the commands reach the room's quiz overlay (presentation mode, key q) without loading it:
 * while mounted, the overlay (RoomQuiz.tsx, a lazy chunk) puts its key handlers in the page's
 * hook; the step, answer and skip commands ask them first. Types only: nothing of the quiz is in
 * the main bundle. The rule they follow is room.ts's.
 */

export interface RoomQuizKeys {
  /** A question is on screen. */
  isOpen(): boolean;
  /** A step forward, as the quiz takes it: true when it did (opened, revealed or moved on the question). */
  forward(): boolean;
  /** A step back while a question is open only closes it: true when it did. */
  back(): boolean;
  /** A letter key (a–d, A–D) picks that choice. */
  answer(key: string): void;
  /** Closes the question, skipping the statement's questions. */
  skip(): void;
}

/** The page's hook: the overlay's handlers while it is mounted, null otherwise. */
export interface RoomQuizHook {
  current: RoomQuizKeys | null;
  /**
   * A step forward pressed with the quiz on while the overlay's chunk was still loading: the
   * overlay takes it when it mounts (it may well have a question to ask first).
   */
  pendingForward?: boolean;
}
