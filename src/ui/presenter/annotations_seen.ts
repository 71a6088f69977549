/** The `# mark:` and `# note:` annotations the worker sent with a load's outcome (src/scenario/annotations.ts); none while there is none, or for a text that does not parse. */
import { NO_ANNOTATIONS, type Annotations } from '../../scenario/annotations';
import type { LoadOutcome } from '../../worker/protocol';

export function annotationsOf(outcome: LoadOutcome | null): Annotations {
  return outcome === null || outcome.status === 'parse-error' ? NO_ANNOTATIONS : outcome.annotations;
}
