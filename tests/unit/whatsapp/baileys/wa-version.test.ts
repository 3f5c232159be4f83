import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { currentWaWebVersion } from '../../../../src/whatsapp/baileys/wa-version.js';

describe('asking WhatsApp Web for its version', () => {
  it('falls back to the bundled version with one short log line, no stack trace, when it cannot be asked', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString('utf8')), done()) }));
    // Stopped before it starts, as offline: the question fails without touching the network.
    const version = await currentWaWebVersion(logger, AbortSignal.abort());
    expect(version).toBeUndefined();
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line.msg).toBe('could not ask WhatsApp Web for its current version; using the one bundled with Baileys');
    expect(typeof line.reason).toBe('string');
    expect(lines[0]).not.toContain('stack');
  });
});
