import { ROLE_VALUES, type RoleValue } from '../labels.js';

/**
 * Who may do what: the one map of access rights, read by the server's route table (every route
 * declares one capability), by the services that vary what they return with the caller, and by
 * the client's route guards, navigation and `AuthService.can()`.
 *
 * - `holders`: `'anyone'` (no sign-in needed) or the roles that hold the capability.
 * - `ownUnitsOnly`: a unit lead who holds it is limited to the units they lead (the route checks
 *   the unit ids it touches, or the service filters by them); the other roles are never limited.
 */
export interface CapabilityRule {
  readonly holders: 'anyone' | readonly RoleValue[];
  readonly ownUnitsOnly?: true;
  /** What it allows, in French (shown in the API documentation). */
  readonly label: string;
}

const ALL: readonly RoleValue[] = ROLE_VALUES;

export const CAPABILITIES = {
  // ---- Session and system ----
  'session.open': { holders: 'anyone', label: 'ouvrir une session' },
  'health.read': { holders: 'anyone', label: 'consulter l’état du service' },
  'api.docs': { holders: 'anyone', label: 'lire la documentation de l’API' },
  'account.self': { holders: ALL, label: 'consulter son compte, changer son mot de passe, se déconnecter' },
  /** The client's home page (each role sees its own dashboard there). */
  'home.read': { holders: ALL, label: 'la page d’accueil' },
  /** The client's menu link to the API reference (the reference itself is public: `api.docs`). */
  'api.docs.link': { holders: ['admin'], label: 'le lien du menu vers la documentation de l’API' },

  // ---- Administration ----
  'users.manage': { holders: ['admin'], label: 'gérer les comptes' },
  /** The second-factor policy (required for admin and finance) and a user's second factor reset. */
  'security.manage': { holders: ['admin'], label: 'régler la double authentification et la réinitialiser pour un compte' },
  'units.read': { holders: ALL, label: 'consulter les centres' },
  'units.manage': { holders: ['admin'], label: 'gérer les centres' },
  'audit.read': { holders: ['admin'], label: 'consulter le journal d’audit' },
  'mail.read': { holders: ['admin'], label: 'consulter les courriels envoyés par l’application' },
  'catalogue.read': { holders: ALL, label: 'consulter le référentiel des indicateurs' },
  'catalogue.manage': { holders: ['admin'], label: 'gérer le référentiel des indicateurs' },
  'campaigns.read': { holders: ALL, label: 'consulter les campagnes de collecte' },
  'campaigns.manage': { holders: ['admin'], label: 'gérer les campagnes de collecte' },

  // ---- Data entry ----
  'forms.read': { holders: ['admin', 'unit_lead', 'finance', 'board'], ownUnitsOnly: true, label: 'consulter les saisies d’un centre' },
  'forms.readPending': { holders: ['admin', 'unit_lead'], ownUnitsOnly: true, label: 'voir les valeurs pas encore validées' },
  'forms.write': { holders: ['admin', 'unit_lead'], ownUnitsOnly: true, label: 'saisir, importer et transmettre les valeurs d’un centre' },
  'forms.review': { holders: ['admin'], label: 'valider, renvoyer une saisie, rouvrir une valeur' },
  /** Exact small counts of sensitive disaggregations (else « < 5 » and secondary suppression: `shared/src/privacy/`). */
  'counts.readUnmasked': { holders: ['admin', 'unit_lead'], ownUnitsOnly: true, label: 'lire les petits effectifs des ventilations sensibles sans masquage' },
  'completeness.read': { holders: ['admin', 'unit_lead'], ownUnitsOnly: true, label: 'suivre la complétude des saisies' },

  // ---- Dashboards ----
  'dashboards.unit': { holders: ['admin', 'unit_lead'], ownUnitsOnly: true, label: 'le tableau de bord d’un centre' },
  'dashboards.network': { holders: ['admin'], label: 'le tableau de bord de la coordination' },
  'dashboards.finance': { holders: ['admin', 'finance', 'board'], label: 'les tableaux de bord financiers' },
  'dashboards.board': { holders: ['admin', 'board'], label: 'le tableau de bord du bureau' },
  'dashboards.map': { holders: ALL, label: 'la carte du réseau' },

  // ---- Care-offer registry (offre de soins) ----
  /** Published entries for every role; a unit lead also reads its units' proposals, the admin every entry. */
  'careOffer.read': { holders: ALL, label: 'consulter l’offre de soins référencée' },
  'careOffer.propose': { holders: ['admin', 'unit_lead'], ownUnitsOnly: true, label: 'proposer et corriger les structures d’un centre, les importer' },
  'careOffer.review': { holders: ['admin'], label: 'publier, renvoyer ou retirer une structure de l’offre de soins' },
  /** The open export (GeoJSON, CSV) of the published entries, for reuse: no sign-in. */
  'careOffer.openData': { holders: 'anyone', label: 'télécharger l’offre de soins publiée (données ouvertes)' },

  // ---- Budget and staff ----
  'budget.read': { holders: ['admin', 'finance', 'board'], label: 'consulter le budget' },
  'budget.write': { holders: ['admin', 'finance'], label: 'tenir le budget (décisions, engagements, paiements, import comptable)' },
  'staff.read': { holders: ['admin', 'finance', 'board'], label: 'consulter les chiffres agrégés du personnel' },
  'staff.readIndividual': { holders: ['admin', 'finance'], label: 'consulter le personnel nominatif (noms, coût par personne)' },
  'staff.write': { holders: ['admin', 'finance'], label: 'tenir le registre du personnel' },

  // ---- Governance and annual reports ----
  'governance.read': { holders: ALL, label: 'consulter la gouvernance' },
  'governance.write': { holders: ['admin', 'board'], label: 'tenir la gouvernance (membres, instances, réunions, délibérations)' },
  'deliverables.write': { holders: ['admin'], label: 'gérer les livrables' },
  'reports.activity.read': { holders: ['admin', 'board'], label: 'consulter le rapport d’activité' },
  'reports.financial.read': { holders: ['admin', 'finance', 'board'], label: 'consulter le bilan financier et les versions des rapports' },
  'reports.write': { holders: ['admin', 'board'], label: 'rédiger et arrêter les rapports annuels' },
} as const satisfies Record<string, CapabilityRule>;

export type Capability = keyof typeof CAPABILITIES;

export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

const ruleOf = (capability: Capability): CapabilityRule => CAPABILITIES[capability];

/** Whether a capability is open to anyone, signed in or not. */
export function isPublic(capability: Capability): boolean {
  return ruleOf(capability).holders === 'anyone';
}

/** The roles holding a capability, in the order of the roles (every role for a public one). */
export function rolesFor(capability: Capability): readonly RoleValue[] {
  const holders = ruleOf(capability).holders;
  return holders === 'anyone' ? ROLE_VALUES : ROLE_VALUES.filter((role) => holders.includes(role));
}

/**
 * Does this role hold the capability? `null` (nobody signed in) holds the public ones only; any
 * other value that is not a role (the system actor) holds none but the public ones.
 */
export function can(role: string | null | undefined, capability: Capability): boolean {
  const holders = ruleOf(capability).holders;
  if (holders === 'anyone') return true;
  return role != null && (holders as readonly string[]).includes(role);
}

/** Does a holder of this role reach only the units they lead, for this capability? */
export function limitedToOwnUnits(role: string | null | undefined, capability: Capability): boolean {
  return role === 'unit_lead' && ruleOf(capability).ownUnitsOnly === true && can(role, capability);
}

/** The rule in French, for documentation: « public », or the roles and the unit limit. */
export function describeCapability(capability: Capability, roleLabel: (role: RoleValue) => string = (r) => r): string {
  if (isPublic(capability)) return 'public';
  const roles = rolesFor(capability).map((role) => (role === 'unit_lead' && ruleOf(capability).ownUnitsOnly ? `${roleLabel(role)} (ses centres seulement)` : roleLabel(role)));
  return `${capability} — ${ruleOf(capability).label} : ${roles.join(', ')}`;
}
