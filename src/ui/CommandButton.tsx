/**
 * CommandButton: a button that runs a command of the registry, with the command's label as its
 * text, its keys in the title and in aria-keyshortcuts, and disabled when the command cannot run.
 * `short`: the command's short text; `text`: a text of the caller's (a sign, where a header has
 * little room); either way the label stays its accessible name. TimelineButton: the same, memoised,
 * for a bar that a step renders again (the timeline controls, presentation mode's header).
 */
import { memo, type ButtonHTMLAttributes } from 'react';
import { ariaKeyShortcuts, command, isEnabled, keyHint, type CommandContext, type CommandId } from './commands';

export function CommandButton({ id, ctx, short = false, text: own, enabled, ...rest }: { id: CommandId; ctx: CommandContext; short?: boolean; text?: string; enabled?: boolean } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'id' | 'onClick' | 'children' | 'type'>) {
  const c = command(id);
  const text = own ?? (short && c.short !== undefined ? c.short : c.label);
  return (
    <button
      type="button"
      title={short || own !== undefined ? `${c.label}: ${keyHint(c).replace(/^K/, 'k')}` : keyHint(c)}
      aria-label={text === c.label ? undefined : c.label}
      aria-keyshortcuts={ariaKeyShortcuts(c)}
      disabled={!(enabled ?? isEnabled(c, ctx))}
      {...rest}
      onClick={() => c.run(ctx)}
    >
      {text}
    </button>
  );
}

/**
 * A CommandButton rendered again only when its props change, given `enabled`: whether its command can
 * run now, as its parent has just worked out (isEnabled). What the button draws depends on nothing
 * else that changes, so a step re-renders the bar around it, not its buttons, unless one becomes
 * enabled or disabled (issue 18, steprest).
 */
export const TimelineButton = memo(CommandButton as (props: Parameters<typeof CommandButton>[0] & { enabled: boolean }) => ReturnType<typeof CommandButton>);
