import { initialSchema } from './001-initial-schema.js';
import { scheduling } from './002-scheduling.js';
import { safety } from './003-safety.js';
import { appState } from './004-app-state.js';
import { whatsappAnswers } from './020-whatsapp-answers.js';

export interface Migration {
  /** The schema version this migration brings; applied in ascending order. */
  version: number;
  name: string;
  sql: string;
}

/** Every migration; file names start with their version number. */
export const MIGRATIONS: Migration[] = [initialSchema, scheduling, safety, appState, whatsappAnswers].sort((a, b) => a.version - b.version);
