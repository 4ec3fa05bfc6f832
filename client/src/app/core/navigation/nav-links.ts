import type { Role } from '@cn2r/shared';

export interface NavLink {
  readonly label: string;
  /** An app route, or a server URL when `external`. */
  readonly path: string;
  readonly icon: string;
  /** One line for the home page card. */
  readonly description: string;
  readonly roles: readonly Role[];
  readonly external?: boolean;
}

const ALL_ROLES: readonly Role[] = ['admin', 'unit_lead', 'finance', 'board'];

/** Every page of the application, with who may use it, in menu order (the collection pages follow « Centres », the account and administration close the list). Only pages that exist are listed. */
export const NAV_LINKS: readonly NavLink[] = [
  { label: 'Accueil', path: '/', icon: 'home', description: 'Vue d’ensemble de votre espace.', roles: ALL_ROLES },
  {
    label: 'Centres',
    path: '/centres',
    icon: 'domain',
    description: 'Liste des centres du réseau : région, établissement porteur, dates d’ouverture et de fermeture.',
    roles: ALL_ROLES,
  },
  {
    label: 'Saisie',
    path: '/saisie',
    icon: 'edit_note',
    description: 'Saisir les indicateurs de votre centre période par période, les transmettre et suivre leur validation.',
    roles: ['unit_lead', 'admin'],
  },
  {
    label: 'Complétude',
    path: '/completude',
    icon: 'grid_view',
    description: 'L’état des saisies par centre et par période : transmises, validées, en retard, et les relances.',
    roles: ['admin', 'unit_lead'],
  },
  {
    label: 'Budget',
    path: '/budget',
    icon: 'account_balance',
    description: 'L’exécution de l’exercice : crédits ouverts, engagé, payé, reste, taux et alertes, par ligne, enveloppe, financeur et destination.',
    roles: ['finance', 'board', 'admin'],
  },
  {
    label: 'Personnels',
    path: '/personnels',
    icon: 'badge',
    description: 'Les personnels, leurs affectations et leur ventilation par ligne, financeur et destination ; ETPT de l’année, postes MIG H15, plafond d’emplois.',
    roles: ['finance', 'admin', 'board'],
  },
  {
    label: 'Rapports annuels',
    path: '/rapports',
    icon: 'summarize',
    description: 'Le rapport d’activité et le bilan financier de l’assemblée générale : brouillons, textes, versions officielles figées et leur approbation.',
    roles: ['board', 'admin', 'finance'],
  },
  {
    label: 'Gouvernance',
    path: '/gouvernance',
    icon: 'gavel',
    description: 'Les membres du groupement, les séances de l’assemblée générale et du conseil, les délibérations et leurs procès-verbaux, les livrables des résultats attendus.',
    roles: ALL_ROLES,
  },
  {
    label: 'Catalogue',
    path: '/catalogue',
    icon: 'category',
    description: 'Les indicateurs et leurs révisions, les ventilations, les règles de cohérence et les cibles annuelles.',
    roles: ['admin'],
  },
  {
    label: 'Campagnes',
    path: '/campagnes',
    icon: 'event_note',
    description: 'Ouvrir et clôturer la collecte de l’année, fixer les échéances, accorder des prolongations.',
    roles: ['admin'],
  },
  {
    label: 'Mon compte',
    path: '/mon-compte',
    icon: 'account_circle',
    description: 'Vos informations et le changement de votre mot de passe.',
    roles: ALL_ROLES,
  },
  {
    label: 'Utilisateurs',
    path: '/utilisateurs',
    icon: 'group',
    description: 'Créer les comptes, attribuer les rôles et les centres, réinitialiser les mots de passe.',
    roles: ['admin'],
  },
  {
    label: 'Journal d’audit',
    path: '/journal',
    icon: 'history',
    description: 'Toutes les modifications : qui, quoi, quand, avant et après. Export CSV.',
    roles: ['admin'],
  },
  {
    label: 'Documentation de l’API',
    path: '/api/docs',
    icon: 'api',
    description: 'Référence OpenAPI des services de l’application.',
    roles: ['admin'],
    external: true,
  },
];

/** The links a role may follow, in menu order. */
export function navLinksFor(role: Role | null): NavLink[] {
  return role ? NAV_LINKS.filter((link) => link.roles.includes(role)) : [];
}
