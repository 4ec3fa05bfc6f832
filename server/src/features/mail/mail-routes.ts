import { MailPreferences, MailPreferencesUpdate, MailSchedule, MailScheduleQuery, OutboxPage, OutboxQuery } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { CampaignReminders } from './campaign-reminders.js';
import type { MailPreferencesService } from './mail-preferences-service.js';
import type { MailService } from './mail-service.js';

export function registerMailRoutes(api: ApiRouter, mail: MailService, preferences: MailPreferencesService, reminders: CampaignReminders): void {
  api.add(
    {
      method: 'get',
      path: '/mail/outbox',
      tag: 'Courriels',
      summary: 'Les courriels écrits par l’application, les plus récents d’abord (filtres ?status= et ?unitId=, 50 par page)',
      description: 'Sans SMTP_URL, les courriels restent dans cette boîte d’envoi ; avec, chacun y garde son état (à envoyer, envoyé, échec avec l’erreur) et ses tentatives.',
      access: 'mail.read',
      query: OutboxQuery,
      response: { status: 200, description: 'Une page de la boîte d’envoi', schema: OutboxPage },
    },
    ({ query }) => mail.page(query),
  );

  api.add(
    {
      method: 'get',
      path: '/mail/schedule',
      tag: 'Courriels',
      summary: 'Les prochaines relances de la collecte sur 30 jours, par centre et période (filtre ?unitId=)',
      description:
        'Calculées par les mêmes règles que la tâche quotidienne (ouverture, échéance dans 7 et 1 jours, retard le lendemain puis chaque semaine), si aucune saisie n’est transmise d’ici là ; le nombre de destinataires tient compte de leurs préférences.',
      access: 'mail.read',
      query: MailScheduleQuery,
      response: { status: 200, description: 'Les relances prévues, par date', schema: MailSchedule },
    },
    ({ query }) => reminders.schedule(query),
  );

  api.add(
    {
      method: 'get',
      path: '/account/mail-preferences',
      tag: 'Courriels',
      summary: 'Ses préférences de courriel : les courriels de son rôle, reçus ou non, obligatoires ou non',
      access: 'account.self',
      response: { status: 200, description: 'Les préférences', schema: MailPreferences },
    },
    ({ actor }) => preferences.get(actor),
  );

  api.add(
    {
      method: 'put',
      path: '/account/mail-preferences',
      tag: 'Courriels',
      summary: 'Choisir les courriels reçus (la liste de ceux désactivés)',
      description: '422 pour un courriel obligatoire pour son rôle (sécurité ; relances de retard d’un responsable de centre) ; 409 si les préférences ont changé depuis leur lecture (version).',
      access: 'account.self',
      body: MailPreferencesUpdate,
      response: { status: 200, description: 'Les préférences enregistrées', schema: MailPreferences },
      errors: [409],
    },
    ({ actor, body }) => preferences.update(actor, body),
  );
}
