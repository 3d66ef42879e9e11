import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import { PASSWORD_MAX_LENGTH } from '../../core/passwords.js';
import { IdParams, IsoTimestamp, Nullable, problemResponses, StringEnum } from '../../core/schemas.js';
import {
  confirmOwnEnrolment,
  disableOwnSecondFactor,
  getOwnSecondFactor,
  getUserSecondFactor,
  regenerateRecoveryCodes,
  resetUserSecondFactor,
  startOwnEnrolment,
} from './service.js';

export const EnrolmentSchema = Type.Object({
  otpauthUri: Type.String({ description: 'otpauth://totp/… for the QR code' }),
  secret: Type.String({ description: 'The secret in base32, for entering it by hand' }),
});

export const RecoveryCodesSchema = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Ten one-time codes; shown only this once' }),
});

const SecondFactorSchema = Type.Object({
  status: StringEnum(['none', 'pending', 'confirmed'] as const),
  confirmedAt: Nullable(IsoTimestamp),
  recoveryCodesLeft: Type.Integer(),
  requiredByOrganisation: Type.Boolean(),
});

const Code = Type.String({ minLength: 1, maxLength: 12, description: 'Six digits from the app' });

/** Either the password or a current code confirms that the person at the keyboard is the account's owner. */
const ReauthBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH })),
    code: Type.Optional(Code),
  },
  { additionalProperties: false },
);

export async function secondFactorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Second factor'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());

  r.get(
    '/api/auth/second-factor',
    {
      schema: {
        tags,
        summary: 'The own second factor: set up or not, recovery codes left, required by the organisation',
        response: { 200: SecondFactorSchema, ...problemResponses(401) },
      },
    },
    async (request) => getOwnSecondFactor(deps, ctx(request)),
  );

  r.post(
    '/api/auth/second-factor',
    {
      schema: {
        tags,
        summary: 'Start setting up an authenticator app: a new secret, pending until confirmed with a code',
        response: { 200: EnrolmentSchema, ...problemResponses(401, 403, 409) },
      },
    },
    async (request) => startOwnEnrolment(deps, ctx(request)),
  );

  r.post(
    '/api/auth/second-factor/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the set-up with a code from the app; answers the recovery codes (shown once)',
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: RecoveryCodesSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => confirmOwnEnrolment(deps, ctx(request), request.body.code),
  );

  r.post(
    '/api/auth/second-factor/disable',
    {
      schema: {
        tags,
        summary:
          'Switch the own second factor off (password or current code); not when the organisation requires it',
        body: ReauthBody,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await disableOwnSecondFactor(deps, ctx(request), request.body);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/second-factor/recovery-codes',
    {
      schema: {
        tags,
        summary: 'New recovery codes (password or current code); the old ones stop working',
        body: ReauthBody,
        response: { 200: RecoveryCodesSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => regenerateRecoveryCodes(deps, ctx(request), request.body),
  );

  r.get(
    '/api/users/:id/second-factor',
    {
      schema: {
        tags,
        summary: "A user's second factor (org admin)",
        params: IdParams,
        response: { 200: SecondFactorSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => getUserSecondFactor(deps, ctx(request), request.params.id),
  );

  r.delete(
    '/api/users/:id/second-factor',
    {
      schema: {
        tags,
        summary: "Reset a user's second factor, e.g. after a lost phone (org admin); their sessions end",
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await resetUserSecondFactor(deps, ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
