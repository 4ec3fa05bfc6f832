import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, countRows, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';
import { parisToday } from '../../dates/calendar-date.js';

interface DimensionBody {
  id: number;
  code: string;
  label: string;
  sensitive: boolean;
  options: { id: number; code: string; label: string; sortOrder: number }[];
  version: number;
}

interface IndicatorBody {
  id: number;
  code: string;
  revision: number;
  label: string;
  networkCounterpartCode: string | null;
  definition: string;
  domain: string;
  sortOrder: number;
  dimension: DimensionBody | null;
  minValue: number | null;
  maxValue: number | null;
  activeFrom: string;
  activeTo: string | null;
  supersedesId: number | null;
  valueCount: number;
  version: number;
}

describe('catalogue API', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let seq = 0;

  const count = (table: string) => countRows(db.knex(table));
  const auditRows = (action: string, entityId: number | string) => db.knex('audit_log').where({ action, entity_id: String(entityId) }).orderBy('id');
  const put = (client: TestClient, url: string, body: unknown) => client.send('put', url, body);
  /** Counts of every table the catalogue writes, to prove a refused request wrote nothing. */
  const snapshot = async () => ({
    dimensions: await count('dimensions'),
    options: await count('dimension_options'),
    indicators: await count('indicators'),
    targets: await count('indicator_targets'),
    rules: await count('consistency_rules'),
    audit: await count('audit_log'),
  });

  const newDimension = (overrides: Record<string, unknown> = {}) => ({
    code: `DIM_T${++seq}`,
    label: `Ventilation ${seq}`,
    options: [
      { code: 'adulte', label: 'Adulte' },
      { code: 'mineur', label: 'Mineur' },
    ],
    ...overrides,
  });

  const newIndicator = (overrides: Record<string, unknown> = {}) => ({
    code: `IND_T${++seq}`,
    label: `Indicateur ${seq}`,
    definition: 'Nombre de patients distincts vus.',
    domain: 'activite_clinique',
    valueType: 'count',
    periodType: 'quarter',
    timeAggregation: 'sum',
    unitAggregation: 'sum',
    activeFrom: '2020-01-01',
    ...overrides,
  });

  async function createDimension(overrides: Record<string, unknown> = {}): Promise<DimensionBody> {
    const res = await admin.post('/api/dimensions', newDimension(overrides));
    if (res.status !== 201) throw new Error(`dimension creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function createIndicator(overrides: Record<string, unknown> = {}): Promise<IndicatorBody> {
    const res = await admin.post('/api/indicators', newIndicator(overrides));
    if (res.status !== 201) throw new Error(`indicator creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A value entered by unit A for a period, written directly as the forms feature would. */
  async function enterValue(indicatorId: number, period: string, value: number, optionId: number | null = null) {
    let submission = await db.knex('submissions').where({ unit_id: fx.unitA, period }).first();
    if (!submission) [submission] = await db.knex('submissions').insert({ unit_id: fx.unitA, period }).returning('*');
    const [row] = await db.knex('indicator_values').insert({ submission_id: submission.id, indicator_id: indicatorId, option_id: optionId, value_num: value }).returning('*');
    return row as { id: number; submission_id: number; indicator_id: number };
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ admin } = await signInFixtures(app.app, fx, 'admin'));
  });
  afterAll(() => db.drop());

  describe('dimensions', () => {
    it('creates a dimension with its options in order: 201, stored rows, audit `dimension.created`', async () => {
      const before = await snapshot();
      const res = await admin.post('/api/dimensions', {
        code: ' age_band ',
        label: 'Tranche d’âge',
        sensitive: true,
        options: [
          { code: '0-5', label: '0 à 5 ans' },
          { code: '6-11', label: '6 à 11 ans' },
          { code: '18+', label: '18 ans et plus' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: jasmine.any(Number),
        code: 'AGE_BAND',
        label: 'Tranche d’âge',
        sensitive: true,
        options: [
          { id: jasmine.any(Number), code: '0-5', label: '0 à 5 ans', sortOrder: 1 },
          { id: jasmine.any(Number), code: '6-11', label: '6 à 11 ans', sortOrder: 2 },
          { id: jasmine.any(Number), code: '18+', label: '18 ans et plus', sortOrder: 3 },
        ],
        version: 1,
      });
      expect(await db.knex('dimensions').where({ id: res.body.id }).first()).toEqual(
        jasmine.objectContaining({ code: 'AGE_BAND', label: 'Tranche d’âge', sensitive: true, version: 1 }),
      );
      expect(await db.knex('dimension_options').where({ dimension_id: res.body.id }).orderBy('sort_order').pluck('code')).toEqual(['0-5', '6-11', '18+']);
      expect(await snapshot()).toEqual({ ...before, dimensions: before.dimensions + 1, options: before.options + 3, audit: before.audit + 1 });
      const audit = await auditRows('dimension.created', res.body.id);
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(
        jasmine.objectContaining({ actor_id: fx.users.admin.id, entity_type: 'dimension', before: null, after: res.body, request_id: res.headers['x-request-id'] }),
      );

      const list = await (await TestClient.signedIn(app.app, fx.users.board.email)).get('/api/dimensions');
      expect(list.status).toBe(200);
      expect(list.body.find((d: DimensionBody) => d.id === res.body.id)).toEqual(res.body);
    });

    it('refuses a duplicate code (409 `code`) and two options with the same code (422 `options`), writing nothing', async () => {
      const existing = await createDimension();
      const before = await snapshot();
      const duplicate = await admin.post('/api/dimensions', newDimension({ code: existing.code.toLowerCase() }));
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toBe(`Le code « ${existing.code} » est déjà utilisé par une autre ventilation.`);
      expect(duplicate.body.error.fields).toEqual([{ path: 'code', message: 'Code déjà utilisé.' }]);

      const twice = await admin.post(
        '/api/dimensions',
        newDimension({
          options: [
            { code: 'a', label: 'A' },
            { code: 'a', label: 'A bis' },
          ],
        }),
      );
      expect(twice.status).toBe(422);
      expect(twice.body.error.fields).toEqual([{ path: 'options', message: 'Deux modalités ont le même code.' }]);
      expect(await snapshot()).toEqual(before);
    });

    it('adds, relabels and reorders options with the version read: version + 1, audit with before and after', async () => {
      const dim = await createDimension({
        options: [
          { code: 'local', label: 'Local' },
          { code: 'regional', label: 'Régional' },
        ],
      });
      const res = await admin.patch(`/api/dimensions/${dim.id}`, {
        label: 'Échelon',
        options: [
          { code: 'national', label: 'National' },
          { code: 'regional', label: 'Régional (ARS)' },
          { code: 'local', label: 'Local' },
        ],
        version: 1,
      });
      expect(res.status).toBe(200);
      const [local, regional] = dim.options;
      expect(res.body).toEqual({
        id: dim.id,
        code: dim.code,
        label: 'Échelon',
        sensitive: false,
        options: [
          { id: jasmine.any(Number), code: 'national', label: 'National', sortOrder: 1 },
          { id: regional.id, code: 'regional', label: 'Régional (ARS)', sortOrder: 2 },
          { id: local.id, code: 'local', label: 'Local', sortOrder: 3 },
        ],
        version: 2,
      });
      expect(await db.knex('dimension_options').where({ dimension_id: dim.id }).orderBy('sort_order').select('code', 'label', 'sort_order')).toEqual([
        { code: 'national', label: 'National', sort_order: 1 },
        { code: 'regional', label: 'Régional (ARS)', sort_order: 2 },
        { code: 'local', label: 'Local', sort_order: 3 },
      ]);
      const audit = await auditRows('dimension.updated', dim.id);
      expect(audit.length).toBe(1);
      expect(audit[0].before).toEqual(dim as unknown as Record<string, unknown>);
      expect(audit[0].after).toEqual(res.body);
    });

    it('removes an option without values, but refuses (409, French message) one with values, changing nothing', async () => {
      const dim = await createDimension({
        options: [
          { code: 'lead', label: 'Porteur' },
          { code: 'partner', label: 'Partenaire' },
          { code: 'other', label: 'Autre' },
        ],
      });
      const indicator = await createIndicator({ dimensionId: dim.id });
      const lead = dim.options[0];
      await enterValue(indicator.id, '2024-Q1', 3, lead.id);

      const before = await snapshot();
      const refused = await admin.patch(`/api/dimensions/${dim.id}`, { options: [{ code: 'partner', label: 'Partenaire' }, { code: 'other', label: 'Autre' }], version: 1 });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('conflict');
      expect(refused.body.error.message).toBe('La modalité « lead » (Porteur, 1 valeur) a déjà des valeurs saisies : elle ne peut pas être retirée. Vous pouvez la renommer.');
      expect(refused.body.error.fields).toEqual([{ path: 'options', message: refused.body.error.message }]);
      expect(await snapshot()).toEqual(before);
      expect((await db.knex('dimensions').where({ id: dim.id }).first()).version).toBe(1);

      const removed = await admin.patch(`/api/dimensions/${dim.id}`, { options: [{ code: 'lead', label: 'Porteur' }, { code: 'partner', label: 'Partenaire' }], version: 1 });
      expect(removed.status).toBe(200);
      expect(removed.body.options.map((o: { code: string }) => o.code)).toEqual(['lead', 'partner']);
      expect(await db.knex('dimension_options').where({ dimension_id: dim.id }).pluck('code')).not.toContain('other');
      expect(removed.body.options[0].id).toBe(lead.id);
    });

    it('refuses to remove an option a consistency rule names (409 naming the rule)', async () => {
      const dim = await createDimension({
        options: [
          { code: 'minor', label: 'Mineur' },
          { code: 'adult', label: 'Adulte' },
        ],
      });
      const indicator = await createIndicator({ dimensionId: dim.id });
      const rule = await admin.post('/api/rules', { code: `R_OPT${++seq}`, label: 'Mineurs', expression: `${indicator.code}[minor] <= ${indicator.code}`, severity: 'warning', message: 'Trop de mineurs.' });
      expect(rule.status).toBe(201);
      const res = await admin.patch(`/api/dimensions/${dim.id}`, { options: [{ code: 'adult', label: 'Adulte' }, { code: 'other', label: 'Autre' }], version: 1 });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(`La modalité « minor » est utilisée par la règle de cohérence ${rule.body.code} : modifiez la règle avant de retirer la modalité.`);
      expect(await db.knex('dimension_options').where({ dimension_id: dim.id }).pluck('code')).toEqual(jasmine.arrayWithExactContents(['minor', 'adult']));
    });

    it('refuses a stale version with 409 naming `version`, and a 404 for an unknown dimension', async () => {
      const dim = await createDimension();
      expect((await admin.patch(`/api/dimensions/${dim.id}`, { label: 'Première', version: 1 })).status).toBe(200);
      const before = await snapshot();
      const stale = await admin.patch(`/api/dimensions/${dim.id}`, { label: 'Seconde', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toBe('Cette ventilation a été modifiée par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.');
      expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
      expect(await snapshot()).toEqual(before);
      expect((await db.knex('dimensions').where({ id: dim.id }).first()).label).toBe('Première');

      const missing = await admin.patch('/api/dimensions/999999', { label: 'Fantôme', version: 1 });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe('Ventilation introuvable.');
    });
  });

  describe('indicators', () => {
    it('creates revision 1 with its dimension and no value: 201, stored row, audit `indicator.created`', async () => {
      const dim = await createDimension();
      const before = await snapshot();
      const res = await admin.post('/api/indicators', newIndicator({ code: 'act_fa_t', dimensionId: dim.id, minValue: 0, maxValue: 1000.5, expectedResult: 'network', sortOrder: 3 }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: jasmine.any(Number),
        code: 'ACT_FA_T',
        revision: 1,
        label: jasmine.any(String),
        definition: 'Nombre de patients distincts vus.',
        countingRule: '',
        domain: 'activite_clinique',
        unitKind: 'crp',
        valueType: 'count',
        unitOfMeasure: '',
        periodType: 'quarter',
        timeAggregation: 'sum',
        unitAggregation: 'sum',
        dimension: dim,
        optionsAdditive: true,
        networkCounterpartCode: null,
        minValue: 0,
        maxValue: 1000.5,
        required: true,
        expectedResult: 'network',
        sortOrder: 3,
        activeFrom: '2020-01-01',
        activeTo: null,
        supersedesId: null,
        valueCount: 0,
        updatedAt: jasmine.any(String),
        version: 1,
      });
      expect(await db.knex('indicators').where({ id: res.body.id }).first()).toEqual(
        jasmine.objectContaining({ code: 'ACT_FA_T', revision: 1, dimension_id: dim.id, max_value: jasmine.stringMatching(/^1000\.5/), active_from: '2020-01-01', supersedes_id: null }),
      );
      expect(await snapshot()).toEqual({ ...before, indicators: before.indicators + 1, audit: before.audit + 1 });
      const audit = await auditRows('indicator.created', res.body.id);
      expect(audit.length).toBe(1);
      expect(audit[0].after).toEqual(res.body);
      expect((await admin.get(`/api/indicators/${res.body.id}`)).body).toEqual(res.body);
    });

    it('refuses a code already used (409 `code`), an unknown dimension (422 `dimensionId`) and an end before the start (422 `activeTo`), writing nothing', async () => {
      const existing = await createIndicator();
      const before = await snapshot();
      const duplicate = await admin.post('/api/indicators', newIndicator({ code: existing.code }));
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.fields).toEqual([{ path: 'code', message: 'Code déjà utilisé.' }]);
      const unknown = await admin.post('/api/indicators', newIndicator({ dimensionId: 999999 }));
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.fields).toEqual([{ path: 'dimensionId', message: 'Ventilation inconnue (identifiant 999999).' }]);
      const dates = await admin.post('/api/indicators', newIndicator({ activeFrom: '2024-01-01', activeTo: '2023-12-31' }));
      expect(dates.status).toBe(422);
      expect(dates.body.error.fields).toEqual([{ path: 'activeTo', message: 'La date de fin doit suivre la date de début.' }]);
      const bounds = await admin.post('/api/indicators', newIndicator({ minValue: 10, maxValue: 1 }));
      expect(bounds.status).toBe(422);
      expect(bounds.body.error.fields).toEqual([{ path: 'maxValue', message: 'Le minimum doit être inférieur ou égal au maximum.' }]);
      expect(await snapshot()).toEqual(before);
    });

    it('lists current revisions by domain, order and code, with value counts; every revision with includeInactive; by unit kind', async () => {
      const ended = await createIndicator({ domain: 'formation', activeTo: '2021-12-31' });
      const endsLater = await createIndicator({ domain: 'formation', activeTo: '2099-12-31', sortOrder: 1 });
      const first = await createIndicator({ domain: 'formation', sortOrder: 0 });
      const national = await createIndicator({ domain: 'recherche', unitKind: 'cn2r' });
      await enterValue(first.id, '2024-Q2', 12);
      await enterValue(first.id, '2024-Q3', 15);

      const lead = await TestClient.signedIn(app.app, fx.users.leadA.email);
      const current = await lead.get('/api/indicators');
      expect(current.status).toBe(200);
      const ids = current.body.map((i: IndicatorBody) => i.id);
      expect(ids).toContain(endsLater.id);
      expect(ids).toContain(first.id);
      expect(ids).not.toContain(ended.id);
      const domainOrder = ['activite_clinique', 'formation', 'reseau', 'recherche', 'cartographie', 'sensibilisation'];
      const keys: [string, number, string][] = current.body.map((i: IndicatorBody) => [i.domain, i.sortOrder, i.code]);
      const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const sorted = [...keys].sort((a, b) => domainOrder.indexOf(a[0]) - domainOrder.indexOf(b[0]) || a[1] - b[1] || text(a[2], b[2]));
      expect(keys).toEqual(sorted);
      expect(keys.every((k) => domainOrder.includes(k[0]))).toBeTrue();
      expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(endsLater.id));
      expect(current.body.find((i: IndicatorBody) => i.id === first.id).valueCount).toBe(2);
      expect(current.body.find((i: IndicatorBody) => i.id === endsLater.id).valueCount).toBe(0);

      const all = await lead.get('/api/indicators?includeInactive=true');
      expect(all.body.map((i: IndicatorBody) => i.id)).toContain(ended.id);
      expect((await lead.get('/api/indicators?includeInactive=false')).body.map((i: IndicatorBody) => i.id)).not.toContain(ended.id);

      const cn2r = await lead.get('/api/indicators?unitKind=cn2r');
      expect(cn2r.body.map((i: IndicatorBody) => i.id)).toEqual([national.id]);
      const crp = await lead.get('/api/indicators?unitKind=crp');
      expect(crp.body.map((i: IndicatorBody) => i.id)).not.toContain(national.id);

      const bad = await lead.get('/api/indicators?includeInactive=yes');
      expect(bad.status).toBe(422);
      expect(bad.body.error.fields[0].path).toBe('includeInactive');
      expect((await lead.get('/api/indicators/999999')).status).toBe(404);
    });

    it('edits in place a change of wording on an indicator with values (audit `indicator.updated`, no new revision)', async () => {
      const indicator = await createIndicator();
      await enterValue(indicator.id, '2024-Q1', 10);
      const before = await snapshot();
      const res = await admin.patch(`/api/indicators/${indicator.id}`, { label: 'File active (patients distincts)', sortOrder: 7, required: false, version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(jasmine.objectContaining({ id: indicator.id, revision: 1, label: 'File active (patients distincts)', sortOrder: 7, valueCount: 1, version: 2 }));
      expect(await snapshot()).toEqual({ ...before, audit: before.audit + 1 });
      expect(await db.knex('indicators').where({ code: indicator.code }).count<{ n: number }[]>('* as n')).toEqual([{ n: 1 }]);
      const audit = await auditRows('indicator.updated', indicator.id);
      expect(audit.length).toBe(1);
      expect(audit[0].before).toEqual(jasmine.objectContaining({ label: indicator.label, version: 1 }));
      expect(audit[0].after).toEqual(res.body);
    });

    it('edits in place a change of meaning while no value was entered', async () => {
      const indicator = await createIndicator();
      const res = await admin.patch(`/api/indicators/${indicator.id}`, { definition: 'Nouvelle définition.', periodType: 'year', version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(jasmine.objectContaining({ id: indicator.id, revision: 1, definition: 'Nouvelle définition.', version: 2 }));
      expect(await db.knex('indicators').where({ code: indicator.code }).pluck('period_type')).toEqual(['year']);
      expect((await auditRows('indicator.revised', indicator.id)).length).toBe(0);
    });

    it('creates a new revision when the meaning of an indicator with values changes; the values stay on the old revision', async () => {
      const indicator = await createIndicator({ sortOrder: 4 });
      const q1 = await enterValue(indicator.id, '2024-Q1', 40);
      const q2 = await enterValue(indicator.id, '2024-Q2', 42);
      const before = await snapshot();

      const res = await admin.patch(`/api/indicators/${indicator.id}`, {
        definition: 'Patients vus au moins deux fois.',
        label: 'File active (au moins deux consultations)',
        maxValue: 5000,
        effectiveFrom: '2025-01-01',
        version: 1,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        jasmine.objectContaining({
          code: indicator.code,
          revision: 2,
          label: 'File active (au moins deux consultations)',
          definition: 'Patients vus au moins deux fois.',
          maxValue: 5000,
          sortOrder: 4,
          activeFrom: '2025-01-01',
          activeTo: null,
          supersedesId: indicator.id,
          valueCount: 0,
          version: 1,
        }),
      );
      expect(res.body.id).not.toBe(indicator.id);

      const old = await db.knex('indicators').where({ id: indicator.id }).first();
      expect(old).toEqual(
        jasmine.objectContaining({ revision: 1, label: indicator.label, definition: indicator.definition, max_value: null, active_from: '2020-01-01', active_to: '2024-12-31', version: 2 }),
      );
      const fresh = await db.knex('indicators').where({ id: res.body.id }).first();
      expect(fresh).toEqual(jasmine.objectContaining({ code: indicator.code, revision: 2, supersedes_id: indicator.id, active_from: '2025-01-01', active_to: null }));
      expect(await db.knex('indicator_values').whereIn('id', [q1.id, q2.id]).pluck('indicator_id')).toEqual([indicator.id, indicator.id]);
      expect(await snapshot()).toEqual({ ...before, indicators: before.indicators + 1, audit: before.audit + 1 });

      const audit = await auditRows('indicator.revised', res.body.id);
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(jasmine.objectContaining({ actor_id: fx.users.admin.id, entity_type: 'indicator', request_id: res.headers['x-request-id'] }));
      expect(audit[0].before).toEqual(jasmine.objectContaining({ id: indicator.id, revision: 1, definition: indicator.definition, activeTo: null, valueCount: 2, version: 1 }));
      expect(audit[0].after).toEqual(res.body);

      const oldView = await admin.get(`/api/indicators/${indicator.id}`);
      expect(oldView.body).toEqual(jasmine.objectContaining({ revision: 1, activeTo: '2024-12-31', valueCount: 2, version: 2 }));
      const current = (await admin.get('/api/indicators')).body.filter((i: IndicatorBody) => i.code === indicator.code);
      expect(current.map((i: IndicatorBody) => i.revision)).toEqual([2]);
      const all = (await admin.get('/api/indicators?includeInactive=true')).body.filter((i: IndicatorBody) => i.code === indicator.code);
      expect(all.map((i: IndicatorBody) => i.revision)).toEqual([1, 2]);
    });

    it('starts a new revision on 1 January next year when no date is given', async () => {
      const indicator = await createIndicator();
      await enterValue(indicator.id, '2024-Q4', 7);
      const res = await admin.patch(`/api/indicators/${indicator.id}`, { valueType: 'decimal', version: 1 });
      expect(res.status).toBe(200);
      const nextYear = Number(parisToday().slice(0, 4)) + 1;
      expect(res.body).toEqual(jasmine.objectContaining({ revision: 2, valueType: 'decimal', activeFrom: `${nextYear}-01-01` }));
      expect((await db.knex('indicators').where({ id: indicator.id }).first()).active_to).toBe(`${nextYear - 1}-12-31`);
      expect((await db.knex('indicators').where({ id: indicator.id }).first()).value_type).toBe('count');
    });

    it('refuses a revision that would start before the end of a period already entered, and before the current one started (422 `effectiveFrom`)', async () => {
      const indicator = await createIndicator({ activeFrom: '2023-01-01' });
      await enterValue(indicator.id, '2024-Q3', 7);
      const before = await snapshot();
      const late = await admin.patch(`/api/indicators/${indicator.id}`, { countingRule: 'Autre règle', effectiveFrom: '2024-07-01', version: 1 });
      expect(late.status).toBe(422);
      expect(late.body.error.fields).toEqual([
        {
          path: 'effectiveFrom',
          message:
            'Des valeurs ont déjà été saisies sous la révision en cours pour des périodes qui se terminent le 1er juillet 2024 ou après (2024-Q3) : la nouvelle révision doit commencer après leur fin.',
        },
      ]);
      const early = await admin.patch(`/api/indicators/${indicator.id}`, { countingRule: 'Autre règle', effectiveFrom: '2023-01-01', version: 1 });
      expect(early.status).toBe(422);
      expect(early.body.error.fields[0]).toEqual({ path: 'effectiveFrom', message: 'La nouvelle révision doit commencer après le début de la révision en cours (le 1er janvier 2023).' });
      expect(await snapshot()).toEqual(before);
      expect((await db.knex('indicators').where({ id: indicator.id }).first()).version).toBe(1);

      const ok = await admin.patch(`/api/indicators/${indicator.id}`, { countingRule: 'Autre règle', effectiveFrom: '2024-10-01', version: 1 });
      expect(ok.status).toBe(200);
      expect(ok.body.activeFrom).toBe('2024-10-01');
    });

    it('refuses to edit a revision that has been superseded (409), and a stale version (409 `version`)', async () => {
      const indicator = await createIndicator();
      await enterValue(indicator.id, '2024-Q1', 1);
      const revised = await admin.patch(`/api/indicators/${indicator.id}`, { minValue: 0, effectiveFrom: '2025-01-01', version: 1 });
      expect(revised.status).toBe(200);
      const before = await snapshot();

      const old = await admin.patch(`/api/indicators/${indicator.id}`, { label: 'Ancien', version: 2 });
      expect(old.status).toBe(409);
      expect(old.body.error.message).toBe(`Cette révision de ${indicator.code} a été remplacée par la révision 2 (depuis le 1er janvier 2025) : modifiez la révision en cours.`);

      const stale = await admin.patch(`/api/indicators/${revised.body.id}`, { label: 'Nouveau', version: 7 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
      expect(await snapshot()).toEqual(before);
    });

    it('checks the bounds and the dimension against the stored values on update (422)', async () => {
      const indicator = await createIndicator({ minValue: 10 });
      const bounds = await admin.patch(`/api/indicators/${indicator.id}`, { maxValue: 5, version: 1 });
      expect(bounds.status).toBe(422);
      expect(bounds.body.error.fields).toEqual([{ path: 'maxValue', message: 'Le minimum doit être inférieur ou égal au maximum.' }]);
      const dimension = await admin.patch(`/api/indicators/${indicator.id}`, { dimensionId: 999999, version: 1 });
      expect(dimension.status).toBe(422);
      expect(dimension.body.error.fields[0].path).toBe('dimensionId');
      expect((await db.knex('indicators').where({ id: indicator.id }).first()).version).toBe(1);
    });
  });

  describe('targets', () => {
    it('sets, changes, lists and removes a yearly target, each audited', async () => {
      const indicator = await createIndicator({ expectedResult: 'training', periodType: 'year' });
      const url = `/api/targets/${indicator.code}/2026`;
      const set = await put(admin, url, { target: 250 });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ indicatorCode: indicator.code, year: 2026, target: 250, version: 1 });
      expect(await db.knex('indicator_targets').where({ indicator_code: indicator.code, year: 2026 }).first()).toEqual(
        jasmine.objectContaining({ target: jasmine.stringMatching(/^250(\.0+)?$/), version: 1 }),
      );
      const changed = await put(admin, url, { target: 300.5 });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ indicatorCode: indicator.code, year: 2026, target: 300.5, version: 2 });
      const audit = await auditRows('target.set', `${indicator.code}/2026`);
      expect(audit.map((a) => [a.before, a.after])).toEqual([
        [null, set.body],
        [set.body, changed.body],
      ]);

      await put(admin, `/api/targets/${indicator.code}/2027`, { target: 10 });
      const board = await TestClient.signedIn(app.app, fx.users.board.email);
      const list2026 = await board.get('/api/targets?year=2026');
      expect(list2026.status).toBe(200);
      expect(list2026.body).toContain(changed.body);
      expect(list2026.body.every((t: { year: number }) => t.year === 2026)).toBeTrue();
      expect((await board.get('/api/targets')).body.filter((t: { indicatorCode: string }) => t.indicatorCode === indicator.code).length).toBe(2);
      expect((await board.get('/api/targets?year=deux')).status).toBe(422);

      const removed = await put(admin, url, { target: null });
      expect(removed.status).toBe(204);
      expect(removed.text).toBe('');
      expect(await db.knex('indicator_targets').where({ indicator_code: indicator.code, year: 2026 }).first()).toBeUndefined();
      const deleted = await auditRows('target.deleted', `${indicator.code}/2026`);
      expect(deleted.length).toBe(1);
      expect(deleted[0].before).toEqual(changed.body);
    });

    it('refuses a target for an indicator without expected result (422), not in force that year (422), or unknown (404)', async () => {
      const plain = await createIndicator();
      const before = await snapshot();
      const noResult = await put(admin, `/api/targets/${plain.code}/2026`, { target: 10 });
      expect(noResult.status).toBe(422);
      expect(noResult.body.error.fields).toEqual([
        { path: 'target', message: `Seuls les indicateurs rattachés à un résultat attendu du financeur ont une cible annuelle : ce n’est pas le cas de ${plain.code} en 2026.` },
      ]);
      const future = await createIndicator({ expectedResult: 'mapping', activeFrom: '2030-01-01' });
      const notYet = await put(admin, `/api/targets/${future.code}/2026`, { target: 10 });
      expect(notYet.status).toBe(422);
      expect(notYet.body.error.fields[0].path).toBe('year');
      const unknown = await put(admin, '/api/targets/NOPE_NOPE/2026', { target: 10 });
      expect(unknown.status).toBe(404);
      const negative = await put(admin, `/api/targets/${future.code}/2031`, { target: -1 });
      expect(negative.status).toBe(422);
      expect(await snapshot()).toEqual({ ...before, indicators: before.indicators + 1, audit: before.audit + 1 });
    });

    it('refuses to detach from its expected result an indicator that has targets (409)', async () => {
      const indicator = await createIndicator({ expectedResult: 'good_practice' });
      expect((await put(admin, `/api/targets/${indicator.code}/2026`, { target: 3 })).status).toBe(200);
      const res = await admin.patch(`/api/indicators/${indicator.id}`, { expectedResult: null, version: 1 });
      expect(res.status).toBe(409);
      expect(res.body.error.fields).toEqual([{ path: 'expectedResult', message: 'Cibles existantes.' }]);
    });
  });

  describe('consistency rules', () => {
    let fa: IndicatorBody;
    let fresh: IndicatorBody;
    let plain: IndicatorBody;

    beforeAll(async () => {
      const ages = await createDimension({
        code: 'AGE_RULES',
        label: 'Tranche d’âge (règles)',
        options: [
          { code: '0-5', label: '0 à 5 ans' },
          { code: '18+', label: '18 ans et plus' },
        ],
      });
      fa = await createIndicator({ code: 'R_FA', dimensionId: ages.id });
      fresh = await createIndicator({ code: 'R_NEW', dimensionId: ages.id });
      plain = await createIndicator({ code: 'R_ORIENT' });
    });

    const newRule = (overrides: Record<string, unknown> = {}) => ({
      code: `RULE_T${++seq}`,
      label: 'Nouveaux patients ≤ file active',
      expression: 'R_NEW <= R_FA',
      severity: 'error',
      message: 'Les nouveaux patients ne peuvent pas dépasser la file active.',
      ...overrides,
    });

    it('creates a rule whose codes and options exist: 201, stored, audit `rule.created`; listed to any signed-in user', async () => {
      const before = await snapshot();
      const res = await admin.post('/api/rules', newRule({ code: 'new_le_fa', expression: ' R_FA[0-5] + R_FA[18+] == R_FA and R_NEW <= R_FA ' }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: jasmine.any(Number),
        code: 'NEW_LE_FA',
        label: 'Nouveaux patients ≤ file active',
        expression: 'R_FA[0-5] + R_FA[18+] == R_FA and R_NEW <= R_FA',
        severity: 'error',
        message: 'Les nouveaux patients ne peuvent pas dépasser la file active.',
        active: true,
        version: 1,
      });
      expect(await db.knex('consistency_rules').where({ id: res.body.id }).first()).toEqual(
        jasmine.objectContaining({ code: 'NEW_LE_FA', expression: 'R_FA[0-5] + R_FA[18+] == R_FA and R_NEW <= R_FA', severity: 'error', active: true, version: 1 }),
      );
      expect(await snapshot()).toEqual({ ...before, rules: before.rules + 1, audit: before.audit + 1 });
      expect((await auditRows('rule.created', res.body.id))[0].after).toEqual(res.body);
      const list = await (await TestClient.signedIn(app.app, fx.users.leadB.email)).get('/api/rules');
      expect(list.status).toBe(200);
      expect(list.body).toContain(res.body);

      const again = await admin.post('/api/rules', newRule({ code: 'NEW_LE_FA' }));
      expect(again.status).toBe(409);
      expect(again.body.error.fields).toEqual([{ path: 'code', message: 'Code déjà utilisé.' }]);
    });

    const refusals: { title: string; expression: string; message: string }[] = [
      { title: 'a syntax error, with its position', expression: 'R_NEW = R_FA', message: 'Symbole inattendu « = » à la position 6 : l’égalité s’écrit « == ».' },
      { title: 'an unfinished expression', expression: 'R_NEW <= R_FA and', message: 'Règle incomplète : valeur attendue à la position 17.' },
      { title: 'an unknown indicator code', expression: 'R_NEW <= R_MISSING', message: 'L’indicateur « R_MISSING » n’existe pas dans le catalogue (position 9).' },
      {
        title: 'an unknown option',
        expression: 'R_FA[0-5] + R_FA[6-11] <= R_FA',
        message: '« 6-11 » n’est pas une modalité de « Tranche d’âge (règles) », la ventilation de R_FA (modalités : 0-5, 18+) (position 17).',
      },
      { title: 'an option on an indicator without disaggregation', expression: 'R_ORIENT[18+] <= R_FA', message: 'L’indicateur « R_ORIENT » n’est pas ventilé : « R_ORIENT[18+] » n’existe pas (position 9).' },
    ];
    for (const c of refusals) {
      it(`refuses ${c.title} with 422 on \`expression\` and the French message, writing nothing`, async () => {
        const before = await snapshot();
        const res = await admin.post('/api/rules', newRule({ expression: c.expression }));
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.fields).toEqual([{ path: 'expression', message: c.message }]);
        expect(res.body.error.message).toBe(c.message);
        expect(await snapshot()).toEqual(before);
      });
    }

    it('checks an expression without saving: valid with its references, or the message and position', async () => {
      const before = await snapshot();
      const ok = await admin.post('/api/rules/check', { expression: 'R_FA[18+] <= R_FA' });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ valid: true, message: null, position: null, references: [{ code: 'R_FA', option: '18+' }, { code: 'R_FA' }] });
      const syntax = await admin.post('/api/rules/check', { expression: 'R_FA <=' });
      expect(syntax.body).toEqual({ valid: false, message: 'Règle incomplète : valeur attendue à la position 7.', position: 7, references: [] });
      const unknown = await admin.post('/api/rules/check', { expression: 'R_FA >= NOPE' });
      expect(unknown.body).toEqual({
        valid: false,
        message: 'L’indicateur « NOPE » n’existe pas dans le catalogue (position 8).',
        position: 8,
        references: [{ code: 'R_FA' }, { code: 'NOPE' }],
      });
      expect(await snapshot()).toEqual(before);
      expect(plain.code).toBe('R_ORIENT');
    });

    it('updates a rule with the version read (re-checking a new expression), refuses a stale version', async () => {
      const rule = (await admin.post('/api/rules', newRule())).body;
      const bad = await admin.patch(`/api/rules/${rule.id}`, { expression: 'R_NEW <= R_GONE', version: 1 });
      expect(bad.status).toBe(422);
      expect(bad.body.error.fields[0].path).toBe('expression');
      const res = await admin.patch(`/api/rules/${rule.id}`, { severity: 'warning', expression: 'R_NEW <= R_FA * 0.9', active: false, version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...rule, severity: 'warning', expression: 'R_NEW <= R_FA * 0.9', active: false, version: 2 });
      const audit = await auditRows('rule.updated', rule.id);
      expect(audit.length).toBe(1);
      expect([audit[0].before, audit[0].after]).toEqual([rule, res.body]);
      const stale = await admin.patch(`/api/rules/${rule.id}`, { label: 'Autre', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
      expect((await db.knex('consistency_rules').where({ id: rule.id }).first()).version).toBe(2);
    });

    it('deletes a rule no submission explained (204, audit), refuses one that was explained (409: deactivate it)', async () => {
      const unused = (await admin.post('/api/rules', newRule())).body;
      const deleted = await admin.delete(`/api/rules/${unused.id}`);
      expect(deleted.status).toBe(204);
      expect(await db.knex('consistency_rules').where({ id: unused.id }).first()).toBeUndefined();
      expect((await auditRows('rule.deleted', unused.id))[0].before).toEqual(unused);
      expect((await admin.delete(`/api/rules/${unused.id}`)).status).toBe(404);

      const explained = (await admin.post('/api/rules', newRule({ severity: 'warning' }))).body;
      const [submission] = await db.knex('submissions').insert({ unit_id: fx.unitB, period: '2024-Q4' }).returning('id');
      await db.knex('rule_explanations').insert({ submission_id: submission.id, rule_id: explained.id, explanation: 'Ouverture d’une antenne.' });
      const before = await snapshot();
      const refused = await admin.delete(`/api/rules/${explained.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe('Des saisies ont déjà expliqué cette règle (1 explication) : elle ne peut pas être supprimée, désactivez-la plutôt.');
      expect(await snapshot()).toEqual(before);
      expect(fresh.code).toBe('R_NEW');
      expect(fa.code).toBe('R_FA');
    });
  });

  describe('non-administrators', () => {
    for (const who of ['leadA', 'finance', 'board'] as const) {
      it(`refuses ${who} every catalogue write (403), writing nothing`, async () => {
        const dim = await createDimension();
        const indicator = await createIndicator({ expectedResult: 'network' });
        const rule = (await admin.post('/api/rules', { code: `RULE_T${++seq}`, label: 'L', expression: `${indicator.code} >= 0`, severity: 'warning', message: 'M' })).body;
        const client = await TestClient.signedIn(app.app, fx.users[who].email);
        const before = await snapshot();
        const responses = [
          await client.post('/api/dimensions', newDimension()),
          await client.patch(`/api/dimensions/${dim.id}`, { label: 'Piraté', version: 1 }),
          await client.post('/api/indicators', newIndicator()),
          await client.patch(`/api/indicators/${indicator.id}`, { label: 'Piraté', version: 1 }),
          await put(client, `/api/targets/${indicator.code}/2026`, { target: 1 }),
          await client.post('/api/rules', { code: 'PIRATE', label: 'L', expression: `${indicator.code} >= 0`, severity: 'warning', message: 'M' }),
          await client.post('/api/rules/check', { expression: `${indicator.code} >= 0` }),
          await client.patch(`/api/rules/${rule.id}`, { active: false, version: 1 }),
          await client.delete(`/api/rules/${rule.id}`),
        ];
        for (const [i, res] of responses.entries()) {
          expect(res.status).withContext(`request ${i}`).toBe(403);
          expect(res.body).toEqual({ error: { code: 'forbidden', message: 'Vous n’avez pas les droits nécessaires pour cette action.' } });
        }
        expect(await snapshot()).toEqual(before);
        expect(await db.knex('indicators').where({ id: indicator.id }).first()).toEqual(jasmine.objectContaining({ label: indicator.label, version: 1 }));
      });
    }
  });

  describe('whether the options add up (optionsAdditive)', () => {
    it('takes the value type’s rule when left out (counts add up, a delay does not), keeps what it is told, and stores it', async () => {
      const dim = await createDimension();
      const count = await createIndicator({ dimensionId: dim.id });
      const delay = await createIndicator({ dimensionId: dim.id, valueType: 'days', timeAggregation: 'average', unitAggregation: 'median' });
      const overlapping = await createIndicator({ dimensionId: dim.id, optionsAdditive: false });
      const stays = await createIndicator({ dimensionId: dim.id, valueType: 'decimal', optionsAdditive: true });
      const got = await Promise.all([count, delay, overlapping, stays].map(async (i) => (await admin.get(`/api/indicators/${i.id}`)).body.optionsAdditive));
      expect(got).toEqual([true, false, false, true]);
      const stored = await db.knex('indicators').whereIn('id', [count.id, delay.id, overlapping.id, stays.id]).orderBy('id').pluck('options_additive');
      expect(stored).toEqual([true, false, false, true]);
      const listed = (await admin.get('/api/indicators')).body as (IndicatorBody & { optionsAdditive: boolean })[];
      expect(listed.find((i) => i.id === delay.id)!.optionsAdditive).toBeFalse();
      const bad = await admin.post('/api/indicators', newIndicator({ optionsAdditive: 'non' }));
      expect(bad.status).toBe(422);
      expect(bad.body.error.fields).toContain(jasmine.objectContaining({ path: 'optionsAdditive', message: 'Vrai ou faux attendu.' }));
    });

    it('corrects it in place on an indicator with values (no new revision: it changes no stored value), audited', async () => {
      const dim = await createDimension();
      const delay = await createIndicator({ dimensionId: dim.id, valueType: 'days', timeAggregation: 'average', unitAggregation: 'median', optionsAdditive: true });
      await enterValue(delay.id, '2025-Q1', 45, dim.options[0].id);
      const res = await admin.patch(`/api/indicators/${delay.id}`, { optionsAdditive: false, version: delay.version });
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual(jasmine.objectContaining({ id: delay.id, revision: 1, optionsAdditive: false, version: delay.version + 1 }));
      expect(await db.knex('indicators').where({ code: delay.code }).pluck('options_additive')).toEqual([false]);
      const [audit] = await auditRows('indicator.updated', delay.id);
      expect([audit.before.optionsAdditive, audit.after.optionsAdditive]).toEqual([true, false]);
    });

    it('resets it to the new value type’s rule when the type changes without it, and keeps it when the change says so', async () => {
      const dim = await createDimension();
      const a = await createIndicator({ dimensionId: dim.id });
      const toRate = await admin.patch(`/api/indicators/${a.id}`, { valueType: 'percentage', version: a.version });
      expect(toRate.status).withContext(JSON.stringify(toRate.body)).toBe(200);
      expect(toRate.body.optionsAdditive).toBeFalse();
      const b = await createIndicator({ dimensionId: dim.id });
      const toDays = await admin.patch(`/api/indicators/${b.id}`, { valueType: 'days', optionsAdditive: true, version: b.version });
      expect(toDays.body.optionsAdditive).toBeTrue();
      // A change of meaning with values: the new revision carries the old row's flag, reset with the type.
      const c = await createIndicator({ dimensionId: dim.id, activeFrom: '2024-01-01' });
      await enterValue(c.id, '2024-Q1', 10, dim.options[0].id);
      const revised = await admin.patch(`/api/indicators/${c.id}`, { valueType: 'days', version: c.version, effectiveFrom: '2025-01-01' });
      expect(revised.status).withContext(JSON.stringify(revised.body)).toBe(200);
      expect(revised.body).toEqual(jasmine.objectContaining({ revision: 2, optionsAdditive: false }));
      expect(await db.knex('indicators').where({ code: c.code }).orderBy('revision').pluck('options_additive')).toEqual([true, false]);
    });
  });

  describe('whether the CN2R’s own activity counts in a network total (networkCounterpartCode)', () => {
    // The CN2R indicators made here leave the catalogue afterwards: another spec lists the CN2R's own.
    afterEach(async () => {
      await db.knex('indicators').where({ unit_kind: 'cn2r' }).whereLike('code', 'IND_T%').whereNotExists(db.knex('indicator_values').whereRaw('indicator_values.indicator_id = indicators.id')).delete();
    });

    it('lets a CN2R indicator name the centres’ indicator of the same activity, stored and audited; nothing else may', async () => {
      const network = await createIndicator({ domain: 'formation', periodType: 'year' });
      const before = await snapshot();
      const res = await admin.post('/api/indicators', newIndicator({ unitKind: 'cn2r', domain: 'formation', periodType: 'year', networkCounterpartCode: network.code }));
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
      expect(res.body.networkCounterpartCode).toBe(network.code);
      expect(await db.knex('indicators').where({ id: res.body.id }).first().then((r) => r.network_counterpart_code)).toBe(network.code);
      expect((await snapshot()).audit).toBe(before.audit + 1);
      expect(network.networkCounterpartCode).toBeNull();

      // Cleared in place (a change of wording), audited with before and after.
      const cleared = await admin.patch(`/api/indicators/${res.body.id}`, { networkCounterpartCode: null, version: res.body.version });
      expect(cleared.status).withContext(JSON.stringify(cleared.body)).toBe(200);
      expect(cleared.body).toEqual(jasmine.objectContaining({ revision: 1, networkCounterpartCode: null }));
      const [audit] = await auditRows('indicator.updated', res.body.id);
      expect([audit.before.networkCounterpartCode, audit.after.networkCounterpartCode]).toEqual([network.code, null]);
    });

    it('refuses a counterpart on a centres’ indicator, a CN2R indicator or an unknown code, with a French message, writing nothing', async () => {
      const network = await createIndicator({ domain: 'formation', periodType: 'year' });
      const cn2r = await createIndicator({ unitKind: 'cn2r', domain: 'formation', periodType: 'year' });
      const before = await snapshot();
      const cases: [Record<string, unknown>, string][] = [
        [{ networkCounterpartCode: network.code }, 'Seul un indicateur du CN2R peut désigner son équivalent dans le réseau des centres.'],
        [{ unitKind: 'cn2r', networkCounterpartCode: cn2r.code }, `« ${cn2r.code} » n’est pas un indicateur des centres du réseau.`],
        [{ unitKind: 'cn2r', networkCounterpartCode: 'INCONNU_X' }, '« INCONNU_X » n’est pas un indicateur des centres du réseau.'],
      ];
      for (const [overrides, message] of cases) {
        const res = await admin.post('/api/indicators', newIndicator({ domain: 'formation', periodType: 'year', ...overrides }));
        expect(res.status).withContext(JSON.stringify(res.body)).toBe(422);
        expect(res.body.error.fields).toContain(jasmine.objectContaining({ path: 'networkCounterpartCode', message }));
      }
      // Turning a CN2R indicator with a counterpart into a centres' one is refused too.
      const withCounterpart = await createIndicator({ unitKind: 'cn2r', domain: 'formation', periodType: 'year', networkCounterpartCode: network.code });
      const after = await snapshot();
      expect(after.indicators).toBe(before.indicators + 1);
      const res = await admin.patch(`/api/indicators/${withCounterpart.id}`, { unitKind: 'crp', version: withCounterpart.version });
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(422);
      expect(await snapshot()).toEqual(after);
      // The database holds the rule as well.
      await expectAsync(db.knex('indicators').where({ id: network.id }).update({ network_counterpart_code: cn2r.code })).toBeRejected();
    });
  });
});
