import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditPage, AuditQuery } from '@cn2r/shared';
import { buildAuditCsv } from '@cn2r/reports';
import type { ApiRouter } from '../../http/api-router.js';
import type { Clock } from '../../clock.js';
import type { AuditService } from './audit-service.js';

export function registerAuditRoutes(api: ApiRouter, audit: AuditService, clock: Clock): void {
  api.add(
    {
      method: 'get',
      path: '/audit',
      tag: 'Journal d’audit',
      summary: 'Parcourir le journal d’audit (filtres, pagination, plus récent d’abord)',
      access: 'audit.read',
      query: AuditQuery,
      response: { status: 200, description: 'Une page du journal', schema: AuditPage },
    },
    ({ query }) => audit.page(query),
  );

  api.add(
    {
      method: 'get',
      path: '/audit.csv',
      tag: 'Journal d’audit',
      summary: 'Exporter le journal d’audit filtré en CSV (séparateur « ; », UTF-8)',
      access: 'audit.read',
      query: AuditQuery,
      response: { status: 200, description: 'Fichier CSV', contentType: 'text/csv' },
    },
    async ({ query, res }) => {
      const stamp = clock.today();
      res.status(200);
      res.type('text/csv; charset=utf-8');
      res.attachment(`journal-audit-${stamp}.csv`);
      await pipeline(Readable.from(buildAuditCsv(audit.all(query))), res);
    },
  );
}
