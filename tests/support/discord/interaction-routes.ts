import { DiscordErrors, formError, type Answer } from './errors.js';
import type { InteractionRecord } from './interaction-record.js';
import { createMessage, editMessage, isAnswer, MessageFlag, type MessageBody } from './messages.js';
import type { RestRequest, Route } from './rest-server.js';
import { noContent, ok, route, type RouteContext } from './rest-routes.js';
import type { StoredMessage } from './state.js';

type Json = Record<string, unknown>;

/** Initial response types Discord accepts per interaction type (2 command, 3 component, 4 autocomplete). */
// A submitted form (5) may not open another form.
const ALLOWED_CALLBACKS: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };

export function interactionRoutes(ctx: RouteContext): Route[] {
  const { state } = ctx;
  const byToken = (app: string | undefined, token: string | undefined) =>
    app === state.applicationId ? [...ctx.interactions.values()].find((i) => i.token === token) : undefined;
  const reply = (record: InteractionRecord, body: MessageBody, loading: boolean) =>
    createMessage(state, record.channelId, body, {
      type: record.type === 2 ? 20 : 0,
      webhookId: state.applicationId,
      interactionId: record.id,
      allowEphemeral: true,
      loading,
    });

  const callback = (req: RestRequest, [id, token]: string[]): Answer => {
    const record = ctx.interactions.get(id!);
    if (!record || record.token !== token) return DiscordErrors.unknownInteraction();
    if (ctx.ackDeadlineMs !== undefined && Date.now() - record.dispatchedAt > ctx.ackDeadlineMs) return DiscordErrors.unknownInteraction();
    if (record.callback) {
      record.extraCallbacks++;
      return DiscordErrors.alreadyAcknowledged();
    }
    const type = Number(req.json.type);
    if (!ALLOWED_CALLBACKS[record.type]?.includes(type)) {
      return formError([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Interaction response type is not valid for this interaction' }]);
    }
    const data = (req.json.data ?? {}) as Json;
    const body: MessageBody = { json: data, files: req.files };
    let message: StoredMessage | undefined;
    if (type === 4 || type === 5) {
      const result = reply(record, type === 5 ? { json: { flags: data.flags }, files: [] } : body, type === 5);
      if (isAnswer(result)) return result;
      message = result;
    } else if (type === 6 || type === 7) {
      message = record.pressedMessageId ? state.messages.get(record.pressedMessageId) : undefined;
      if (!message || message.deleted) return DiscordErrors.unknownMessage();
      const failed = type === 7 ? editMessage(state, message, body) : undefined;
      if (failed) return failed;
    } else if (type === 8) {
      const invalid = choiceProblems(data.choices);
      if (invalid) return invalid;
    }
    record.callback = { type, data: req.json.data as Json | undefined, files: req.files, at: Date.now() };
    record.originalMessageId = message?.id;
    state.changed();
    if (req.query.get('with_response') !== 'true') return noContent();
    return ok({
      interaction: {
        id: record.id,
        type: record.type,
        response_message_id: message?.id,
        response_message_loading: type === 5,
        response_message_ephemeral: message?.ephemeral ?? false,
      },
      resource: { type, ...(message ? { message: ctx.render(message) } : {}) },
    });
  };

  const followUp = (req: RestRequest, [app, token]: string[]): Answer => {
    const record = byToken(app, token);
    // The interaction webhook only exists once the interaction was answered.
    if (!record?.callback) return DiscordErrors.unknownWebhook();
    const original = record.original;
    let message: StoredMessage;
    if (original && record.callback.type === 5 && original.flags & MessageFlag.Loading) {
      // Documented compatibility: the first follow-up after a deferred reply fills in the "thinking..." message.
      const failed = editMessage(state, original, req);
      if (failed) return failed;
      message = original;
    } else {
      const result = createMessage(state, record.channelId, req, { type: 0, webhookId: state.applicationId, interactionId: record.id, allowEphemeral: true });
      if (isAnswer(result)) return result;
      record.followUpIds.push(result.id);
      message = result;
    }
    state.changed();
    return req.query.get('wait') === 'true' ? ok(ctx.render(message)) : noContent();
  };

  const webhookMessage = (action: 'GET' | 'PATCH' | 'DELETE') => (req: RestRequest, [app, token, messageId]: string[]): Answer => {
    const record = byToken(app, token);
    if (!record) return DiscordErrors.unknownWebhook();
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const message = id && record.owns(id) ? state.messages.get(id) : undefined;
    if (!message || message.deleted) return DiscordErrors.unknownMessage();
    if (action === 'GET') return ok(ctx.render(message));
    if (action === 'DELETE') {
      message.deleted = true;
      state.changed();
      return noContent();
    }
    return editMessage(state, message, req) ?? ok(ctx.render(message));
  };

  return [
    route('POST', '/interactions/{id}/{token}/callback', false, callback),
    route('POST', '/webhooks/{app}/{token}', false, followUp),
    route('GET', '/webhooks/{app}/{token}/messages/{message}', false, webhookMessage('GET')),
    route('PATCH', '/webhooks/{app}/{token}/messages/{message}', false, webhookMessage('PATCH')),
    route('DELETE', '/webhooks/{app}/{token}/messages/{message}', false, webhookMessage('DELETE')),
  ];
}

function choiceProblems(choices: unknown): Answer | undefined {
  const list = Array.isArray(choices) ? (choices as Json[]) : [];
  const problems = list.length > 25 ? [{ path: ['data', 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] : [];
  list.forEach((choice, i) => {
    const name = typeof choice.name === 'string' ? choice.name : '';
    if (name.length < 1 || name.length > 100) problems.push({ path: ['data', 'choices', String(i), 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    if (typeof choice.value === 'string' && choice.value.length > 100) {
      problems.push({ path: ['data', 'choices', String(i), 'value'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
    }
  });
  return problems.length > 0 ? formError(problems) : undefined;
}
