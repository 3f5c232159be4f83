import { describe, expect, it } from 'vitest';
import { findColumn, headerRole, isPhoneLike, labelSaysMobile, variableNames } from '../../../src/contacts/columns.js';

describe('reading headers', () => {
  it('knows phone headers in English, Portuguese and Spanish, and which say mobile', () => {
    const mobile = ['Mobile', 'Mobile Phone', 'Cell', 'WhatsApp', 'Celular', 'Telefone Celular', 'Móvil', 'Número de WhatsApp'];
    const phone = ['Phone', 'Telephone', 'Tel', 'Telefone', 'Teléfono', 'Fone', 'Primary Phone', 'Home Phone 2', 'Phone 1 - Value'];
    for (const header of mobile) expect(headerRole(header), header).toMatchObject({ kind: 'phone', mobile: true });
    for (const header of phone) expect(headerRole(header), header).toMatchObject({ kind: 'phone', mobile: false });
  });

  it('pairs Google label columns with their values and leaves faxes and pagers out', () => {
    expect(headerRole('Phone 1 - Label')).toEqual({ kind: 'phone-label', pairKey: 'phone_1' });
    expect(headerRole('Phone 1 - Type')).toEqual({ kind: 'phone-label', pairKey: 'phone_1' });
    expect(headerRole('Phone 1 - Value')).toEqual({ kind: 'phone', mobile: false, pairKey: 'phone_1' });
    for (const header of ['Business Fax', 'Pager', 'Car Phone', "Assistant's Phone", 'TTY/TDD Phone']) expect(headerRole(header).kind, header).not.toBe('phone');
  });

  it('knows name headers, whole or in parts', () => {
    expect(headerRole('Nome').kind).toBe('full-name');
    expect(headerRole('Nombre completo').kind).toBe('full-name');
    expect(headerRole('Given Name').kind).toBe('first-name');
    expect(headerRole('Sobrenome').kind).toBe('last-name');
    expect(headerRole('Additional Name').kind).toBe('middle-name');
  });

  it('reads Google and vCard labels that mean mobile', () => {
    expect(labelSaysMobile('* Mobile')).toBe(true);
    expect(labelSaysMobile('CELL')).toBe(true);
    expect(labelSaysMobile('Home')).toBe(false);
  });

  it('tells phone numbers from other values by content', () => {
    for (const value of ['+55 (11) 98765-4321', '11987654321', '612 34 56 78', '201.555.0123']) expect(isPhoneLike(value), value).toBe(true);
    for (const value of ['120', 'Rua A, 10', '2024-01-05T10:00', 'ana@example.com', '']) expect(isPhoneLike(value), value).toBe(false);
  });

  it('makes clean, distinct variable names', () => {
    expect(variableNames(['First Name', 'Observação', 'first_name', '', 'Ω'])).toEqual(['first_name', 'observacao', 'first_name_3', 'column_4', 'column_5']);
  });

  it('finds a column by any spelling of its header or by position', () => {
    const columns = ['Mobile Phone', 'Nome do Contato', 'column 3'];
    expect(findColumn(columns, 'mobile_phone')).toBe(0);
    expect(findColumn(columns, 'NOME DO CONTATO')).toBe(1);
    expect(findColumn(columns, '3')).toBe(2);
    expect(findColumn(columns, 'column_2')).toBe(1);
    expect(findColumn(columns, '4')).toBe(-1);
    expect(findColumn(columns, 'email')).toBe(-1);
  });
});
