import { ENGLISH } from '../spec/schema-table.js';
import { ERROR_CODES, defaultErrorMessages } from './labels.js';
import { formatMessage, formatMessageIn, frenchMessages, type MessageCatalogue } from './messages.js';

describe('message catalogue', () => {
  it('has a French sentence for every key', () => {
    for (const [key, render] of Object.entries(frenchMessages) as [string, (p: unknown) => string][]) {
      const text = render({ method: 'GET', path: '/api/x', message: 'Valeur invalide.', keys: ['a', 'b'], field: 'code', minutes: 2 });
      expect(text).withContext(key).toMatch(/\.$/);
      expect(text).withContext(key).not.toMatch(ENGLISH);
    }
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
    expect(formatMessage('request.no_route', { method: 'GET', path: '/api/x' })).toBe('Aucune route GET /api/x.');
  });

  it('renders from another catalogue with the same keys', () => {
    const shouting = Object.fromEntries(
      Object.entries(frenchMessages).map(([key, render]) => [key, (p: never) => (render as (p: never) => string)(p).toUpperCase()]),
    ) as unknown as MessageCatalogue;
    expect(formatMessageIn(shouting, 'database.unique_violation', { field: 'code' })).toBe('CETTE VALEUR EXISTE DÉJÀ : CODE.');
    expect(formatMessageIn(shouting, 'not_found')).toBe('ÉLÉMENT INTROUVABLE.');
  });
});
