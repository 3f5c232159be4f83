import type { UploadedFile } from './messages.js';
import type { FakeState, FakeUser, StoredMessage } from './state.js';

export type InteractionKind = 'slash' | 'autocomplete' | 'press' | 'form';

export interface InteractionCallback {
  /** 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete choices, 9 modal. */
  type: number;
  data: Record<string, unknown> | undefined;
  files: UploadedFile[];
  at: number;
}

export interface InteractionInit {
  id: string;
  token: string;
  /** 2 application command, 3 message component, 4 autocomplete, 5 modal submit. */
  type: 2 | 3 | 4 | 5;
  kind: InteractionKind;
  user: FakeUser;
  channelId: string;
  guildId: string | null;
  commandName: string | undefined;
  customId: string | undefined;
  /** The message whose button was pressed. */
  pressedMessageId: string | undefined;
  payload: Record<string, unknown>;
}

/** One interaction a test user triggered, and everything the bot did with it. */
export class InteractionRecord implements InteractionInit {
  declare readonly id: string;
  declare readonly token: string;
  declare readonly type: 2 | 3 | 4 | 5;
  declare readonly kind: InteractionKind;
  declare readonly user: FakeUser;
  declare readonly channelId: string;
  declare readonly guildId: string | null;
  declare readonly commandName: string | undefined;
  declare readonly customId: string | undefined;
  declare readonly pressedMessageId: string | undefined;
  /** The INTERACTION_CREATE data as sent over the gateway. */
  declare readonly payload: Record<string, unknown>;
  readonly dispatchedAt = Date.now();
  /** The initial response, once the bot gave one. */
  callback: InteractionCallback | undefined;
  /** Initial responses attempted after the first (Discord refused them with 40060). */
  extraCallbacks = 0;
  /** What @original designates: the reply (types 4/5) or the pressed message (types 6/7). */
  originalMessageId: string | undefined;
  readonly followUpIds: string[] = [];

  constructor(
    private readonly state: FakeState,
    init: InteractionInit,
  ) {
    Object.assign(this, init);
  }

  get answered(): boolean {
    return this.callback !== undefined;
  }

  /** Milliseconds between the dispatch and the initial response (Discord allows 3000). */
  get answeredAfterMs(): number | undefined {
    return this.callback ? this.callback.at - this.dispatchedAt : undefined;
  }

  get callbackType(): number | undefined {
    return this.callback?.type;
  }

  get deferred(): boolean {
    return this.callback?.type === 5 || this.callback?.type === 6;
  }

  /** The reply is only visible to the user (flag 64 on the initial response). */
  get ephemeral(): boolean {
    const flags = Number(this.callback?.data?.flags ?? 0);
    return (this.callback?.type === 4 || this.callback?.type === 5) && (flags & 64) !== 0;
  }

  /** The current @original message (after edits), if there is one. */
  get original(): StoredMessage | undefined {
    return this.originalMessageId ? this.state.messages.get(this.originalMessageId) : undefined;
  }

  get followUps(): StoredMessage[] {
    return this.followUpIds.map((id) => this.state.messages.get(id)).filter((m): m is StoredMessage => m !== undefined);
  }

  /** The choices of an autocomplete answer (callback type 8). */
  get choices(): { name: string; value: string | number }[] | undefined {
    return this.callback?.type === 8 ? ((this.callback.data?.choices ?? []) as { name: string; value: string | number }[]) : undefined;
  }

  /** The modal the bot opened (callback type 9). */
  get modal(): Record<string, unknown> | undefined {
    return this.callback?.type === 9 ? this.callback.data : undefined;
  }

  /** Message ids this interaction's webhook may read, edit and delete. */
  owns(messageId: string): boolean {
    return messageId === this.originalMessageId || this.followUpIds.includes(messageId);
  }
}
