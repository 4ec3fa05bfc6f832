import { buildApprovalCertificate, type ApprovalCertificateData } from './build-approval-certificate.js';
import { pdfPagesText } from './pdf-text.js';
import { submissionText } from './annual-document.js';

const hex = (c: string) => c.repeat(64);

const certificate: ApprovalCertificateData = {
  organisation: 'Centre national de ressources et de résilience (CN2R)',
  year: 2026,
  number: 2,
  generatedAt: '2027-03-02T09:15:00.000Z',
  files: [
    { file: 'activity.xlsx', bytes: 48_213, sha256: hex('a') },
    { file: 'activity.pdf', bytes: 210_004, sha256: hex('b') },
    { file: 'financial.xlsx', bytes: 30_100, sha256: hex('c') },
    { file: 'financial.pdf', bytes: 120_500, sha256: hex('d') },
  ],
  meeting: { bodyName: 'Assemblée générale', heldOn: '2027-03-26', quorumReached: true },
  deliberation: { number: '2027-02', title: 'Approbation du rapport d’activité 2026', adoptedOn: '2027-03-26', votesFor: 10, votesAgainst: 0, abstentions: 1, minutesSha256: hex('e') },
  recordedBy: 'Claire Dubois',
  recordedAt: '2027-03-27T08:00:00.000Z',
};

describe('approval certificate (PDF)', () => {
  it('states the version, the deliberation, the four files with their sha256 and who recorded it, on one page', async () => {
    const pages = pdfPagesText(await buildApprovalCertificate(certificate));
    expect(pages.length).toBe(1);
    const text = pages[0].replace(/\s+/g, ' ');
    expect(text).toContain('Certificat d’approbation');
    expect(text).toContain('version officielle n° 2');
    expect(text).toContain('L’assemblée générale du 26 mars 2027 a approuvé, par sa délibération n° 2027-02');
    expect(text).toContain('Approbation du rapport d’activité 2026');
    expect(text).toContain('10 voix pour, 0 contre, 1 abstention');
    expect(text).toContain('quorum atteint');
    for (const c of ['a', 'b', 'c', 'd', 'e']) expect(text).withContext(c).toContain(`${c.repeat(16)} ${c.repeat(16)} ${c.repeat(16)} ${c.repeat(16)}`);
    expect(text).toContain('Rapport d’activité — classeur (xlsx)');
    expect(text).toContain('Bilan financier — document (PDF)');
    expect(text).toContain('par Claire Dubois le 27 mars 2027');
  });

  it('gives the same bytes for the same data (its date is the recording instant)', async () => {
    const [a, b] = await Promise.all([buildApprovalCertificate(certificate), buildApprovalCertificate(certificate)]);
    expect(a.equals(b)).toBeTrue();
  });

  it('says so when the minutes are not attached', async () => {
    const text = pdfPagesText(await buildApprovalCertificate({ ...certificate, deliberation: { ...certificate.deliberation, minutesSha256: null } }))[0];
    expect(text).toContain('non joint');
  });
});

describe('submission on an official version’s cover', () => {
  it('names the general assembly and its date, or nothing', () => {
    expect(submissionText({ status: 'official', number: 1, submittedTo: { bodyName: 'Assemblée générale', heldOn: '2027-03-01' } })).toBe('Soumise à l’assemblée générale du 1er mars 2027');
    expect(submissionText({ status: 'official', number: 1, submittedTo: { bodyName: 'AG extraordinaire', heldOn: '2027-03-26' } })).toBe('Soumise à « AG extraordinaire » du 26 mars 2027');
    expect(submissionText({ status: 'official', number: 1 })).toBeNull();
    expect(submissionText({ status: 'draft' })).toBeNull();
    expect(submissionText(undefined)).toBeNull();
  });
});
