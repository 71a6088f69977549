/**
 * The course: the built-in lessons grouped into units, in the order a lecture course teaches them
 * (address maps and placement first, paging and pagers last). Every lesson of scenarios/ is in
 * exactly one unit (course.test.ts fails otherwise). The picker shows the units, n / b walk the
 * lessons in this order across units (wrapping), and presentation mode's lesson list (key l) shows
 * it. Plain data and two small functions, read by node (tests, docs check) and the browser alike.
 */

export interface CourseUnit {
  title: string;
  /** Lesson names (scenarios/NAME.vms), in teaching order. */
  lessons: readonly string[];
}

export const COURSE: readonly CourseUnit[] = [
  {
    title: 'Address maps and placement',
    lessons: [
      'first_fit',
      'anywhere_ignores_hint',
      'page_zero',
      'fixed_overlap_no_space',
      'allocate_zero_and_rounding',
      'placement_rounding',
      'coalescing',
      'region_walk',
      'split_and_merge',
      'deallocate_clipping',
      'mask_alignment',
      'memory_object_null',
      'vm_map_bad_arguments',
      'end_of_address_space',
      'page_size_16k',
      'expressions',
    ],
  },
  {
    title: 'Protection',
    lessons: ['protect_cur_and_max', 'protect_holes', 'protection_fault', 'vm_read_snapshot', 'vm_copy', 'transfer_address_order'],
  },
  { title: 'Inheritance and fork', lessons: ['fork_share', 'fork_none', 'inherit_clipping', 'fork_copy'] },
  { title: 'Sharing', lessons: ['shared_mapping', 'shared_object_two_tasks', 'task_terminate'] },
  { title: 'Copy-on-write and shadow chains', lessons: ['cow_after_fork_read', 'chain_collapse', 'copy_mapping', 'copy_on_map'] },
  { title: 'vm_remap', lessons: ['remap_share', 'remap_copy'] },
  { title: 'The TLB', lessons: ['tlb_basics'] },
  { title: 'Paging and pagers', lessons: ['file_pager', 'read_only_file', 'vm_map_object_checks', 'pageout_pagein'] },
];

/** The group that holds lessons the course does not place (a scenario folder of one's own, tests). */
export const OTHER_LESSONS = 'Other lessons';

/** A unit with the lessons of `list` it holds, in course order. */
export interface LessonGroup<T> {
  title: string;
  lessons: T[];
}

/**
 * The lessons of `list` grouped by unit, units and lessons in course order; units with none of
 * them are left out, and lessons in no unit come last, in their own group, in the order given.
 */
export function courseGroups<T extends { name: string }>(list: readonly T[]): LessonGroup<T>[] {
  const byName = new Map(list.map((l) => [l.name, l]));
  const placed = new Set<string>();
  const groups: LessonGroup<T>[] = [];
  for (const unit of COURSE) {
    const lessons: T[] = [];
    for (const name of unit.lessons) {
      const l = byName.get(name);
      if (l !== undefined && !placed.has(name)) {
        lessons.push(l);
        placed.add(name);
      }
    }
    if (lessons.length > 0) groups.push({ title: unit.title, lessons });
  }
  const rest = list.filter((l) => !placed.has(l.name));
  if (rest.length > 0) groups.push({ title: OTHER_LESSONS, lessons: rest });
  return groups;
}

/** The lessons of `list` in course order, as one sequence (what n and b walk). */
export function courseOrder<T extends { name: string }>(list: readonly T[]): T[] {
  return courseGroups(list).flatMap((g) => g.lessons);
}
