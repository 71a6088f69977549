/** The marks chunk's entry (lazy.ts): the tick strip, the Stops list and the stop's name. */
export { TimelineMarks } from './TimelineMarks';
export { StopsMenu } from './StopsMenu';
export { StopName } from './StopName';
