import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { DryRunTransport } from '../../../src/whatsapp/dry-run-transport.js';
import type { CloseInfo } from '../../../src/whatsapp/transport.js';
import { FakeClock } from '../../support/fake-clock.js';

function dryRun(pairAfterMs = 0) {
  const clock = new FakeClock();
  const transport = new DryRunTransport({ sessionName: 'main', clock, random: seededRandom(1), failRate: 0, latencyMs: 0, pairAfterMs });
  const closes: CloseInfo[] = [];
  transport.events.on('close', (info) => closes.push(info));
  return { clock, transport, closes };
}

describe('the dry-run transport on the extended port', () => {
  it('reports a simulated drop as a lost connection with its retry delay, and clears it when back', async () => {
    const { clock, transport, closes } = dryRun();
    await transport.connect();
    expect(transport.isRegistered).toBe(true);
    transport.simulateDrop('network hiccup', 5_000);
    expect(transport.state).toBe('reconnecting');
    expect(transport.retry).toEqual({ attempt: 1, delayMs: 5_000, at: clock.now() + 5_000 });
    expect(closes).toEqual([{ reason: 'network hiccup', kind: 'connection_lost', willReconnect: true, retryInMs: 5_000 }]);
    expect(transport.lastClose).toMatchObject({ kind: 'connection_lost', at: clock.now() });
    await clock.advance(5_000);
    expect(transport.state).toBe('open');
    expect(transport.retry).toBeNull();
  });

  it('logs out as an operator logout that does not come back by itself', async () => {
    const { clock, transport, closes } = dryRun();
    await transport.connect();
    await transport.logout();
    await clock.advance(60_000);
    expect(transport.state).toBe('logged_out');
    expect(transport.isRegistered).toBe(false);
    expect(closes).toEqual([{ reason: 'logged out by an operator', kind: 'logged_out', willReconnect: false }]);
  });

  it('hands out an 8-character pairing code and links on the simulated schedule', async () => {
    const { clock, transport } = dryRun(10_000);
    const code = await transport.requestPairingCode('+5511912345678');
    expect(code).toMatch(/^[0-9A-F]{8}$/);
    expect(transport.state).toBe('qr');
    await clock.advance(10_000);
    expect(transport.state).toBe('open');
    await expect(transport.requestPairingCode('+5511912345678')).rejects.toThrow('WhatsApp number main (dry run) is already linked.');
    await expect(transport.requestPairingCode('call me')).rejects.toThrow('call me is not a phone number in international format');
  });
});

describe('simulated replies from recipients', () => {
  function answering(replyRate: number, replyTexts: string[]) {
    const clock = new FakeClock();
    const transport = new DryRunTransport({ sessionName: 'main', clock, random: seededRandom(3), failRate: 0, latencyMs: 0, pairAfterMs: 0, replyRate, replyTexts, readAfterMs: 5_000, replyAfterMs: 2_000 });
    const inbound: { phone: string; text: string; at: number }[] = [];
    transport.events.on('inbound', ({ phone, text, at }) => inbound.push({ phone, text, at }));
    return { clock, transport, inbound };
  }

  it('makes every recipient answer once, a moment after the read receipt, at DRY_RUN_REPLY_RATE=1', async () => {
    const { clock, transport, inbound } = answering(1, ['Thanks!']);
    await transport.connect();
    const start = clock.now();
    await transport.sendText('5511900000001@s.whatsapp.net', 'Hi', { messageId: 'A1' });
    await transport.sendText('5511900000001@s.whatsapp.net', 'Hi again', { messageId: 'A2' });
    await clock.advance(6_000);
    expect(inbound).toEqual([]);
    await clock.advance(1_000);
    expect(inbound).toEqual([{ phone: '+5511900000001', text: 'Thanks!', at: start + 7_000 }]);
    await clock.advance(60_000);
    expect(inbound).toHaveLength(1);
  });

  it('lets about the configured share of recipients answer, with the configured texts', async () => {
    const { clock, transport, inbound } = answering(0.3, ['Ok', 'STOP']);
    await transport.connect();
    for (let i = 0; i < 1_000; i++) await transport.sendText(`55119${String(i).padStart(8, '0')}@s.whatsapp.net`, 'Hi', { messageId: `M${i}` });
    await clock.advance(10_000);
    expect(inbound.length).toBeGreaterThan(240);
    expect(inbound.length).toBeLessThan(360);
    expect(new Set(inbound.map((message) => message.text))).toEqual(new Set(['Ok', 'STOP']));
  });

  it('answers nothing at the default rate of 0', async () => {
    const { clock, transport, inbound } = answering(0, ['Thanks!']);
    await transport.connect();
    await transport.sendText('5511900000001@s.whatsapp.net', 'Hi', { messageId: 'A1' });
    await clock.advance(60_000);
    expect(inbound).toEqual([]);
  });
});
