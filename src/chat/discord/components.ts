import { createHash } from 'node:crypto';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import type { Button } from '../../core/command.js';

/** Discord keeps at most 100 characters of custom id on a button, and 5 buttons on a row. */
const CUSTOM_ID_LIMIT = 100;
const BUTTONS_PER_ROW = 5;
const TOKEN_PREFIX = 'k:';

const STYLES: Record<NonNullable<Button['style']>, ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
};

/**
 * A button carries the command line its press runs as its custom id, so one
 * interaction handler serves every button, also after a restart. Lines over
 * Discord's 100 characters travel as a token remembered by this process.
 */
export class ButtonCodec {
  private readonly long = new Map<string, string>();

  encode(command: string): string {
    if (command.length <= CUSTOM_ID_LIMIT) return command;
    const token = `${TOKEN_PREFIX}${createHash('sha256').update(command).digest('base64url').slice(0, 24)}`;
    this.long.set(token, command);
    return token;
  }

  /** The command line a press runs, or undefined for an id this process does not know. */
  decode(customId: string): string | undefined {
    if (customId.startsWith('/')) return customId;
    return this.long.get(customId);
  }

  rows(buttons: readonly Button[] | undefined): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
    if (!buttons || buttons.length === 0) return [];
    const unique = [...new Map(buttons.map((button) => [this.encode(button.command), button])).entries()];
    const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
    unique.forEach(([customId, button], index) => {
      if (index % BUTTONS_PER_ROW === 0) rows.push({ type: ComponentType.ActionRow, components: [] });
      rows[rows.length - 1]!.components.push({ type: ComponentType.Button, custom_id: customId, label: button.label.slice(0, 80), style: STYLES[button.style ?? 'secondary'] });
    });
    return rows;
  }
}
