import type { Repositories } from '../../src/db/repositories.js';

/** Adds a ready list of `count` contacts (+55 11 91000-xxxx, valid Brazilian mobiles) and returns its id. */
export function seedList(repos: Repositories, count: number, at = 0, fields: (i: number) => Record<string, string> = () => ({})): number {
  const listId = repos.lists.create({ name: `list of ${count}`, createdAt: at });
  repos.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      repos.contacts.insert(listId, { phone: `+55119${String(10000000 + i)}`, name: `Contact ${i}`, fields: fields(i), lineType: 'mobile' });
    }
  })();
  repos.lists.finish(listId, count, '{}');
  return listId;
}
