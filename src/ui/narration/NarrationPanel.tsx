/**
 * The narration panel: plain words for the step at the cursor, one line per thing that happened,
 * each with its reason and rule in a smaller, muted line (the rule a link to it in the reference panel: RuleLink). A live region (role="log", polite), so a
 * screen reader reads each new step. `presentation` draws PresentationNarration instead: one line at
 * a time, large, for a lecture hall (the why and rule on key d: `details`).
 */
import { useMemo } from 'react';
import type { StepRecord } from '../../scenario/interpreter';
import { clipText } from '../../scenario/visible_text';
import { VisibleText } from '../VisibleText';
import { narrate, type NarrationLine, type NarrationNames, type NarrationTone } from './narrate';
import { PresentationNarration } from './PresentationNarration';
import { RuleLink } from './RuleLink';

export const EMPTY_NARRATION = 'Nothing has run yet: press Step forward (→).';

const TONE_CLASS: Record<NarrationTone, string> = {
  info: 'text-slate-100',
  success: 'text-emerald-300',
  warning: 'text-amber-300',
  error: 'text-red-300',
};

export interface NarrationPanelProps {
  record: StepRecord | null;
  names: NarrationNames;
  presentation?: boolean;
  /** Lines already computed by the caller (the animation plays them); narrated here otherwise. */
  lines?: NarrationLine[];
  /** The line being animated: it is emphasised, later lines are dimmed (a little: they keep a readable contrast); -1 or absent = all shown. */
  activeIndex?: number;
  /** Presentation mode only: show the why and the rule under the line being told (key d). */
  details?: boolean;
  /** What is said with no step (EMPTY_NARRATION unless the caller knows better: a stopped run). */
  empty?: string;
}

export function NarrationPanel({ record, names, presentation = false, lines: given, activeIndex = -1, details = false, empty = EMPTY_NARRATION }: NarrationPanelProps) {
  const computed = useMemo(() => (given !== undefined || record === null ? [] : narrate(record, names)), [given, record, names]);
  const lines = given ?? computed;
  if (presentation) return <PresentationNarration record={record} lines={lines} activeIndex={activeIndex} details={details} empty={empty} />;
  const size = 'text-base leading-normal';
  const small = 'text-sm';
  return (
    <section
      data-testid="narration"
      role="log"
      aria-live="polite"
      aria-label="Narration"
      data-presentation="false"
      className={`flex min-h-0 flex-col gap-2 overflow-auto rounded bg-slate-950 p-3 text-slate-100 ${size}`}
    >
      {record === null ? (
        <p className="text-slate-400">{empty}</p>
      ) : (
        <>
          <p className={`font-code text-slate-400 ${small}`}>
            Line {record.line}: <code className="text-slate-200">
              <VisibleText text={clipText(record.text)} />
            </code>
          </p>
          <ol className="flex flex-col gap-2">
            {lines.map((l, i) => (
              <NarrationItem key={i} line={l} small={small} state={activeIndex < 0 ? 'shown' : i === activeIndex ? 'active' : i < activeIndex ? 'shown' : 'pending'} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function NarrationItem({ line, small, state }: { line: NarrationLine; small: string; state: 'shown' | 'active' | 'pending' }) {
  const look = state === 'active' ? 'rounded border-l-4 border-fuchsia-400 bg-slate-900 pl-2' : state === 'pending' ? 'opacity-80' : '';
  return (
    <li data-tone={line.tone} data-event={line.event?.type} data-state={state} className={`[overflow-wrap:anywhere] ${look}`}>
      <span className={TONE_CLASS[line.tone]}>{line.text}</span>
      {line.why !== undefined || line.rule !== undefined ? (
        <span className={`block text-slate-400 ${small}`}>
          {line.why}
          {line.why !== undefined && line.rule !== undefined ? ' ' : null}
          <RuleLink line={line} />
        </span>
      ) : null}
    </li>
  );
}
