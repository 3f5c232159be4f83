import { describe, expect, it } from 'vitest';
import {
  assertWithinLimit,
  MAX_MESSAGE_CHARS,
  normaliseVariableName,
  parseStoredTemplate,
  parseTemplate,
  renderTemplate,
  TemplateError,
  unknownVariables,
} from '../../../src/campaigns/template.js';

const render = (source: string, name: string | null, fields: Record<string, string> = {}) => renderTemplate(parseTemplate(source), { name, phone: '+5511910000000', fields });

describe('templates', () => {
  it('fills {name} and any column', () => {
    expect(render('Hi {name}, your order {order_id} is ready', 'Ana', { order_id: 'A-17' })).toBe('Hi Ana, your order A-17 is ready');
  });

  it('matches columns however the variable is written', () => {
    expect(normaliseVariableName('Número de Pedido')).toBe('numero_de_pedido');
    expect(render('{First Name}!', null, { first_name: 'João' })).toBe('João!');
  });

  it('uses the fallback when the contact has no value', () => {
    expect(render('Hi {name|there}!', null)).toBe('Hi there!');
    expect(render('Hi {name|there}!', 'Bea')).toBe('Hi Bea!');
    expect(render('Code: {code|none}', 'x', { code: '' })).toBe('Code: none');
  });

  it('leaves an unfilled variable empty and tidies the spaces', () => {
    expect(render('Hi {nickname} , welcome', 'x')).toBe('Hi, welcome');
  });

  it('keeps braces escaped with a backslash as plain text', () => {
    expect(render('\\{{not a variation\\}} \\{name} {name}', 'Ana')).toBe('{{not a variation}} {name} Ana');
  });

  it('reads a campaign stored before variations with its doubled braces as literal braces', () => {
    expect(renderTemplate(parseStoredTemplate('{{not a variable}} {name}'), { name: 'Ana', fields: {} })).toBe('{not a variable} Ana');
  });

  it('fills only from the contact\'s own fields, never from the object prototype', () => {
    expect(render('[{constructor}] [{toString|none}] [{__proto__}]', 'Ana')).toBe('[] [none] []');
    expect(render('{constructor}', 'Ana', JSON.parse('{"constructor":"ok"}') as Record<string, string>)).toBe('ok');
  });

  it('refuses a template longer than WhatsApp takes', () => {
    expect(() => parseTemplate('a'.repeat(MAX_MESSAGE_CHARS + 1))).toThrow(TemplateError);
    expect(() => parseTemplate('a'.repeat(MAX_MESSAGE_CHARS))).not.toThrow();
  });

  it('refuses a filled-in message longer than WhatsApp takes', () => {
    const body = render('{note}', null, { note: 'x'.repeat(MAX_MESSAGE_CHARS + 1) });
    expect(() => assertWithinLimit(body)).toThrow(/65536/);
  });

  it('fills {phone} with the contact number', () => {
    expect(render('Your number: {phone}', null)).toBe('Your number: +5511910000000');
  });

  it('names variables no column can fill, unless they have a fallback', () => {
    const template = parseTemplate('Hi {name}, {city}, {coupon|no coupon}, {zone}, {zone}');
    expect(unknownVariables(template, ['City'])).toEqual(['zone']);
  });
});
