import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('campaigns', (t) => {
    t.increments('id');
    t.integer('year').notNullable().unique();
    t.string('label', 200).notNullable();
    t.string('status', 8).notNullable().defaultTo('draft');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Campagne de collecte d’une année.');
  });
  await knex.raw(`ALTER TABLE campaigns ADD CONSTRAINT campaigns_status_check CHECK (status IN ('draft', 'open', 'closed'))`);

  await knex.schema.createTable('campaign_periods', (t) => {
    t.integer('campaign_id').notNullable().references('id').inTable('campaigns').onDelete('CASCADE');
    t.string('period', 7).notNullable();
    t.date('opens_on').notNullable();
    t.date('due_on').notNullable();
    t.primary(['campaign_id', 'period']);
    t.comment('Périodes collectées par une campagne, avec ouverture et échéance.');
  });
  await knex.raw(`ALTER TABLE campaign_periods ADD CONSTRAINT campaign_periods_dates_check CHECK (due_on >= opens_on)`);
  await knex.schema.alterTable('campaign_periods', (t) => t.unique(['period']));

  await knex.schema.createTable('campaign_extensions', (t) => {
    t.integer('campaign_id').notNullable().references('id').inTable('campaigns').onDelete('CASCADE');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('RESTRICT');
    t.string('period', 7).notNullable();
    t.date('due_on').notNullable();
    t.text('reason');
    t.primary(['campaign_id', 'unit_id', 'period']);
    t.comment('Échéance accordée plus tard à un centre pour une période.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('campaign_extensions');
  await knex.schema.dropTable('campaign_periods');
  await knex.schema.dropTable('campaigns');
}
