import { createHash } from 'node:crypto';
import { activityReportDocument } from '../../../../reports/src/annual/activity-report-document.js';
import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { assemblyDeliberation, bodyOf, signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);

describe('governance records API', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let board: TestClient;
  let finance: TestClient;
  let lead: TestClient;
  let assemblyId: number;
  let seq = 0;

  const audits = (action: string, entityId: number) => db.knex('audit_log').where({ action, entity_id: String(entityId) });
  const member = (overrides: Record<string, unknown> = {}) => ({ name: `Membre ${++seq}`, category: 'state', rightsBp: 1_000, from: '2019-01-01', ...overrides });
  const meeting = (overrides: Record<string, unknown> = {}) => ({ bodyId: assemblyId, heldOn: '2030-03-20', kind: 'ordinary', quorumReached: true, ...overrides });

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ admin, board, finance, leadA: lead } = await signInFixtures(app.app, fx, 'admin', 'board', 'finance', 'leadA'));
    const bodies = await bodyOf<any[]>(lead.get('/api/governance/bodies'), 200);
    assemblyId = bodies.find((b) => b.kind === 'general_assembly').id;
  });
  afterAll(() => db.drop());

  it('has the general assembly as reference data; the board adds a conseil, a unit lead may not', async () => {
    const bodies = await bodyOf<any[]>(finance.get('/api/governance/bodies'), 200);
    expect(bodies.map((b) => [b.kind, b.name])).toEqual([['general_assembly', 'Assemblée générale']]);
    expect((await lead.post('/api/governance/bodies', { kind: 'board', name: 'Bureau' })).status).toBe(403);
    const ca = await bodyOf(board.post('/api/governance/bodies', { kind: 'board', name: 'Conseil d’administration' }));
    expect((await audits('governance_body.created', ca.id)).length).toBe(1);
    const dup = await board.post('/api/governance/bodies', { kind: 'board', name: 'conseil d’administration' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual([{ path: 'name', message: 'Instance déjà enregistrée.' }]);
  });

  it('members: admin and board write, every role reads, each write audited, 409 on a stale version, deletion refused once the member attended', async () => {
    for (const client of [finance, lead]) expect((await client.post('/api/governance/members', member())).status).toBe(403);
    const created = await bodyOf(board.post('/api/governance/members', member({ name: 'CNRS', category: 'public_body', rightsBp: 700 })));
    expect(created).toEqual(jasmine.objectContaining({ name: 'CNRS', category: 'public_body', rightsBp: 700, from: '2019-01-01', to: null, version: 1 }));
    for (const client of [admin, board, finance, lead]) {
      expect((await bodyOf<any[]>(client.get('/api/governance/members'), 200)).map((m) => m.id)).toContain(created.id);
    }
    const updated = await bodyOf(admin.patch(`/api/governance/members/${created.id}`, { rightsBp: 800, version: 1 }), 200);
    expect(updated.rightsBp).toBe(800);
    expect(updated.version).toBe(2);
    const stale = await board.patch(`/api/governance/members/${created.id}`, { rightsBp: 900, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
    expect((await db.knex('governance_members').where({ id: created.id }).first()).rights_bp).toBe(800);
    const [audit] = await audits('governance_member.updated', created.id);
    const auditBefore = typeof audit.before === 'string' ? JSON.parse(audit.before) : audit.before;
    expect(auditBefore.rightsBp).toBe(700);
    expect((await audits('governance_member.created', created.id)).length).toBe(1);

    const dup = await board.post('/api/governance/members', member({ name: 'cnrs' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('name');

    await bodyOf(board.post('/api/governance/meetings', meeting({ attendees: [{ memberId: created.id, attendance: 'present' }] })));
    const refused = await admin.delete(`/api/governance/members/${created.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('Renseignez plutôt sa date de fin d’adhésion');
    const spare = await bodyOf(admin.post('/api/governance/members', member()));
    expect((await finance.delete(`/api/governance/members/${spare.id}`)).status).toBe(403);
    expect((await admin.delete(`/api/governance/members/${spare.id}`)).status).toBe(204);
    expect(await db.knex('governance_members').where({ id: spare.id }).first()).toBeUndefined();
    expect((await audits('governance_member.deleted', spare.id)).length).toBe(1);
  });

  it('answers 422 with French messages naming the field', async () => {
    const tooMuch = await board.post('/api/governance/members', member({ rightsBp: 10_001 }));
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.fields).toEqual([{ path: 'rightsBp', message: 'Les droits de vote : 10 000 points de base (100 %) au plus.' }]);
    const ends = await board.post('/api/governance/members', member({ from: '2020-01-01', to: '2019-12-31' }));
    expect(ends.body.error.fields).toEqual([{ path: 'to', message: 'La date de fin doit suivre la date de début.' }]);
    const badNumber = await board.post('/api/governance/deliberations', { number: '25-7', meetingId: 1, adoptedOn: '2030-03-20', title: 'x', votesFor: 1, votesAgainst: 0, abstentions: 0 });
    expect(badNumber.status).toBe(422);
    expect(badNumber.body.error.fields).toEqual([{ path: 'number', message: 'Le numéro s’écrit AAAA-NN, par exemple 2025-07.' }]);
    const negative = await board.post('/api/governance/deliberations', { number: '2030-01', meetingId: 1, adoptedOn: '2030-03-20', title: 'x', votesFor: -1, votesAgainst: 0, abstentions: 0 });
    expect(negative.body.error.fields).toEqual([{ path: 'votesFor', message: 'Les voix pour ne peut pas être négatif.' }]);
    const noBody = await board.post('/api/governance/meetings', meeting({ bodyId: 999_999 }));
    expect(noBody.status).toBe(422);
    expect(noBody.body.error.fields).toEqual([{ path: 'bodyId', message: 'Cette instance n’existe pas.' }]);
    const link = await admin.post('/api/governance/deliverables', { expectedResult: 'mapping', title: 'Carte', kind: 'map', dueOn: '2030-06-30', status: 'planned', linkUrl: 'ftp://x' });
    expect(link.body.error.fields).toEqual([{ path: 'linkUrl', message: 'Le lien commence par http:// ou https://.' }]);
  });

  it('meetings: attendees must be members on the date; a meeting with deliberations cannot be deleted', async () => {
    const late = await bodyOf(board.post('/api/governance/members', member({ from: '2031-01-01' })));
    const early = await board.post('/api/governance/meetings', meeting({ attendees: [{ memberId: late.id, attendance: 'present' }] }));
    expect(early.status).toBe(422);
    expect(early.body.error.fields[0]).toEqual({ path: 'attendees', message: `« ${late.name} » n’était pas membre du groupement à la date de la séance.` });
    const twice = await board.post('/api/governance/meetings', meeting({ attendees: [{ memberId: late.id, attendance: 'present' }, { memberId: late.id, attendance: 'represented' }] }));
    expect(twice.body.error.fields[0].path).toBe('attendees');

    const m = await bodyOf(board.post('/api/governance/meetings', meeting({ heldOn: '2030-06-10' })));
    expect((await lead.patch(`/api/governance/meetings/${m.id}`, { quorumReached: false, version: m.version })).status).toBe(403);
    const changed = await bodyOf(admin.patch(`/api/governance/meetings/${m.id}`, { quorumReached: false, kind: 'extraordinary', version: m.version }), 200);
    expect(changed).toEqual(jasmine.objectContaining({ quorumReached: false, kind: 'extraordinary', version: m.version + 1, bodyName: 'Assemblée générale' }));
    expect((await board.patch(`/api/governance/meetings/${m.id}`, { quorumReached: true, version: m.version })).status).toBe(409);
    await bodyOf(board.post('/api/governance/deliberations', { number: '2030-90', meetingId: m.id, adoptedOn: '2030-06-10', title: 'Délibération test', votesFor: 5, votesAgainst: 0, abstentions: 0 }));
    const refused = await board.delete(`/api/governance/meetings/${m.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Cette séance a adopté des délibérations : supprimez-les d’abord.');
    const empty = await bodyOf(board.post('/api/governance/meetings', meeting({ heldOn: '2030-07-01' })));
    expect((await board.delete(`/api/governance/meetings/${empty.id}`)).status).toBe(204);
    expect((await audits('governance_meeting.deleted', empty.id)).length).toBe(1);
  });

  it('deliberations: number unique (409), year of the number = year of the date (422), not before the meeting (422), audited', async () => {
    const m = await bodyOf(board.post('/api/governance/meetings', meeting({ heldOn: '2030-11-19' })));
    const base = { meetingId: m.id, adoptedOn: '2030-11-19', title: 'Budget initial 2031', votesFor: 8, votesAgainst: 1, abstentions: 1 };
    const d = await bodyOf(board.post('/api/governance/deliberations', { ...base, number: '2030-07' }));
    expect(d).toEqual(jasmine.objectContaining({ number: '2030-07', adopted: true, minutes: null, version: 1 }));
    expect((await audits('governance_deliberation.created', d.id)).length).toBe(1);
    const dup = await admin.post('/api/governance/deliberations', { ...base, number: '2030-07', title: 'Autre' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toEqual(jasmine.objectContaining({ message: 'Le numéro 2030-07 est déjà attribué à une autre délibération de 2030.', fields: [{ path: 'number', message: 'Numéro déjà attribué.' }] }));
    const otherYear = await board.post('/api/governance/deliberations', { ...base, number: '2031-07' });
    expect(otherYear.status).toBe(422);
    expect(otherYear.body.error.fields).toEqual([{ path: 'number', message: 'Le numéro commence par l’année de la délibération (AAAA-NN).' }]);
    const before = await board.post('/api/governance/deliberations', { ...base, number: '2030-08', adoptedOn: '2030-11-18' });
    expect(before.body.error.fields).toEqual([{ path: 'adoptedOn', message: 'La délibération ne peut pas précéder la séance qui l’adopte.' }]);
    // Renumbering onto a taken number is refused too; the version guards concurrent edits.
    const d2 = await bodyOf(board.post('/api/governance/deliberations', { ...base, number: '2030-08' }));
    expect((await board.patch(`/api/governance/deliberations/${d2.id}`, { number: '2030-07', version: 1 })).status).toBe(409);
    const edited = await bodyOf(board.patch(`/api/governance/deliberations/${d2.id}`, { votesAgainst: 9, version: 1 }), 200);
    expect(edited.adopted).toBeFalse();
    expect((await board.patch(`/api/governance/deliberations/${d2.id}`, { title: 'x', version: 1 })).status).toBe(409);
    expect((await finance.delete(`/api/governance/deliberations/${d2.id}`)).status).toBe(403);
    expect((await board.delete(`/api/governance/deliberations/${d2.id}`)).status).toBe(204);
    expect((await audits('governance_deliberation.deleted', d2.id)).length).toBe(1);
    // The database holds the rule too.
    await expectAsync(db.knex('governance_deliberations').insert({ number: '2030-07', meeting_id: m.id, adopted_on: '2030-11-19', title: 'x', votes_for: 0, votes_against: 0, abstentions: 0 })).toBeRejected();
    await expectAsync(db.knex('governance_deliberations').insert({ number: '2029-55', meeting_id: m.id, adopted_on: '2030-11-19', title: 'x', votes_for: 0, votes_against: 0, abstentions: 0 })).toBeRejected();
  });

  it('lists the general assembly’s adopted deliberations of a span, with their meeting, for every role: not the board’s, not a rejected one', async () => {
    const adopted = await assemblyDeliberation(db.knex, '2031-06-12', { title: 'Budget rectificatif n° 1 de l’exercice 2031' });
    const later = await assemblyDeliberation(db.knex, '2031-11-20');
    await assemblyDeliberation(db.knex, '2031-06-13', { votes: [3, 5, 0] });
    const ofTheBoard = await assemblyDeliberation(db.knex, '2031-06-14', { body: 'board' });
    await assemblyDeliberation(db.knex, '2030-12-31');

    const listed = await bodyOf<any[]>(finance.get('/api/governance/assembly-deliberations?from=2031-01-01&to=2031-12-31'), 200);
    expect(listed.map((d) => d.number)).toEqual([adopted.number, later.number]);
    expect(listed[0]).toEqual({
      id: adopted.id,
      number: adopted.number,
      title: 'Budget rectificatif n° 1 de l’exercice 2031',
      adoptedOn: '2031-06-12',
      votesFor: 9,
      votesAgainst: 0,
      abstentions: 1,
      minutesSha256: null,
      meeting: { id: adopted.meetingId, bodyName: jasmine.any(String), heldOn: '2031-06-12', quorumReached: true },
    });
    expect((await bodyOf<any[]>(lead.get('/api/governance/assembly-deliberations?from=2031-07-01&to=2031-12-31'), 200)).map((d) => d.number)).toEqual([later.number]);
    const bad = await bodyOf<any>(board.get('/api/governance/assembly-deliberations?from=2031-07-01&to=2031-01-01'), 422);
    expect(JSON.stringify(bad)).toContain('to');
    // The board's body, meeting and deliberation made here go: another spec of this file starts with the general assembly alone.
    await db.knex('governance_deliberations').where({ id: ofTheBoard.id }).delete();
    await db.knex('governance_meetings').where({ id: ofTheBoard.meetingId }).delete();
    await db.knex('governance_bodies').where({ kind: 'board' }).whereNotExists(db.knex('governance_meetings').whereRaw('body_id = governance_bodies.id')).delete();
  });

  it('stores the minutes PDF with its SHA-256, checked on the bytes, and serves it back to every role', async () => {
    const m = await bodyOf(board.post('/api/governance/meetings', meeting({ heldOn: '2030-03-26' })));
    const d = await bodyOf(board.post('/api/governance/deliberations', { number: '2030-01', meetingId: m.id, adoptedOn: '2030-03-26', title: 'Compte financier 2029', votesFor: 10, votesAgainst: 0, abstentions: 0 }));
    const url = (name: string) => `/api/governance/deliberations/${d.id}/minutes?fileName=${encodeURIComponent(name)}`;
    expect((await finance.upload(url('pv.pdf'), PDF, 'application/pdf')).status).toBe(403);
    const png = await board.upload(url('pv.pdf'), PNG, 'application/pdf');
    expect(png.status).toBe(422);
    expect(png.body.error.fields).toEqual([{ path: 'file', message: 'Le fichier n’est pas un PDF (d’après son contenu).' }]);
    expect((await board.upload(url('pv.png'), PDF, 'application/pdf')).body.error.fields).toEqual([{ path: 'fileName', message: 'Le fichier attendu est un PDF : son nom se termine par .pdf.' }]);
    expect((await board.upload(url('pv.pdf'), PNG, 'image/png')).status).toBe(415);
    expect((await board.upload(url('gros.pdf'), Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf')).status).toBe(413);
    expect((await lead.get(`/api/governance/deliberations/${d.id}/minutes`)).status).toBe(404);

    const withMinutes = await bodyOf(board.upload(url('PV AG 26 mars 2030.pdf'), PDF, 'application/pdf'));
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(withMinutes.minutes).toEqual({ fileName: 'PV AG 26 mars 2030.pdf', sizeBytes: PDF.length, sha256, uploadedAt: jasmine.any(String) });
    const stored = await db.knex('governance_deliberation_minutes').where({ deliberation_id: d.id }).first();
    expect(stored.sha256).toBe(sha256);
    const [audit] = await audits('governance_deliberation.minutes_attached', d.id);
    expect(audit).toBeDefined();
    for (const client of [lead, finance]) {
      const res = await client.download(`/api/governance/deliberations/${d.id}/minutes`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(createHash('sha256').update(res.body as Buffer).digest('hex')).toBe(sha256);
    }
  });

  it('deliverables: written by the coordination only, read by all, with a link or a PDF', async () => {
    const body = { expectedResult: 'good_practice', title: 'Référentiel enfants exposés', kind: 'referential', dueOn: '2030-09-30', status: 'in_progress', linkUrl: 'https://cn2r.fr/ressources' };
    expect((await board.post('/api/governance/deliverables', body)).status).toBe(403);
    const d = await bodyOf(admin.post('/api/governance/deliverables', body));
    expect(d).toEqual(jasmine.objectContaining({ expectedResult: 'good_practice', status: 'in_progress', linkUrl: 'https://cn2r.fr/ressources', attachment: null, version: 1 }));
    expect((await bodyOf<any[]>(lead.get('/api/governance/deliverables?year=2030'), 200)).map((x) => x.id)).toEqual([d.id]);
    expect(await bodyOf<any[]>(lead.get('/api/governance/deliverables?year=2029'), 200)).toEqual([]);
    const done = await bodyOf(admin.patch(`/api/governance/deliverables/${d.id}`, { status: 'delivered', version: 1 }), 200);
    expect(done.status).toBe('delivered');
    expect((await admin.patch(`/api/governance/deliverables/${d.id}`, { status: 'planned', version: 1 })).status).toBe(409);
    const withFile = await bodyOf(admin.upload(`/api/governance/deliverables/${d.id}/file?fileName=referentiel.pdf`, PDF, 'application/pdf'));
    expect(withFile.attachment).toEqual({ fileName: 'referentiel.pdf', sizeBytes: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
    expect((await board.get(`/api/governance/deliverables/${d.id}/file`)).status).toBe(200);
    expect((await audits('deliverable.updated', d.id)).length).toBe(1);
    expect((await audits('deliverable.file_attached', d.id)).length).toBe(1);
    const spare = await bodyOf(admin.post('/api/governance/deliverables', { ...body, title: 'Brouillon' }));
    expect((await board.delete(`/api/governance/deliverables/${spare.id}`)).status).toBe(403);
    expect((await admin.delete(`/api/governance/deliverables/${spare.id}`)).status).toBe(204);
  });

  it('fills the activity report’s governance section and the deliverables of each expected result from the records of the year', async () => {
    const y = 2033;
    const a = await bodyOf(board.post('/api/governance/members', member({ name: 'Ministère des Armées', rightsBp: 900, from: '2019-01-01' })));
    const b = await bodyOf(board.post('/api/governance/members', member({ name: 'AP-HP', category: 'health_establishment', rightsBp: 1_200, from: '2019-01-01' })));
    const gone = await bodyOf(board.post('/api/governance/members', member({ name: 'Ancien membre', from: '2019-01-01', to: `${y - 1}-12-31` })));
    const m = await bodyOf(board.post('/api/governance/meetings', meeting({ heldOn: `${y}-03-26`, attendees: [{ memberId: a.id, attendance: 'present' }, { memberId: b.id, attendance: 'represented' }] })));
    await bodyOf(board.post('/api/governance/deliberations', { number: `${y}-02`, meetingId: m.id, adoptedOn: `${y}-03-26`, title: `Approbation du rapport d’activité ${y - 1}`, votesFor: 2, votesAgainst: 0, abstentions: 0 }));
    await bodyOf(board.post('/api/governance/deliberations', { number: `${y}-01`, meetingId: m.id, adoptedOn: `${y}-03-26`, title: `Approbation du compte financier ${y - 1}`, votesFor: 1, votesAgainst: 0, abstentions: 1 }));
    await bodyOf(admin.post('/api/governance/deliverables', { expectedResult: 'mapping', title: `Cartographie ${y}`, kind: 'map', dueOn: `${y}-06-30`, status: 'delivered' }));
    await bodyOf(admin.post('/api/governance/deliverables', { expectedResult: 'mapping', title: 'Hors année', kind: 'map', dueOn: `${y + 1}-01-15`, status: 'planned' }));

    const data = await bodyOf<any>(board.get(`/api/reports/${y}/activity`), 200);
    const names = data.governance.members.map((x: { name: string }) => x.name);
    expect(names).toContain('AP-HP');
    expect(names).not.toContain(gone.name);
    expect(data.governance.members.find((x: { name: string }) => x.name === 'AP-HP')).toEqual({ name: 'AP-HP', kind: 'Établissement de santé', rightsBp: 1_200 });
    expect(data.governance.meetings).toEqual([
      { body: 'general_assembly', label: 'Assemblée générale — séance ordinaire', date: `${y}-03-26`, present: 1, represented: 1, quorumReached: true },
    ]);
    expect(data.governance.deliberations).toEqual([
      { number: `${y}-01`, date: `${y}-03-26`, title: `Approbation du compte financier ${y - 1}`, votesFor: 1, votesAgainst: 0, abstentions: 1 },
      { number: `${y}-02`, date: `${y}-03-26`, title: `Approbation du rapport d’activité ${y - 1}`, votesFor: 2, votesAgainst: 0, abstentions: 0 },
    ]);
    const mapping = data.expectedResults.find((r: { key: string }) => r.key === 'mapping');
    expect(mapping.deliverables).toEqual([{ title: `Cartographie ${y}`, date: `${y}-06-30`, status: 'Livré' }]);
    expect(data.expectedResults.find((r: { key: string }) => r.key === 'training').deliverables).toEqual([]);

    // The built document shows them: the cells of the governance tables.
    const doc = activityReportDocument(data);
    const governance = doc.sections.find((s) => s.key === 'governance')!;
    const table = (title: string) => governance.tables.find((t) => t.title === title)!;
    expect(table('Délibérations').rows).toEqual([
      [`${y}-01`, `26/03/${y}`, `Approbation du compte financier ${y - 1}`, 1, 0, 1],
      [`${y}-02`, `26/03/${y}`, `Approbation du rapport d’activité ${y - 1}`, 2, 0, 0],
    ]);
    expect(table('Réunions des instances').rows).toEqual([['Assemblée générale — séance ordinaire', `26/03/${y}`, 1, 1, 'Atteint']]);
    expect(table('Membres du groupement').rows).toContain(['AP-HP', 'Établissement de santé', 1_200]);
  });
});
