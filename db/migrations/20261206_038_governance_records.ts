import type { Knex } from 'knex';

/**
 * Governance records of the grouping: its members (category, share of the rights in basis points,
 * membership dates), its bodies (the general assembly, which every grouping has — inserted here as
 * reference data —, and a board where the convention provides one), their meetings (date, kind,
 * members present or represented, quorum) and the deliberations they adopt, numbered per year
 * (« 2025-07 ») with the vote. A member who attended a meeting, a body that met or a meeting that
 * adopted a deliberation cannot be deleted (RESTRICT): a member leaves by its end date.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('governance_members', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable().unique();
    t.string('category', 24).notNullable();
    t.integer('rights_bp').notNullable();
    t.date('member_from').notNullable();
    t.date('member_to');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Membres du groupement (État, établissements publics, établissements de santé…), leur part des droits de vote en points de base et leurs dates d’adhésion.');
  });
  await knex.raw(`ALTER TABLE governance_members ADD CONSTRAINT governance_members_category_check CHECK (category IN ('state', 'public_body', 'health_establishment', 'other'))`);
  await knex.raw(`ALTER TABLE governance_members ADD CONSTRAINT governance_members_rights_check CHECK (rights_bp BETWEEN 0 AND 10000)`);
  await knex.raw(`ALTER TABLE governance_members ADD CONSTRAINT governance_members_dates_check CHECK (member_to IS NULL OR member_to >= member_from)`);

  await knex.schema.createTable('governance_bodies', (t) => {
    t.increments('id');
    t.string('kind', 24).notNullable();
    t.string('name', 200).notNullable().unique();
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Instances du groupement : l’assemblée générale et, si la convention le prévoit, un conseil d’administration ou un bureau.');
  });
  await knex.raw(`ALTER TABLE governance_bodies ADD CONSTRAINT governance_bodies_kind_check CHECK (kind IN ('general_assembly', 'board'))`);
  await knex('governance_bodies').insert({ kind: 'general_assembly', name: 'Assemblée générale' });

  await knex.schema.createTable('governance_meetings', (t) => {
    t.increments('id');
    t.integer('body_id').notNullable().references('id').inTable('governance_bodies').onDelete('RESTRICT');
    t.date('held_on').notNullable();
    t.string('kind', 16).notNullable();
    t.boolean('quorum_reached').notNullable();
    t.text('notes');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.index(['held_on']);
    t.comment('Séances des instances : date, nature (ordinaire, extraordinaire), quorum atteint ou non.');
  });
  await knex.raw(`ALTER TABLE governance_meetings ADD CONSTRAINT governance_meetings_kind_check CHECK (kind IN ('ordinary', 'extraordinary'))`);
  await knex.raw(`ALTER TABLE governance_meetings ADD CONSTRAINT governance_meetings_notes_check CHECK (notes IS NULL OR char_length(notes) <= 2000)`);

  await knex.schema.createTable('governance_meeting_attendance', (t) => {
    t.integer('meeting_id').notNullable().references('id').inTable('governance_meetings').onDelete('CASCADE');
    t.integer('member_id').notNullable().references('id').inTable('governance_members').onDelete('RESTRICT');
    t.string('attendance', 12).notNullable();
    t.primary(['meeting_id', 'member_id']);
    t.comment('Membres présents ou représentés à une séance (la liste part avec la séance).');
  });
  await knex.raw(`ALTER TABLE governance_meeting_attendance ADD CONSTRAINT governance_meeting_attendance_check CHECK (attendance IN ('present', 'represented'))`);

  await knex.schema.createTable('governance_deliberations', (t) => {
    t.increments('id');
    t.string('number', 8).notNullable().unique();
    t.integer('meeting_id').notNullable().references('id').inTable('governance_meetings').onDelete('RESTRICT');
    t.date('adopted_on').notNullable();
    t.string('title', 500).notNullable();
    t.integer('votes_for').notNullable();
    t.integer('votes_against').notNullable();
    t.integer('abstentions').notNullable();
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Délibérations des instances, numérotées par année (AAAA-NN), avec le résultat du vote.');
  });
  await knex.raw(`ALTER TABLE governance_deliberations ADD CONSTRAINT governance_deliberations_number_check CHECK (number ~ '^[0-9]{4}-[0-9]{2,3}$' AND substr(number, 1, 4) = to_char(adopted_on, 'YYYY'))`);
  await knex.raw(`ALTER TABLE governance_deliberations ADD CONSTRAINT governance_deliberations_votes_check CHECK (votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0)`);
  await knex.raw(`CREATE INDEX governance_deliberations_meeting ON governance_deliberations (meeting_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('governance_deliberations');
  await knex.schema.dropTable('governance_meeting_attendance');
  await knex.schema.dropTable('governance_meetings');
  await knex.schema.dropTable('governance_bodies');
  await knex.schema.dropTable('governance_members');
}
