/**
 * One class per failure kind. Every ZapcastError carries a message written for
 * the operator: front-ends show `message` as it is, never a stack trace.
 */
export class ZapcastError extends Error {
  override name = 'ZapcastError';
}

/** A command's arguments did not fit its definition; `usage` is the usage line. */
export class UsageError extends ZapcastError {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export class UnknownCommandError extends ZapcastError {
  override name = 'UnknownCommandError';
  constructor(readonly command: string) {
    super(`Unknown command /${command}. Send /help for the list of commands.`);
  }
}

export class NotFoundError extends ZapcastError {
  override name = 'NotFoundError';
  constructor(what: string, id: string | number) {
    super(`${what} ${id} does not exist.`);
  }
}

export class IllegalTransitionError extends ZapcastError {
  override name = 'IllegalTransitionError';
}

export class UnauthorisedError extends ZapcastError {
  override name = 'UnauthorisedError';
}

export class ImportError extends ZapcastError {
  override name = 'ImportError';
}

export class ConfigError extends ZapcastError {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Another zapcast process (or another app in this one) works on the same DATA_DIR. */
export class DataDirInUseError extends ZapcastError {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dataDir} is in use by pid ${pid}; stop that process first, or give this one another DATA_DIR.`);
  }
}

/** The WhatsApp link is not open: the send did not happen and costs no attempt. */
export class NotConnectedError extends ZapcastError {
  override name = 'NotConnectedError';
}

/** The send may succeed if tried again later (timeouts, rate limits, server hiccups). */
export class TransientSendError extends ZapcastError {
  override name = 'TransientSendError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The send will never succeed for this recipient or account (bad number, restriction). */
export class PermanentSendError extends ZapcastError {
  override name = 'PermanentSendError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
