/**
 * The timeline's marks, the Stops list and the stop's name, in a chunk of their own (the main script's budget is
 * tight): fetched just after the first render; the strip's room is kept meanwhile. Each is memoised:
 * a step re-renders the Controls around them (the counter, the scrubber), and none of them depends on
 * the step through its props (StopName and StopsMenu subscribe to the store for what they show of it).
 */
import { lazy, memo } from 'react';

const chunk = () => import('./marks_chunk');

export const LazyTimelineMarks = lazy(() => chunk().then((m) => ({ default: memo(m.TimelineMarks) })));
export const LazyStopsMenu = lazy(() => chunk().then((m) => ({ default: memo(m.StopsMenu) })));
export const LazyStopName = lazy(() => chunk().then((m) => ({ default: memo(m.StopName) })));
