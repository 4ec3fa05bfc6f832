import type { Role } from '@cn2r/shared';
// Zod-free, like '@cn2r/shared/labels': the initial bundle (guards, AuthService) reads the map from here.
import { can, type Capability } from '@cn2r/shared/capabilities';

export interface NavLink {
  readonly label: string;
  /** An app route, or a server URL when `external`. */
  readonly path: string;
  readonly icon: string;
  /** One line for the home page card. */
  readonly description: string;
  /** Who sees the link: the roles holding this capability of the shared access map. */
  readonly capability: Capability;
  readonly external?: boolean;
}

/** Every page of the application, with who may use it, in menu order (the collection pages follow « Centres », the account and administration close the list). Only pages that exist are listed. */
export const NAV_LINKS: readonly NavLink[] = [
  { label: 'Accueil', path: '/', icon: 'home', description: 'Vue d’ensemble de votre espace.', capability: 'home.read' },
  {
    label: 'Centres',
    path: '/centres',
    icon: 'domain',
    description: 'Liste des centres du réseau : région, établissement porteur, dates d’ouverture et de fermeture.',
    capability: 'units.read',
  },
  {
    label: 'Saisie',
    path: '/saisie',
    icon: 'edit_note',
    description: 'Saisir les indicateurs de votre centre période par période, les transmettre et suivre leur validation.',
    capability: 'forms.write',
  },
  {
    label: 'Complétude',
    path: '/completude',
    icon: 'grid_view',
    description: 'L’état des saisies par centre et par période : transmises, validées, en retard, et les relances.',
    capability: 'completeness.read',
  },
  {
    label: 'Budget',
    path: '/budget',
    icon: 'account_balance',
    description: 'L’exécution de l’exercice : crédits ouverts, engagé, payé, reste, taux et alertes, par ligne, enveloppe, financeur et destination.',
    capability: 'budget.read',
  },
  {
    label: 'Personnels',
    path: '/personnels',
    icon: 'badge',
    description: 'Les personnels, leurs affectations et leur ventilation par ligne, financeur et destination ; ETPT de l’année, postes MIG H15, plafond d’emplois.',
    capability: 'staff.read',
  },
  {
    label: 'Rapports annuels',
    path: '/rapports',
    icon: 'summarize',
    description: 'Le rapport d’activité et le bilan financier de l’assemblée générale : brouillons, textes, versions officielles figées et leur approbation.',
    capability: 'reports.financial.read',
  },
  {
    label: 'Gouvernance',
    path: '/gouvernance',
    icon: 'gavel',
    description: 'Les membres du groupement, les séances de l’assemblée générale et du conseil, les délibérations et leurs procès-verbaux, les livrables des résultats attendus.',
    capability: 'governance.read',
  },
  {
    label: 'Offre de soins',
    path: '/offre-de-soins',
    icon: 'location_on',
    description: 'Les structures référencées par les centres (services, CUMP, consultations, associations…) : propositions, publication, carte et données ouvertes.',
    capability: 'careOffer.read',
  },
  {
    label: 'Catalogue',
    path: '/catalogue',
    icon: 'category',
    description: 'Les indicateurs et leurs révisions, les ventilations, les règles de cohérence et les cibles annuelles.',
    capability: 'catalogue.manage',
  },
  {
    label: 'Campagnes',
    path: '/campagnes',
    icon: 'event_note',
    description: 'Ouvrir et clôturer la collecte de l’année, fixer les échéances, accorder des prolongations.',
    capability: 'campaigns.manage',
  },
  {
    label: 'Mon compte',
    path: '/mon-compte',
    icon: 'account_circle',
    description: 'Vos informations et le changement de votre mot de passe.',
    capability: 'account.self',
  },
  {
    label: 'Utilisateurs',
    path: '/utilisateurs',
    icon: 'group',
    description: 'Créer les comptes, attribuer les rôles et les centres, réinitialiser les mots de passe.',
    capability: 'users.manage',
  },
  {
    label: 'Journal d’audit',
    path: '/journal',
    icon: 'history',
    description: 'Toutes les modifications : qui, quoi, quand, avant et après. Export CSV.',
    capability: 'audit.read',
  },
  {
    label: 'Courriels',
    path: '/courriels',
    icon: 'mail',
    description: 'Les courriels que l’application a écrits aux centres et à la coordination, et leur envoi.',
    capability: 'mail.read',
  },
  {
    label: 'Documentation de l’API',
    path: '/api/docs',
    icon: 'api',
    description: 'Référence OpenAPI des services de l’application.',
    capability: 'api.docs.link',
    external: true,
  },
];

/** The links a role may follow, in menu order. */
export function navLinksFor(role: Role | null): NavLink[] {
  return role ? NAV_LINKS.filter((link) => can(role, link.capability)) : [];
}
