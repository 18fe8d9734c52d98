import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubAssessments } from '../../../src/db/schema/index.js';
import { createHarness, type Harness } from '../../support/harness.js';

describe('the Hub assessment catalogue', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('is on every database from its migration, in both languages, some for invigilators', async () => {
    const rows = await h.ctx.db.select().from(hubAssessments);
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.forInvigilators).map((r) => r.code)).toEqual([
      'INV-INTRO',
      'INV-ONSCREEN',
      'INV-ACCESS',
      'INV-MALPRACTICE',
      'INV-EMERGENCY',
    ]);
    for (const r of rows) {
      expect(r.titleCy).not.toBe(r.titleEn);
      expect(r.passMark).toBeGreaterThan(0);
    }
  });

  it('documents every Hub route in the OpenAPI description', async () => {
    const doc = await h.call('GET', '/api/v1/openapi.json');
    const paths = Object.keys(doc.json.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/centres/{number}/users/{id}/hidden-assessments',
        '/api/v1/centres/{number}/users/{id}/assessments',
        '/api/v1/centres/{number}/users/{id}/assessments/{assessment}/attempts',
        '/api/v1/centres/{number}/users/summary.csv',
      ]),
    );
    expect(Object.keys(doc.json.paths['/api/v1/centres/{number}/users/{id}/hidden-assessments'])).toEqual([
      'get',
      'put',
    ]);
  });
});
