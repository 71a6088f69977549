/**
 * Presentation mode's narration band: what the back row of a lecture hall reads. The statement
 * ("Line 23: kr = write(C, x, "child data!")") at 3.2vh, then ONE line large (4.1vh, stepping down
 * to 3.7vh when long): the line being told while the step plays, its result line once it has
 * played (headline.ts says which and why), in its tone's colour (all ≥ 7:1 on black). Key d
 * (settings `details`, kept across steps) adds that line's why and rule under it at ≥ 3vh.
 *
 * Its height is reserved (the statement and two headline lines; with d, two more lines) so the
 * diagram below does not jump from event to event; a longer text steps its font down to the
 * floor and then grows the band, never overflowing it. The texts sit in a box of an explicit height
 * (the content's, measured after the fit: useBandFit.ts) with strict containment, a relayout
 * boundary: a step's new text lays out that box alone, not the page (issue 18, steprest). The band is a live region like normal
 * mode's panel: screen readers get every line with its why and rule (a visually hidden list,
 * marked like normal mode's: data-state active / shown / pending), and the large text is hidden
 * from them so that nothing is read twice; only the details' rule is not hidden: it is a button
 * (RuleLink, reached with Tab) that opens the reference panel at the rule.
 */
import { clipText, visibleText } from '../../scenario/visible_text';
import { useMemo, useRef } from 'react';
import type { StepRecord } from '../../scenario/interpreter';
import { headlineOf } from './headline';
import type { NarrationLine, NarrationTone } from './line';
import { useBandFit, type BandText } from './useBandFit';
import { RuleLink } from './RuleLink';

/** Tone colours on black: each ≥ 7:1 (slate-100 ≈ 18:1, emerald-300 ≈ 14:1, amber-300 ≈ 14:1, red-300 ≈ 11:1). */
const TONE_CLASS: Record<NarrationTone, string> = {
  info: 'text-slate-100',
  success: 'text-emerald-300',
  warning: 'text-amber-300',
  error: 'text-red-300',
};

/** Font sizes tried, in vh, largest first; the last is the floor. Leading is the line height over the font size. */
export const STATEMENT_VH = [3.2, 3.0] as const;
export const HEADLINE_VH = [4.1, 3.9, 3.7] as const;
export const DETAILS_VH = [3.2, 3.0] as const;
const STATEMENT_LEADING = 1.2;
const HEADLINE_LEADING = 1.15;
const DETAILS_LEADING = 1.25;

export interface PresentationNarrationProps {
  record: StepRecord | null;
  lines: NarrationLine[];
  /** The line being played; -1: the step has finished playing (or is shown whole). */
  activeIndex: number;
  /** Show the headline's why and rule (key d). */
  details: boolean;
  /** What to say before anything ran. */
  empty: string;
}

export function PresentationNarration({ record, lines, activeIndex, details, empty }: PresentationNarrationProps) {
  const head = record === null ? null : headlineOf(lines, activeIndex);
  const statement = record === null ? '' : `Line ${record.line}: ${visibleText(clipText(record.text))}`;
  const line = head === null ? null : lines[head.index];
  const shownDetails = details && head !== null ? head.details : null;
  const detailsText = shownDetails === null ? '' : `${shownDetails.why ?? ''} ${shownDetails.rule ?? ''}`;

  const statementRef = useRef<HTMLParagraphElement>(null);
  const headlineRef = useRef<HTMLParagraphElement>(null);
  const detailsRef = useRef<HTMLParagraphElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const headlineText = line?.text ?? empty;
  const texts = useMemo<BandText[]>(
    () => [
      { ref: statementRef, sizesVh: STATEMENT_VH, maxLines: 1, leading: STATEMENT_LEADING, text: statement },
      { ref: headlineRef, sizesVh: HEADLINE_VH, maxLines: 2, leading: HEADLINE_LEADING, text: headlineText },
      // keyed on whether it is shown too: a details line that appears with the same text as before is fitted
      { ref: detailsRef, sizesVh: DETAILS_VH, maxLines: 3, leading: DETAILS_LEADING, text: `${details}|${detailsText}` },
    ],
    [statement, headlineText, details, detailsText],
  );
  useBandFit(boxRef, sectionRef, texts);

  return (
    // the box: as tall as the section (set by useBandFit; its reserved height until measured), a relayout boundary
    <div ref={boxRef} data-testid="narration-box" className="[contain:strict]" style={{ height: reservedHeight(details) }}>
    <section
      ref={sectionRef}
      data-testid="narration"
      role="log"
      aria-live="polite"
      aria-label="Narration"
      data-presentation="true"
      data-details={details ? 'true' : 'false'}
      className="flex min-h-0 flex-col gap-[0.5vh] bg-black px-[1.2vw] py-[0.6vh] text-slate-100"
    >
      <div aria-hidden="true" className="flex flex-col gap-[0.5vh]">
        <p
          ref={statementRef}
          data-testid="narration-statement"
          className="font-code break-words text-slate-300"
          style={{ fontSize: `${STATEMENT_VH[0]}vh`, lineHeight: STATEMENT_LEADING, minHeight: `${STATEMENT_VH[0] * STATEMENT_LEADING}vh` }}
        >
          {record !== null && (
            <>
              Line {record.line}: <code className="text-white">{visibleText(clipText(record.text))}</code>
            </>
          )}
        </p>
        <p
          ref={headlineRef}
          data-testid="narration-headline"
          data-tone={line?.tone ?? 'info'}
          data-state={head === null ? 'empty' : head.finished ? 'result' : 'active'}
          data-line={head?.index ?? -1}
          className={`break-words font-medium ${line === null ? 'text-slate-300' : TONE_CLASS[line.tone]}`}
          style={{ fontSize: `${HEADLINE_VH[0]}vh`, lineHeight: HEADLINE_LEADING, minHeight: `${2 * HEADLINE_VH[0] * HEADLINE_LEADING}vh` }}
        >
          {line === null ? empty : line.text}
        </p>
      </div>
      {details && (
        <p
          ref={detailsRef}
          data-testid="narration-details"
          className="break-words text-slate-300"
          style={{ fontSize: `${DETAILS_VH[0]}vh`, lineHeight: DETAILS_LEADING, minHeight: `${2 * DETAILS_VH[0] * DETAILS_LEADING}vh` }}
        >
          {shownDetails === null ? (
            <span aria-hidden="true" className="text-slate-400">No reason or rule to add to this line.</span>
          ) : (
            <>
              <span aria-hidden="true">
                {shownDetails.why}
                {shownDetails.why !== undefined && shownDetails.rule !== undefined ? ' ' : null}
              </span>
              <RuleLink line={shownDetails} inHiddenText />
            </>
          )}
        </p>
      )}
      <div className="sr-only">
        {record === null ? (
          <p>{empty}</p>
        ) : (
          <>
            <p>{statement}</p>
            <ol>
              {lines.map((l, i) => (
                <li key={i} data-tone={l.tone} data-event={l.event?.type} data-state={activeIndex < 0 ? 'shown' : i === activeIndex ? 'active' : i < activeIndex ? 'shown' : 'pending'}>
                  {l.text}
                  {l.why !== undefined ? ` ${l.why}` : ''}
                  {l.rule !== undefined ? ` Rule: ${l.rule}.` : ''}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
    </div>
  );
}

/**
 * The section's height with every text at its reserved height (its padding, the statement's line,
 * the headline's two, the gaps; with d the details' two): the box's height until it is measured, so
 * the first frame lays the diagram out for the band's true height in the usual case.
 */
export function reservedHeight(details: boolean): string {
  const vh = 2 * 0.6 + STATEMENT_VH[0] * STATEMENT_LEADING + 0.5 + 2 * HEADLINE_VH[0] * HEADLINE_LEADING + (details ? 0.5 + 2 * DETAILS_VH[0] * DETAILS_LEADING : 0);
  return `${Math.round(vh * 1000) / 1000}vh`;
}
