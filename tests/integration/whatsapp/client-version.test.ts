import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvents } from '../../../src/core/events.js';
import { baileysTestApp, type BaileysTestApp } from '../../support/baileys/baileys-app.js';

let current: BaileysTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('a WhatsApp Web version WhatsApp keeps refusing', () => {
  it('reaches the operators as a notice saying what to do, once', async () => {
    const t = (current = baileysTestApp({}, { version: undefined, fetchVersion: async () => [2, 3000, 1] }));
    const notices: AppEvents['notice'][] = [];
    t.app.services.events.on('notice', (notice) => notices.push(notice));
    await t.app.start();
    await t.clock.settle();
    t.factory.latest.failure(405);
    await t.clock.settle();
    await t.clock.runUntil(() => t.factory.sockets.length === 2);
    t.factory.latest.failure(405);
    await t.clock.settle();
    expect(notices).toEqual([
      {
        text: 'WhatsApp main: WhatsApp no longer accepts WhatsApp Web 2.3000.1 (405: client too old), and WhatsApp Web names no newer one. Update zapcast, or set WA_VERSION to the version WhatsApp Web runs now.',
      },
    ]);
  });
});
