import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';

/** Custom ids of the answer form: the contact's number rides in the form's id. */
const PREFIX = 'zapcast-reply:';
export const REPLY_FIELD = 'text';

/** "/reply +5511..." with no text: the Reply button of an inbox forward, which opens the answer form. */
export function replyButtonTarget(command: string, text: string): string | undefined {
  return command === 'reply' && /^\+\d{6,15}$/.test(text) ? text : undefined;
}

/** The form an operator types an answer in; submitting it sends /reply <phone> <text>. */
export function replyModal(phone: string): ModalBuilder {
  const input = new TextInputBuilder().setCustomId(REPLY_FIELD).setLabel('Your answer').setStyle(TextInputStyle.Paragraph).setRequired(true).setMaxLength(4000);
  return new ModalBuilder()
    .setCustomId(`${PREFIX}${phone}`)
    .setTitle(`Answer ${phone}`)
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
}

/** The contact a submitted answer form is for. */
export function modalTarget(customId: string): string | undefined {
  return customId.startsWith(PREFIX) ? customId.slice(PREFIX.length) : undefined;
}
