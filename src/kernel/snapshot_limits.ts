/**
 * snapshot_limits: how much of the machine a snapshot (snapshot.ts) carries, as constants in a
 * module of their own. The page's code (the diagrams, the worker client applying diffs) reads them
 * without importing snapshot.ts, which imports the whole kernel: the kernel runs in the worker and
 * stays out of the page's bundle.
 */

/** Bytes of each frame's contents a snapshot carries (framePreview). */
export const PREVIEW_BYTES = 8;
/** Machines of more frames than this carry no previews (framePreview is empty). */
export const PREVIEW_FRAME_LIMIT = 256;
/** The most pmap mappings a task snapshot lists (those of the lowest vpns). */
export const PMAP_SNAPSHOT_LIMIT = 64;
