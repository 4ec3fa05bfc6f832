import { PasswordResetAccepted, PasswordResetConfirm, PasswordResetRequest, PasswordTokenCheck, PasswordTokenInfo, formatMessage } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { PasswordLinkService } from './password-links.js';

export function registerPasswordLinkRoutes(api: ApiRouter, links: PasswordLinkService): void {
  const tag = 'Authentification';

  api.add(
    {
      method: 'post',
      path: '/auth/password-reset',
      tag,
      summary: '« Mot de passe oublié ? » : demander par courriel un lien pour choisir un nouveau mot de passe (valable 30 minutes, à usage unique)',
      description:
        'Toujours 202 avec la même phrase, que l’adresse ait un compte ou non. Le courriel n’est écrit que pour un compte actif dont le mot de passe local est permis, ' +
        'et au plus 3 fois par heure et par compte ; une adresse IP (une IPv6 par son /64) fait au plus 10 demandes par heure. Au-delà, la réponse est la même ' +
        'et rien n’est envoyé : un refus en 429 dû à la limite d’un compte dirait que le compte existe.',
      access: 'session.open',
      body: PasswordResetRequest,
      response: { status: 202, description: 'La même phrase pour toute adresse', schema: PasswordResetAccepted },
    },
    async ({ req, body }) => {
      await links.requestReset(body.email, { ip: req.ip ?? 'inconnue', requestId: req.requestId });
      return { message: formatMessage('password_reset.requested') };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/auth/password-reset/check',
      tag,
      summary: 'Vérifier un lien de choix du mot de passe avant d’afficher le formulaire : oubli ou invitation, adresse du compte masquée',
      description: 'Le jeton est dans le corps et non dans l’URL, pour ne pas l’écrire dans les journaux. Un lien utilisé, expiré ou inconnu : 422 nommant `token`.',
      access: 'session.open',
      body: PasswordTokenCheck,
      response: { status: 200, description: 'Le lien est valable', schema: PasswordTokenInfo },
    },
    ({ body }) => links.check(body.token),
  );

  api.add(
    {
      method: 'post',
      path: '/auth/password-reset/confirm',
      tag,
      summary: 'Choisir son mot de passe avec le lien reçu par courriel (oubli ou invitation) ; toutes les sessions du compte sont fermées',
      description:
        'Le lien doit être inutilisé et non expiré (oubli : 30 minutes ; invitation : 7 jours), son compte actif avec un mot de passe local permis ; sinon 422 nommant `token`. ' +
        'Un mot de passe trop facile à deviner : 422 nommant `password`. Le lien et les autres liens non utilisés du compte ne servent plus.',
      access: 'session.open',
      body: PasswordResetConfirm,
      response: { status: 204, description: 'Mot de passe choisi' },
    },
    ({ req, body }) => links.confirm(body, req.requestId),
  );
}
