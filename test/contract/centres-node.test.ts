import { afterAll, beforeAll } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { centresContract } from './centres.contract.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

centresContract(() => ({ fetch: async (path, init) => h.app.request(path, init), tokens: h.tokens }));
