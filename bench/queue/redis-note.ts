import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * BullMQ and Redis are never dependencies of zapcast, not even of its benches:
 * the comparison runs only where a Redis server is installed locally and
 * BullMQ is put beside the bench by hand. Otherwise a note says why it was skipped.
 */
export function redisComparisonNote(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, 'redis-server'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return onPath
    ? 'skipped: a Redis server is installed, but BullMQ is not a dependency of this project (install it beside the bench to compare)'
    : 'skipped: no local Redis server installed';
}
