/**
 * The scenario language's vocabulary: constants, call signatures and queries, in one table each,
 * shared by the parser (argument checks), the interpreter (dispatch) and the editor (completion).
 */
import { KERN_RETURN_NAMES } from '../kernel/kern_return';
import type { CallName, QueryName } from './ast';

export const CONSTANTS: ReadonlyMap<string, number> = new Map<string, number>([
  ['TRUE', 1], ['FALSE', 0],
  ['VM_PROT_NONE', 0], ['VM_PROT_READ', 1], ['VM_PROT_WRITE', 2], ['VM_PROT_EXECUTE', 4],
  ['VM_PROT_DEFAULT', 3], ['VM_PROT_ALL', 7],
  ['VM_INHERIT_SHARE', 0], ['VM_INHERIT_COPY', 1], ['VM_INHERIT_NONE', 2], ['VM_INHERIT_DEFAULT', 1],
  ['MEMORY_OBJECT_NULL', 0],
  ...KERN_RETURN_NAMES.map((n, i) => [n, i] as [string, number]),
]);

/** PAGE_SIZE is a constant whose value is the scenario's configured page size. */
export const PAGE_SIZE_CONSTANT = 'PAGE_SIZE';

/**
 * Parameter kinds: `task` a task name; `value` any expression; `inout` &var read then written
 * (an unset variable counts as 0); `out` &var written.
 */
export type ParamKind = 'task' | 'value' | 'inout' | 'out';
export interface Param {
  name: string;
  kind: ParamKind;
}

const p = (name: string, kind: ParamKind = 'value'): Param => ({ name, kind });

export const CALLS: Readonly<Record<CallName, readonly Param[]>> = {
  vm_allocate: [p('target_task', 'task'), p('address', 'inout'), p('size'), p('anywhere')],
  vm_map: [
    p('target_task', 'task'), p('address', 'inout'), p('size'), p('mask'), p('anywhere'), p('memory_object'),
    p('offset'), p('copy'), p('cur_protection'), p('max_protection'), p('inheritance'),
  ],
  vm_remap: [
    p('target_task', 'task'), p('target_address', 'inout'), p('size'), p('mask'), p('anywhere'), p('src_task', 'task'),
    p('src_address'), p('copy'), p('cur_protection', 'out'), p('max_protection', 'out'), p('inheritance'),
  ],
  vm_protect: [p('target_task', 'task'), p('address'), p('size'), p('set_maximum'), p('new_protection')],
  vm_inherit: [p('target_task', 'task'), p('address'), p('size'), p('new_inheritance')],
  vm_deallocate: [p('target_task', 'task'), p('address'), p('size')],
  vm_read: [p('target_task', 'task'), p('address'), p('size'), p('data', 'out')],
  vm_write: [p('target_task', 'task'), p('address'), p('data')],
  vm_copy: [p('target_task', 'task'), p('source_address'), p('size'), p('dest_address')],
  vm_region: [
    p('target_task', 'task'), p('address', 'inout'), p('size', 'out'), p('protection', 'out'), p('max_protection', 'out'),
    p('inheritance', 'out'), p('shared', 'out'), p('object_name', 'out'), p('offset', 'out'),
  ],
  task_terminate: [p('target_task', 'task')],
  write: [p('task', 'task'), p('address'), p('data')],
  read: [p('task', 'task'), p('address'), p('size'), p('result', 'out')],
  exec: [p('task', 'task'), p('address')],
};

export const QUERIES: Readonly<Record<QueryName, readonly Param[]>> = {
  tlb_hits: [p('task', 'task')],
  tlb_misses: [p('task', 'task')],
  faults: [p('task', 'task')],
  cow_faults: [p('task', 'task')],
  shadow_depth: [p('task', 'task'), p('address')],
  object_of: [p('task', 'task'), p('address')],
  free_frames: [],
  pageouts: [],
  pageins: [],
};

export const KEYWORDS: ReadonlySet<string> = new Set(['config', 'task', 'object', 'assert', 'fork']);

export const CONFIG_KEYS = ['page_size', 'frames', 'tlb_entries', 'tlb_ways', 'address_bits'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

const CALL_NAMES: ReadonlySet<string> = new Set(Object.keys(CALLS));
const QUERY_NAMES: ReadonlySet<string> = new Set(Object.keys(QUERIES));

export function isCallName(name: string): name is CallName {
  return CALL_NAMES.has(name);
}

export function isQueryName(name: string): name is QueryName {
  return QUERY_NAMES.has(name);
}

/** Why `name` cannot name a task, object or variable, or null when it can. */
export function reservedReason(name: string): string | null {
  if (KEYWORDS.has(name)) return `'${name}' is a keyword`;
  if (CONSTANTS.has(name) || name === PAGE_SIZE_CONSTANT) return `'${name}' is a constant`;
  if (isCallName(name)) return `'${name}' is the name of a call`;
  if (isQueryName(name)) return `'${name}' is the name of a query`;
  return null;
}
