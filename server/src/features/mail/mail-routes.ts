import { OutboxPage, OutboxQuery } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { MailService } from './mail-service.js';

export function registerMailRoutes(api: ApiRouter, mail: MailService): void {
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
}
