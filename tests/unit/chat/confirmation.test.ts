import { describe, expect, it } from 'vitest';
import { commandLineOf, confirmationReply, declined } from '../../../src/chat/confirmation.js';
import { OfferedLines } from '../../../src/chat/console/offered-lines.js';

describe('confirmation of irreversible commands', () => {
  it('offers Confirm with the same command line and Cancel with a decline of it', () => {
    const line = commandLineOf({ command: 'stop', text: '7' });
    expect(confirmationReply('Stop campaign 7 for good?', line)).toEqual({
      kind: 'text',
      text: 'Stop campaign 7 for good?',
      buttons: [
        { label: 'Confirm', command: '/stop 7', style: 'danger' },
        { label: 'Cancel', command: '/nevermind stop 7', style: 'secondary' },
      ],
    });
    expect(declined({ text: 'stop 7' })).toEqual({ command: 'stop', line: '/stop 7' });
  });

  it('rebuilds the line of a slash command from its typed values', () => {
    expect(commandLineOf({ command: 'logout', values: { session: 'shop', nothing: undefined } })).toBe('/logout session=shop');
  });

  it('on the console, treats typing an offered line as pressing its button, once', () => {
    const offered = new OfferedLines();
    offered.offer([
      { label: 'Confirm', command: '/stop 7' },
      { label: 'Cancel', command: '/nevermind stop 7' },
    ]);
    expect(offered.take('/status 7')).toBe(false);
    expect(offered.take('  /STOP   7 ')).toBe(true);
    expect(offered.take('/stop 7')).toBe(false);
  });
});
