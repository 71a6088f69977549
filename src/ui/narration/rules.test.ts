import { describe, expect, it } from 'vitest';
import { loadBuiltins } from '../../scenario/builtins_node';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { narrate } from './narrate';
import { RULES, RULE_IDS } from './rules';

describe('the rules the narration names', () => {
  it('every narration line of every lesson that names a rule carries the id of a rule of the table', () => {
    const seen = new Set<string>();
    let ruled = 0;
    for (const b of loadBuiltins()) {
      const it = new Interpreter(parseOrThrow(b.source));
      const taskNames = new Map<number, string>();
      const names = { task: (id: number) => taskNames.get(id) ?? `#${id}`, pageSize: it.kernel.pageSize };
      while (!it.done) {
        const record = it.step();
        for (const e of record.events) if (e.type === 'task_created') taskNames.set(e.task, e.name);
        for (const l of narrate(record, names)) {
          if (l.rule === undefined) {
            expect(l.ruleId).toBeUndefined();
            continue;
          }
          ruled++;
          expect(l.ruleId, `${b.name} line ${record.line}: "${l.rule}" has no rule id`).toBeDefined();
          expect(RULE_IDS).toContain(l.ruleId);
          seen.add(l.ruleId!);
        }
      }
    }
    expect(ruled).toBeGreaterThan(100);
    // the lessons between them cite most of the rules (the rest are cited by scenarios students write)
    expect(seen.size).toBeGreaterThanOrEqual(RULE_IDS.length - 6);
  });

  it('each rule has a title, one paragraph and the functions that apply it', () => {
    for (const id of RULE_IDS) {
      const r = RULES[id];
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.text).toMatch(/^[A-Z"a-z].*\.$/s);
      expect(r.text.split('\n')).toHaveLength(1);
      expect(r.functions.length).toBeGreaterThan(0);
    }
  });
});
