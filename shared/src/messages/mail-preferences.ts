/** Messages of the e-mail preferences (« Mon compte », « Courriels »). */
import type { CatalogueOf } from './types.js';

export interface MailPreferencesMessageParams {
  /** Turning off a kind mandatory for the role (a security e-mail, the overdue reminders of a unit lead). */
  'mail_preferences.mandatory': { readonly label: string };
  /** A kind the role never receives. */
  'mail_preferences.not_for_role': { readonly label: string };
  'mail_preferences.stale': void;
}

export const frenchMailPreferencesMessages: CatalogueOf<MailPreferencesMessageParams> = {
  'mail_preferences.mandatory': ({ label }) => `Le courriel « ${label} » ne peut pas être désactivé pour votre rôle.`,
  'mail_preferences.not_for_role': ({ label }) => `Le courriel « ${label} » n’est pas adressé à votre rôle.`,
  'mail_preferences.stale': () => 'Vos préférences de courriel ont changé depuis leur affichage (dans un autre onglet ?) : rechargez la page puis recommencez.',
};
