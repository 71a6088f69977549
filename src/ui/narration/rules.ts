/**
 * The rules the kernel follows, as the narration names them: one entry per rule, with an id (the
 * narration lines carry it as `ruleId`: words.ts, stories.ts), a title, one paragraph in plain
 * words (after docs/semantics.md, which says where each comes from) and the Mach functions that
 * apply it. The reference panel's section "Rules the kernel follows" lists them, and a narration
 * line's "Rule: ..." opens the panel at its rule (reference/open_reference.ts).
 *
 * Read by the reference panel's lazy chunk only: the narration imports the RuleId type, not the table.
 */

export interface KernelRule {
  title: string;
  /** One paragraph. */
  text: string;
  /** The kernel functions that apply it (xnu osfmk/vm names). */
  functions: readonly string[];
}

export const RULES = {
  trap: {
    title: 'A load or store: TLB, then pmap, then vm_fault',
    text:
      "Each page an access touches is looked up in the task's TLB by (ASID, page). A valid entry that allows the access is a hit. Otherwise the pmap is asked: a mapping " +
      'that allows the access fills the TLB. Otherwise the access page-faults and vm_fault finds the page, enters it in the pmap with the protection the fault allows, and fills the TLB.',
    functions: ['user_trap', 'pmap_enter', 'vm_fault'],
  },
  'fault-errors': {
    title: 'When a fault fails',
    text:
      "A fault at an address no entry maps fails with KERN_INVALID_ADDRESS; an access the entry's current protection does not allow fails with KERN_PROTECTION_FAILURE. " +
      'The failure is the access\'s result and the task carries on: a scenario can assert the code.',
    functions: ['vm_fault', 'vm_map_lookup_and_lock_object'],
  },
  'zero-fill': {
    title: 'Zero fill: memory is made at its first touch',
    text:
      'vm_allocate makes an entry but no object and no page. The first fault gives the entry an anonymous object; when no object of the chain holds the page, a new page of ' +
      'zeros is put in the top object.',
    functions: ['vm_fault', 'vm_fault_page', 'vm_object_allocate'],
  },
  'cow-symmetric': {
    title: 'Copy-on-write, symmetric strategy',
    text:
      'Private anonymous memory is copied by copying nothing: both entries keep mapping the same object with a pending copy (needs_copy), and the source loses write in its pmap. ' +
      'Whoever writes first gets a shadow object; the shared object is not written again by either side. A private object seen by no one else needs no shadow at all.',
    functions: ['vm_map_fork', 'vm_object_copy_quickly', 'vm_map_enter'],
  },
  'cow-shadow': {
    title: 'Copy-on-write: the first write makes a shadow',
    text:
      'A write through an entry whose copy is pending gives the entry a shadow object: a new empty object whose shadow is the old one. The entry now maps the shadow, which will ' +
      'hold this entry\'s private copies of the pages it writes; reads still find the old pages below.',
    functions: ['vm_fault', 'vm_object_shadow'],
  },
  'cow-copy-page': {
    title: 'Copy-on-write: a write copies the page up',
    text:
      'When a write finds its page in an object lower in the shadow chain, the page is copied into the top object (a COW fault). Every mapping of the lower page is removed, ' +
      'so each task faults again and finds the copy it should see; the chain may then be collapsed.',
    functions: ['vm_fault_page', 'pmap_page_protect'],
  },
  'cow-delayed': {
    title: 'Copy-on-write, delayed strategy: a copy object',
    text:
      "Files' objects, and anonymous objects that have been shared, are copied through a copy object that shadows the original. The original's pages lose write; before its owner " +
      'changes a page, the old contents are pushed into the copy object. An earlier copy object still empty is reused.',
    functions: ['vm_object_copy_delayed', 'vm_fault_page'],
  },
  fork: {
    title: 'Fork: the child\'s map from the parent\'s inheritance',
    text:
      "task B = fork(A) builds B's map from A's, entry by entry: VM_INHERIT_NONE leaves a hole, VM_INHERIT_COPY gives a copy-on-write copy, VM_INHERIT_SHARE maps the same object.",
    functions: ['task_create', 'vm_map_fork'],
  },
  share: {
    title: 'Sharing an object',
    text:
      'To share a range (VM_INHERIT_SHARE at fork, vm_remap with copy FALSE), the entry needs a real object: one is made if it has none, and a pending copy gets its shadow first. ' +
      'The shared object switches to the delayed strategy, so later copies of it go through a copy object. Both sides then see each other\'s writes.',
    functions: ['vm_map_fork_share', 'vm_remap'],
  },
  coalesce: {
    title: 'Coalescing entries',
    text:
      'A new range right after an entry with the same attributes extends that entry (and its object, when nobody else sees it) instead of making a new one; neighbours that become ' +
      'alike again are merged back.',
    functions: ['vm_map_enter', 'vm_object_coalesce', 'vm_map_simplify_entry'],
  },
  clip: {
    title: 'Clipping an entry',
    text: 'A call on part of an entry first splits the entry at the range\'s ends, so that each piece has its own attributes.',
    functions: ['vm_map_clip_start', 'vm_map_clip_end'],
  },
  deallocate: {
    title: 'Removing mappings',
    text:
      "vm_deallocate removes the entries of a range, and task_terminate all of a task's: their pmap mappings and TLB entries go, and each object loses a reference.",
    functions: ['vm_map_delete', 'task_terminate', 'pmap_remove'],
  },
  protect: {
    title: 'Changing protection',
    text:
      'vm_protect sets the current protection of a range, never above its maximum, or lowers the maximum. Lowering it removes write (or every access) from the pmap and the TLB at once.',
    functions: ['vm_map_protect', 'pmap_protect'],
  },
  inherit: {
    title: 'Changing inheritance',
    text: "vm_inherit only records what a later fork gives the child of the range; nothing else changes now.",
    functions: ['vm_map_inherit'],
  },
  'object-lifetime': {
    title: 'Objects are counted and freed',
    text:
      "An object counts the entries that map it and the objects that shadow it. When the last reference goes, its pages return to the free list and the object it shadowed loses a reference. " +
      "A file's object stays cached with its pages, for the next vm_map of the file.",
    functions: ['vm_object_deallocate'],
  },
  collapse: {
    title: 'Collapse and bypass: shortening shadow chains',
    text:
      "When the top object holds its shadow's only reference, the shadow's pages it lacks move up and the shadow is freed (collapse). When the shadow is still used elsewhere but the top " +
      'object already holds every page it would need from it, the top object skips it and shadows the next one (bypass).',
    functions: ['vm_object_collapse', 'vm_object_do_collapse', 'vm_object_do_bypass'],
  },
  pager: {
    title: 'Pagers: memory objects and their messages',
    text:
      'A declared object is served by a pager, "a file": the kernel calls memory_object_init at its first vm_map, asks for a missing page with memory_object_data_request (the pager ' +
      'answers data_supply or data_unavailable), and gives dirty pages back with memory_object_data_return. Anonymous memory has the default pager, which holds pages paged out.',
    functions: ['memory_object_init', 'memory_object_data_request', 'memory_object_data_supply', 'memory_object_data_return'],
  },
  pageout: {
    title: 'The pageout daemon: clock and second chance',
    text:
      'When a frame is needed and none is free, a clock hand sweeps the frames: a referenced page gets a second chance (its bit is cleared), the first unreferenced one is evicted. ' +
      'Its mappings go, and its contents go back to its pager unless the pager already holds them.',
    functions: ['vm_pageout_scan', 'vm_page_grab'],
  },
  shootdown: {
    title: 'TLB shootdown',
    text:
      'Every change that removes a mapping or lowers its protection invalidates the matching TLB entries, so that no TLB entry allows what the pmap would refuse: deallocation, a lowering ' +
      'vm_protect, the write protection of a copy\'s source, a copy-up, a push, a pageout.',
    functions: ['pmap_remove', 'pmap_protect', 'tlb_shootdown'],
  },
} as const satisfies Record<string, KernelRule>;

export type RuleId = keyof typeof RULES;

/** Every rule id, in the order the reference lists them. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];
