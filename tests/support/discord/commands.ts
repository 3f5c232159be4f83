import { formError, tooLong, type Answer, type FormProblem } from './errors.js';
import { snowflake, type FakeState } from './state.js';

type Json = Record<string, unknown>;

// Discord's rule for chat-input command and option names (lowercase is checked apart).
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const OPTION_TYPE = { Subcommand: 1, SubcommandGroup: 2 } as const;

function nameProblems(path: (string | number)[], item: Json, chatInput: boolean): FormProblem[] {
  const name = typeof item.name === 'string' ? item.name : '';
  const problems: FormProblem[] = [];
  if (chatInput && (!NAME.test(name) || name !== name.toLowerCase())) {
    problems.push({ path: [...path, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  } else if (name.length < 1 || name.length > 32) {
    problems.push({ path: [...path, 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' });
  }
  const description = typeof item.description === 'string' ? item.description : '';
  if (chatInput && (description.length < 1 || description.length > 100)) {
    problems.push({ path: [...path, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  return problems;
}

function optionProblems(path: (string | number)[], options: Json[]): FormProblem[] {
  const problems: FormProblem[] = [];
  if (options.length > 25) problems.push(tooLong(path, 25));
  const names = new Set<string>();
  let optionalSeen = false;
  options.forEach((option, i) => {
    const at = [...path, i];
    problems.push(...nameProblems(at, option, true));
    if (names.has(String(option.name))) {
      problems.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
    }
    names.add(String(option.name));
    const nested = option.type === OPTION_TYPE.Subcommand || option.type === OPTION_TYPE.SubcommandGroup;
    if (nested) problems.push(...optionProblems([...at, 'options'], (option.options as Json[] | undefined) ?? []));
    else if (option.required === true && optionalSeen) {
      problems.push({ path: [...at, 'required'], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    }
    if (!nested && option.required !== true) optionalSeen = true;
    const choices = Array.isArray(option.choices) ? option.choices : [];
    if (choices.length > 25) problems.push(tooLong([...at, 'choices'], 25));
    if (option.autocomplete === true && choices.length > 0) {
      problems.push({ path: [...at, 'autocomplete'], code: 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', message: 'Autocomplete cannot be set on options with choices' });
    }
  });
  return problems;
}

/** The checks Discord runs on a bulk overwrite, which a local test would otherwise let through. */
export function validateCommands(body: unknown): Answer | undefined {
  if (!Array.isArray(body)) return formError([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  (body as Json[]).forEach((command, i) => {
    const chatInput = (command.type ?? 1) === 1;
    problems.push(...nameProblems([i], command, chatInput));
    problems.push(...optionProblems([i, 'options'], (command.options as Json[] | undefined) ?? []));
    const key = `${String(command.type ?? 1)}:${String(command.name)}`;
    if (seen.has(key)) problems.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
    seen.add(key);
  });
  if ((body as Json[]).filter((c) => (c.type ?? 1) === 1).length > 100) problems.push(tooLong([], 100));
  return problems.length > 0 ? formError(problems) : undefined;
}

/** One command as Discord stores it, keeping the id of a same-named command. */
export function storedCommand(state: FakeState, scope: string, body: Json, previous: Json | undefined): Json {
  const definition = JSON.stringify(body);
  const command: Json = {
    id: previous?.id ?? snowflake(),
    application_id: state.applicationId,
    version: previous && previous._definition === definition ? previous.version : snowflake(),
    default_member_permissions: body.default_member_permissions ?? null,
    type: body.type ?? 1,
    name: body.name,
    name_localizations: body.name_localizations ?? null,
    description: body.description ?? '',
    description_localizations: body.description_localizations ?? null,
    ...(scope === 'global' ? { dm_permission: body.dm_permission ?? true } : { guild_id: scope }),
    contexts: body.contexts ?? (scope === 'global' ? [0, 1, 2] : null),
    integration_types: body.integration_types ?? [0],
    nsfw: body.nsfw ?? false,
    ...(Array.isArray(body.options) ? { options: body.options } : {}),
  };
  Object.defineProperty(command, '_definition', { value: definition, enumerable: false });
  return command;
}

export function overwriteCommands(state: FakeState, scope: string, body: Json[]): Json[] {
  const previous = state.commands.get(scope) ?? new Map<string, Json>();
  const next = new Map<string, Json>();
  for (const entry of body) {
    const key = `${String(entry.type ?? 1)}:${String(entry.name)}`;
    next.set(key, storedCommand(state, scope, entry, previous.get(key)));
  }
  state.commands.set(scope, next);
  return [...next.values()];
}

/** The chat-input command a user can see under that name: a guild command first, then a global one. */
export function visibleCommand(state: FakeState, name: string, guildId: string | null): Json | undefined {
  const scopes = guildId ? [guildId, 'global'] : ['global'];
  for (const scope of scopes) {
    const command = state.commands.get(scope)?.get(`1:${name}`);
    if (!command) continue;
    // A global command shows in the bot's DMs only when its contexts include BOT_DM (1).
    if (!guildId && (command.dm_permission === false || (Array.isArray(command.contexts) && !command.contexts.includes(1)))) continue;
    return command;
  }
  return undefined;
}
