import type { Knex } from 'knex';

/**
 * The version of the data the dashboards read, so that each dashboard is computed once per change
 * instead of once per request (`DashboardCache` in the server).
 *
 * `dashboard_versions` holds one counter per domain and year: `values` per year of the periods
 * written (indicator values, forms, explanations, campaigns, their periods and extensions, the
 * audit entries of values and forms, the care-offer registry's entries), with year 0 for a write whose year cannot be told (the audit
 * entry of a value deleted meanwhile); `catalogue` (indicators, dimensions, targets, rules, units, report
 * versions, a user's display name) and `budget` (every budget and staff table) with year 0 only.
 *
 * Statement-level triggers on those tables bump the counters of what the statement touched, in
 * the writer's own transaction: every write path (the services, a set-based import, a fixture, a
 * hand-written UPDATE) bumps, and a reader sees the new version only once the write is committed.
 * A dashboard reads the counters of what it depends on before computing; it caches its result under
 * their sum (counters only grow, so the sum grows with any bump of one of them). One counter per
 * year keeps the entry of values of the campaign under way from invalidating the dashboards of a
 * closed year. A counter row is locked from the trigger to the writer's commit: so that concurrent
 * writers of the same year do not queue on one row, each (domain, year) is split in 16 rows, the
 * writer's connection (backend pid) choosing one; readers add them all up.
 */
const VALUES_BY_PERIOD = ['submissions', 'campaign_periods', 'campaign_extensions'];
const VALUES_BY_SUBMISSION = ['indicator_values', 'rule_explanations'];
const VALUES_BY_YEAR = ['campaigns'];
const CATALOGUE = ['indicators', 'dimensions', 'dimension_options', 'indicator_targets', 'consistency_rules', 'units', 'report_versions'];
const BUDGET = [
  'fiscal_years',
  'fiscal_year_cash',
  'budget_envelopes',
  'budget_lines',
  'budget_line_forecasts',
  'budget_decisions',
  'budget_decision_entries',
  'commitments',
  'payments',
  'funding_sources',
  'funding_notifications',
  'funding_receipts',
  'in_kind_contributions',
  'mission_areas',
  'staff_members',
  'staff_assignments',
  'staff_allocations',
  'staff_ceilings',
  'governance_deliberations',
];

/** The three statement triggers (insert, update, delete) of one table, each with its transition table(s). */
function triggersOn(table: string, domain: string, how: string): string[] {
  const fn = `dashboard_data_changed('${domain}', '${how}')`;
  return [
    `CREATE TRIGGER ${table}_dashboard_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
    `CREATE TRIGGER ${table}_dashboard_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
    `CREATE TRIGGER ${table}_dashboard_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`,
  ];
}

const ALL = [
  ...VALUES_BY_PERIOD.map((t) => [t, 'values', 'period']),
  ...VALUES_BY_SUBMISSION.map((t) => [t, 'values', 'submission']),
  ...VALUES_BY_YEAR.map((t) => [t, 'values', 'year']),
  ['audit_log', 'values', 'audit'],
  // The care-offer registry counts « structures référencées » (NET_REF) of the years it covers: a
  // publication, a return or a withdrawal changes the validated figures of that year (rare writes: year 0).
  ['care_offers', 'values', 'all'],
  ...CATALOGUE.map((t) => [t, 'catalogue', 'all']),
  ...BUDGET.map((t) => [t, 'budget', 'all']),
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dashboard_versions', (t) => {
    t.string('domain', 20).notNullable();
    t.integer('year').notNullable().comment('Année des données écrites ; 0 : année inconnue (ou domaine sans année) ; tout lecteur en dépend');
    t.smallint('shard').notNullable().defaultTo(0).comment('Connexion de l’écrivain modulo 16 : des écrivains simultanés de la même année ne se suivent pas sur une seule ligne');
    t.bigInteger('version').notNullable().defaultTo(1);
    t.primary(['domain', 'year', 'shard']);
    t.comment('Version des données que lisent les tableaux de bord, par domaine et année : incrémentée par des déclencheurs dans la transaction de chaque écriture.');
  });
  // `how` tells where the year of a changed row is: its period, its year, its form (submission_id),
  // the form or value of an audit entry, or nowhere (year 0). A period starts with its year ('2026-Q1', '2026').
  // On UPDATE, the years of the rows before and after. Rows are bumped in year order (one order for every writer).
  await knex.raw(`
    CREATE FUNCTION dashboard_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed_domain text := TG_ARGV[0];
      how text := TG_ARGV[1];
      years int[];
    BEGIN
      IF how = 'all' THEN
        years := ARRAY[0];
      ELSIF how = 'period' THEN
        SELECT array_agg(DISTINCT coalesce(substr(period, 1, 4)::int, 0)) INTO years FROM changed_rows;
        IF TG_OP = 'UPDATE' THEN
          years := years || (SELECT array_agg(DISTINCT coalesce(substr(period, 1, 4)::int, 0)) FROM old_rows);
        END IF;
      ELSIF how = 'year' THEN
        SELECT array_agg(DISTINCT year) INTO years FROM changed_rows;
        IF TG_OP = 'UPDATE' THEN
          years := years || (SELECT array_agg(DISTINCT year) FROM old_rows);
        END IF;
      ELSIF how = 'submission' THEN
        SELECT array_agg(DISTINCT coalesce((SELECT substr(s.period, 1, 4)::int FROM submissions s WHERE s.id = c.submission_id), 0)) INTO years
        FROM (SELECT DISTINCT submission_id FROM changed_rows) c;
        IF TG_OP = 'UPDATE' THEN
          years := years || (SELECT array_agg(DISTINCT coalesce((SELECT substr(s.period, 1, 4)::int FROM submissions s WHERE s.id = c.submission_id), 0))
            FROM (SELECT DISTINCT submission_id FROM old_rows) c);
        END IF;
      ELSIF how = 'audit' THEN
        -- Only the entries of values and forms (the changes after validation); their value or form
        -- may be gone (a deletion): year 0 then.
        SELECT array_agg(DISTINCT coalesce(
            CASE c.entity_type
              WHEN 'indicator_value' THEN (SELECT substr(s.period, 1, 4)::int FROM indicator_values v JOIN submissions s ON s.id = v.submission_id WHERE v.id = c.entity)
              ELSE (SELECT substr(s.period, 1, 4)::int FROM submissions s WHERE s.id = c.entity)
            END, 0)) INTO years
        FROM (SELECT DISTINCT entity_type, CASE WHEN entity_id ~ '^[0-9]{1,9}$' THEN entity_id::int END AS entity
              FROM changed_rows WHERE entity_type IN ('indicator_value', 'submission')) c;
      ELSE
        RAISE EXCEPTION 'dashboard_data_changed: %', how;
      END IF;
      IF years IS NULL OR cardinality(years) = 0 THEN
        RETURN NULL;
      END IF;
      INSERT INTO dashboard_versions AS d (domain, year, shard)
      SELECT DISTINCT changed_domain, y, pg_backend_pid() % 16 FROM unnest(years) AS y WHERE y IS NOT NULL ORDER BY 2
      ON CONFLICT (domain, year, shard) DO UPDATE SET version = d.version + 1;
      RETURN NULL;
    END $$`);
  // One statement per call: the embedded PGlite takes one command at a time.
  for (const statement of ALL.flatMap(([table, domain, how]) => triggersOn(table, domain, how))) await knex.raw(statement);
  // A user's display name shows in the changes after validation; the other columns of users
  // (sign-in times, password) do not concern the dashboards.
  await knex.raw(`
    CREATE FUNCTION dashboard_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO dashboard_versions AS d (domain, year, shard) VALUES ('catalogue', 0, pg_backend_pid() % 16)
      ON CONFLICT (domain, year, shard) DO UPDATE SET version = d.version + 1;
      RETURN NULL;
    END $$`);
  await knex.raw('CREATE TRIGGER users_dashboard_upd AFTER UPDATE OF display_name ON users FOR EACH STATEMENT EXECUTE FUNCTION dashboard_catalogue_changed()');
  await knex.raw('CREATE TRIGGER users_dashboard_del AFTER DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION dashboard_catalogue_changed()');
}

export async function down(knex: Knex): Promise<void> {
  for (const [table] of ALL) {
    for (const op of ['ins', 'upd', 'del']) await knex.raw(`DROP TRIGGER IF EXISTS ${table}_dashboard_${op} ON ${table}`);
  }
  await knex.raw('DROP TRIGGER IF EXISTS users_dashboard_upd ON users');
  await knex.raw('DROP TRIGGER IF EXISTS users_dashboard_del ON users');
  await knex.raw('DROP FUNCTION IF EXISTS dashboard_data_changed()');
  await knex.raw('DROP FUNCTION IF EXISTS dashboard_catalogue_changed()');
  await knex.schema.dropTableIfExists('dashboard_versions');
}
