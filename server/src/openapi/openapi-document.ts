import { ApiErrorBody, ROLE_VALUES, isPublic, limitedToOwnUnits, rolesFor } from '@cn2r/shared';
import { z } from 'zod';
import { describeAccess, type RouteSpec } from '../http/api-router.js';

type JsonSchema = Record<string, unknown>;

const errorDescriptions: Record<number, string> = {
  400: 'Requête mal formée (JSON invalide)',
  401: 'Non connecté ou session expirée',
  403: 'Rôle ou périmètre insuffisant, ou jeton CSRF absent',
  404: 'Introuvable',
  409: 'Conflit (version périmée, doublon, données liées)',
  413: 'Contenu trop volumineux',
  415: 'Corps non JSON',
  422: 'Valeurs invalides ; `fields` nomme chaque champ',
  429: 'Trop de tentatives (en-tête Retry-After)',
};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Path and query parameters from an object schema, one OpenAPI parameter per property. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

/** The OpenAPI 3.1 document, generated from the route table and the shared zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteSpec[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorRef = { $ref: '#/components/schemas/ApiError' };

  for (const route of routes) {
    const path = '/api' + route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const statuses = new Set<number>(route.errors ?? []);
    if (!isPublic(route.access)) statuses.add(401);
    if ((!isPublic(route.access) && rolesFor(route.access).length < ROLE_VALUES.length) || route.unitScope) statuses.add(403);
    if (route.method !== 'get') statuses.add(403);
    if (route.params || route.query || route.body) statuses.add(422);
    if (route.body) [400, 415].forEach((s) => statuses.add(s));
    if (route.upload) [413, 415, 422].forEach((s) => statuses.add(s));

    const responses: Record<string, JsonSchema> = {
      [route.response.status]: {
        description: route.response.description,
        ...(route.response.schema
          ? { content: { 'application/json': { schema: schemaOf(route.response.schema, 'output') } } }
          : route.response.contentType
            ? { content: { [route.response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      },
    };
    for (const status of [...statuses].sort()) {
      const description = status === 415 && route.upload ? `Type de contenu non accepté : ${route.upload.contentTypes.join(' ou ')}` : errorDescriptions[status];
      responses[status] = { description, content: { 'application/json': { schema: errorRef } } };
    }

    paths[path] ??= {};
    paths[path][route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description: [route.description, `**Accès :** ${describeAccess(route.access)}.`]
        .filter(Boolean)
        .join('\n\n'),
      'x-capability': route.access,
      'x-required-roles': isPublic(route.access) ? 'public' : rolesFor(route.access),
      ...(limitedToOwnUnits('unit_lead', route.access) ? { 'x-own-units-only': true } : {}),
      ...(isPublic(route.access) ? { security: [] } : {}),
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
        : route.upload
          ? {
              requestBody: {
                required: true,
                description: route.upload.description,
                content: Object.fromEntries(route.upload.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary', maxLength: route.upload!.maxBytes } }])),
              },
            }
          : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'CN2R Pilotage — API',
      version,
      description:
        'API du tableau de bord du CN2R. Authentification par cookie de session (`POST /api/auth/login`). ' +
        'Toute requête qui modifie un état doit renvoyer la valeur du cookie `XSRF-TOKEN` dans l’en-tête `X-XSRF-TOKEN`. ' +
        'Erreurs : `{ "error": { "code", "message", "fields"? } }`, messages en français.',
    },
    servers: [{ url: '/' }],
    security: [{ sessionCookie: [] }],
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'cn2r_session' },
        csrfHeader: { type: 'apiKey', in: 'header', name: 'X-XSRF-TOKEN' },
      },
      schemas: { ApiError: schemaOf(ApiErrorBody, 'output') },
    },
    paths,
  };
}
