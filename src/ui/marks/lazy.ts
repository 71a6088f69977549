/**
 * The timeline's marks, the Stops list and the stop's name, in a chunk of their own (the main script's budget is
 * tight): fetched just after the first render; the strip's room is kept meanwhile.
 */
import { lazy } from 'react';

const chunk = () => import('./marks_chunk');

export const LazyTimelineMarks = lazy(() => chunk().then((m) => ({ default: m.TimelineMarks })));
export const LazyStopsMenu = lazy(() => chunk().then((m) => ({ default: m.StopsMenu })));
export const LazyStopName = lazy(() => chunk().then((m) => ({ default: m.StopName })));
