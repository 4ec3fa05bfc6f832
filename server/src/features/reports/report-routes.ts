import { z } from 'zod';
import {
  ActivityReportData,
  ApproveReportVersion,
  FinancialReportData,
  PresentReportVersion,
  PutReportNarrative,
  ReportFileParams,
  ReportNarrative,
  ReportNarrativeParams,
  ReportVersion,
  ReportVersionParams,
  ReportVersionVerification,
  ReportYearParams,
  ReportYearSummary,
  SupersedeReportVersion,
  can,
  readsUnmaskedCounts,
  type ReportFile,
} from '@cn2r/shared';
import { maskActivityReportData } from '@cn2r/reports';
import { ForbiddenError } from '../../errors/http-errors.js';
import type { ApiRouter } from '../../http/api-router.js';
import type { Actor } from '../auth/actor.js';
import type { ActivityReportService } from './activity-report-service.js';
import type { FinancialReportService } from './financial-report-service.js';
import type { ReportBuilders } from './report-documents.js';
import type { ReportNarrativeService } from './report-narrative-service.js';
import type { ReportVersionService } from './report-version-service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';
const contentType = (file: ReportFile) => (file.endsWith('.xlsx') ? XLSX : PDF);

export interface ReportServices {
  readonly versions: ReportVersionService;
  readonly narratives: ReportNarrativeService;
  readonly activity: ActivityReportService;
  readonly financial: FinancialReportService;
}

/**
 * The annual reports for the general assembly: live data and draft documents, narratives per
 * section, official versions (generate, present, approve, supersede), their frozen files and the
 * proof that the stored snapshot rebuilds them byte for byte.
 */
export function registerReportRoutes(api: ApiRouter, services: ReportServices, builders: ReportBuilders): void {
  const { versions, narratives } = services;
  const tag = 'Rapports annuels';
  // The reports page (years, then the versions of the year) opened by someone who may generate the
  // official version: the builder gets ready meanwhile (ReportBuilderThread.warmUp), so the
  // generation does not wait for its start.
  const warmFor = (actor: Actor) => {
    if (can(actor.role, 'reports.write')) builders.warmUp?.();
  };

  api.add(
    {
      method: 'get',
      path: '/reports/years',
      tag,
      summary: 'Les années des rapports et leurs versions officielles',
      access: 'reports.financial.read',
      response: { status: 200, description: 'Les années, de la plus récente à la plus ancienne', schema: z.array(ReportYearSummary) },
    },
    async ({ actor }) => {
      warmFor(actor);
      const [years, all] = await Promise.all([versions.years(), versions.list()]);
      return years.map((year) => ({ year, versions: all.filter((v) => v.year === year) }));
    },
  );

  // ---- Live data and draft documents ----
  api.add(
    {
      method: 'get',
      path: '/reports/:year/activity',
      tag,
      summary: 'Les données du rapport d’activité (données validées en direct)',
      description: 'Pour le bureau, les effectifs sensibles masqués dans les documents (secret statistique primaire et secondaire) valent null, comme dans les documents.',
      access: 'reports.activity.read',
      params: ReportYearParams,
      response: { status: 200, description: 'Les données du rapport', schema: ActivityReportData },
    },
    async ({ actor, params }) => {
      const data = await versions.liveActivity(params.year);
      return readsUnmaskedCounts(actor.role, false) ? data : maskActivityReportData(data);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/reports/:year/financial',
      tag,
      summary: 'Les données du bilan financier (en direct)',
      access: 'reports.financial.read',
      params: ReportYearParams,
      response: { status: 200, description: 'Les données du bilan', schema: FinancialReportData },
      errors: [404],
    },
    ({ params }) => versions.liveFinancial(params.year),
  );
  const draft = (file: ReportFile, access: 'reports.activity.read' | 'reports.financial.read', summary: string) =>
    api.add(
      {
        method: 'get',
        path: `/reports/:year/${file}`,
        tag,
        summary,
        description: 'Le brouillon : construit à chaque demande sur les données du moment (il change avec elles). Les versions officielles sont figées.',
        access,
        params: ReportYearParams,
        response: { status: 200, description: 'Le document', contentType: contentType(file) },
        errors: [404],
      },
      async ({ params, res }) => {
        const bytes = file.startsWith('activity')
          ? await (file.endsWith('.xlsx') ? builders.activityWorkbook : builders.activityPdf)(await versions.liveActivity(params.year))
          : await (file.endsWith('.xlsx') ? builders.financialWorkbook : builders.financialPdf)(await versions.liveFinancial(params.year));
        res.status(200).type(contentType(file)).attachment(`${fileStem(file)}-${params.year}-brouillon.${file.split('.')[1]}`).send(bytes);
      },
    );
  draft('activity.xlsx', 'reports.activity.read', 'Le rapport d’activité (brouillon, Excel)');
  draft('activity.pdf', 'reports.activity.read', 'Le rapport d’activité (brouillon, PDF)');
  draft('financial.xlsx', 'reports.financial.read', 'Le bilan financier (brouillon, Excel)');
  draft('financial.pdf', 'reports.financial.read', 'Le bilan financier (brouillon, PDF)');

  // ---- Narratives ----
  api.add(
    {
      method: 'get',
      path: '/reports/:year/narratives',
      tag,
      summary: 'Les textes des rapports de l’année, par section',
      access: 'reports.financial.read',
      params: ReportYearParams,
      response: { status: 200, description: 'Les textes enregistrés (une section sans texte n’y figure pas)', schema: z.array(ReportNarrative) },
    },
    async ({ actor, params }) => narratives.list(params.year, can(actor.role, 'reports.activity.read') ? undefined : 'financial'),
  );
  api.add(
    {
      method: 'put',
      path: '/reports/:year/narratives/:report/:section',
      tag,
      summary: 'Enregistrer le texte d’une section (sans version la première fois, avec la version lue ensuite)',
      access: 'reports.write',
      params: ReportNarrativeParams,
      body: PutReportNarrative,
      response: { status: 200, description: 'Le texte enregistré', schema: ReportNarrative },
      errors: [404, 409],
    },
    ({ actor, params, body }) => narratives.put(actor, params.year, params.report, params.section, body),
  );

  // ---- Official versions ----
  api.add(
    {
      method: 'get',
      path: '/reports/:year/versions',
      tag,
      summary: 'Les versions officielles de l’année, leur statut et qui a fait quoi quand',
      access: 'reports.financial.read',
      params: ReportYearParams,
      response: { status: 200, description: 'Les versions, la plus récente d’abord', schema: z.array(ReportVersion) },
    },
    ({ actor, params }) => {
      warmFor(actor);
      return versions.list(params.year);
    },
  );
  api.add(
    {
      method: 'post',
      path: '/reports/:year/versions',
      tag,
      summary: 'Générer la version officielle : instantané des données et des textes, quatre fichiers et leurs sha256',
      description: 'Les documents sont construits avant la transaction, qui reste courte ; un échec à n’importe quelle étape n’enregistre rien.',
      access: 'reports.write',
      params: ReportYearParams,
      response: { status: 201, description: 'La version créée (brouillon)', schema: ReportVersion },
      errors: [404, 409],
    },
    ({ actor, params }) => versions.generate(actor, params.year),
  );
  api.add(
    {
      method: 'get',
      path: '/reports/:year/versions/:number',
      tag,
      summary: 'Une version officielle',
      access: 'reports.financial.read',
      params: ReportVersionParams,
      response: { status: 200, description: 'La version', schema: ReportVersion },
      errors: [404],
    },
    ({ params }) => versions.get(params.year, params.number),
  );
  api.add(
    {
      method: 'post',
      path: '/reports/:year/versions/:number/present',
      tag,
      summary: 'Marquer la version présentée à l’assemblée générale',
      access: 'reports.write',
      params: ReportVersionParams,
      body: PresentReportVersion,
      response: { status: 200, description: 'La version', schema: ReportVersion },
      errors: [404, 409],
    },
    ({ actor, params, body }) => versions.present(actor, params.year, params.number, body.version),
  );
  api.add(
    {
      method: 'post',
      path: '/reports/:year/versions/:number/approve',
      tag,
      summary: 'Marquer la version approuvée par l’assemblée générale, par sa délibération (enregistrée dans la gouvernance) ; le certificat d’approbation est établi ; elle ne changera plus',
      access: 'reports.write',
      params: ReportVersionParams,
      body: ApproveReportVersion,
      response: { status: 200, description: 'La version approuvée', schema: ReportVersion },
      errors: [404, 409],
    },
    ({ actor, params, body }) => versions.approve(actor, params.year, params.number, body),
  );
  api.add(
    {
      method: 'post',
      path: '/reports/:year/versions/:number/supersede',
      tag,
      summary: 'Marquer la version remplacée (brouillon ou présentée)',
      access: 'reports.write',
      params: ReportVersionParams,
      body: SupersedeReportVersion,
      response: { status: 200, description: 'La version', schema: ReportVersion },
      errors: [404, 409],
    },
    ({ actor, params, body }) => versions.supersede(actor, params.year, params.number, body.version),
  );
  api.add(
    {
      method: 'get',
      path: '/reports/:year/versions/:number/files/:file',
      tag,
      summary: 'Un fichier d’une version officielle, octet pour octet celui enregistré (sha256 dans l’en-tête X-Content-SHA256)',
      access: 'reports.financial.read',
      narrowAccess: ({ params }) =>
        params.file.startsWith('activity') ? { capability: 'reports.activity.read', message: 'Le rapport d’activité est réservé à la coordination et au bureau.' } : undefined,
      params: ReportFileParams,
      response: { status: 200, description: 'Le document' },
      errors: [404],
    },
    async ({ params, res }) => {
      const { bytes, version } = await versions.file(params.year, params.number, params.file);
      res
        .status(200)
        .type(contentType(params.file))
        .set('X-Content-SHA256', version.files.find((f) => f.file === params.file)!.sha256)
        .attachment(`${fileStem(params.file)}-${params.year}-v${params.number}.${params.file.split('.')[1]}`)
        .send(bytes);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/reports/:year/versions/:number/certificate.pdf',
      tag,
      summary: 'Le certificat d’approbation d’une version approuvée (PDF établi une fois à l’approbation ; sha256 dans l’en-tête X-Content-SHA256)',
      access: 'reports.financial.read',
      params: ReportVersionParams,
      response: { status: 200, description: 'Le certificat (PDF)' },
      errors: [404],
    },
    async ({ params, res }) => {
      const { bytes, version } = await versions.certificate(params.year, params.number);
      res
        .status(200)
        .type('application/pdf')
        .set('X-Content-SHA256', version.certificate!.sha256)
        .attachment(`certificat-approbation-${params.year}-v${params.number}.pdf`)
        .send(bytes);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/reports/:year/versions/:number/verification',
      tag,
      summary: 'Preuve : reconstruire les quatre fichiers depuis l’instantané enregistré et les comparer aux fichiers enregistrés',
      access: 'reports.write',
      params: ReportVersionParams,
      response: { status: 200, description: 'Les empreintes enregistrées et reconstruites', schema: ReportVersionVerification },
      errors: [404],
    },
    ({ params }) => versions.verify(params.year, params.number),
  );
}

const fileStem = (file: ReportFile) => (file.startsWith('activity') ? 'rapport-activite' : 'bilan-financier');
