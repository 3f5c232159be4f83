import { describe, expect, it } from 'vitest';
import type { Message } from 'telegraf/types';
import { actorOf, FILE_HINT, readMessage, TEXT_HINT } from '../../../../src/chat/telegram/incoming.js';

const from = { id: 1001, is_bot: false, first_name: 'Olivia', username: 'olivia_ops' };
const chat = { id: 1001, type: 'private' as const, first_name: 'Olivia' };
const base = { message_id: 1, date: 0, chat, from };
const message = (fields: Record<string, unknown>) => ({ ...base, ...fields }) as unknown as Message;
const doc = (file_name: string, file_size = 100) => ({ file_id: 'F1', file_unique_id: 'U1', file_name, mime_type: 'text/csv', file_size });

describe('reading a Telegram message', () => {
  it('takes a command and its arguments from the text, quotes and options kept for the parser', () => {
    expect(readMessage(message({ text: '/send 3 "Hi {name}" media=x' }), 'zap_bot')).toEqual({ kind: 'command', command: 'send', text: '3 "Hi {name}" media=x', files: [], addressed: false });
  });

  it('accepts a command addressed to this bot and ignores one for another bot', () => {
    expect(readMessage(message({ text: '/Status@Zap_Bot 7' }), 'zap_bot')).toMatchObject({ kind: 'command', command: 'status', text: '7', addressed: true });
    expect(readMessage(message({ text: '/status@other_bot 7' }), 'zap_bot')).toEqual({ kind: 'ignore' });
  });

  it('imports a contacts file sent without a caption', () => {
    const read = readMessage(message({ document: doc('Contacts.CSV') }), 'zap_bot');
    expect(read).toEqual({ kind: 'command', command: 'import', text: '', files: [{ fileId: 'F1', fileName: 'Contacts.CSV', size: 100, mimeType: 'text/csv' }], addressed: false });
    expect(readMessage(message({ document: doc('people.vcf') }), 'zap_bot')).toMatchObject({ command: 'import' });
    expect(readMessage(message({ document: doc('sheet.xlsx') }), 'zap_bot')).toMatchObject({ command: 'import' });
  });

  it('runs the command in a caption with the file it comes with', () => {
    const read = readMessage(message({ document: doc('contacts.csv'), caption: '/import country=BR' }), 'zap_bot');
    expect(read).toMatchObject({ kind: 'command', command: 'import', text: 'country=BR', files: [{ fileName: 'contacts.csv' }] });
  });

  it('takes the largest size of a photo with a /send caption', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 1_000 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280, file_size: 90_000 },
    ];
    const read = readMessage(message({ photo, caption: '/send 2 Look {name}' }), 'zap_bot');
    expect(read).toEqual({ kind: 'command', command: 'send', text: '2 Look {name}', files: [{ fileId: 'large', fileName: 'photo-l.jpg', size: 90_000, mimeType: 'image/jpeg' }], addressed: false });
  });

  it('uses the file of the message a command replies to', () => {
    const earlier = { ...base, message_id: 0, document: doc('list.csv') };
    const read = readMessage(message({ text: '/import name=Nome', reply_to_message: earlier }), 'zap_bot');
    expect(read).toMatchObject({ kind: 'command', command: 'import', text: 'name=Nome', files: [{ fileName: 'list.csv' }] });
  });

  it('answers a stray file or plain text with a hint', () => {
    expect(readMessage(message({ document: doc('brochure.pdf') }), 'zap_bot')).toEqual({ kind: 'chatter', hint: FILE_HINT });
    expect(readMessage(message({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] }), 'zap_bot')).toEqual({ kind: 'chatter', hint: FILE_HINT });
    expect(readMessage(message({ text: 'hello?' }), 'zap_bot')).toEqual({ kind: 'chatter', hint: TEXT_HINT });
    expect(readMessage(message({ sticker: { file_id: 's' } }), 'zap_bot')).toEqual({ kind: 'ignore' });
  });

  it('names the actor by username, or by first and last name', () => {
    expect(actorOf(from)).toEqual({ id: '1001', name: '@olivia_ops' });
    expect(actorOf({ id: 5, is_bot: false, first_name: 'Ana', last_name: 'Lima' })).toEqual({ id: '5', name: 'Ana Lima' });
  });
});
