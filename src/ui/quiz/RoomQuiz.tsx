/**
 * The room's quiz overlay (presentation mode, key q; a lazy chunk): over the machine, the next
 * statement, one question large and its choices lettered A–D, readable from the back of a hall
 * (text ≥ 3vh, white or light on black, ≥ 7:1). A pick (keys a–d, or a click) reveals the answer:
 * the right choice gets a ✓ and the words "the answer", a wrong pick a ✗ and "picked", then the
 * why. What → and Escape do is room.ts's rule; this component works out the next statement's
 * questions (the same as the quiz panel's, with the machine before the step) and hands them to
 * the room's store, draws the open question, closes it when the timeline moves elsewhere, and
 * steps on by itself when the statement → opened turns out to ask nothing.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { clipText, visibleText } from '../../scenario/visible_text';
import { command, type CommandContext } from '../commands';
import { questionsFor, quizNames, type Question } from './questions';
import { choiceLetter, createRoomQuizStore, questionsOf, roomQuizKeys, shownQuestion, statementAsked, type RoomOpen, type RoomQuizStore } from './room';
import { useNextStep } from './useNextStep';

export const ROOM_WAIT = 'Getting the question…';

/** A prompt longer than this (a call with many arguments) is set smaller, so the choices and the why keep their room. */
const LONG_PROMPT = 60;

const BUTTON =
  'rounded border-[0.45vh] border-slate-300 bg-black px-[1vw] py-[0.5vh] font-medium text-white hover:bg-slate-800 ' +
  'focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-offset-[0.3vh] focus-visible:outline-sky-300';

export function RoomQuiz({ ctx }: { ctx: CommandContext }) {
  const { store, settings, quizRoom } = ctx;
  // one store while mounted: leaving presentation mode or turning the quiz off forgets it all
  const [room] = useState(createRoomQuizStore);
  useEffect(() => {
    if (quizRoom === undefined) return;
    const keys = roomQuizKeys(store, settings, room);
    quizRoom.current = keys;
    if (quizRoom.pendingForward === true) {
      // → was pressed while this chunk loaded: taken now, as it would have been
      quizRoom.pendingForward = false;
      if (!keys.forward()) void store.getState().stepForward();
    }
    return () => {
      quizRoom.current = null;
    };
  }, [quizRoom, store, settings, room]);
  const loaded = useStore(store, (s) => s.outcome !== null && s.outcome.status !== 'parse-error');
  const loads = useStore(store, (s) => s.loads);
  const target = useStore(store, (s) => s.target);
  const taskNames = useStore(store, (s) => s.taskNames);
  const open = useStore(room, (s) => s.open);
  const ready = useStore(room, (s) => s.ready);
  // the statement the next → runs last (recomputed as the timeline or the outcome moves)
  // (skipping quiet steps: the loud one it goes to; skipQuiet is read so that its toggle recomputes it)
  useStore(settings, (s) => s.skipQuiet && s.presentation);
  const asked = useStore(store, (s) => (s.outcome === null ? -1 : statementAsked(store)));
  const next = useNextStep(store, loaded, asked < 0 ? undefined : asked);

  // the next statement's questions, as soon as its record and the machine before it are here
  const questions = useMemo(() => (next === null ? null : questionsFor(next.record, quizNames(next.record, taskNames), next.before)), [next, taskNames]);
  useEffect(() => {
    if (next !== null && questions !== null) room.getState().setReady({ loads: next.loads, step: next.record.index, questions });
  }, [room, next, questions]);

  // the timeline moved elsewhere (←, the scrubber, another lesson): the question is no longer the next step's
  useEffect(() => {
    if (open !== null && (open.at !== target || open.loads !== loads)) room.getState().close(false);
  }, [room, open, target, loads]);

  // → opened the overlay before the questions were known, and the statement asks nothing: step on
  const known = questionsOf({ ready }, open);
  useEffect(() => {
    if (open !== null && known !== null && known.length === 0) {
      room.getState().close(true);
      void store.getState().stepForward();
    }
  }, [room, store, open, known]);

  if (open === null || (known !== null && known.length === 0)) return null;
  const question = shownQuestion({ ready, open });
  const text = next !== null && next.record.index === open.step ? next.record.text : null;
  return (
    <section
      aria-label="Quiz question"
      data-testid="room-quiz"
      className="absolute inset-0 z-20 flex flex-col gap-[1.8vh] overflow-auto rounded border-[0.45vh] border-white bg-black px-[2vw] py-[2vh] text-[3.2vh] leading-snug text-white"
    >
      <p className="flex flex-wrap items-baseline gap-x-[1vw] text-slate-200">
        <span className="font-semibold text-sky-300">Predict the next step</span>
        {known !== null && known.length > 1 && <span data-testid="room-quiz-count">question {open.index + 1} of {known.length}</span>}
      </p>
      {text !== null && (
        <p className="font-code text-[3.5vh] text-slate-100" data-testid="room-quiz-statement">
          {visibleText(clipText(text))}
        </p>
      )}
      {question === null ? <p className="text-slate-200">{ROOM_WAIT}</p> : <Asked question={question} open={open} room={room} />}
      <Hints ctx={ctx} open={open} more={known !== null && open.index + 1 < known.length} answered={question !== null} />
    </section>
  );
}

function Asked({ question: q, open, room }: { question: Question; open: RoomOpen; room: RoomQuizStore }) {
  const answerIndex = q.choices.findIndex((c) => c.id === q.answer);
  const answer = `${choiceLetter(answerIndex)}, ${q.choices[answerIndex].label}`;
  const right = open.chosen === q.answer;
  const code = q.id.endsWith(':kr');
  return (
    <>
      <h2 className={`${q.prompt.length > LONG_PROMPT ? 'text-[4vh]' : 'text-[5.2vh]'} font-semibold leading-tight`} data-testid="room-quiz-prompt" id={`room-q-${q.id}`}>
        {q.prompt}
      </h2>
      <ol aria-labelledby={`room-q-${q.id}`} className="grid grid-cols-2 gap-[1.5vh_1.5vw]">
        {q.choices.map((c, i) => {
          const isAnswer = open.revealed && c.id === q.answer;
          const isWrongPick = open.revealed && c.id === open.chosen && c.id !== q.answer;
          const state = isAnswer ? 'answer' : isWrongPick ? 'wrong' : open.revealed ? 'other' : 'open';
          const look = isAnswer
            ? 'border-emerald-300 bg-emerald-950 text-white'
            : isWrongPick
              ? 'border-amber-300 bg-black text-white'
              : open.revealed
                ? 'border-slate-500 bg-black text-slate-300'
                : 'border-slate-300 bg-black text-white hover:bg-slate-800';
          const letter = choiceLetter(i);
          return (
            <li key={c.id}>
              <button
                type="button"
                data-testid="room-choice"
                data-choice={c.id}
                data-state={state}
                aria-keyshortcuts={`${letter.toLowerCase()} ${letter}`}
                aria-disabled={open.revealed}
                className={`flex h-full w-full flex-wrap items-center gap-x-[1vw] gap-y-[0.5vh] rounded border-[0.45vh] px-[1.2vw] py-[1vh] text-left text-[4.4vh] leading-tight focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-offset-[0.3vh] focus-visible:outline-sky-300 ${look}`}
                onClick={(e) => {
                  e.currentTarget.blur(); // keys stay the page's (a focused button would take Space and Enter)
                  room.getState().choose(c.id);
                }}
              >
                <span aria-hidden="true" className="inline-flex h-[6vh] min-w-[6vh] shrink-0 items-center justify-center rounded bg-white font-bold text-black">
                  {letter}
                </span>
                <span className="sr-only">{letter}: </span>
                <span className={`min-w-0 max-w-full break-words ${code ? 'font-code' : ''}`}>{c.label}</span>
                {isAnswer && (
                  <span className="ml-auto shrink-0 font-semibold text-emerald-300">
                    <span aria-hidden="true">✓ </span>the answer
                  </span>
                )}
                {isWrongPick && (
                  <span className="ml-auto shrink-0 font-semibold text-amber-300">
                    <span aria-hidden="true">✗ </span>picked
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
      <div role="status" className="min-h-[1em]">
        {open.revealed && (
          <div data-testid="room-quiz-reveal" data-right={open.chosen === null ? undefined : right ? 'true' : 'false'} className={`rounded border-l-[0.8vh] pl-[1vw] text-[3.6vh] ${right || open.chosen === null ? 'border-emerald-300' : 'border-amber-300'}`}>
            <p data-testid="room-quiz-result" className="font-semibold">
              {open.chosen === null ? `The answer: ${answer}.` : right ? `✓ Right: ${answer}.` : `✗ Not this one: the answer is ${answer}.`}
            </p>
            <p data-testid="room-quiz-why" className="text-slate-100">
              {q.why}
            </p>
          </div>
        )}
      </div>
    </>
  );
}

/** What the keys do now, and buttons for them (a mouse, a touch screen). */
function Hints({ ctx, open, more, answered }: { ctx: CommandContext; open: RoomOpen; more: boolean; answered: boolean }) {
  const forward = !open.revealed ? 'Reveal the answer' : more ? 'Next question' : 'Show the step';
  return (
    <div className="mt-auto flex flex-wrap items-center gap-x-[1.5vw] gap-y-[1vh] text-[3vh] text-slate-200">
      {!open.revealed && answered && <span>Keys a–d answer.</span>}
      <button type="button" className={BUTTON} aria-keyshortcuts="ArrowRight" disabled={!answered} onClick={(e) => (e.currentTarget.blur(), command('step-forward').run(ctx))}>
        {forward} <span aria-hidden="true">→</span>
      </button>
      <button type="button" className={BUTTON} aria-keyshortcuts="Escape" aria-label="Skip this step's questions" onClick={(e) => (e.currentTarget.blur(), command('quiz-skip').run(ctx))}>
        Skip <span aria-hidden="true">(Esc)</span>
      </button>
    </div>
  );
}
