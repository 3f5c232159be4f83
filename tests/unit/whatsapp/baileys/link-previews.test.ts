import { afterEach, describe, expect, it, vi } from 'vitest';
import { baileysHarness } from '../../../support/baileys/transport-harness.js';

const PHONE_JID = '5511987654321@s.whatsapp.net';
const PAGE = `<!doctype html><html><head><title>Shop</title>
<meta property="og:title" content="Summer sale"><meta property="og:description" content="20% off everything until Sunday">
</head><body>sale</body></html>`;

/** The web as link-preview-js sees it (through fetch): every page is the shop's sale page. */
function stubWeb(): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    asked.push(String(input instanceof Request ? input.url : input));
    return new Response(PAGE, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  });
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('link previews', () => {
  it('go out with a text for its first link, the page read once for every message that repeats the link', async () => {
    const asked = stubWeb();
    const { transport, factory, linked } = baileysHarness();
    await linked();
    await transport.sendText(PHONE_JID, 'Hi Ana, see https://shop.example/sale and https://other.example', { messageId: 'L1' });
    await transport.sendText(PHONE_JID, 'Hi Bruno, see https://shop.example/sale and https://other.example', { messageId: 'L2' });
    const [first, second] = factory.latest.sent.map((s) => s.message.message!.extendedTextMessage!);
    expect(first).toMatchObject({
      text: 'Hi Ana, see https://shop.example/sale and https://other.example',
      matchedText: 'https://shop.example/sale',
      title: 'Summer sale',
      description: '20% off everything until Sunday',
    });
    expect(second).toMatchObject({ title: 'Summer sale', matchedText: 'https://shop.example/sale' });
    expect(asked).toEqual(['https://shop.example/sale']);
  });

  it('are not fetched or sent when LINK_PREVIEWS is off', async () => {
    const asked = stubWeb();
    const { transport, factory, linked } = baileysHarness({ linkPreviews: false });
    await linked();
    await transport.sendText(PHONE_JID, 'Hi Ana, see https://shop.example/sale', { messageId: 'L3' });
    const sent = factory.latest.sent[0]!.message.message!.extendedTextMessage!;
    expect(sent.text).toBe('Hi Ana, see https://shop.example/sale');
    expect(sent.title).toBeFalsy();
    expect(asked).toEqual([]);
  });

  it('leave the message bare, and it still goes, when the page cannot be read', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    const { transport, factory, linked } = baileysHarness();
    await linked();
    await expect(transport.sendText(PHONE_JID, 'See https://down.example/page', { messageId: 'L4' })).resolves.toMatchObject({ waMessageId: 'L4' });
    expect(factory.latest.sent[0]!.message.message!.extendedTextMessage!.title).toBeFalsy();
  });
});
