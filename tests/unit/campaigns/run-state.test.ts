import { describe, expect, it } from 'vitest';
import { assertRunTransition, canTransition, RUN_STATES } from '../../../src/campaigns/run-state.js';
import { IllegalTransitionError } from '../../../src/core/errors.js';

describe('campaign run state machine', () => {
  it('follows the documented path', () => {
    expect(canTransition('draft', 'scheduled')).toBe(true);
    expect(canTransition('scheduled', 'running')).toBe(true);
    expect(canTransition('running', 'paused')).toBe(true);
    expect(canTransition('paused', 'running')).toBe(true);
    expect(canTransition('running', 'waiting_for_login')).toBe(true);
    expect(canTransition('waiting_for_login', 'running')).toBe(true);
    for (const end of ['completed', 'stopped', 'failed'] as const) expect(canTransition('running', end)).toBe(true);
  });

  it('refuses to pause a completed campaign, in words', () => {
    expect(() => assertRunTransition(7, 'completed', 'paused', 'pause')).toThrow(IllegalTransitionError);
    expect(() => assertRunTransition(7, 'completed', 'paused', 'pause')).toThrow('campaign 7 is completed; it cannot be paused.');
  });

  it('says when the campaign already is in the asked state', () => {
    expect(() => assertRunTransition(3, 'paused', 'paused', 'pause')).toThrow('campaign 3 is paused; it cannot be paused (it already is).');
  });

  it('never leaves stopped, and leaves failed only to wait for the next recurring fire', () => {
    for (const to of RUN_STATES) {
      expect(canTransition('stopped', to)).toBe(false);
      expect(canTransition('failed', to)).toBe(to === 'scheduled');
    }
  });

  it('cannot pause a draft', () => {
    expect(() => assertRunTransition(2, 'draft', 'paused', 'pause')).toThrow('campaign 2 is a draft; it cannot be paused.');
  });
});
