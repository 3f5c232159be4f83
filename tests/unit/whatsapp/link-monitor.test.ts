import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../src/core/events.js';
import { LinkMonitor } from '../../../src/whatsapp/link-monitor.js';
import { FakeClock } from '../../support/fake-clock.js';

function setUp() {
  const clock = new FakeClock();
  const events = createEventBus();
  const monitor = new LinkMonitor(events, clock);
  monitor.track('main', 'connecting', '+5511900000000');
  monitor.start();
  return { clock, events, monitor };
}

describe('the link monitor', () => {
  it('keeps the latest QR code of a session waiting to be scanned', async () => {
    const t = setUp();
    t.events.emit('link.state', { sessionName: 'main', state: 'qr' });
    t.events.emit('link.qr', { sessionName: 'main', code: 'first' });
    await t.clock.advance(20_000);
    t.events.emit('link.qr', { sessionName: 'main', code: 'second' });
    expect(t.monitor.status('main')).toMatchObject({ state: 'qr', qr: { code: 'second', at: t.clock.now() } });
  });

  it('forgets the QR once linked and remembers the number', () => {
    const t = setUp();
    t.events.emit('link.qr', { sessionName: 'main', code: 'first' });
    t.events.emit('link.open', { sessionName: 'main', phone: '+5511988887777' });
    expect(t.monitor.status('main')).toMatchObject({ state: 'open', qr: null, phone: '+5511988887777' });
  });

  it('drops a QR that can no longer be scanned when the link state moves on', () => {
    const t = setUp();
    t.events.emit('link.qr', { sessionName: 'main', code: 'first' });
    t.events.emit('link.state', { sessionName: 'main', state: 'reconnecting' });
    expect(t.monitor.status('main')).toMatchObject({ state: 'reconnecting', qr: null, phone: '+5511900000000' });
  });

  it('learns about sessions from their events and knows nothing of others', () => {
    const t = setUp();
    t.events.emit('link.qr', { sessionName: 'shop', code: 'c' });
    expect(t.monitor.sessionNames()).toEqual(['main', 'shop']);
    expect(t.monitor.status('nowhere')).toBeUndefined();
  });

  it('hands out copies, so callers cannot change what it knows', () => {
    const t = setUp();
    t.events.emit('link.qr', { sessionName: 'main', code: 'c' });
    const status = t.monitor.status('main')!;
    status.qr!.code = 'tampered';
    expect(t.monitor.status('main')?.qr?.code).toBe('c');
    t.monitor.stop();
    t.events.emit('link.qr', { sessionName: 'main', code: 'after stop' });
    expect(t.monitor.status('main')?.qr?.code).toBe('c');
  });
});
