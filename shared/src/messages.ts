/**
 * User-facing messages by stable key, with typed parameters, and their French catalogue (see
 * « Les textes » in README.md). Code that answers a user names a key and its parameters; the
 * catalogue turns them into a sentence. An English catalogue is one more `MessageCatalogue`: the
 * compiler then lists every key it still lacks.
 *
 * The keys and sentences live by area in messages/ (errors, organisation, catalogue, collection,
 * budget, staff, governance, reports); this index joins them under the same public names.
 * Keys:
 * - the API's error codes (`ErrorCodeValue`, shared/src/api-error.ts): the default message of each;
 * - `<area>.<case>` for a more precise message, the area being where it is raised.
 */
import type { CatalogueOf } from './messages/types.js';
import { frenchErrorMessages, type ErrorMessageParams } from './messages/errors.js';
import { frenchOrganisationMessages, type OrganisationMessageParams } from './messages/organisation.js';
import { frenchCatalogueMessages, type CatalogueMessageParams } from './messages/catalogue.js';
import { frenchCollectionMessages, type CollectionMessageParams } from './messages/collection.js';
import { frenchBudgetMessages, type BudgetMessageParams } from './messages/budget.js';
import { frenchStaffMessages, type StaffMessageParams } from './messages/staff.js';
import { frenchGovernanceMessages, type GovernanceMessageParams } from './messages/governance.js';
import { frenchReportMessages, type ReportMessageParams } from './messages/reports.js';
import { frenchSecondFactorMessages, type SecondFactorMessageParams } from './messages/second-factor.js';
import { frenchPasswordResetMessages, type PasswordResetMessageParams } from './messages/password-reset.js';
import { frenchMailPreferencesMessages, type MailPreferencesMessageParams } from './messages/mail-preferences.js';
import { frenchCareOfferMessages, type CareOfferMessageParams } from './messages/care-offer.js';
import { frenchCommuneMessages, type CommuneMessageParams } from './messages/communes.js';

export type { CatalogueOf } from './messages/types.js';
export { frenchStaleVersion } from './messages/errors.js';
export type { AttachmentContent, BudgetEntryDate } from './messages/budget.js';
export type { AllocationDates } from './messages/staff.js';
export type { OptionWithValues } from './messages/catalogue.js';
export type { ShownValue, SubmissionAction } from './messages/collection.js';
export type { ReportVersionAction } from './messages/reports.js';

/** Parameters of each message (`void`: none), every area's. */
export interface MessageParams
  extends ErrorMessageParams,
    OrganisationMessageParams,
    CatalogueMessageParams,
    CollectionMessageParams,
    BudgetMessageParams,
    StaffMessageParams,
    GovernanceMessageParams,
    ReportMessageParams,
    SecondFactorMessageParams,
    PasswordResetMessageParams,
    MailPreferencesMessageParams,
    CareOfferMessageParams,
    CommuneMessageParams {}

export type MessageKey = keyof MessageParams;

/** One language: a sentence for every key, from its parameters. */
export type MessageCatalogue = CatalogueOf<MessageParams>;

/** The French catalogue: the only one today. */
export const frenchMessages: MessageCatalogue = {
  ...frenchErrorMessages,
  ...frenchOrganisationMessages,
  ...frenchCatalogueMessages,
  ...frenchCollectionMessages,
  ...frenchBudgetMessages,
  ...frenchStaffMessages,
  ...frenchGovernanceMessages,
  ...frenchReportMessages,
  ...frenchSecondFactorMessages,
  ...frenchPasswordResetMessages,
  ...frenchMailPreferencesMessages,
  ...frenchCareOfferMessages,
  ...frenchCommuneMessages,
};

/** Arguments after the key: none for a message without parameters. */
export type MessageArgs<K extends MessageKey> = MessageParams[K] extends void ? [] : [params: MessageParams[K]];

/** The sentence of `key` with its parameters, in French (the catalogue may be another language). */
export function formatMessage<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return formatMessageIn(frenchMessages, key, ...args);
}

/** The sentence of `key` in `catalogue`. */
export function formatMessageIn<K extends MessageKey>(catalogue: MessageCatalogue, key: K, ...args: MessageArgs<K>): string {
  const render = catalogue[key] as (params: MessageParams[K] | undefined) => string;
  return render(args[0] as MessageParams[K] | undefined);
}
