import {
  DeviceParams,
  IdParams,
  RecoveryCodes,
  SecondFactorConfirmRequest,
  SecondFactorEnrolment,
  SecondFactorPolicy,
  SecondFactorProof,
  SecondFactorStatus,
  SecondFactorUsers,
} from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import { DEVICE_COOKIE, parseCookies } from '../../http/cookies.js';
import type { SecondFactorService } from './second-factor-service.js';

/** The user's own second factor (account page) and the administrator's policy and reset. */
export function registerSecondFactorRoutes(api: ApiRouter, secondFactor: SecondFactorService): void {
  const tag = 'Double authentification';

  api.add(
    {
      method: 'get',
      path: '/account/second-factor',
      tag,
      summary: 'Sa double authentification : activée ou non, exigée ou non pour son rôle, codes de secours restants, appareils retenus',
      access: 'account.self',
      response: { status: 200, description: 'L’état de la double authentification', schema: SecondFactorStatus },
    },
    ({ req, actor }) => secondFactor.status(actor, parseCookies(req.headers.cookie)[DEVICE_COOKIE]),
  );

  api.add(
    {
      method: 'post',
      path: '/account/second-factor/enrolment',
      tag,
      summary: 'Commencer l’activation : un nouveau secret, son URI otpauth:// et son QR code (SVG)',
      description: 'Le secret n’est en vigueur qu’une fois confirmé par un premier code. 409 si la double authentification est déjà activée.',
      access: 'account.self',
      response: { status: 200, description: 'Le secret à ajouter à l’application', schema: SecondFactorEnrolment },
      errors: [409],
    },
    ({ actor }) => secondFactor.startEnrolment(actor),
  );

  api.add(
    {
      method: 'post',
      path: '/account/second-factor/confirm',
      tag,
      summary: 'Confirmer l’activation avec un premier code ; renvoie les dix codes de secours, montrés une seule fois',
      access: 'account.self',
      body: SecondFactorConfirmRequest,
      response: { status: 200, description: 'Les codes de secours', schema: RecoveryCodes },
      errors: [409],
    },
    ({ actor, body }) => secondFactor.confirmEnrolment(actor, body.code),
  );

  api.add(
    {
      method: 'post',
      path: '/account/second-factor/disable',
      tag,
      summary: 'Désactiver sa double authentification (un code actuel ou le mot de passe) ; ses codes de secours et appareils retenus sont supprimés',
      description: '409 quand la politique l’exige pour son rôle.',
      access: 'account.self',
      body: SecondFactorProof,
      response: { status: 204, description: 'Désactivée' },
      errors: [409],
    },
    ({ actor, body }) => secondFactor.disable(actor, body),
  );

  api.add(
    {
      method: 'post',
      path: '/account/second-factor/recovery-codes',
      tag,
      summary: 'Dix nouveaux codes de secours (un code actuel ou le mot de passe) ; les anciens ne servent plus',
      access: 'account.self',
      body: SecondFactorProof,
      response: { status: 200, description: 'Les nouveaux codes de secours', schema: RecoveryCodes },
      errors: [409],
    },
    ({ actor, body }) => secondFactor.regenerateRecoveryCodes(actor, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/account/second-factor/devices/:id',
      tag,
      summary: 'Oublier un de ses appareils retenus : le code y sera de nouveau demandé',
      access: 'account.self',
      params: DeviceParams,
      response: { status: 204, description: 'Appareil oublié' },
      errors: [404],
    },
    ({ actor, params }) => secondFactor.revokeDevice(actor, params.id),
  );

  api.add(
    {
      method: 'get',
      path: '/second-factor/policy',
      tag,
      summary: 'La politique : double authentification exigée ou non pour les rôles administrateur et finances',
      access: 'security.manage',
      response: { status: 200, description: 'La politique', schema: SecondFactorPolicy },
    },
    () => secondFactor.getPolicy(),
  );

  api.add(
    {
      method: 'put',
      path: '/second-factor/policy',
      tag,
      summary: 'Exiger ou non la double authentification des rôles administrateur et finances',
      description: 'Exigée, un compte de ces rôles qui n’en a pas l’active à sa prochaine connexion, avant que la session ne s’ouvre. Les sessions ouvertes continuent.',
      access: 'security.manage',
      body: SecondFactorPolicy,
      response: { status: 200, description: 'La politique enregistrée', schema: SecondFactorPolicy },
    },
    ({ actor, body }) => secondFactor.setPolicy(actor, body),
  );

  api.add(
    {
      method: 'get',
      path: '/second-factor/users',
      tag,
      summary: 'Les comptes qui ont activé la double authentification',
      access: 'security.manage',
      response: { status: 200, description: 'Les comptes et la date d’activation', schema: SecondFactorUsers },
    },
    () => secondFactor.enrolledUsers(),
  );

  api.add(
    {
      method: 'post',
      path: '/users/:id/second-factor/reset',
      tag,
      summary: 'Réinitialiser la double authentification d’un compte (téléphone perdu) : secret, codes de secours et appareils retenus supprimés',
      access: 'security.manage',
      params: IdParams,
      description: '409 pour son propre compte (la page « Mon compte » sert à cela).',
      response: { status: 204, description: 'Réinitialisée' },
      errors: [404, 409],
    },
    ({ actor, params }) => secondFactor.resetFor(actor, params.id),
  );
}
