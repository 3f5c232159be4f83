import { initialSchema } from './001-initial-schema.js';

export interface Migration {
  name: string;
  sql: string;
}

/** In order: the position (1-based) is the schema version the migration brings. */
export const MIGRATIONS: Migration[] = [initialSchema];
