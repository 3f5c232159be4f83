/** What a route answers; `body` undefined means 204 No Content. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function discordError(status: number, code: number, message: string): Answer {
  return { status, body: { message, code } };
}

// Messages and codes exactly as Discord words them: products match on `code`,
// and error texts end up in operator-facing logs.
export const DiscordErrors = {
  unauthorized: () => discordError(401, 0, '401: Unauthorized'),
  notFound: () => discordError(404, 0, '404: Not Found'),
  methodNotAllowed: () => discordError(405, 0, '405: Method Not Allowed'),
  unknownChannel: () => discordError(404, 10003, 'Unknown Channel'),
  unknownMember: () => discordError(404, 10007, 'Unknown Member'),
  unknownMessage: () => discordError(404, 10008, 'Unknown Message'),
  unknownUser: () => discordError(404, 10013, 'Unknown User'),
  unknownWebhook: () => discordError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => discordError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => discordError(404, 10063, 'Unknown application command'),
  tooLarge: () => discordError(413, 40005, 'Request entity too large'),
  alreadyAcknowledged: () => discordError(400, 40060, 'Interaction has already been acknowledged.'),
  emptyMessage: () => discordError(400, 50006, 'Cannot send an empty message'),
  cannotMessageUser: () => discordError(403, 50007, 'Cannot send messages to this user'),
  invalidRecipients: () => discordError(400, 50033, 'Invalid Recipient(s)'),
};

export interface FormProblem {
  /** Where in the body, e.g. ['components', 0, 'components', 5]. */
  path: (string | number)[];
  code: string;
  message: string;
}

/** A 400 Invalid Form Body (50035) with Discord's nested `errors` tree. */
export function formError(problems: FormProblem[]): Answer {
  const errors: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = errors;
    for (const key of problem.path) {
      const next = (node[String(key)] ??= {}) as Record<string, unknown>;
      node = next;
    }
    const list = (node._errors ??= []) as unknown[];
    list.push({ code: problem.code, message: problem.message });
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

export const tooLong = (path: (string | number)[], max: number): FormProblem => ({
  path,
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${max} or fewer in length.`,
});
