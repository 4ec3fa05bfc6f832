import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { ApiErrorBody } from '@cn2r/shared';
import { ApiRouter } from '../http/api-router.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { errorHandler, uniqueViolationField } from './error-handler.js';

/**
 * Unique-constraint violations (PostgreSQL 23505) raised by the real database, PGlite or the
 * PostgreSQL server, through the one error middleware: a 409 naming the field, in the same shape
 * as the services' own 409s. The routes below write without checking first, as a request racing
 * another past a service's check would.
 */
describe('error middleware: unique-constraint violations', () => {
  let db: TestDatabase;
  let app: express.Express;

  beforeAll(async () => {
    db = await createTestDatabase();
    const api = new ApiRouter();
    api.add(
      {
        method: 'post',
        path: '/units',
        tag: 'Test',
        summary: 'Insert a unit, no check first',
        access: 'health.read',
        body: z.strictObject({ code: z.string() }),
        response: { status: 201, description: 'created', schema: z.object({ id: z.number() }) },
      },
      async ({ body }) => {
        const [row] = await db.knex('units').insert({ code: body.code, name: 'Centre', region: 'Région', kind: 'crp', opened_on: '2020-01-01' }).returning('id');
        return { id: row.id };
      },
    );
    api.add(
      {
        method: 'post',
        path: '/narratives',
        tag: 'Test',
        summary: 'Insert a report narrative, no check first',
        access: 'health.read',
        body: z.strictObject({ section: z.string() }),
        response: { status: 201, description: 'created', schema: z.object({ ok: z.boolean() }) },
      },
      async ({ body }) => {
        await db.knex('report_narratives').insert({ year: 2026, report: 'activity', section: body.section, body: 'Texte' });
        return { ok: true };
      },
    );
    app = express();
    app.use(express.json());
    app.use(api.router);
    app.use(errorHandler);
  });
  afterAll(() => db.drop());

  it('answers a duplicate code with 409, the field named in the message and in fields, and writes nothing', async () => {
    expect((await request(app).post('/units').send({ code: 'CRP-DUP' })).status).toBe(201);
    const res = await request(app).post('/units').send({ code: 'CRP-DUP' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { code: 'conflict', message: 'Cette valeur existe déjà : code.', fields: [{ path: 'code', message: 'Valeur déjà utilisée.' }] } });
    expect(ApiErrorBody.safeParse(res.body).success).toBeTrue();
    const [{ count }] = await db.knex('units').where({ code: 'CRP-DUP' }).count<{ count: string | number }[]>({ count: '*' });
    expect(Number(count)).toBe(1);
  });

  it('names the last column of a composite key (year and report scope the section)', async () => {
    expect((await request(app).post('/narratives').send({ section: 'highlights' })).status).toBe(201);
    const res = await request(app).post('/narratives').send({ section: 'highlights' });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'conflict', message: 'Cette valeur existe déjà : section.', fields: [{ path: 'section', message: 'Valeur déjà utilisée.' }] });
  });

  it('keeps an unrelated value accepted', async () => {
    expect((await request(app).post('/units').send({ code: 'CRP-OTHER' })).status).toBe(201);
  });
});

/**
 * The last line of defence behind the schemas (which refuse control characters): a NUL the
 * database cannot store, in a written value or in a search, is a 422, never a 500.
 */
describe('error middleware: text the database cannot store', () => {
  let db: TestDatabase;
  let app: express.Express;

  beforeAll(async () => {
    db = await createTestDatabase();
    const api = new ApiRouter();
    api.add(
      {
        method: 'post',
        path: '/units',
        tag: 'Test',
        summary: 'Insert a unit, its name unchecked',
        access: 'health.read',
        body: z.strictObject({ name: z.string() }),
        response: { status: 201, description: 'created', schema: z.object({ id: z.number() }) },
      },
      async ({ body }) => {
        const [row] = await db.knex('units').insert({ code: 'CRP-NUL', name: body.name, region: 'Région', kind: 'crp', opened_on: '2020-01-01' }).returning('id');
        return { id: row.id };
      },
    );
    api.add(
      {
        method: 'get',
        path: '/units',
        tag: 'Test',
        summary: 'Search units by name, unchecked',
        access: 'health.read',
        query: z.object({ search: z.string() }),
        response: { status: 200, description: 'found', schema: z.object({ count: z.number() }) },
      },
      async ({ query }) => {
        const rows = await db.knex('units').whereILike('name', `%${query.search}%`).select('id');
        return { count: rows.length };
      },
    );
    app = express();
    app.use(express.json());
    app.use(api.router);
    app.use(errorHandler);
  });
  afterAll(() => db.drop());

  const INVALID_TEXT = {
    code: 'validation_failed',
    message: 'Un texte contient un caractère que la base de données ne peut pas enregistrer (caractère de contrôle ou encodage invalide).',
  };

  it('answers a NUL in a written text with 422, and writes nothing', async () => {
    const res = await request(app).post('/units').send({ name: 'Centre\u0000Nord' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: INVALID_TEXT });
    expect(await db.knex('units').where({ code: 'CRP-NUL' }).first()).toBeUndefined();
  });

  it('answers a NUL in a search with 422', async () => {
    const res = await request(app).get('/units?search=a%00b');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: INVALID_TEXT });
    expect((await request(app).get('/units?search=zzz')).body).toEqual({ count: 0 });
  });
});

describe('uniqueViolationField', () => {
  it('reads the key columns of the English and French details, in camelCase', () => {
    expect(uniqueViolationField({ detail: 'Key (code)=(CRP-1) already exists.' })).toBe('code');
    expect(uniqueViolationField({ detail: 'La clé « (email)=(a@b.fr) » existe déjà.' })).toBe('email');
    expect(uniqueViolationField({ detail: 'Key (year, code)=(2026, a)=(b) already exists.' })).toBe('code');
    expect(uniqueViolationField({ detail: 'Key (indicator_code, year)=(ACT-1, 2026) already exists.' })).toBe('year');
  });

  it('skips the expressions of an expression index', () => {
    expect(uniqueViolationField({ detail: 'Key (submission_id, indicator_id, COALESCE(option_id, 0))=(1, 2, 0) already exists.' })).toBe('indicatorId');
  });

  it('says null when there is no readable key', () => {
    expect(uniqueViolationField({})).toBeNull();
    expect(uniqueViolationField({ detail: 'something else' })).toBeNull();
    expect(uniqueViolationField({ detail: 'Key (COALESCE(a, 0))=(0) already exists.' })).toBeNull();
  });
});
