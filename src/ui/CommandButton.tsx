/**
 * CommandButton: a button that runs a command of the registry, with the command's label as its
 * text, its keys in the title and in aria-keyshortcuts, and disabled when the command cannot run.
 */
import type { ButtonHTMLAttributes } from 'react';
import { ariaKeyShortcuts, command, isEnabled, keyHint, type CommandContext, type CommandId } from './commands';

export function CommandButton({ id, ctx, short = false, ...rest }: { id: CommandId; ctx: CommandContext; short?: boolean } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'id' | 'onClick' | 'children' | 'type'>) {
  const c = command(id);
  const text = short && c.short !== undefined ? c.short : c.label;
  return (
    <button
      type="button"
      title={short ? `${c.label}: ${keyHint(c).replace(/^K/, 'k')}` : keyHint(c)}
      aria-label={text === c.label ? undefined : c.label}
      aria-keyshortcuts={ariaKeyShortcuts(c)}
      disabled={!isEnabled(c, ctx)}
      {...rest}
      onClick={() => c.run(ctx)}
    >
      {text}
    </button>
  );
}
