/**
 * The table of every command of the registry (commands.ts) and the keys that run it: the keyboard
 * shortcuts list's (KeyboardHelp) and the reference panel's section "Keyboard shortcuts". In the
 * export area's lazy chunk.
 */
import { COMMANDS, keyName, shownKeys } from './commands';

export function ShortcutsTable({ caption }: { caption: string }) {
  return (
    <table className="border-separate border-spacing-x-3 border-spacing-y-1">
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {COMMANDS.map((c) => (
          <tr key={c.id} data-command={c.id}>
            <th scope="row" className="whitespace-nowrap text-right font-normal">
              {shownKeys(c).map((k, i) => (
                <span key={k}>
                  {i > 0 && <span className="text-slate-300"> or </span>}
                  <kbd data-key={k} className="font-code rounded border border-slate-500 px-1.5">
                    {keyName(k)}
                  </kbd>
                </span>
              ))}
            </th>
            <td>{c.label}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
