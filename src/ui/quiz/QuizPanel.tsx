/**
 * Quiz mode: before the next statement runs, the student answers questions about it (what the call
 * returns, whether the TLB hits, where the written page lands, whether the write copies), checks
 * the answers, then reveals the step. The questions are about statement `target`, the one the
 * next Step forward runs, whose record (with its events) is fetched from the worker when the
 * timeline gets there, with the machine before it (useNextStep.ts: the choices name only what
 * exists); they follow the timeline when it moves by any other control too.
 * The score (right / asked) lasts as long as the panel.
 */
import { clipText, visibleText } from '../../scenario/visible_text';
import { useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { MachineSnapshot } from '../../kernel/snapshot';
import type { StepRecord } from '../../scenario/interpreter';
import type { ScenarioStore } from '../../store/scenario_store';
import { questionsFor, quizNames, type Question, type QuizNames } from './questions';
import { useNextStep } from './useNextStep';

const BUTTON = 'rounded border border-slate-500 bg-slate-800 px-3 py-1.5 font-medium text-slate-100 hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-40';
const PRIMARY = 'rounded border border-sky-400 bg-sky-800 px-3 py-1.5 font-medium text-slate-50 hover:bg-sky-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-40';

export const NO_QUESTION = 'No question for this step: just step forward.';
export const QUIZ_OVER = 'The scenario is over: there is no step left to guess.';
export const QUIZ_EMPTY = 'Load a scenario to start the quiz.';
export const QUIZ_WAIT = 'Getting the next step…';

export function QuizPanel({ store }: { store: ScenarioStore }) {
  // whether a scenario is loaded, not its outcome: a big scenario's run extends the outcome often
  const loaded = useStore(store, (s) => s.outcome !== null && s.outcome.status !== 'parse-error');
  const target = useStore(store, (s) => s.target);
  const total = useStore(store, (s) => s.total);
  const taskNames = useStore(store, (s) => s.taskNames);
  const [score, setScore] = useState({ right: 0, asked: 0 });

  const next = useNextStep(store, loaded);

  // tasks by id: the ones the machine has, and the ones the next step makes (a fork's child is named before it is revealed)
  const names = useMemo<QuizNames>(() => quizNames(next?.record ?? null, taskNames), [next, taskNames]);

  const reveal = () => void store.getState().stepForward();
  const scored = (right: number, asked: number) => setScore((s) => ({ right: s.right + right, asked: s.asked + asked }));

  return (
    <section
      data-testid="quiz"
      aria-label="Quiz"
      className="flex min-h-0 flex-col gap-3 overflow-auto rounded border border-slate-700 bg-slate-900 p-3 text-slate-100"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-sky-300">Quiz: guess the next step</h2>
        <p data-testid="quiz-score" className="font-code text-slate-300" aria-live="polite">
          Score: {score.right} / {score.asked}
        </p>
      </header>
      {!loaded ? (
        <p className="text-slate-400">{QUIZ_EMPTY}</p>
      ) : target >= total ? (
        <p className="text-slate-400">{QUIZ_OVER}</p>
      ) : next === null ? (
        <p className="text-slate-400">{QUIZ_WAIT}</p>
      ) : (
        <QuizStep key={`${target}:${next.record.index}:${next.record.text}`} record={next.record} before={next.before} names={names} onChecked={scored} onReveal={reveal} />
      )}
    </section>
  );
}

interface QuizStepProps {
  record: StepRecord;
  /** The machine before the step: the choices name only what it has. */
  before: MachineSnapshot;
  names: QuizNames;
  onChecked(right: number, asked: number): void;
  onReveal(): void;
}

/** The questions of one statement; remounted (answers cleared) whenever the next statement changes. */
function QuizStep({ record, before, names, onChecked, onReveal }: QuizStepProps) {
  const questions = useMemo(() => questionsFor(record, names, before), [record, names, before]);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState(false);
  const base = useId();
  const allAnswered = questions.every((q) => answers[q.id] !== undefined);

  const check = () => {
    if (checked || !allAnswered) return;
    setChecked(true);
    onChecked(questions.filter((q) => answers[q.id] === q.answer).length, questions.length);
  };

  return (
    <div className="flex flex-col gap-3">
      <p className="font-code text-sm text-slate-400">
        Next, line {record.line}: <code className="text-slate-200">{visibleText(clipText(record.text))}</code>
      </p>
      {questions.length === 0 ? (
        <p data-testid="quiz-none" className="text-slate-300">{NO_QUESTION}</p>
      ) : (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            check();
          }}
        >
          {questions.map((q, i) => (
            <QuestionField
              key={q.id}
              question={q}
              name={`${base}-q${i}`}
              chosen={answers[q.id]}
              checked={checked}
              onChoose={(choice) => setAnswers((a) => ({ ...a, [q.id]: choice }))}
            />
          ))}
          <div>
            <button type="submit" className={checked ? BUTTON : PRIMARY} disabled={checked || !allAnswered}>
              Check my answers
            </button>
          </div>
        </form>
      )}
      <div>
        <button type="button" className={checked || questions.length === 0 ? PRIMARY : BUTTON} onClick={onReveal}>
          Reveal step
        </button>
      </div>
    </div>
  );
}

interface QuestionFieldProps {
  question: Question;
  name: string;
  chosen: string | undefined;
  checked: boolean;
  onChoose(choice: string): void;
}

function QuestionField({ question: q, name, chosen, checked, onChoose }: QuestionFieldProps) {
  const right = chosen === q.answer;
  const answerLabel = q.choices.find((c) => c.id === q.answer)?.label ?? q.answer;
  return (
    <fieldset data-testid="quiz-question" data-question={q.id} className="rounded border border-slate-700 bg-slate-950 p-3">
      <legend className="px-1 font-medium text-slate-100">{q.prompt}</legend>
      <div className="flex flex-col gap-1">
        {q.choices.map((c) => {
          const id = `${name}-${c.id}`;
          const mark = checked && c.id === q.answer ? 'text-emerald-300' : checked && c.id === chosen ? 'text-amber-300' : 'text-slate-200';
          return (
            <label key={c.id} htmlFor={id} className={`flex cursor-pointer items-center gap-2 ${mark}`}>
              <input
                id={id}
                type="radio"
                name={name}
                value={c.id}
                checked={chosen === c.id}
                disabled={checked}
                onChange={() => onChoose(c.id)}
                className="accent-sky-400 focus:outline focus:outline-2 focus:outline-sky-300"
              />
              <span className={q.id.endsWith(':kr') || q.id.endsWith(':object') ? 'font-code' : ''}>{c.label}</span>
            </label>
          );
        })}
      </div>
      {checked ? (
        <div role="status" className={`mt-2 rounded border-l-4 pl-2 ${right ? 'border-emerald-400' : 'border-amber-400'}`}>
          <p data-testid="quiz-result" data-right={right ? 'true' : 'false'} className={`font-semibold ${right ? 'text-emerald-300' : 'text-amber-300'}`}>
            {right ? 'Right' : 'Not quite'}
          </p>
          <p data-testid="quiz-why" className="text-sm text-slate-300">
            {right ? null : <>The answer: <span className="font-code">{answerLabel}</span>. </>}
            {q.why}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
