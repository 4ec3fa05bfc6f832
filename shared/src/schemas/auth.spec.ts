import { schemaTable } from '../../spec/schema-table.js';
import { ChangePasswordRequest, LoginRequest, PASSWORD_MIN_LENGTH, PasswordResetConfirm, PasswordResetRequest } from './auth.js';

describe('LoginRequest', () => {
  schemaTable(
    LoginRequest,
    [
      { name: 'an e-mail and a password', input: { email: 'admin@cn2r.fr', password: 'x' }, output: { email: 'admin@cn2r.fr', password: 'x' } },
      { name: 'an e-mail with spaces and capitals, trimmed and lower-cased', input: { email: '  Admin@CN2R.fr ', password: ' pw ' }, output: { email: 'admin@cn2r.fr', password: ' pw ' } },
    ],
    [
      { name: 'an empty body, naming both fields', input: {}, issues: [['email', 'Adresse e-mail attendue.'], ['password', 'Mot de passe attendu.']] },
      { name: 'an invalid e-mail', input: { email: 'pas-un-email', password: 'x' }, issues: [['email', 'Adresse e-mail invalide.']] },
      { name: 'an e-mail over 254 characters', input: { email: `${'a'.repeat(250)}@b.fr`, password: 'x' }, issues: [['email', 'Adresse e-mail trop longue.']] },
      { name: 'an empty password', input: { email: 'a@b.fr', password: '' }, issues: [['password', 'Le mot de passe est obligatoire.']] },
      { name: 'a password over 256 characters', input: { email: 'a@b.fr', password: 'x'.repeat(257) }, issues: [['password', 'Mot de passe trop long.']] },
      { name: 'a password that is not text', input: { email: 'a@b.fr', password: 123 }, issues: [['password', 'Mot de passe attendu.']] },
      { name: 'an unknown field', input: { email: 'a@b.fr', password: 'x', remember: true }, issues: [['']] },
    ],
  );

  it('reports an unknown field as unrecognized_keys naming it (the server words it in French)', () => {
    const issue = LoginRequest.safeParse({ email: 'a@b.fr', password: 'x', remember: true }).error!.issues[0];
    expect(issue.code).toBe('unrecognized_keys');
    expect((issue as { keys: string[] }).keys).toEqual(['remember']);
  });
});

describe('ChangePasswordRequest', () => {
  const strong = 'un-mot-de-passe-solide';
  schemaTable(
    ChangePasswordRequest,
    [
      { name: 'a current and a new password of 12 characters', input: { currentPassword: 'ancien', newPassword: 'x'.repeat(PASSWORD_MIN_LENGTH) }, output: { currentPassword: 'ancien', newPassword: 'x'.repeat(12) } },
      { name: 'a new password of 256 characters', input: { currentPassword: 'ancien', newPassword: 'y'.repeat(256) }, output: { currentPassword: 'ancien', newPassword: 'y'.repeat(256) } },
    ],
    [
      { name: 'an empty body', input: {}, issues: [['currentPassword', 'Mot de passe actuel attendu.'], ['newPassword', 'Mot de passe attendu.']] },
      { name: 'an empty current password', input: { currentPassword: '', newPassword: strong }, issues: [['currentPassword', 'Le mot de passe actuel est obligatoire.']] },
      { name: 'a new password of 11 characters', input: { currentPassword: 'ancien', newPassword: 'x'.repeat(11) }, issues: [['newPassword', 'Le mot de passe doit compter au moins 12 caractères.']] },
      { name: 'a new password over 256 characters', input: { currentPassword: 'ancien', newPassword: 'x'.repeat(257) }, issues: [['newPassword', 'Le mot de passe doit compter 256 caractères au plus.']] },
      { name: 'the same password again', input: { currentPassword: strong, newPassword: strong }, issues: [['newPassword', 'Le nouveau mot de passe doit être différent de l’actuel.']] },
      { name: 'an unknown field', input: { currentPassword: 'ancien', newPassword: strong, confirm: strong }, issues: [['']] },
    ],
  );
});

describe('PasswordResetRequest and PasswordResetConfirm', () => {
  const token = 'a'.repeat(43);
  schemaTable(
    PasswordResetRequest,
    [{ name: 'an address, trimmed and lower-cased', input: { email: ' Lead@Demo.local ' }, output: { email: 'lead@demo.local' } }],
    [
      { name: 'no address', input: {}, issues: [['email', 'Adresse e-mail attendue.']] },
      { name: 'an unknown field', input: { email: 'a@b.fr', password: 'x' }, issues: [['']] },
    ],
  );
  schemaTable(
    PasswordResetConfirm,
    [{ name: 'a token and a new password', input: { token, password: 'trois-mots-sans-rapport' }, output: { token, password: 'trois-mots-sans-rapport' } }],
    [
      { name: 'a truncated token', input: { token: 'abc', password: 'trois-mots-sans-rapport' }, issues: [['token', 'Ce lien est incomplet : copiez-le en entier depuis le courriel, ou demandez un nouveau lien.']] },
      { name: 'a token with other characters', input: { token: `${'a'.repeat(40)}%2F`, password: 'trois-mots-sans-rapport' }, issues: [['token', 'Ce lien est incomplet : copiez-le en entier depuis le courriel, ou demandez un nouveau lien.']] },
      { name: 'a short password', input: { token, password: 'court' }, issues: [['password', 'Le mot de passe doit compter au moins 12 caractères.']] },
    ],
  );
});
