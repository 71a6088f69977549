/**
 * Text from a scenario with its control and bidi characters shown by name (visible_text.ts), each
 * name marked so it reads as one thing, not as the text around it: "abc⟨U+202E⟩def".
 */
import { Fragment } from 'react';
import { splitHidden } from '../scenario/visible_text';

export function VisibleText({ text }: { text: string }) {
  const parts = splitHidden(text);
  if (parts.length === 1 && typeof parts[0] === 'string') return <>{parts[0]}</>;
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          <Fragment key={i}>{p}</Fragment>
        ) : (
          <span key={i} data-testid="hidden-character" title={`character ${p.name}, shown by name rather than applied`} className="rounded bg-amber-900 px-0.5 text-amber-100">
            ⟨{p.name}⟩
          </span>
        ),
      )}
    </>
  );
}
