import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  conferenceListSchema,
  conferenceParticipantPatchSchema,
  conferencePatchSchema,
  conferenceSchema,
  newConferenceParticipantSchema,
  newConferenceSchema,
  type ConferenceParticipantPatch,
  type ConferencePatch,
  type NewConference,
  type NewConferenceParticipant,
} from '../../../../src-preload/contract/conferences';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { ConferenceService } from './conference-service';

const error = jsonSchemaOf(apiErrorSchema, 'output');
const errors = { 400: error, 401: error, 403: error, 404: error, 409: error };
const bearer = [{ bearerAuth: [] }];
const tags = ['conferences'];
const conference = { 200: jsonSchemaOf(conferenceSchema, 'output'), ...errors };
const roomParams = jsonSchemaOf(z.object({ id: z.coerce.number().int().positive() }));
const participantParams = jsonSchemaOf(
  z.object({ id: z.coerce.number().int().positive(), pid: z.coerce.number().int().positive() }),
);

type Room = { Params: { id: number } };
type Member = { Params: { id: number; pid: number } };

/**
 * Conference routes on /api/v1 (SPEC I1–I4; wire types in
 * src-preload/contract/conferences): the caller's own rooms only.
 * Authentication runs before validation.
 */
export async function registerConferenceRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const service = new ConferenceService(ctx);
  const { preValidation, caller } = createCallerAuth(ctx);
  const me = (request: Parameters<typeof caller>[0]): number => caller(request).accountId;

  api.get(
    '/conferences',
    {
      preValidation,
      schema: {
        summary: "The caller's conferences, active ones first (SPEC I6)",
        tags,
        security: bearer,
        response: { 200: jsonSchemaOf(conferenceListSchema, 'output'), ...errors },
      },
    },
    async (request) => service.list(me(request)),
  );

  api.post<{ Body: NewConference }>(
    '/conferences',
    {
      preValidation,
      schema: {
        summary: 'A new permanent conference; the caller is its moderator (SPEC I1)',
        tags,
        security: bearer,
        body: jsonSchemaOf(newConferenceSchema),
        response: conference,
      },
    },
    async (request) => service.create(me(request), request.body),
  );

  api.get<Room>(
    '/conferences/:id',
    {
      preValidation,
      schema: { summary: 'One conference', tags, security: bearer, params: roomParams, response: conference },
    },
    async (request) => service.get(me(request), request.params.id),
  );

  api.patch<Room & { Body: ConferencePatch }>(
    '/conferences/:id',
    {
      preValidation,
      schema: {
        summary: 'Rename, allow or forbid the guest PIN (moderators)',
        tags,
        security: bearer,
        params: roomParams,
        body: jsonSchemaOf(conferencePatchSchema),
        response: conference,
      },
    },
    async (request) => service.patch(me(request), request.params.id, request.body),
  );

  api.delete<Room>(
    '/conferences/:id',
    {
      preValidation,
      schema: {
        summary: 'Delete a conference (moderators)',
        tags,
        security: bearer,
        params: roomParams,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(me(request), request.params.id);
      return reply.code(204).send();
    },
  );

  api.post<Room & { Body: NewConferenceParticipant }>(
    '/conferences/:id/participants',
    {
      preValidation,
      schema: {
        summary: 'Add a colleague or an external participant (moderators)',
        tags,
        security: bearer,
        params: roomParams,
        body: jsonSchemaOf(newConferenceParticipantSchema),
        response: conference,
      },
    },
    async (request) => service.addParticipant(me(request), request.params.id, request.body),
  );

  api.patch<Member & { Body: ConferenceParticipantPatch }>(
    '/conferences/:id/participants/:pid',
    {
      preValidation,
      schema: {
        summary: "Make a colleague moderator, or drop a moderator's role (moderators; one stays)",
        tags,
        security: bearer,
        params: participantParams,
        body: jsonSchemaOf(conferenceParticipantPatchSchema),
        response: conference,
      },
    },
    async (request) => service.setModerator(me(request), request.params.id, request.params.pid, request.body.moderator),
  );

  api.post<Member>(
    '/conferences/:id/participants/:pid/disconnect',
    {
      preValidation,
      schema: {
        summary: 'Disconnect a participant from the room now; they may dial in again (moderators)',
        tags,
        security: bearer,
        params: participantParams,
        response: conference,
      },
    },
    async (request) => service.disconnect(me(request), request.params.id, request.params.pid),
  );

  api.post<Room>(
    '/conferences/:id/end',
    {
      preValidation,
      schema: {
        summary: 'End the conference: everyone in the room is hung up (moderators)',
        tags,
        security: bearer,
        params: roomParams,
        response: conference,
      },
    },
    async (request) => service.end(me(request), request.params.id),
  );

  api.delete<Member>(
    '/conferences/:id/participants/:pid',
    {
      preValidation,
      schema: {
        summary: 'Remove a participant (moderators)',
        tags,
        security: bearer,
        params: participantParams,
        response: conference,
      },
    },
    async (request) => service.removeParticipant(me(request), request.params.id, request.params.pid),
  );
}
