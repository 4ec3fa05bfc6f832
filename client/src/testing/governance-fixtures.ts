/** Governance records as the API returns them, for the specs of the governance page and its dialogs. */
import type { Deliverable, GovernanceBody, GovernanceDeliberation, GovernanceMeeting, GovernanceMember } from '@cn2r/shared';

const stamps = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

export const members: GovernanceMember[] = [
  { id: 1, name: 'Ministère chargé de la santé', category: 'state', rightsBp: 1_500, from: '2019-01-01', to: null, ...stamps, version: 1 },
  { id: 2, name: 'AP-HP', category: 'health_establishment', rightsBp: 1_200, from: '2019-01-01', to: '2026-12-31', ...stamps, version: 2 },
];

export const bodies: GovernanceBody[] = [
  { id: 1, kind: 'general_assembly', name: 'Assemblée générale', ...stamps, version: 1 },
  { id: 2, kind: 'board', name: 'Conseil d’administration', ...stamps, version: 1 },
];

export const meetings: GovernanceMeeting[] = [
  {
    id: 10,
    bodyId: 1,
    bodyName: 'Assemblée générale',
    bodyKind: 'general_assembly',
    heldOn: '2026-03-26',
    kind: 'ordinary',
    quorumReached: true,
    attendees: [
      { memberId: 1, attendance: 'present', memberName: 'Ministère chargé de la santé' },
      { memberId: 2, attendance: 'represented', memberName: 'AP-HP' },
    ],
    notes: null,
    ...stamps,
    version: 1,
  },
];

export const deliberations: GovernanceDeliberation[] = [
  {
    id: 20,
    number: '2026-01',
    meetingId: 10,
    adoptedOn: '2026-03-26',
    title: 'Approbation du compte financier 2025',
    votesFor: 2,
    votesAgainst: 0,
    abstentions: 0,
    adopted: true,
    minutes: { fileName: 'PV-2026-01.pdf', sizeBytes: 1234, sha256: 'a'.repeat(64), uploadedAt: '2026-03-27T09:00:00Z' },
    ...stamps,
    version: 3,
  },
];

export const deliverables: Deliverable[] = [
  {
    id: 30,
    expectedResult: 'mapping',
    title: 'Cartographie de l’offre de soins — mise à jour 2026',
    kind: 'map',
    dueOn: '2026-06-30',
    status: 'delivered',
    linkUrl: 'https://cn2r.fr/cartographie',
    attachment: null,
    ...stamps,
    version: 1,
  },
];
