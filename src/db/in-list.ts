import { type Column, type SQL, sql } from 'drizzle-orm';

/**
 * `column IN (…values)` with the list as one JSON parameter that SQLite unpacks with `json_each`.
 * D1 refuses a statement with more than 100 bound parameters, so a list of any length (a bulk
 * upload's addresses, an account's tokens) must not become one parameter per value.
 */
export function inList(column: Column, values: readonly (string | number)[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
