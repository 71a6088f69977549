/**
 * The lecture scripts' and the presenter view's code, as ONE chunk fetched on first use (a lecture
 * link opened, the Lecture… dialog, a presenter view opened or heard from): the main bundle holds
 * only lecture_state.ts, LectureBadge.tsx and presenter/open_presenter.ts.
 */
export { openLecture } from './lecture_open';
export { LectureEditor } from './LectureEditor';
export { startPresenter } from '../presenter/presenter_page';
export { wakeProjector } from '../presenter/sync';
