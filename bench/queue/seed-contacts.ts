import type { Repositories } from '../../src/db/repositories.js';

const CITIES = `json_array('Recife', 'Salvador', 'Curitiba', 'Belém', 'Natal')`;

/** Multiplying by a prime that divides no list size used here permutes 0..count-1. */
const SCATTER = 7919;

/**
 * A ready list of `count` distinct valid mobile numbers with a name and a city
 * column, written by SQLite itself (a recursive series) so a million contacts
 * take seconds, not the importer's minutes. The numbers come in scattered
 * order, as in a real export (sorted by name, not by number): any index on
 * phone numbers pays what it would pay in use.
 */
export function seedContacts(repos: Repositories, count: number, firstNumber: number, at: number): number {
  if (count % SCATTER === 0) throw new Error(`a list of ${count} cannot be scattered by ${SCATTER}`);
  const listId = repos.lists.create({ name: `bench list of ${count}`, createdAt: at });
  repos.db
    .transaction(() => {
      repos.db
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
           INSERT INTO contacts (list_id, phone, name, fields_json, line_type)
           SELECT ?, '+5511' || (? + (i * ${SCATTER}) % ?), 'Contact ' || i,
                  json_object('city', ${CITIES} ->> (i % 5)), 'mobile'
           FROM n`,
        )
        .run(count, listId, firstNumber, count);
    })
    .immediate();
  repos.lists.finish(listId, count, '{}');
  return listId;
}
