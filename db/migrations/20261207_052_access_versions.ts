import type { Knex } from 'knex';

/**
 * Sessions read once per change, not once per request (`DataVersions` and the session middleware
 * in the server).
 *
 * A new domain of `dashboard_versions`, `access` (year 0), bumped in the writer's transaction by
 * statement triggers on what a signed-in request's identity is made of: a session ended (sign-out,
 * password changed, expired sessions swept), changed (its CSRF token, its expiry, its last activity
 * moved back), a user's e-mail, name, role or activity, a unit lead's units. Refreshing a
 * session's last activity (forward, at most once a minute) does not bump. The middleware keeps the
 * sessions it has read under that counter: any such write, on any instance, makes it read them
 * again on the next request.
 *
 * And every bump of `dashboard_versions` notifies `cn2r_data_versions` (one trigger on the table
 * itself, after the writer's statement): the embedded database, whose writes all go through one
 * process, keeps its counters in memory until then.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- A session's UPDATE that only moves its last activity forward (the touch) changes nobody's access.
      -- (Nested: the transition tables exist only for that trigger, and a statement is planned when it runs.)
      IF TG_TABLE_NAME = 'sessions' AND TG_OP = 'UPDATE' THEN
        IF NOT EXISTS (
          SELECT 1 FROM old_rows o LEFT JOIN new_rows n ON n.id_hash = o.id_hash
          WHERE n.id_hash IS NULL OR n.last_seen_at < o.last_seen_at OR n.user_id <> o.user_id
            OR n.csrf_token <> o.csrf_token OR n.expires_at <> o.expires_at
        ) THEN
          RETURN NULL;
        END IF;
      END IF;
      INSERT INTO dashboard_versions AS d (domain, year, shard) VALUES ('access', 0, pg_backend_pid() % 16)
      ON CONFLICT (domain, year, shard) DO UPDATE SET version = d.version + 1;
      RETURN NULL;
    END $$`);
  const statements = [
    'CREATE TRIGGER sessions_access_upd AFTER UPDATE ON sessions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER sessions_access_del AFTER DELETE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER sessions_access_trunc AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER users_access_upd AFTER UPDATE OF email, display_name, role, active ON users FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER users_access_del AFTER DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER users_access_trunc AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER user_units_access_ins AFTER INSERT ON user_units FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER user_units_access_upd AFTER UPDATE ON user_units FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER user_units_access_del AFTER DELETE ON user_units FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
    'CREATE TRIGGER user_units_access_trunc AFTER TRUNCATE ON user_units FOR EACH STATEMENT EXECUTE FUNCTION access_changed()',
  ];
  // One statement per call: the embedded PGlite takes one command at a time.
  for (const statement of statements) await knex.raw(statement);

  await knex.raw(`
    CREATE FUNCTION data_versions_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('cn2r_data_versions', '');
      RETURN NULL;
    END $$`);
  await knex.raw('CREATE TRIGGER dashboard_versions_notify AFTER INSERT OR UPDATE ON dashboard_versions FOR EACH STATEMENT EXECUTE FUNCTION data_versions_notify()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS dashboard_versions_notify ON dashboard_versions');
  await knex.raw('DROP FUNCTION IF EXISTS data_versions_notify()');
  for (const [table, ops] of [
    ['sessions', ['upd', 'del', 'trunc']],
    ['users', ['upd', 'del', 'trunc']],
    ['user_units', ['ins', 'upd', 'del', 'trunc']],
  ] as const) {
    for (const op of ops) await knex.raw(`DROP TRIGGER IF EXISTS ${table}_access_${op} ON ${table}`);
  }
  await knex.raw('DROP FUNCTION IF EXISTS access_changed()');
  await knex.raw(`DELETE FROM dashboard_versions WHERE domain = 'access'`);
}
