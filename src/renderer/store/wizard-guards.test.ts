import { describe, expect, it } from 'vitest';
import { setupStore } from '../test/fake-transport';
import type { FerryState } from './ferry-store';
import { canMove, nextStep, previousStep, stepGuards, stepIds } from './wizard-guards';

/** A real initial state with a few fields overridden: guards are pure functions of it. */
function state(patch: (s: FerryState) => Partial<FerryState> = () => ({})): FerryState {
  const base = setupStore().store.getState();
  return { ...base, ...patch(base) };
}

const withWorkspace = (s: FerryState) => ({ exportFlow: { ...s.exportFlow, workspacePath: '/ws/dev' } });

describe('wizard step guards', () => {
  it('lists the steps in journey order', () => {
    expect(stepIds).toEqual(['start', 'export', 'inspect', 'map', 'dryrun', 'preview', 'import', 'upload']);
    expect(nextStep('start')).toBe('export');
    expect(nextStep('inspect')).toBe('map');
    expect(nextStep('import')).toBe('upload');
    expect(nextStep('upload')).toBeNull();
    expect(previousStep('export')).toBe('start');
    expect(previousStep('start')).toBeNull();
  });

  it('Start is always open', () => {
    expect(stepGuards.start.canEnter(state())).toEqual({ ok: true });
    expect(stepGuards.start.canLeave(state())).toEqual({ ok: true });
  });

  it('Export needs a workspace, and holds the user while the package is being written', () => {
    expect(stepGuards.export.canEnter(state())).toMatchObject({ ok: false, reason: /workspace/ });
    expect(stepGuards.export.canEnter(state(withWorkspace))).toEqual({ ok: true });
    const writing = state((s) => ({
      exportFlow: {
        ...s.exportFlow,
        workspacePath: '/ws/dev',
        write: { status: 'running', jobId: 'j', cancelRequested: false },
      },
    }));
    expect(stepGuards.export.canLeave(writing)).toMatchObject({ ok: false, reason: /written/ });
    expect(canMove(writing, 'export', 'inspect')).toMatchObject({ ok: false });
    expect(canMove(writing, 'export', 'export')).toEqual({ ok: true });
  });

  it('Inspect needs a package (or folder) to inspect', () => {
    expect(stepGuards.inspect.canEnter(state())).toMatchObject({ ok: false, reason: /package/ });
    const inspecting = state((s) => ({
      inspect: { ...s.inspect, source: { path: '/p.zip', label: 'p.zip' } },
    }));
    expect(stepGuards.inspect.canEnter(inspecting)).toEqual({ ok: true });
    // From a screen outside the wizard only the target's canEnter counts.
    expect(canMove(inspecting, 'history', 'inspect')).toEqual({ ok: true });
  });

  it('navigate() refuses a step its guards refuse, says why, and lets the next good move through', () => {
    const { store } = setupStore();
    expect(store.getState().navigate('inspect')).toBe(false);
    expect(store.getState().screen).toBe('start');
    expect(store.getState().blockedReason).toMatch(/package/);
    expect(store.getState().navigate('history')).toBe(true);
    expect(store.getState().blockedReason).toBeNull();
    store.setState((s) => withWorkspace(s));
    expect(store.getState().navigate('export')).toBe(true);
    expect(store.getState().lastStep).toBe('export');
  });
});
