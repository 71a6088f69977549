/** The marks chunk's entry (lazy.ts): the tick strip and the Stops list. */
export { TimelineMarks } from './TimelineMarks';
export { StopsMenu } from './StopsMenu';
export { StopName } from './StopName';
