/** The `# mark:` and `# note:` annotations the worker sent with a load's outcome (src/scenario/annotations.ts); none when it has none. */
import type { LoadOutcome } from '../../worker/protocol';

export interface AnnotationsSeen {
  marks: readonly { step: number; name: string }[];
  notes: readonly { statement: number; text: string }[];
}

export function annotationsOf(outcome: LoadOutcome | null): AnnotationsSeen {
  const a = (outcome as { annotations?: Partial<AnnotationsSeen> } | null)?.annotations;
  return { marks: Array.isArray(a?.marks) ? a.marks : [], notes: Array.isArray(a?.notes) ? a.notes : [] };
}
