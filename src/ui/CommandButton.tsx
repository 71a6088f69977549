/**
 * CommandButton: a button that runs a command of the registry, with the command's label as its
 * text, its keys in the title and in aria-keyshortcuts, and disabled when the command cannot run.
 */
import type { ButtonHTMLAttributes } from 'react';
import { ariaKeyShortcuts, command, isEnabled, keyHint, type CommandContext, type CommandId } from './commands';

export function CommandButton({ id, ctx, ...rest }: { id: CommandId; ctx: CommandContext } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'id' | 'onClick' | 'children' | 'type'>) {
  const c = command(id);
  return (
    <button type="button" title={keyHint(c)} aria-keyshortcuts={ariaKeyShortcuts(c)} disabled={!isEnabled(c, ctx)} {...rest} onClick={() => c.run(ctx)}>
      {c.label}
    </button>
  );
}
