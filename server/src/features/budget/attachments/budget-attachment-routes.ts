import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, AttachmentUploadQuery, BudgetAttachment, IdParams, WithdrawAttachment, type AttachmentEntityType } from '@cn2r/shared';
import { AppError } from '../../../errors/http-errors.js';
import type { ApiRouter } from '../../../http/api-router.js';
import { sendStoredFile } from '../../../http/stored-file.js';
import { staffView } from '../personnel-disclosure.js';
import type { BudgetAttachmentService } from './budget-attachment-service.js';

const ENTITIES: readonly { type: AttachmentEntityType; path: string; of: string }[] = [
  { type: 'commitment', path: 'commitments', of: 'd’un engagement' },
  { type: 'payment', path: 'payments', of: 'd’un paiement' },
  { type: 'decision', path: 'decisions', of: 'd’une décision budgétaire' },
  { type: 'receipt', path: 'receipts', of: 'd’une recette encaissée' },
];

/**
 * Supporting documents (pièces justificatives) of commitments, payments and decisions: upload (the
 * file as the raw body, its name in `?fileName=`), list, download; no delete — a document attached
 * by mistake is withdrawn with a reason and stays stored (GBCP: nothing is deleted).
 */
export function registerBudgetAttachmentRoutes(api: ApiRouter, attachments: BudgetAttachmentService): void {
  const tag = 'Budget';

  for (const entity of ENTITIES) {
    api.add(
      {
        method: 'get',
        path: `/budget/${entity.path}/:id/attachments`,
        tag,
        summary: `Lister les pièces justificatives ${entity.of} (retirées comprises)`,
        access: 'budget.read',
        params: IdParams,
        response: { status: 200, description: 'Les pièces, par date d’ajout', schema: z.array(BudgetAttachment) },
        errors: [404],
      },
      async ({ actor, params }) => {
        await attachments.assertReadable(staffView(actor), entity.type, params.id);
        return attachments.list(entity.type, params.id);
      },
    );
    api.add(
      {
        method: 'post',
        path: `/budget/${entity.path}/:id/attachments`,
        tag,
        summary: `Joindre une pièce justificative ${entity.of} (PDF, PNG ou JPEG, 5 Mo au plus)`,
        description:
          'Corps : le fichier brut, avec son Content-Type ; son nom dans `?fileName=`. Le type est vérifié sur les premiers octets du fichier (et doit correspondre au Content-Type et à l’extension) ; l’empreinte SHA-256 est enregistrée. Refusé sur un exercice clos.',
        access: 'budget.write',
        params: IdParams,
        query: AttachmentUploadQuery,
        upload: { contentTypes: ATTACHMENT_TYPES, maxBytes: ATTACHMENT_MAX_BYTES, description: 'Un PDF ou une image PNG ou JPEG, 5 Mo au plus.' },
        response: { status: 201, description: 'La pièce enregistrée', schema: BudgetAttachment },
        errors: [404, 409],
      },
      ({ actor, params, query, req }) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError(415, 'unsupported_media_type', `Envoyez le fichier lui-même, avec l’en-tête Content-Type ${ATTACHMENT_TYPES.join(', ')}.`);
        }
        const declaredType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        return attachments.upload(actor, entity.type, params.id, { fileName: query.fileName, declaredType, bytes: req.body });
      },
    );
  }

  api.add(
    {
      method: 'get',
      path: '/budget/attachments/:id',
      tag,
      summary: 'Télécharger une pièce justificative (son type, son nom, jamais interprétée par le navigateur)',
      access: 'budget.read',
      params: IdParams,
      response: { status: 200, description: 'Le fichier', contentType: ATTACHMENT_TYPES.join(', ') },
      errors: [404],
    },
    async ({ actor, params, res }) => {
      const { attachment, bytes } = await attachments.download(params.id);
      await attachments.assertReadable(staffView(actor), attachment.entityType, attachment.entityId);
      sendStoredFile(res, { mediaType: attachment.mediaType, fileName: attachment.fileName, bytes });
    },
  );

  api.add(
    {
      method: 'post',
      path: '/budget/attachments/:id/withdrawal',
      tag,
      summary: 'Retirer une pièce jointe par erreur, avec un motif : elle reste conservée et consultable, marquée retirée',
      access: 'budget.write',
      params: IdParams,
      body: WithdrawAttachment,
      response: { status: 200, description: 'La pièce, retirée', schema: BudgetAttachment },
      errors: [404, 409],
    },
    ({ actor, params, body }) => attachments.withdraw(actor, params.id, body.reason),
  );
}
