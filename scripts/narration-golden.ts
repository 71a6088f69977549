/**
 * Dumps what a student reads for every step of every built-in scenario: the narration lines (text,
 * tone, why, rule and its id, and the type of the event a line tells) and the quiz questions, as JSON, so a
 * change to the narration or the quiz can be reviewed line by line against a run of the old code.
 *   npx tsx scripts/narration-golden.ts /tmp/golden.json
 */
import { writeFileSync } from 'node:fs';
import { loadBuiltins } from '../src/scenario/builtins_node';
import { Interpreter } from '../src/scenario/interpreter';
import { parseOrThrow } from '../src/scenario/parser';
import { narrate } from '../src/ui/narration/narrate';
import { allQuestionsFor } from '../src/ui/quiz/questions';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: npx tsx scripts/narration-golden.ts OUT.json\n');
  process.exit(2);
}

const out: Record<string, unknown[]> = {};
for (const b of loadBuiltins()) {
  const it = new Interpreter(parseOrThrow(b.source));
  const taskNames = new Map<number, string>();
  const names = { task: (id: number) => taskNames.get(id) ?? `#${id}`, pageSize: it.kernel.pageSize };
  const steps: unknown[] = [];
  while (!it.done) {
    const record = it.step();
    for (const e of record.events) if (e.type === 'task_created') taskNames.set(e.task, e.name);
    steps.push({
      line: record.line,
      text: record.text,
      narration: narrate(record, names).map((l) => ({ text: l.text, tone: l.tone, why: l.why, rule: l.rule, ruleId: l.ruleId, event: l.event?.type })),
      quiz: allQuestionsFor(record, names).map((q) => ({ id: q.id, prompt: q.prompt, choices: q.choices.map((c) => c.label), answer: q.answer, why: q.why })),
    });
  }
  out[b.name] = steps;
}
writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
process.stdout.write(`${Object.keys(out).length} scenarios, ${Object.values(out).reduce((n, s) => n + s.length, 0)} steps → ${file}\n`);
