import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';

/** Everything the core needs, built once by an entry point (Node, Workers, tests) and passed in. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
}
