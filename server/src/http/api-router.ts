import express, { type Request, type Response, type Router } from 'express';
import { can, describeCapability, isPublic, roleLabels, type Capability, formatMessage } from '@cn2r/shared';
import { z } from 'zod';
import { AppError, ForbiddenError, UnauthorizedError } from '../errors/http-errors.js';
import { canAccessUnit, type Actor } from '../features/auth/actor.js';

/**
 * Who may call a route: a capability of the shared map (`shared/src/auth/capabilities.ts`), which
 * names the roles holding it (or `anyone`, signed in or not) and whether a unit lead is limited to
 * their own units. There is no default: every route states its capability, so a route cannot be
 * added without one.
 */
export type Access = Capability;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
/** What a route answers with; see `RouteSpec.response`. */
export interface ResponseSpec {
  readonly status: number;
  readonly description: string;
  /**
   * The JSON body's schema, for the OpenAPI document (which shows its output shape): the handler
   * must return `z.output<schema>`, checked at compile time, so the document cannot drift from
   * what the handler returns (`Reply`).
   */
  readonly schema?: Schema;
  /** Defaults to JSON; set for CSV or HTML answers. */
  readonly contentType?: string;
  /**
   * The handler writes the answer itself through `res` (a status that depends on the outcome, a
   * file): it returns nothing, and `schema`, if set, only documents the JSON it writes.
   */
  readonly raw?: true;
}

/**
 * What a handler returns for its route's response: the schema's output for a JSON answer, which
 * `res.json` serialises as is; nothing for a route without a schema (204, or a file, CSV or PDF the
 * handler writes through `res`) or a `raw` one.
 */
export type Reply<R extends ResponseSpec> = R extends { readonly raw: true } ? void : R extends { readonly schema: infer S extends Schema } ? z.output<S> : void;

export interface RouteSpec<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends ResponseSpec = ResponseSpec,
> {
  readonly method: HttpMethod;
  /** Express-style path under the API router, e.g. `/units/:id`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly access: Access;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The success answer (other statuses follow from the rest of the spec and `errors`). */
  readonly response: R;
  /**
   * The route takes a file as its raw body (not JSON): these media types, up to `maxBytes`. The
   * handler reads the bytes in `req.body` (a Buffer; anything else means another media type).
   * Every other route with a body takes JSON only (415 otherwise).
   */
  readonly upload?: { readonly contentTypes: readonly string[]; readonly maxBytes: number; readonly description: string };
  /** Statuses this route may answer besides the generic ones (401, 403, 422 follow from the spec). */
  readonly errors?: readonly (404 | 409 | 429)[];
  /**
   * The unit ids a request touches, from its path or query: a unit lead must hold every one of
   * them. Checked before the body is read, so an out-of-scope request learns nothing from it.
   */
  readonly unitScope?: (input: { params: Out<P>; query: Out<Q> }) => readonly number[];
  /**
   * A stricter capability that depends on the parsed path or query (a version's activity-report
   * files need `reports.activity.read` besides the route's rule), with the French refusal: checked
   * after parsing, before the unit scope and the body. The access test reads it too.
   */
  readonly narrowAccess?: (input: { params: Out<P>; query: Out<Q> }) => { readonly capability: Capability; readonly message: string } | undefined;
}

export interface HandlerContext<P, Q, B> {
  readonly req: Request;
  readonly res: Response;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The signed-in user; routes that are not public always have one. */
  readonly actor: Actor;
}

export type Handler<P, Q, B, T = unknown> = (ctx: HandlerContext<P, Q, B>) => Promise<T> | T;

/** Outside production, every JSON answer is parsed with its schema, so a drift fails the tests. */
const checkReplies = process.env.NODE_ENV !== 'production';

/** Paths of the keys a parse stripped: fields a handler returns that its schema does not declare. */
function strippedKeys(sent: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((item, i) => strippedKeys(item, kept[i], `${path}[${i}]`));
  if (!sent || !kept || typeof sent !== 'object' || typeof kept !== 'object' || sent instanceof Date) return [];
  return Object.entries(sent).flatMap(([key, value]) =>
    value === undefined ? [] : key in kept ? strippedKeys(value, (kept as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

function assertReply(spec: Pick<RouteSpec, 'method' | 'path' | 'response'>, result: unknown): void {
  const parsed = spec.response.schema!.safeParse(result);
  const problem = parsed.success ? strippedKeys(result, parsed.data).slice(0, 5).map((key) => `champ non déclaré ${key}`).join(', ') : z.prettifyError(parsed.error);
  if (problem) throw new Error(`${spec.method.toUpperCase()} ${spec.path} : la réponse ne suit pas son schéma : ${problem}`);
}

/**
 * Outside production, checks a JSON answer against its route's schema: for a `raw` route that
 * writes JSON it keeps (the dashboards serve a cached text), called when the JSON is computed.
 */
export function checkReply(spec: Pick<RouteSpec, 'method' | 'path' | 'response'>, result: unknown): void {
  if (checkReplies && spec.response.schema) assertReply(spec, result);
}

const hasBody = (req: Request) => Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

function assertScope(actor: Actor, unitIds: readonly number[]): void {
  if (unitIds.some((unitId) => !canAccessUnit(actor, unitId))) {
    throw new ForbiddenError(formatMessage('access.unit_out_of_scope'));
  }
}

export function describeAccess(access: Access): string {
  return describeCapability(access, (role) => roleLabels[role]);
}

/**
 * The API's route table. `add` is the only way to register a route: it checks the session and the
 * role, parses params, query and body with the shared zod schemas, checks the unit scope, runs the
 * handler and answers with the status of the spec. The same table generates the OpenAPI document
 * and drives the access-control tests.
 */
export class ApiRouter {
  readonly router: Router = express.Router();
  readonly routes: RouteSpec[] = [];

  add<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined, const R extends ResponseSpec = ResponseSpec>(
    spec: RouteSpec<P, Q, B, R>,
    handler: Handler<Out<P>, Out<Q>, Out<B>, Reply<R>>,
  ): void {
    this.routes.push(spec as RouteSpec);
    const readUpload = spec.upload && express.raw({ type: [...spec.upload.contentTypes], limit: spec.upload.maxBytes });
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const actor = req.actor;
      if (!isPublic(spec.access)) {
        if (!actor) throw new UnauthorizedError();
        if (!can(actor.role, spec.access)) throw new ForbiddenError();
      }
      const params = (spec.params ? spec.params.parse(req.params) : undefined) as Out<P>;
      const query = (spec.query ? spec.query.parse(req.query) : undefined) as Out<Q>;
      const narrowed = spec.narrowAccess?.({ params, query });
      if (narrowed && !can(actor?.role, narrowed.capability)) throw new ForbiddenError(narrowed.message);
      if (spec.unitScope && actor) assertScope(actor, spec.unitScope({ params, query }));
      if (!spec.upload && hasBody(req) && !req.is('application/json')) throw new AppError(415, 'unsupported_media_type');
      const body = (spec.body ? spec.body.parse(req.body ?? {}) : undefined) as Out<B>;
      // A file upload is read only once the caller is known to be allowed.
      if (readUpload) await new Promise<void>((resolve, reject) => readUpload(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
      const result = await handler({ req, res, params, query, body, actor: actor as Actor });
      if (res.headersSent) return;
      if (checkReplies && spec.response.schema && !spec.response.raw && result !== undefined) assertReply(spec as RouteSpec, result);
      if (spec.response.status === 204 || result === undefined) {
        res.status(spec.response.status).end();
      } else {
        res.status(spec.response.status).json(result);
      }
    });
  }
}
