/**
 * The projected page and its presenter view kept in step (sync.ts), with two stores on in-process
 * workers and a channel that delivers asynchronously, as BroadcastChannel does: a late presenter
 * catches up, steps go both ways without echoing back, an own text is asked for once, n / b run
 * on the projected page, and messages from a stranger change nothing.
 */
import { describe, expect, it } from 'vitest';
import { createScenarioStore } from '../../store/scenario_store';
import { CommandHandler } from '../../worker/handler';
import { inProcessClient } from '../../worker/client';
import { startPresenterSync, startProjectorSync } from './sync';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\nassert x == 0x1000\n';
const LESSONS = [{ name: 'one', title: 'One', goal: '', source: SRC }];

function newStore() {
  const h = new CommandHandler();
  return createScenarioStore(inProcessClient((c) => h.handle(c)), LESSONS);
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A channel of ports: a message posted reaches every other port, later (each port's messages are logged). */
function channel() {
  const ports: Port[] = [];
  class Port {
    onmessage: ((e: MessageEvent) => void) | null = null;
    sent: unknown[] = [];
    closed = false;
    constructor() {
      ports.push(this);
    }
    postMessage(data: unknown) {
      this.sent.push(data);
      for (const p of ports) if (p !== this && !p.closed) setTimeout(() => p.onmessage?.({ data } as MessageEvent), 0);
    }
    close() {
      this.closed = true;
    }
  }
  return { open: () => new Port(), ports };
}

describe('presenter sync', () => {
  it('a presenter opened late catches up; steps go both ways; nothing echoes back', async () => {
    const ch = channel();
    const projector = newStore();
    const commands: string[] = [];
    projector.getState().loadBuiltin('one', 2);
    await settle();
    startProjectorSync(projector, (id) => commands.push(id), ch.open);
    await settle();

    const presenter = newStore();
    const sync = startPresenterSync(presenter, () => undefined, ch.open);
    await settle();
    expect(presenter.getState().builtinName).toBe('one');
    expect(presenter.getState().target).toBe(2);

    await projector.getState().stepForward();
    await settle();
    expect(presenter.getState().target).toBe(3);

    await presenter.getState().stepForward();
    await settle();
    expect(projector.getState().target).toBe(4);
    expect(presenter.getState().target).toBe(4);

    // each position went out from the side that moved (the projector's first again, for the presenter's hello), never back
    const [projectorPort, presenterPort] = ch.ports;
    const steps = (p: { sent: unknown[] }) => p.sent.filter((m) => (m as { type: string }).type === 'at').map((m) => (m as { step: number }).step);
    expect(steps(projectorPort)).toEqual([2, 2, 3]);
    expect(steps(presenterPort)).toEqual([4]);

    sync.command('next-lesson');
    await settle();
    expect(commands).toEqual(['next-lesson']);
  });

  it('an own text: the presenter asks for it once and opens it at the step', async () => {
    const ch = channel();
    const projector = newStore();
    projector.getState().loadSource(SRC.replace('"hi"', '"own"'), 1);
    await settle();
    startProjectorSync(projector, () => undefined, ch.open);
    const presenter = newStore();
    startPresenterSync(presenter, () => undefined, ch.open);
    await settle();
    expect(presenter.getState().source).toBe(projector.getState().source);
    expect(presenter.getState().target).toBe(1);
    await projector.getState().stepForward();
    await settle();
    expect(presenter.getState().target).toBe(2);
    expect(ch.ports[1].sent.filter((m) => (m as { type: string }).type === 'need')).toHaveLength(1);
  });

  it('a hostile message on the channel changes nothing', async () => {
    const ch = channel();
    const projector = newStore();
    projector.getState().loadBuiltin('one', 2);
    await settle();
    startProjectorSync(projector, () => undefined, ch.open);
    const stranger = ch.open();
    for (const data of [{ type: 'at', scenario: { kind: 'builtin', name: 'one' }, step: -5, lecture: null }, { type: 'at', scenario: { kind: 'builtin', name: 'one' }, step: 'x' }, { type: 'command', id: 'presentation' }, 'boom', null]) {
      stranger.postMessage(data);
    }
    await settle();
    expect(projector.getState().target).toBe(2);
    // a well-formed step for another scenario is not followed either: the projected page decides what is shown
    stranger.postMessage({ type: 'at', scenario: { kind: 'builtin', name: 'other' }, step: 1, lecture: null });
    await settle();
    expect(projector.getState().target).toBe(2);
  });
});
