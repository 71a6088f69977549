/**
 * A lecture as ONE link: `#lecture=<value>[&item=N]`, the value made by the share codec
 * (url_codec.ts: `1.` then base64url of DEFLATE, versioned and bounded) from the lecture's JSON
 * (lecture.ts, itself versioned). `item` is the 1-based item shown (n / b change it); it is left
 * out for the first. lectureLinkValue decodes the value back and compares before handing it out,
 * so a link made here always opens; decodeLecture reads a value from anyone and never throws: its
 * messages follow "This link could not be opened: ".
 */
import { decodeShare, shareValue } from '../../scenario/url_codec';
import { lectureJson, parseLecture, type Lecture } from './lecture';
import { lectureHash } from './lecture_state';

export type LectureValueResult = { ok: true; value: string } | { ok: false; message: string };

/** The `#lecture=` value of a lecture, checked by decoding it back (the message follows "Not shared: "). */
export function lectureLinkValue(lecture: Lecture, builtins: ReadonlySet<string>): LectureValueResult {
  if (lecture.items.length === 0) return { ok: false, message: 'the lecture has no items yet' };
  const json = lectureJson(lecture);
  const made = shareValue(json);
  if (!made.ok) return { ok: false, message: made.message.replace('the scenario', 'the lecture') };
  const back = decodeLecture(made.value, builtins);
  if (!back.ok) return { ok: false, message: `its link would not open (${back.message})` };
  if (lectureJson(back.lecture) !== json) return { ok: false, message: 'its link would not give back the same lecture' };
  return { ok: true, value: made.value };
}

/** The lecture a `#lecture=` value carries, or why it cannot be opened. Never throws. */
export function decodeLecture(value: string, builtins: ReadonlySet<string>): { ok: true; lecture: Lecture } | { ok: false; message: string } {
  const decoded = decodeShare(value);
  if (!decoded.ok) return { ok: false, message: decoded.message.replace('scenario data', 'lecture data').replace("link's scenario", "link's lecture") };
  return parseLecture(decoded.source, builtins);
}

/** A full link to the page `base` (its fragment dropped) opening the lecture at its first item. */
export function lectureUrl(base: string, value: string): string {
  const at = base.indexOf('#');
  return `${at < 0 ? base : base.slice(0, at)}${lectureHash(value, 0)}`;
}
