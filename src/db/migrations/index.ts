import { initialSchema } from './001-initial-schema.js';
import { scheduling } from './002-scheduling.js';
import { safety } from './003-safety.js';
import { appState } from './004-app-state.js';
import { whatsappAnswers } from './020-whatsapp-answers.js';
import { idsNeverReused } from './005-ids-never-reused.js';
import { contactSourceLine } from './006-contact-source-line.js';
import { messageBookkeeping } from './021-message-bookkeeping.js';
import { messageVariant } from './022-message-variant.js';
import { inbox } from './023-inbox.js';
import { waIdMixing } from './024-wa-id-mixing.js';

export interface Migration {
  /** The schema version this migration brings; applied in ascending order. */
  version: number;
  name: string;
  sql: string;
  /**
   * It rebuilds tables other tables refer to: foreign keys are switched off
   * around it (a DROP TABLE would otherwise cascade) and checked before its commit.
   */
  rebuildsTables?: boolean;
}

/** Every migration; file names start with their version number. */
export const MIGRATIONS: Migration[] = [initialSchema, scheduling, safety, appState, idsNeverReused, contactSourceLine, whatsappAnswers, messageBookkeeping, messageVariant, inbox, waIdMixing].sort((a, b) => a.version - b.version);
