import { randomBytes } from 'node:crypto';
import { ApplicationCommandOptionType, MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, type ModalSubmitInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { AppServices } from '../../app-services.js';
import type { Actor, CommandInvocation } from '../../core/command.js';
import type { CommandRouter } from '../command-router.js';
import type { OperatorAccess } from '../operator-access.js';
import type { ProgressMessages } from '../progress-messages.js';
import type { QrMessages } from '../qr-messages.js';
import { suggestionsFor } from './autocomplete.js';
import type { ButtonCodec } from './components.js';
import { ownDownloadLimit } from '../upload-attachment.js';
import { discordAttachment } from './discord-attachment.js';
import { DeferredReplyProgress } from './deferred-reply-progress.js';
import type { DiscordSurface } from './discord-surface.js';
import { InteractionReplies } from './interaction-replies.js';
import { roleIdsOf, type RoleLookup } from './operator-roles.js';
import { modalTarget, REPLY_FIELD, replyButtonTarget, replyModal } from './reply-modal.js';

/**
 * Commands whose answers carry linking material (their replies are privateOnly):
 * their answer is deferred as one only the asking operator sees. Discord decides
 * that at the deferral, before the command runs.
 */
const PRIVATE_ANSWERS: ReadonlySet<string> = new Set(['qr', 'pair']);
const COMMAND_LINE = /^\/([A-Za-z0-9_][\w-]*)(?:\s+([\s\S]*))?$/;

export interface InteractionDeps {
  services: AppServices;
  router: CommandRouter;
  access: OperatorAccess;
  codec: ButtonCodec;
  surface: DiscordSurface;
  progress: ProgressMessages;
  qr: QrMessages;
  roles: RoleLookup;
  logger: Logger;
  /** Least time between two edits of an answer that shows work in progress. */
  editIntervalMs: number;
}

const actorOf = (interaction: Interaction): Actor => ({ id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username });

/**
 * The one handler for every interaction: slash commands, autocomplete and
 * button presses. Each is acknowledged before any slow work (Discord allows
 * 3 s), checked against the operators, and handed to the command router.
 * Nothing that happens here can crash the process.
 */
export class InteractionHandler {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: InteractionDeps) {}

  handle(interaction: Interaction): void {
    const work = this.route(interaction).catch((error: unknown) => this.failed(interaction, error));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async route(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isButton()) return this.button(interaction);
    if (interaction.isModalSubmit()) return this.answerForm(interaction);
  }

  private async isOperator(interaction: Interaction): Promise<boolean> {
    const roles = interaction.inGuild() ? roleIdsOf(interaction.member) : await this.deps.roles.rolesOf(interaction.user.id);
    return this.deps.access.allows(interaction.user.id, roles);
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    // Strangers learn nothing about campaigns or lists from suggestions.
    const choices = (await this.isOperator(interaction)) ? suggestionsFor(this.deps.services, focused.name, String(focused.value)) : [];
    await interaction.respond(choices);
  }

  private values(interaction: ChatInputCommandInteraction): { values: Record<string, unknown>; attachments: CommandInvocation['attachments'] } {
    const { services } = this.deps;
    const values: Record<string, unknown> = {};
    const limit = ownDownloadLimit(interaction.commandName, services.config);
    for (const option of interaction.options.data) {
      if (option.type === ApplicationCommandOptionType.Attachment && option.attachment) {
        values[option.name] = discordAttachment(option.attachment, { uploadsDir: services.paths.uploads, limit, stamp: () => services.clock.now() });
      } else values[option.name] = option.value;
    }
    return { values, attachments: [] };
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const { access, router } = this.deps;
    const actor = actorOf(interaction);
    const base = { frontEnd: 'discord' as const, actor, chatId: interaction.channelId, command: interaction.commandName };
    if (!(await this.isOperator(interaction))) {
      await router.handle(
        { ...base, ...this.values(interaction) },
        { authorised: false, reply: async () => void (await interaction.reply({ content: access.refusal(actor.id, `/${interaction.commandName}`), flags: MessageFlags.Ephemeral })) },
      );
      return;
    }
    const ephemeral = PRIVATE_ANSWERS.has(interaction.commandName);
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const replies = new InteractionReplies(interaction, this.deps, { ephemeral });
    const progress = interaction.commandName === 'import' ? new DeferredReplyProgress(this.deps, interaction) : undefined;
    try {
      await router.handle({ ...base, ...this.values(interaction) }, {
        authorised: true,
        reply: async (reply) => {
          await progress?.end();
          await replies.send(reply);
        },
      });
    } finally {
      await progress?.end();
    }
    await replies.finish();
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const { access, router, codec, progress } = this.deps;
    const line = codec.decode(interaction.customId);
    const match = line === undefined ? null : COMMAND_LINE.exec(line);
    if (!match) {
      await interaction.reply({ content: 'This button no longer works; type the command instead.', flags: MessageFlags.Ephemeral });
      return;
    }
    const actor = actorOf(interaction);
    const invocation: CommandInvocation = {
      frontEnd: 'discord',
      actor,
      chatId: interaction.channelId,
      command: match[1]!.toLowerCase(),
      text: (match[2] ?? '').trim(),
      attachments: [],
      // A press is a deliberate choice: a Confirm button runs its command without asking again.
      pressed: true,
    };
    if (!(await this.isOperator(interaction))) {
      // The refusal goes to the presser alone, and the message keeps its buttons.
      await router.handle(invocation, { authorised: false, reply: async () => void (await interaction.reply({ content: access.refusal(actor.id, line), flags: MessageFlags.Ephemeral })) });
      return;
    }
    // An inbox forward's Reply opens a form for the answer; the forward keeps its buttons for the next one.
    const replyTo = replyButtonTarget(invocation.command, invocation.text ?? '');
    if (replyTo) return interaction.showModal(replyModal(replyTo));
    const pressed = interaction.message.id;
    const onProgress = progress.isProgressMessage(interaction.channelId, pressed);
    // A progress view's buttons follow its run; any other message's work once, so they go with the press.
    if (onProgress) await interaction.deferUpdate();
    else await interaction.update({ components: [] });
    const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
    const replies = new InteractionReplies(interaction, this.deps, { ephemeral });
    const privately = new InteractionReplies(interaction, this.deps, { ephemeral: true });
    await router.handle(invocation, {
      authorised: true,
      reply: (reply) => replies.send(reply, onProgress ? pressed : undefined),
      // A press in a channel (a notice's "Show QR") gets its linking material where only the presser sees it.
      ...(ephemeral ? {} : { replyPrivately: (reply) => privately.send(reply) }),
    });
  }

  /** An answer typed in the Reply form: /reply to that contact, answered where only the operator sees it. */
  private async answerForm(interaction: ModalSubmitInteraction): Promise<void> {
    const { access, router } = this.deps;
    const phone = modalTarget(interaction.customId);
    if (!phone) return;
    const actor = actorOf(interaction);
    const text = interaction.fields.getTextInputValue(REPLY_FIELD).trim();
    const invocation: CommandInvocation = { frontEnd: 'discord', actor, chatId: interaction.channelId ?? '', command: 'reply', text: `${phone} ${text}`, attachments: [], pressed: true };
    if (!(await this.isOperator(interaction))) {
      await router.handle(invocation, { authorised: false, reply: async () => void (await interaction.reply({ content: access.refusal(actor.id, '/reply'), flags: MessageFlags.Ephemeral })) });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const replies = new InteractionReplies(interaction, this.deps, { ephemeral: true });
    await router.handle(invocation, { authorised: true, reply: (reply) => replies.send(reply) });
    await replies.finish();
  }

  /** Whatever went wrong is logged with a reference, and the operator told, if the interaction still lets us. */
  private async failed(interaction: Interaction, error: unknown): Promise<void> {
    const ref = randomBytes(3).toString('hex');
    this.deps.logger.error({ err: error, ref, interaction: interaction.id, type: interaction.type }, 'Discord interaction failed');
    if (!interaction.isRepliable()) return;
    const content = `Something went wrong answering this; the details are in the log (ref ${ref}).`;
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
      else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
    } catch (replyError) {
      this.deps.logger.warn({ err: replyError, ref }, 'could not tell the Discord user about the failure');
    }
  }

  /** Resolves when every interaction handed over so far is answered. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
