/**
 * The names a scenario defines, for the editor's completion: its tasks (`task A`, `task B = fork A`),
 * its memory objects (`object file ...`) and its variables (assigned `x = ...`, a call's result
 * `kr = vm_...(...)`, or written through `&x`). Collected from the parsed statements as the worker's
 * check reads them (check.ts), in the order they first appear, each name once. Bounded: at most
 * MAX_COMPLETION_NAMES of each kind are kept (the rest are counted in `dropped`), so a generated
 * text of thousands of variables sends a short list.
 */
import type { Statement } from './ast';

export interface ScenarioNames {
  tasks: string[];
  objects: string[];
  variables: string[];
}

/** The most names of one kind (tasks, objects, variables) a scenario's completion offers. */
export const MAX_COMPLETION_NAMES = 200;

export const NO_NAMES: ScenarioNames = Object.freeze({ tasks: [], objects: [], variables: [] }) as ScenarioNames;

export class NameCollector {
  private readonly tasks = new Set<string>();
  private readonly objects = new Set<string>();
  private readonly variables = new Set<string>();
  /** Names past MAX_COMPLETION_NAMES, not kept. */
  dropped = 0;

  private put(set: Set<string>, name: string): void {
    if (set.has(name)) return;
    if (set.size >= MAX_COMPLETION_NAMES) this.dropped++;
    else set.add(name);
  }

  /** Notes the names statement `s` defines. */
  add(s: Statement): void {
    switch (s.kind) {
      case 'task':
        this.put(this.tasks, s.name);
        break;
      case 'object':
        this.put(this.objects, s.name);
        break;
      case 'assign':
        this.put(this.variables, s.name);
        break;
      case 'call':
        if (s.result !== null) this.put(this.variables, s.result);
        for (const a of s.args) if (a.kind === 'ref') this.put(this.variables, a.name);
        break;
      default:
        break;
    }
  }

  /** The names so far (copies: the collector may go on). */
  names(): ScenarioNames {
    return { tasks: [...this.tasks], objects: [...this.objects], variables: [...this.variables] };
  }
}
