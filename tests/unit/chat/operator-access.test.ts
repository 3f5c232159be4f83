import { describe, expect, it } from 'vitest';
import { OperatorAccess } from '../../../src/chat/operator-access.js';

const telegram = (users: string[]) => new OperatorAccess({ platform: 'Telegram', usersSetting: 'TELEGRAM_OPERATORS', users });

describe('operator access', () => {
  it('obeys only the configured ids', () => {
    const access = telegram(['1001']);
    expect(access.allows('1001')).toBe(true);
    expect(access.allows('2002')).toBe(false);
    expect(access.refusal('2002', '/send')).toBe('You are not an operator of this zapcast, so /send was not run. Your Telegram id is 2002; an operator can add it to TELEGRAM_OPERATORS.');
  });

  it('with none configured obeys nobody and says how to become one', () => {
    const access = telegram([]);
    expect(access.allows('1001')).toBe(false);
    expect(access.refusal('1001')).toContain('add TELEGRAM_OPERATORS=1001 to the settings (.env) and restart');
  });

  it('obeys anyone holding an operator role, and names the role setting in its refusal', () => {
    const access = new OperatorAccess({ platform: 'Discord', usersSetting: 'DISCORD_OPERATORS', users: ['11'], rolesSetting: 'DISCORD_OPERATOR_ROLES', roles: ['900'] });
    expect(access.allows('22', ['5', '900'])).toBe(true);
    expect(access.allows('22', ['5'])).toBe(false);
    expect(access.allows('11')).toBe(true);
    expect(access.refusal('22', '/send')).toBe(
      'You are not an operator of this zapcast, so /send was not run. Your Discord id is 22; an operator can add it to DISCORD_OPERATORS, or give you a role listed in DISCORD_OPERATOR_ROLES.',
    );
  });

  it('counts roles alone as configured', () => {
    const access = new OperatorAccess({ platform: 'Discord', usersSetting: 'DISCORD_OPERATORS', users: [], rolesSetting: 'DISCORD_OPERATOR_ROLES', roles: ['900'] });
    expect(access.configured).toBe(true);
    expect(access.allows('22')).toBe(false);
  });
});
