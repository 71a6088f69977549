/**
 * The course order: every lesson of scenarios/ in exactly one unit, no unit naming a lesson that
 * has no file, docs/lessons.md listing the units and their lessons in the same order, and the
 * grouping functions the picker and n / b use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COURSE, courseGroups, inCourseOrder, OTHER_LESSONS, placeInCourse } from './course';
import { loadBuiltins, SCENARIO_DIR } from './builtins_node';
import { builtinInfoFromFile } from './builtins';

const FILES = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.vms'))
  .map((f) => f.slice(0, -'.vms'.length));

describe('the course', () => {
  it('places every lesson of scenarios/ in exactly one unit', () => {
    const units = new Map<string, string[]>();
    for (const u of COURSE) for (const name of u.lessons) units.set(name, [...(units.get(name) ?? []), u.title]);
    const inNone = FILES.filter((f) => !units.has(f));
    const inTwo = [...units].filter(([, us]) => us.length > 1).map(([name, us]) => `${name} (${us.join(', ')})`);
    expect(inNone, 'lessons in no unit of src/scenario/course.ts').toEqual([]);
    expect(inTwo, 'lessons in more than one unit (or twice in one)').toEqual([]);
  });

  it('names no lesson that has no file', () => {
    const missing = COURSE.flatMap((u) => u.lessons).filter((name) => !FILES.includes(name));
    expect(missing, 'names in src/scenario/course.ts with no scenarios/NAME.vms').toEqual([]);
  });

  it('has the eight units of the issue, in teaching order, none empty', () => {
    expect(COURSE.map((u) => u.title)).toEqual([
      'Address maps and placement',
      'Protection',
      'Inheritance and fork',
      'Sharing',
      'Copy-on-write and shadow chains',
      'vm_remap',
      'The TLB',
      'Paging and pagers',
    ]);
    for (const u of COURSE) expect(u.lessons.length, u.title).toBeGreaterThan(0);
    // the default lesson opens the course; fork_copy leads into copy-on-write
    expect(COURSE[0].lessons[0]).toBe('first_fit');
    expect(inCourseOrder(loadBuiltins()).map((l) => l.name).at(-1)).toBe('pageout_pagein');
  });

  it('is what docs/lessons.md lists, unit by unit', () => {
    const doc = readFileSync(new URL('../../docs/lessons.md', import.meta.url), 'utf8');
    const listed: { title: string; lessons: string[] }[] = [];
    for (const line of doc.split('\n')) {
      const heading = /^## \d+\. (.+)$/.exec(line);
      if (heading !== null) listed.push({ title: heading[1], lessons: [] });
      const row = /^\| ([a-z0-9_]+) \|/.exec(line);
      if (row !== null && row[1] !== 'name') listed.at(-1)!.lessons.push(row[1]);
    }
    expect(listed).toEqual(COURSE.map((u) => ({ title: u.title, lessons: [...u.lessons] })));
  });
});

describe('a lesson\'s place in the course', () => {
  it('comes with every lesson read from its file, in node and in the browser\'s index (its unit, its place in the whole course)', () => {
    const all = loadBuiltins();
    expect(all.find((b) => b.name === 'first_fit')).toMatchObject({ unit: 'Address maps and placement', order: 0 });
    expect(all.find((b) => b.name === 'protect_cur_and_max')).toMatchObject({ unit: 'Protection', order: COURSE[0].lessons.length });
    expect(builtinInfoFromFile('scenarios/tlb_basics.vms', '# title: T\n# goal: G\n')).toEqual({
      name: 'tlb_basics', title: 'T', goal: 'G', unit: 'The TLB', order: COURSE.slice(0, 6).reduce((n, u) => n + u.lessons.length, 0),
    });
    expect(builtinInfoFromFile('mine.vms', '# title: Mine\n')).toEqual({ name: 'mine', title: 'Mine', goal: '' });
    expect(placeInCourse('no_such_lesson')).toBeUndefined();
  });
});

describe('courseGroups and inCourseOrder', () => {
  const lesson = (name: string) => ({ name, title: name.toUpperCase(), ...placeInCourse(name) });

  it('group a list by unit in course order, whatever order it comes in, and leave out units with none of it', () => {
    const list = ['tlb_basics', 'fork_copy', 'first_fit', 'fork_share', 'page_zero'].map(lesson);
    expect(courseGroups(list).map((g) => [g.title, g.lessons.map((l) => l.name)])).toEqual([
      ['Address maps and placement', ['first_fit', 'page_zero']],
      ['Inheritance and fork', ['fork_share', 'fork_copy']],
      ['The TLB', ['tlb_basics']],
    ]);
    expect(inCourseOrder(list).map((l) => l.name)).toEqual(['first_fit', 'page_zero', 'fork_share', 'fork_copy', 'tlb_basics']);
  });

  it('put lessons the course does not know last, in the order given', () => {
    const list = ['zeta', 'fork_copy', 'alpha'].map(lesson);
    expect(courseGroups(list).map((g) => [g.title, g.lessons.map((l) => l.name)])).toEqual([
      ['Inheritance and fork', ['fork_copy']],
      [OTHER_LESSONS, ['zeta', 'alpha']],
    ]);
  });
});
