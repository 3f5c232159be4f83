import { randomBytes } from 'node:crypto';
import { DiscordErrors, formError, tooLong, type Answer, type FormProblem } from './errors.js';
import { snowflake, type FakeState, type StoredAttachment, type StoredMessage } from './state.js';

export interface UploadedFile {
  field: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A message create/edit request: its JSON (or payload_json) and uploaded files. */
export interface MessageBody {
  json: Record<string, unknown>;
  files: UploadedFile[];
}

export const MessageFlag = { SuppressEmbeds: 4, Ephemeral: 64, Loading: 128, ComponentsV2: 32768 } as const;
/** Discord's default per-file upload limit for bots in unboosted guilds. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

type Json = Record<string, unknown>;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Discord's length limits and component rules; an Answer when the body breaks one. */
export function validateMessageBody(body: MessageBody): Answer | undefined {
  if (body.files.some((file) => file.bytes.length > ATTACHMENT_SIZE_LIMIT)) return DiscordErrors.tooLarge();
  const { json } = body;
  const problems: FormProblem[] = [];
  if (text(json.content).length > 2000) problems.push(tooLong(['content'], 2000));
  if (body.files.length > 10) problems.push(tooLong(['attachments'], 10));
  const embeds = asArray(json.embeds) as Json[];
  if (embeds.length > 10) problems.push(tooLong(['embeds'], 10));
  embeds.forEach((embed, i) => problems.push(...embedProblems(embed, i)));
  if (!(Number(json.flags ?? 0) & MessageFlag.ComponentsV2)) problems.push(...componentProblems(asArray(json.components) as Json[]));
  return problems.length > 0 ? formError(problems) : undefined;
}

function embedProblems(embed: Json, i: number): FormProblem[] {
  const problems: FormProblem[] = [];
  const limit = (path: string[], value: unknown, max: number) => {
    if (text(value).length > max) problems.push(tooLong(['embeds', i, ...path], max));
  };
  limit(['title'], embed.title, 256);
  limit(['description'], embed.description, 4096);
  limit(['footer', 'text'], (embed.footer as Json | undefined)?.text, 2048);
  limit(['author', 'name'], (embed.author as Json | undefined)?.name, 256);
  const fields = asArray(embed.fields) as Json[];
  if (fields.length > 25) problems.push(tooLong(['embeds', i, 'fields'], 25));
  fields.forEach((field, f) => {
    limit(['fields', String(f), 'name'], field.name, 256);
    limit(['fields', String(f), 'value'], field.value, 1024);
  });
  const total = [embed.title, embed.description, (embed.footer as Json | undefined)?.text, (embed.author as Json | undefined)?.name, ...fields.flatMap((f) => [f.name, f.value])]
    .map((v) => text(v).length)
    .reduce((a, b) => a + b, 0);
  if (total > 6000) problems.push({ path: ['embeds', i], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  return problems;
}

function componentProblems(rows: Json[]): FormProblem[] {
  const problems: FormProblem[] = [];
  if (rows.length > 5) problems.push(tooLong(['components'], 5));
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    const children = asArray(row.components) as Json[];
    if (children.length > 5) problems.push(tooLong(['components', r, 'components'], 5));
    children.forEach((child, c) => {
      const path = ['components', r, 'components', c];
      if (text(child.label).length > 80) problems.push(tooLong([...path, 'label'], 80));
      const customId = child.custom_id;
      if (child.type === 2 && child.style !== 5 && child.style !== 6 && typeof customId !== 'string') {
        problems.push({ path: [...path, 'custom_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
      }
      if (typeof customId !== 'string') return;
      if (customId.length > 100) problems.push(tooLong([...path, 'custom_id'], 100));
      if (seen.has(customId)) problems.push({ path: [...path, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
      seen.add(customId);
    });
  });
  return problems;
}

function isEmpty(message: Pick<StoredMessage, 'content' | 'embeds' | 'attachments' | 'components'>): boolean {
  return message.content.trim() === '' && message.embeds.length === 0 && message.attachments.length === 0 && message.components.length === 0;
}

function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A signed-looking CDN URL: Discord's carry ?ex=&is=&hm= query parameters, so a URL's tail is not the file name. */
export function attachmentUrl(state: FakeState, prefix: string, folder: string, id: string, filename: string): { url: string; proxyUrl: string } {
  const now = Math.floor(Date.now() / 1000);
  const query = `?ex=${(now + 86_400).toString(16)}&is=${now.toString(16)}&hm=${randomBytes(32).toString('hex')}&`;
  const path = `${prefix}/${folder}/${id}/${encodeURIComponent(filename)}`;
  return { url: `${state.baseUrl}/${path}${query}`, proxyUrl: `${state.baseUrl}/media/${path}${query}` };
}

export function storeAttachment(
  state: FakeState,
  input: { prefix: string; folder: string; filename: string; bytes: Buffer; contentType: string; description?: string; ephemeral: boolean },
): StoredAttachment {
  const id = snowflake();
  // Discord rewrites spaces in uploaded file names.
  const filename = input.filename.replace(/ /g, '_');
  const size = pngSize(input.bytes);
  const attachment: StoredAttachment = {
    id,
    filename,
    size: input.bytes.length,
    contentType: input.contentType,
    ...attachmentUrl(state, input.prefix, input.folder, id, filename),
    bytes: input.bytes,
    description: input.description,
    width: size?.width,
    height: size?.height,
    ephemeral: input.ephemeral,
  };
  state.attachments.set(id, attachment);
  return attachment;
}

/** New uploads keyed by the id the body's `attachments` array uses for them: the n of files[n]. */
function storeUploads(state: FakeState, channelId: string, body: MessageBody, ephemeral: boolean): Map<string, StoredAttachment> {
  const described = new Map((asArray(body.json.attachments) as Json[]).map((a) => [String(a.id), a]));
  const uploads = new Map<string, StoredAttachment>();
  body.files.forEach((file, order) => {
    const key = /^files\[(\d+)\]$/.exec(file.field)?.[1] ?? String(order);
    const meta = described.get(key);
    uploads.set(
      key,
      storeAttachment(state, {
        prefix: 'attachments',
        folder: channelId,
        filename: typeof meta?.filename === 'string' ? meta.filename : file.fileName,
        bytes: file.bytes,
        contentType: file.contentType,
        description: typeof meta?.description === 'string' ? meta.description : undefined,
        ephemeral,
      }),
    );
  });
  return uploads;
}

function snapshot(message: StoredMessage): void {
  const { content, components, embeds, attachments, flags } = message;
  message.history.push({ at: Date.now(), content, components, embeds, attachments: [...attachments], flags });
}

export interface NewMessageMeta {
  type: number;
  webhookId: string | null;
  interactionId: string | null;
  /** Only interaction responses and follow-ups can be ephemeral. */
  allowEphemeral: boolean;
  /** A deferred response: Discord shows "thinking..." until the first edit. */
  loading?: boolean;
}

export function createMessage(state: FakeState, channelId: string, body: MessageBody, meta: NewMessageMeta): StoredMessage | Answer {
  const invalid = validateMessageBody(body);
  if (invalid) return invalid;
  const { json } = body;
  const requested = Number(json.flags ?? 0);
  const ephemeral = meta.allowEphemeral && (requested & MessageFlag.Ephemeral) !== 0;
  const kept = MessageFlag.SuppressEmbeds | MessageFlag.ComponentsV2 | 4096;
  const flags = (requested & kept) | (ephemeral ? MessageFlag.Ephemeral : 0) | (meta.loading ? MessageFlag.Loading : 0);
  const message: StoredMessage = {
    id: snowflake(),
    channelId,
    type: meta.type,
    webhookId: meta.webhookId,
    interactionId: meta.interactionId,
    content: text(json.content),
    components: asArray(json.components),
    embeds: (asArray(json.embeds) as Json[]).map((e) => ({ type: 'rich', ...e })),
    attachments: [...storeUploads(state, channelId, body, ephemeral).values()],
    flags,
    ephemeral,
    nonce: typeof json.nonce === 'string' || typeof json.nonce === 'number' ? json.nonce : null,
    timestamp: new Date().toISOString(),
    editedTimestamp: null,
    deleted: false,
    history: [],
  };
  if (!meta.loading && isEmpty(message)) return DiscordErrors.emptyMessage();
  snapshot(message);
  state.messages.set(message.id, message);
  state.changed();
  return message;
}

/**
 * Applies an edit as Discord does: absent fields are kept; an `attachments`
 * array lists exactly the attachments to keep (by id) and the new uploads (by
 * files[n] index), anything else is dropped.
 */
export function editMessage(state: FakeState, message: StoredMessage, body: MessageBody): Answer | undefined {
  const invalid = validateMessageBody(body);
  if (invalid) return invalid;
  const { json } = body;
  const uploads = storeUploads(state, message.channelId, body, message.ephemeral);
  let attachments: StoredAttachment[];
  if (Array.isArray(json.attachments)) {
    attachments = [];
    for (const entry of json.attachments as Json[]) {
      const id = String(entry.id);
      const kept = message.attachments.find((a) => a.id === id) ?? uploads.get(id);
      if (kept) attachments.push(kept);
      uploads.delete(id);
    }
    attachments.push(...uploads.values());
  } else {
    attachments = [...message.attachments, ...uploads.values()];
  }
  const next = {
    content: 'content' in json ? text(json.content) : message.content,
    components: 'components' in json ? asArray(json.components) : message.components,
    embeds: 'embeds' in json ? (asArray(json.embeds) as Json[]).map((e) => ({ type: 'rich', ...e })) : message.embeds,
    attachments,
  };
  if (isEmpty(next)) return DiscordErrors.emptyMessage();
  const wasLoading = (message.flags & MessageFlag.Loading) !== 0;
  Object.assign(message, next);
  message.flags &= ~MessageFlag.Loading;
  // Filling in a deferred response is not shown as an edit.
  if (!wasLoading) message.editedTimestamp = new Date().toISOString();
  snapshot(message);
  state.changed();
  return undefined;
}

export function isAnswer(value: StoredMessage | Answer): value is Answer {
  return 'status' in value;
}
