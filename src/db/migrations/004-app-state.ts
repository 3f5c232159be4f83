import type { Migration } from './index.js';

export const appState: Migration = {
  version: 4,
  name: '004-app-state',
  sql: `
-- Small facts the process keeps between starts (e.g. a hash of the Discord
-- commands last registered, so an unchanged set is not registered again:
-- Discord limits command creations per day).
CREATE TABLE app_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};
