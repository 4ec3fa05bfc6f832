import { CreateUser, IdParams, ResetPassword, UpdateUser, User, UserList, UserQuery } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { UserService } from './user-service.js';

export function registerUserRoutes(api: ApiRouter, users: UserService): void {
  const tag = 'Utilisateurs';

  api.add(
    {
      method: 'get',
      path: '/users',
      tag,
      summary: 'Lister les utilisateurs (recherche, rôle, actifs ou non)',
      access: 'users.manage',
      query: UserQuery,
      response: { status: 200, description: 'Les utilisateurs', schema: UserList },
    },
    ({ query }) => users.list(query),
  );

  api.add(
    {
      method: 'get',
      path: '/users/:id',
      tag,
      summary: 'Lire un utilisateur',
      access: 'users.manage',
      params: IdParams,
      response: { status: 200, description: 'L’utilisateur', schema: User },
      errors: [404],
    },
    ({ params }) => users.get(params.id),
  );

  api.add(
    {
      method: 'post',
      path: '/users',
      tag,
      summary: 'Créer un compte : avec un mot de passe (12 caractères au moins, difficile à deviner), ou sans, et la personne reçoit une invitation par courriel à choisir le sien (lien valable 7 jours)',
      access: 'users.manage',
      body: CreateUser,
      response: { status: 201, description: 'Le compte créé', schema: User },
      errors: [409],
    },
    ({ actor, body }) => users.create(actor, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/users/:id',
      tag,
      summary: 'Modifier le nom, le rôle, les centres, l’activation ou le mot de passe local (désactivé : connexion par le fournisseur d’identité seulement) d’un compte, avec la version lue',
      access: 'users.manage',
      params: IdParams,
      body: UpdateUser,
      response: { status: 200, description: 'Le compte modifié', schema: User },
      errors: [404, 409],
    },
    ({ actor, params, body }) => users.update(actor, params.id, body),
  );

  api.add(
    {
      method: 'post',
      path: '/users/:id/password',
      tag,
      summary: 'Réinitialiser le mot de passe d’un compte (ses sessions sont fermées)',
      access: 'users.manage',
      params: IdParams,
      body: ResetPassword,
      response: { status: 204, description: 'Mot de passe réinitialisé' },
      errors: [404],
    },
    ({ actor, params, body }) => users.resetPassword(actor, params.id, body),
  );

  api.add(
    {
      method: 'post',
      path: '/users/:id/invitation',
      tag,
      summary: 'Envoyer de nouveau l’invitation à choisir son mot de passe (nouveau lien valable 7 jours) à un compte actif qui ne s’est jamais connecté',
      access: 'users.manage',
      params: IdParams,
      response: { status: 204, description: 'Invitation écrite dans la boîte d’envoi' },
      errors: [404, 409],
    },
    ({ actor, params }) => users.invite(actor, params.id),
  );

  api.add(
    {
      method: 'delete',
      path: '/users/:id/oidc',
      tag,
      summary: 'Délier un compte de la personne du fournisseur d’identité (la prochaine connexion par le fournisseur le retrouve par son adresse e-mail)',
      access: 'users.manage',
      params: IdParams,
      response: { status: 204, description: 'Compte délié (ou qui ne l’était pas)' },
      errors: [404],
    },
    ({ actor, params }) => users.unlinkOidc(actor, params.id),
  );
}
