import type { Knex } from 'knex';
import * as m001 from './20261123_001_units.js';
import * as m002 from './20261123_002_users.js';
import * as m003 from './20261123_003_sessions.js';
import * as m004 from './20261123_004_login_attempts.js';
import * as m005 from './20261123_005_audit_log.js';
import * as m006 from './20261123_006_catalogue.js';
import * as m007 from './20261123_007_consistency_rules.js';
import * as m008 from './20261123_008_campaigns.js';
import * as m009 from './20261123_009_submissions_and_values.js';
import * as m010 from './20261123_010_fiscal_years.js';
import * as m011 from './20261123_011_budget_envelopes.js';
import * as m012 from './20261123_012_mission_areas.js';
import * as m013 from './20261123_013_funding_sources.js';
import * as m014 from './20261123_014_funding_notifications.js';
import * as m015 from './20261123_015_budget_lines.js';
import * as m016 from './20261123_016_budget_decisions.js';
import * as m017 from './20261123_017_budget_decision_entries.js';
import * as m018 from './20261123_018_commitments.js';
import * as m019 from './20261123_019_payments.js';
import * as m020 from './20261123_020_budget_no_delete.js';
import * as m021 from './20261123_021_staff_members.js';
import * as m022 from './20261123_022_staff_assignments.js';
import * as m023 from './20261123_023_staff_allocations.js';
import * as m024 from './20261123_024_staff_ceilings.js';
import * as m025 from './20261123_025_in_kind_contributions.js';
import * as m026 from './20261203_026_budget_line_forecasts.js';
import * as m030 from './20261203_030_report_narratives.js';
import * as m031 from './20261203_031_report_versions.js';
import * as m032 from './20261203_032_report_versions_immutable.js';
import * as m027 from './20261203_027_budget_attachments.js';
import * as m033 from './20261203_033_indicator_options_additive.js';
import * as m034 from './20261206_034_validated_values.js';
import * as m035 from './20261206_035_indicator_network_counterpart.js';
import * as m038 from './20261206_038_governance_records.js';
import * as m039 from './20261206_039_deliberation_minutes.js';
import * as m040 from './20261206_040_deliverables.js';
import * as m041 from './20261207_041_funding_receipts.js';
import * as m042 from './20261207_042_deliberation_links.js';
import * as m043 from './20261207_043_report_generations.js';
import * as m045 from './20261207_045_second_factor.js';
import * as m046 from './20261207_046_oidc.js';
import * as m047 from './20261207_047_mail_outbox.js';
import * as m048 from './20261207_048_password_tokens.js';
import * as m049 from './20261207_049_mail_preferences.js';
import * as m050 from './20261207_050_care_offer.js';
import * as m051 from './20261207_051_dashboard_versions.js';
import * as m052 from './20261207_052_access_versions.js';
import * as m053 from './20261207_053_report_workbook_format.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * The migrations in order. Listed here rather than read from the folder so the same code runs
 * under tsx, in tests and in a bundle. Never edit an applied migration: add a new one here.
 */
const migrations: Record<string, Migration> = {
  '20261123_001_units': m001,
  '20261123_002_users': m002,
  '20261123_003_sessions': m003,
  '20261123_004_login_attempts': m004,
  '20261123_005_audit_log': m005,
  '20261123_006_catalogue': m006,
  '20261123_007_consistency_rules': m007,
  '20261123_008_campaigns': m008,
  '20261123_009_submissions_and_values': m009,
  '20261123_010_fiscal_years': m010,
  '20261123_011_budget_envelopes': m011,
  '20261123_012_mission_areas': m012,
  '20261123_013_funding_sources': m013,
  '20261123_014_funding_notifications': m014,
  '20261123_015_budget_lines': m015,
  '20261123_016_budget_decisions': m016,
  '20261123_017_budget_decision_entries': m017,
  '20261123_018_commitments': m018,
  '20261123_019_payments': m019,
  '20261123_020_budget_no_delete': m020,
  '20261123_021_staff_members': m021,
  '20261123_022_staff_assignments': m022,
  '20261123_023_staff_allocations': m023,
  '20261123_024_staff_ceilings': m024,
  '20261123_025_in_kind_contributions': m025,
  '20261203_026_budget_line_forecasts': m026,
  '20261203_030_report_narratives': m030,
  '20261203_031_report_versions': m031,
  '20261203_032_report_versions_immutable': m032,
  '20261203_027_budget_attachments': m027,
  '20261203_033_indicator_options_additive': m033,
  '20261206_034_validated_values': m034,
  '20261206_035_indicator_network_counterpart': m035,
  '20261206_038_governance_records': m038,
  '20261206_039_deliberation_minutes': m039,
  '20261206_040_deliverables': m040,
  '20261207_041_funding_receipts': m041,
  '20261207_042_deliberation_links': m042,
  '20261207_043_report_generations': m043,
  '20261207_045_second_factor': m045,
  '20261207_046_oidc': m046,
  '20261207_047_mail_outbox': m047,
  '20261207_048_password_tokens': m048,
  '20261207_049_mail_preferences': m049,
  '20261207_050_care_offer': m050,
  '20261207_051_dashboard_versions': m051,
  '20261207_052_access_versions': m052,
  '20261207_053_report_workbook_format': m053,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
