import { describe, expect, it } from 'vitest';
import { defineCommand, text, type Attachment } from '../../../src/core/command.js';
import { parseArguments, tokenize, usageLine } from '../../../src/core/command-parser.js';

const send = defineCommand({
  name: 'send',
  description: 'test',
  options: [
    { name: 'list', type: 'integer', description: 'list', required: true },
    { name: 'message', type: 'string', description: 'text', required: true, rest: true },
    { name: 'media', type: 'attachment', description: 'file', keyword: true },
  ],
  run: async () => text('ok'),
});

const sendWithSession = defineCommand({
  name: 'send',
  description: 'test',
  options: [
    { name: 'list', type: 'integer', description: 'list', required: true },
    { name: 'message', type: 'string', description: 'text', required: true, rest: true },
    { name: 'session', type: 'string', description: 'number', keyword: true },
  ],
  run: async () => text('ok'),
});

const resume = defineCommand({
  name: 'resume',
  description: 'test',
  options: [
    { name: 'campaign', type: 'integer', description: 'id', required: true },
    { name: 'resend-unknown', type: 'boolean', description: 'flag' },
  ],
  run: async () => text('ok'),
});

const fakeFile = (name: string): Attachment => ({ fileName: name, size: 1, mimeType: undefined, localPath: async () => name });

describe('command parser', () => {
  it('keeps quoted strings whole, straight or curly', () => {
    expect(tokenize(`a "b c" 'd e' “f g”`).map((t) => t.value)).toEqual(['a', 'b c', 'd e', 'f g']);
  });

  it('gives the rest of the line, spacing and newlines intact, to a rest option', () => {
    const parsed = parseArguments(send, { text: '7 Hi {name},\n  see you  soon', attachments: [] });
    expect(parsed.ok && parsed.value.integer('list')).toBe(7);
    expect(parsed.ok && parsed.value.string('message')).toBe('Hi {name},\n  see you  soon');
  });

  it('does not take key=value words inside a message as options', () => {
    const parsed = parseArguments(send, { text: '7 price=10 today', attachments: [] });
    expect(parsed.ok && parsed.value.string('message')).toBe('price=10 today');
  });

  it('takes keyword options written after the message text as options', () => {
    const parsed = parseArguments(sendWithSession, { text: '7 Hi {name}, see you session=shop', attachments: [] });
    expect(parsed.ok && parsed.value.string('message')).toBe('Hi {name}, see you');
    expect(parsed.ok && parsed.value.string('session')).toBe('shop');
  });

  it('reads keyword options and bare boolean flags', () => {
    const parsed = parseArguments(resume, { text: '#3 resend-unknown', attachments: [] });
    expect(parsed.ok && parsed.value.integer('campaign')).toBe(3);
    expect(parsed.ok && parsed.value.boolean('resend-unknown')).toBe(true);
  });

  it('fills attachment options from the files that came with the message', () => {
    const parsed = parseArguments(send, { text: '7 hello', attachments: [fakeFile('photo.jpg')] });
    expect(parsed.ok && parsed.value.attachment('media').fileName).toBe('photo.jpg');
  });

  it('says which argument is missing', () => {
    expect(parseArguments(send, { text: '7', attachments: [] })).toEqual({ ok: false, error: 'missing <message…>' });
    expect(parseArguments(resume, { text: '', attachments: [] })).toEqual({ ok: false, error: 'missing <campaign>' });
  });

  it('says when a number is not a number', () => {
    expect(parseArguments(resume, { text: 'seven', attachments: [] })).toEqual({ ok: false, error: 'campaign must be a whole number, not "seven"' });
  });

  it('refuses extra words', () => {
    expect(parseArguments(resume, { text: '3 now please', attachments: [] })).toEqual({ ok: false, error: 'unexpected "now"' });
  });

  it('refuses a typed file name where only an upload can be', () => {
    expect(parseArguments(send, { text: '7 hi media=photo.jpg', attachments: [] })).toEqual({
      ok: false,
      error: 'attach the file for media instead of typing "photo.jpg"',
    });
    const keywordFirst = parseArguments(send, { text: 'media=photo.jpg 7 hi', attachments: [] });
    expect(keywordFirst).toEqual({ ok: false, error: 'attach the file for media instead of typing "photo.jpg"' });
  });

  it('takes typed values from platforms that parse options themselves', () => {
    const parsed = parseArguments(resume, { values: { campaign: 4, 'resend-unknown': true }, attachments: [] });
    expect(parsed.ok && parsed.value.integer('campaign')).toBe(4);
  });

  it('writes the usage line from the definition', () => {
    expect(usageLine(send)).toBe('/send <list> <message…> [media=<value>]');
    expect(usageLine(resume)).toBe('/resume <campaign> [resend-unknown]');
  });
});
