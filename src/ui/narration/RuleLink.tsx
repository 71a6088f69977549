/**
 * A narration line's rule, as a link to it: "Rule: copy-on-write: ..." where the rule's words are a
 * button that opens the reference panel at that rule (reference/open_reference.ts). The words are
 * kept as they are (the same size, italic, underlined dotted); a rule without an id stays text.
 * `inHiddenText`: the line around it is read to screen readers elsewhere (presentation mode's
 * visually hidden list), so only the button is left to them, named for what it does.
 */
import type { NarrationLine } from './line';
import { openReference } from '../reference/open_reference';

export function RuleLink({ line: { rule, ruleId }, inHiddenText }: { line: Pick<NarrationLine, 'rule' | 'ruleId'>; inHiddenText?: boolean }) {
  if (rule === undefined) return null;
  const hide = inHiddenText;
  return (
    <span className="italic">
      <span aria-hidden={hide}>Rule: </span>
      {ruleId === undefined ? (
        <span aria-hidden={hide}>{rule}</span>
      ) : (
        <button
          type="button"
          data-rule={ruleId}
          aria-label={hide ? `Open the rule in the reference: ${rule}` : undefined}
          className="text-left italic underline decoration-dotted hover:text-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300"
          onClick={() => openReference(`rule-${ruleId}`)}
        >
          {rule}
        </button>
      )}
      <span aria-hidden={hide}>.</span>
    </span>
  );
}
