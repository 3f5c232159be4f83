import { describe, expect, it } from 'vitest';
import { ChatPolicy, type ChatPlace } from '../../../src/chat/chat-policy.js';

const operators = { allows: (id: string) => id === '1001', operators: () => ['1001'] };
const policy = new ChatPolicy(operators, ['-100500']);
const privateChat = (id: string): ChatPlace => ({ chatId: id, kind: 'private' });
const group = (id: string): ChatPlace => ({ chatId: id, kind: 'group' });

describe('the chat policy', () => {
  it('obeys operators in private chats and allowlisted groups, tells strangers their id privately, and is silent elsewhere', () => {
    expect(policy.admit(privateChat('1001'), '1001')).toBe('obey');
    expect(policy.admit(group('-100500'), '1001')).toBe('obey');
    expect(policy.admit(group('-777'), '1001')).toBe('ignore');
    expect(policy.admit(privateChat('2002'), '2002')).toBe('refuse');
    expect(policy.admit(group('-100500'), '2002')).toBe('ignore');
  });

  it('shows linking material only privately', () => {
    expect(policy.showsLinkingMaterial(privateChat('1001'))).toBe(true);
    expect(policy.showsLinkingMaterial(group('-100500'))).toBe(false);
  });

  it("leaves other bots' commands in groups alone unless addressed to this one", () => {
    expect(policy.answersUnknownCommand(group('-100500'), false)).toBe(false);
    expect(policy.answersUnknownCommand(group('-100500'), true)).toBe(true);
    expect(policy.answersUnknownCommand(privateChat('1001'), false)).toBe(true);
  });
});
