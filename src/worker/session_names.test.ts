/**
 * The names a load tells the editor's completion (scenario/names.ts): the text's tasks, objects and
 * variables, bounded, with every outcome; a big text's come whole with the end of its run.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSession } from './session';
import { CommandHandler } from './handler';
import { MAX_COMPLETION_NAMES } from '../scenario/names';

const TEXT = `task A
task B = fork(A)
object file size=0x2000
x = 0x10000
kr = vm_allocate(A, &x, 0x1000, FALSE)
kr = vm_read(A, x, 4, &data)
`;

describe('a load sends the names the text defines', () => {
  it('tasks, objects and variables (assigned, results, written through &), each once, in order', () => {
    const o = new ScenarioSession(null).load(TEXT);
    expect(o.status).toBe('ok');
    if (o.status === 'parse-error') return;
    expect(o.names).toEqual({ tasks: ['A', 'B'], objects: ['file'], variables: ['x', 'kr', 'data'] });
  });

  it('a failing run still has them', () => {
    const o = new ScenarioSession(null).load('task A\ny = 1\nkr = vm_deallocate(B, 0, 1)\n');
    expect(o.status).toBe('runtime-error');
    if (o.status === 'parse-error') return;
    expect(o.names.variables).toEqual(['y', 'kr']);
  });

  it(`keeps at most MAX_COMPLETION_NAMES (${MAX_COMPLETION_NAMES}) of a kind`, () => {
    const many = Array.from({ length: MAX_COMPLETION_NAMES + 50 }, (_, i) => `v${i} = ${i}`).join('\n');
    const o = new ScenarioSession(null).load(`task A\n${many}\n`);
    if (o.status === 'parse-error') throw new Error('parses');
    expect(o.names.variables).toHaveLength(MAX_COMPLETION_NAMES);
    expect(o.names.variables[0]).toBe('v0');
  });

  it('a big text checked in the background: the load has the first lines\' names, the run\'s end all of them', () => {
    const h = new CommandHandler({ loadCheckLines: 10, chunkWork: 50 });
    const text = `task A\n${'x = 1\n'.repeat(40)}late = 2\n`;
    const reply = h.handle({ type: 'load', id: 1, source: text });
    if (reply.type !== 'loaded' || reply.outcome.status === 'parse-error') throw new Error('loads');
    expect(reply.outcome.names.variables).toEqual(['x']);
    let end = null;
    for (let i = 0; i < 100 && end === null; i++) {
      h.work();
      const n = h.news();
      if (n?.type === 'ran' && n.end !== null) end = n;
    }
    expect(end?.names?.variables).toEqual(['x', 'late']);
  });
});
