import type { Knex } from 'knex';

/**
 * The care-offer registry (issue #18): the structures the units reference, proposed by a unit
 * lead, published (or returned with a message, or withdrawn) by the coordination. Structures only,
 * never a person. Published entries form the map and the open export; those checked in a year are
 * the indicator « structures référencées » (NET_REF) of that year.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('care_offers', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.string('kind', 40).notNullable();
    t.string('address', 300).notNullable();
    t.string('commune_insee', 5).notNullable();
    t.string('commune', 100).notNullable();
    t.decimal('latitude', 9, 6).notNullable();
    t.decimal('longitude', 9, 6).notNullable();
    t.string('public', 16).notNullable();
    /** The care offered, comma-separated codes of the controlled list (`evaluation,psychotherapy`). */
    t.string('care', 200).notNullable();
    t.string('access', 24).notNullable();
    t.string('phone', 30);
    t.string('website', 300);
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('RESTRICT');
    t.date('checked_on').notNullable();
    t.string('status', 16).notNullable().defaultTo('proposed');
    t.text('return_message');
    t.timestamp('published_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('version').notNullable().defaultTo(1);
    t.index(['unit_id']);
    t.index(['status', 'checked_on']);
    t.comment('Offre de soins : structures référencées par les centres (jamais de personne), proposées puis publiées par la coordination.');
  });
  await knex.raw(`ALTER TABLE care_offers ADD CONSTRAINT care_offers_status_check CHECK (status IN ('proposed', 'published', 'withdrawn'))`);
  await knex.raw(`ALTER TABLE care_offers ADD CONSTRAINT care_offers_position_check CHECK (latitude BETWEEN -28 AND 52 AND longitude BETWEEN -180 AND 180)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('care_offers');
}
