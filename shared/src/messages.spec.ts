import { ENGLISH } from '../spec/schema-table.js';
import { ERROR_CODES, defaultErrorMessages } from './labels.js';
import { formatMessage, formatMessageIn, frenchMessages, type MessageCatalogue, type MessageKey } from './messages.js';

/** Sample parameters by name, for every key; `overrides` where a name takes another shape. */
const SAMPLE: Record<string, unknown> = {
  method: 'GET',
  path: '/api/x',
  message: 'Valeur invalide.',
  keys: ['a', 'b'],
  field: 'code',
  minutes: 2,
  megabytes: 5,
  code: 'ACT-1',
  year: 2026,
  name: 'Jeanne Martin',
  number: 3,
  adoptedOn: '2026-03-01',
  declaredType: 'text/plain',
  id: 12,
  lineYear: 2025,
  lineCode: 'P-1',
  fromOn: '2026-01-01',
  toOn: '2026-06-30',
  what: 'payment',
  content: 'image/png',
  fileName: 'facture.pdf',
  problems: 3,
  reference: 'REF-1',
  date: '2026-02-03',
  entity: 'Virement',
  envelope: 'Fonctionnement',
  amountCents: 123456,
  leftCents: 10000,
  aeCents: 500,
  cpCents: -500,
  openCents: 2000,
  committedCents: 3000,
  paidCents: 4000,
  reversibleCents: 100,
  netCents: 200,
  commitmentId: 7,
  from: '2026-04-01',
  to: 2027,
  options: ['F', 'H'],
  periods: ['2026-Q1', '2026-Q2'],
  revision: 2,
  since: '2026-04-01',
  activeTo: '2026-12-31',
  currentFrom: '2026-01-01',
  previousFrom: '2025-01-01',
  explanations: 2,
  position: 5,
  option: 'F',
  dimension: 'Sexe',
  rules: ['R-1'],
  unit: 'CRP Lyon',
  period: '2026-Q1',
  dueOn: '2026-04-30',
  label: 'Patients reçus',
  percent: 50,
  by: 'Jeanne Martin',
  at: '2026-03-01T10:00:00Z',
  value: 12.5,
  action: 'submit',
  status: 'Brouillon',
  fileUnit: 'CRP-2',
  unitName: 'CRP Lyon',
  unitCode: 'CRP-1',
  fileYear: 2025,
  first: 'Trimestres!F7',
  contentTypes: ['text/csv'],
  more: 1234,
  late: [{ period: '2026-Q1', dueOn: '2026-04-30' }],
  indicator: 'Patients reçus',
  change: null,
  section: 'highlights',
};

const OVERRIDES: Partial<Record<MessageKey, Record<string, unknown>>> = {
  'catalogue.options_have_values': { options: [{ code: 'F', label: 'Femmes', values: 3 }] },
  'reports.illegal_transition': { action: 'approve' },
  'careOffer.import_missing_columns': { columns: ['nom', 'latitude'] },
  'careOffer.import_line_errors': { count: 3 },
  'reports.approval_before_generation': { agDate: '2026-06-12', generatedOn: '2026-12-06' },
  'governance.deliberation_not_assembly': { number: '2026-04', bodyName: 'Conseil d’administration' },
  'governance.deliberation_rejected': { number: '2026-04', votesFor: 3, votesAgainst: 5 },
  'budget.deliberation_outside_year': { number: '2024-05', initial: true },
  'users.weak_password': { warning: 'Ce mot de passe est couramment utilisé.', suggestions: ['Ajoutez des mots moins courants.'] },
  'reports.generation_running': { startedAt: '2026-12-07T09:30:00Z', by: 'Claude Petit' },
  'second_factor.wrong_code': { remaining: 3 },
  'second_factor.wrong_recovery_code': { remaining: 1 },
  'governance.deliberation_in_use': { number: '2026-03', uses: ['BR1 2026', 'version 2 des rapports 2025'] },
  'auth.too_many_attempts_for_seconds': { seconds: 8 },
};

/** Messages that are not one sentence ending with a full stop. */
const NOT_SENTENCES: readonly MessageKey[] = ['completeness.reminder'];

const render = (key: MessageKey): string => (frenchMessages[key] as (p: unknown) => string)({ ...SAMPLE, ...OVERRIDES[key] });

describe('message catalogue', () => {
  const keys = Object.keys(frenchMessages) as MessageKey[];

  it('has a French sentence for every key, its parameters filled in', () => {
    for (const key of keys) {
      const text = render(key);
      expect(text.trim()).withContext(key).not.toBe('');
      expect(text).withContext(key).not.toMatch(/undefined|NaN|\[object|\$\{/);
      if (!NOT_SENTENCES.includes(key)) expect(text).withContext(key).toMatch(/[.?]$/);
      expect(text).withContext(key).not.toMatch(ENGLISH);
    }
  });

  it('never gives two keys the same sentence (one key per sentence)', () => {
    const byText = new Map<string, MessageKey[]>();
    for (const key of keys) byText.set(render(key), [...(byText.get(render(key)) ?? []), key]);
    const shared = [...byText.values()].filter((k) => k.length > 1);
    expect(shared).toEqual([]);
  });

  it('gives every error code its default message', () => {
    expect(Object.keys(defaultErrorMessages).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(defaultErrorMessages[code]).withContext(code).toBe(frenchMessages[code]());
    expect(defaultErrorMessages.not_found).toBe('Élément introuvable.');
  });

  it('fills in the parameters', () => {
    expect(formatMessage('database.unique_violation', { field: 'code' })).toBe('Cette valeur existe déjà : code.');
    expect(formatMessage('validation.unknown_fields', { keys: ['a', 'b'] })).toBe('Champ(s) non attendu(s) : a, b.');
    expect(formatMessage('auth.too_many_attempts_for', { minutes: 1 })).toBe('Trop de tentatives de connexion infructueuses. Réessayez dans 1 minute.');
    expect(formatMessage('auth.too_many_attempts_for', { minutes: 15 })).toBe('Trop de tentatives de connexion infructueuses. Réessayez dans 15 minutes.');
    expect(formatMessage('auth.too_many_attempts_for_seconds', { seconds: 1 })).toBe(
      'Trop de tentatives de connexion infructueuses depuis votre adresse. Réessayez dans 1 seconde.',
    );
    expect(formatMessage('request.no_route', { method: 'GET', path: '/api/x' })).toBe('Aucune route GET /api/x.');
  });

  it('formats amounts, dates, periods and values in French, as the services wrote them', () => {
    expect(formatMessage('budget.transfer_not_balanced', { aeCents: 123456, cpCents: -500 })).toBe(
      'Un virement est à somme nulle : il solde à 1\u00A0234,56\u00A0€ en AE et -5,00\u00A0€ en CP.',
    );
    expect(formatMessage('budget.import_date_outside_year', { date: '2026-02-03', year: 2025 })).toBe('La date 03/02/2026 n’appartient pas à l’exercice 2025.');
    expect(formatMessage('campaigns.periods_started', { periods: ['2026-Q1'] })).toBe(
      'Des saisies ont déjà commencé pour 1er trimestre 2026 : cette période ne peut pas être retirée de la campagne.',
    );
    expect(formatMessage('collection_import.more_problems', { more: 1 })).toBe('… et 1 autre problème, non détaillé.');
    expect(formatMessage('data_entry.value_changed', { by: null, at: '2026-03-01T10:00:00Z', value: true })).toMatch(
      /^Valeur modifiée entre-temps par un autre utilisateur le .+ : la valeur actuelle est oui\. Vérifiez-la avant de la remplacer\.$/,
    );
  });

  it('agrees the participle of a stale version with its subject', () => {
    expect(formatMessage('catalogue.rule_stale')).toBe('Cette règle a été modifiée par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.');
    expect(formatMessage('units.unit_stale')).toBe('Ce centre a été modifié par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.');
  });

  it('renders from another catalogue with the same keys', () => {
    const shouting = Object.fromEntries(
      Object.entries(frenchMessages).map(([key, render]) => [key, (p: never) => (render as (p: never) => string)(p).toUpperCase()]),
    ) as unknown as MessageCatalogue;
    expect(formatMessageIn(shouting, 'database.unique_violation', { field: 'code' })).toBe('CETTE VALEUR EXISTE DÉJÀ : CODE.');
    expect(formatMessageIn(shouting, 'not_found')).toBe('ÉLÉMENT INTROUVABLE.');
  });
});
