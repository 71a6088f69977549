/**
 * What an embedded page (embed.html) is asked to show, from its fragment: `start=N` the first step
 * the timeline reaches (and where it opens; `step=N` alone, hash.ts, only opens there, as links
 * always did), `end=N` the last step it reaches, `autoplay=1` steps on by itself
 * to the end, `speed=slow|normal|fast` how fast, `hide=buttons,scrubber,narration,open` the
 * controls left out (the timeline buttons, the scrubber, the narration, the "Open in the
 * playground" link). A value that is not one of these is ignored and named in a message (cut to
 * SHOWN_VALUE characters: a hostile link cannot fill the page); an end before the start is refused.
 * embedHash writes the same fragment (the embed builder).
 */
import type { PlaySpeed } from '../../store/settings_store';

export type EmbedControl = 'buttons' | 'scrubber' | 'narration' | 'open';
export const EMBED_CONTROLS: readonly EmbedControl[] = ['buttons', 'scrubber', 'narration', 'open'];
export type AutoplaySpeed = Exclude<PlaySpeed, 'instant'>;
export const AUTOPLAY_SPEEDS: readonly AutoplaySpeed[] = ['slow', 'normal', 'fast'];

export interface EmbedOptions {
  /** The first step the timeline reaches (0: the first there is). */
  start: number;
  /** The last step the timeline reaches (null: the scenario's end). */
  end: number | null;
  autoplay: boolean;
  speed: AutoplaySpeed;
  hide: ReadonlySet<EmbedControl>;
}


/** The most characters of a refused value a message repeats. */
export const SHOWN_VALUE = 24;
/** The largest step a link may name (hash.ts reads steps of up to 9 digits too). */
const STEP = /^\d{1,9}$/;

function shown(raw: string): string {
  let v: string;
  try {
    v = decodeURIComponent(raw);
  } catch {
    v = raw;
  }
  v = v.replace(/[^\x20-\x7e]/g, '?');
  return v.length > SHOWN_VALUE ? `${v.slice(0, SHOWN_VALUE)}…` : v;
}

function params(hash: string): Map<string, string> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const m = new Map<string, string>();
  for (const part of h.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) m.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return m;
}

/** The embed options of a fragment, and what was ignored in it (one message each, for the banner). */
export function parseEmbedOptions(hash: string): { options: EmbedOptions; problems: string[] } {
  const p = params(hash);
  const problems: string[] = [];
  let start = 0;
  const rawStart = p.get('start');
  if (rawStart !== undefined) {
    if (STEP.test(rawStart)) start = Number(rawStart);
    else problems.push(`the start step "${shown(rawStart)}" is not a step number, so the timeline starts at step 0`);
  }
  let end: number | null = null;
  const rawEnd = p.get('end');
  if (rawEnd !== undefined) {
    if (!STEP.test(rawEnd)) problems.push(`the end step "${shown(rawEnd)}" is not a step number, so the timeline runs to the scenario's end`);
    else if (Number(rawEnd) < start) problems.push(`the end step ${rawEnd} is before the start step ${start}, so the timeline runs to the scenario's end`);
    else end = Number(rawEnd);
  }
  const rawAutoplay = p.get('autoplay');
  if (rawAutoplay !== undefined && rawAutoplay !== '1' && rawAutoplay !== '0') problems.push(`autoplay="${shown(rawAutoplay)}" is neither 1 nor 0, so the steps do not play by themselves`);
  let speed: AutoplaySpeed = 'normal';
  const rawSpeed = p.get('speed');
  if (rawSpeed !== undefined) {
    if ((AUTOPLAY_SPEEDS as readonly string[]).includes(rawSpeed)) speed = rawSpeed as AutoplaySpeed;
    else problems.push(`the speed "${shown(rawSpeed)}" is not one of ${AUTOPLAY_SPEEDS.join(', ')}, so it is normal`);
  }
  const hide = new Set<EmbedControl>();
  const rawHide = p.get('hide');
  if (rawHide !== undefined && rawHide !== '') {
    for (const name of rawHide.split(',').slice(0, EMBED_CONTROLS.length + 4)) {
      if ((EMBED_CONTROLS as readonly string[]).includes(name)) hide.add(name as EmbedControl);
      else problems.push(`"${shown(name)}" is no control that can be hidden (${EMBED_CONTROLS.join(', ')})`);
    }
  }
  return { options: { start, end, autoplay: rawAutoplay === '1', speed, hide }, problems };
}

/** The fragment's embed parameters for these options (after the scenario's own): '&start=3&end=9&autoplay=1&speed=slow&hide=open'. */
export function embedHash(o: EmbedOptions): string {
  let h = o.start > 0 ? `&start=${o.start}` : '';
  if (o.end !== null) h += `&end=${o.end}`;
  if (o.autoplay) h += `&autoplay=1${o.speed === 'normal' ? '' : `&speed=${o.speed}`}`;
  const hide = EMBED_CONTROLS.filter((c) => o.hide.has(c));
  if (hide.length > 0) h += `&hide=${hide.join(',')}`;
  return h;
}
