import { schemaTable } from '../../spec/schema-table.js';
import { SecondFactorProof, SecondFactorSignInRequest } from './second-factor.js';

describe('SecondFactorSignInRequest', () => {
  schemaTable(
    SecondFactorSignInRequest,
    [
      { name: 'a code, spaces removed, not remembered by default', input: { code: ' 123 456 ' }, output: { code: '123456', rememberDevice: false } },
      { name: 'a recovery code, dashes and case ignored', input: { recoveryCode: 'ABCD-efgh-2345', rememberDevice: true }, output: { recoveryCode: 'abcdefgh2345', rememberDevice: true } },
    ],
    [
      { name: 'neither a code nor a recovery code', input: {}, issues: [['code', 'Saisissez le code de l’application ou un code de secours.']] },
      { name: 'both', input: { code: '123456', recoveryCode: 'abcdefgh2345' }, issues: [['code', 'Saisissez le code de l’application ou un code de secours.']] },
      { name: 'a code of five digits', input: { code: '12345' }, issues: [['code', 'Le code doit compter 6 chiffres.']] },
      { name: 'a code with letters', input: { code: '12a456' }, issues: [['code', 'Le code doit compter 6 chiffres.']] },
      { name: 'a recovery code too short', input: { recoveryCode: 'abcd-efgh' }, issues: [['recoveryCode', 'Code de secours invalide : 12 lettres ou chiffres attendus.']] },
      { name: 'remember as text', input: { code: '123456', rememberDevice: 'oui' }, issues: [['rememberDevice', '« Se souvenir de cet appareil » : vrai ou faux attendu.']] },
      { name: 'an unknown field', input: { code: '123456', trust: true }, issues: [['']] },
    ],
  );
});

describe('SecondFactorProof', () => {
  schemaTable(
    SecondFactorProof,
    [
      { name: 'a code', input: { code: '654321' }, output: { code: '654321' } },
      { name: 'a password', input: { password: 'un mot de passe' }, output: { password: 'un mot de passe' } },
    ],
    [
      { name: 'nothing', input: {}, issues: [['code', 'Saisissez un code de l’application ou votre mot de passe.']] },
      { name: 'an empty password', input: { password: '' }, issues: [['password', 'Le mot de passe est obligatoire.']] },
    ],
  );
});
