import { describe, expect, it } from 'vitest';
import { normaliseVariableName, parseTemplate, renderTemplate, unknownVariables } from '../../../src/campaigns/template.js';

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

  it('keeps literal braces written twice', () => {
    expect(render('{{not a variable}} {name}', 'Ana')).toBe('{not a variable} Ana');
  });

  it('fills {phone} with the contact number', () => {
    expect(render('Your number: {phone}', null)).toBe('Your number: +5511910000000');
  });

  it('names variables no column can fill, unless they have a fallback', () => {
    const template = parseTemplate('Hi {name}, {city}, {coupon|no coupon}, {zone}, {zone}');
    expect(unknownVariables(template, ['City'])).toEqual(['zone']);
  });
});
