/**
 * The course: the built-in lessons grouped into units, in the order a lecture course teaches them
 * (address maps and placement first, paging and pagers last). Every lesson of scenarios/ is in
 * exactly one unit (course.test.ts fails otherwise). The picker shows the units, n / b walk the
 * lessons in this order across units (wrapping), and presentation mode's lesson list (key l) shows
 * it. Node (builtins_node.ts) and the build (vite.config.ts's lesson index) place each lesson with
 * placeInCourse (builtins.ts' builtinFromFile); the browser then orders and groups the lessons by
 * the unit and order they carry, without COURSE itself in its bundle.
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

/** Where the course puts lesson `name`: its unit's title and its place in the whole course (0: the first lesson); undefined if nowhere. */
export function placeInCourse(name: string): { unit: string; order: number } | undefined {
  let order = 0;
  for (const unit of COURSE) {
    const at = unit.lessons.indexOf(name);
    if (at >= 0) return { unit: unit.title, order: order + at };
    order += unit.lessons.length;
  }
  return undefined;
}

/** A lesson placed (or not) in the course: builtinFromFile sets both from placeInCourse. */
export interface CoursePlace {
  name: string;
  /** Its unit's title; none for a lesson the course does not place. */
  unit?: string;
  /** Its place in the whole course (0: the first lesson). */
  order?: number;
}

/** The lessons in course order: by their place, those the course does not place last, in the order given. */
export function inCourseOrder<T extends CoursePlace>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || 0);
}

/** A unit and its lessons (of a list), in course order. */
export interface LessonGroup<T> {
  title: string;
  lessons: T[];
}

/**
 * The lessons grouped by unit, units and lessons in course order; units with none of them are
 * left out, and lessons the course does not place come last, in a group of their own.
 * It reads only the lessons' unit and order, so the browser's bundle carries no copy of COURSE:
 * the lesson index (vite.config.ts) is built with them.
 */
export function courseGroups<T extends CoursePlace>(list: readonly T[]): LessonGroup<T>[] {
  const groups: LessonGroup<T>[] = [];
  for (const l of inCourseOrder(list)) {
    const title = l.unit ?? OTHER_LESSONS;
    if (groups.at(-1)?.title !== title) groups.push({ title, lessons: [] });
    groups.at(-1)!.lessons.push(l);
  }
  return groups;
}
