/**
 * /api/files/ (reference §3, §8.5): multipart upload (`title` + one file in `content`), owner-scoped CRUD, and
 * GET /api/files/{id}/download streaming the owner's file as an attachment. Files are stored under DELVE_MEDIA_ROOT
 * with random generated names (0600 in a 0700 directory); titles are labels only, unique per owner.
 * @fastify/multipart is registered only inside this plugin (limits: DELVE_MAX_UPLOAD_SIZE, one file, small fields).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DelveError, isDelveError } from '../../../errors.js';
import {
  createFileRecord, deleteFileRecord, getOwnFile, listOwnFiles, openStoredFile, removeStoredFile, updateFileRecord, writeStoredFile, type FileRecord,
} from '../../../query/saved/index.js';
import type { AuthServices } from '../../auth/services.js';
import { envelope, pageOf } from '../page-envelope.js';
import { ID_PARAMS, LIST_QUERY, notFound, ownerWith, READ, type IdParams, type PageQs } from './common.js';

const MULTIPART_ERRORS: Record<string, () => DelveError> = {
  FST_REQ_FILE_TOO_LARGE: () => new DelveError('DLV_FILE_TOO_LARGE', 'The file is larger than DELVE_MAX_UPLOAD_SIZE.', { field: 'content' }),
  FST_FILES_LIMIT: () => new DelveError('DLV_FILE_UPLOAD_INVALID', 'Send exactly one file (in the `content` field).', { field: 'content' }),
  FST_PARTS_LIMIT: () => new DelveError('DLV_FILE_UPLOAD_INVALID', 'Too many form fields: send `title` and `content` only.'),
  FST_FIELDS_LIMIT: () => new DelveError('DLV_FILE_UPLOAD_INVALID', 'Too many form fields: send `title` and `content` only.'),
  FST_PROTO_VIOLATION: () => new DelveError('DLV_FILE_UPLOAD_INVALID', 'Invalid form field name.'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => new DelveError('DLV_FILE_UPLOAD_INVALID', 'Upload files as multipart/form-data with `title` and `content` fields.'),
  FST_MP_PREMATURE_CLOSE: () => new DelveError('DLV_FILE_UPLOAD_INVALID', 'The upload was interrupted.'),
};

function mapError(e: unknown): unknown {
  if (isDelveError(e)) return e;
  const code = (e as { code?: string }).code ?? '';
  return MULTIPART_ERRORS[code]?.() ?? e;
}

/** The public shape: `{id, created, modified, title, size, content: absolute download URL}`. */
function publicFile(req: FastifyRequest, f: FileRecord): Record<string, unknown> {
  return { id: f.id, created: f.created, modified: f.modified, title: f.title, size: f.size, content: `${req.protocol}://${req.host}/api/files/${f.id}/download` };
}

interface Upload { title?: string; stored?: { storedName: string; size: number } }

/** Reads the multipart body: the file is streamed to disk as it arrives; the title may come before or after it. */
async function readUpload(req: FastifyRequest, mediaRoot: string, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart()) throw MULTIPART_ERRORS.FST_INVALID_MULTIPART_CONTENT_TYPE!();
  const out: Upload = {};
  const drop = async () => { if (out.stored) await removeStoredFile(mediaRoot, out.stored.storedName); };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'content' || out.stored) {
          part.file.resume();
          throw new DelveError('DLV_FILE_UPLOAD_INVALID', 'Send exactly one file, in the `content` field.', { field: 'content' });
        }
        out.stored = await writeStoredFile(mediaRoot, part.file, maxBytes);
      } else if (part.fieldname === 'title') {
        if (part.valueTruncated || typeof part.value !== 'string') throw new DelveError('DLV_SAVED_INVALID', 'title must be at most 1024 characters.', { field: 'title' });
        out.title = part.value;
      } else {
        throw new DelveError('DLV_FILE_UPLOAD_INVALID', `Unexpected form field "${part.fieldname.slice(0, 50)}": send \`title\` and \`content\` only.`);
      }
    }
  } catch (e) {
    await drop();
    throw mapError(e);
  }
  return out;
}

export async function registerFileRoutes(app: FastifyInstance, svc: AuthServices): Promise<void> {
  const mediaRoot = svc.settings.DELVE_MEDIA_ROOT;
  const maxBytes = svc.settings.DELVE_MAX_UPLOAD_SIZE;
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 4 * 1024, fieldNameSize: 100, headerPairs: 50 },
    });

    scope.get<{ Querystring: PageQs }>('/api/files/', { config: READ, schema: { querystring: LIST_QUERY } }, async (req) => {
      const uid = await ownerWith(svc, req, 'view_file');
      const page = pageOf(req.query);
      const { count, results } = await listOwnFiles(svc.store, uid, page);
      return envelope(req, page, count, results.map((f) => publicFile(req, f)));
    });

    scope.post('/api/files/', async (req, reply) => {
      const uid = await ownerWith(svc, req, 'add_file');
      const up = await readUpload(req, mediaRoot, maxBytes);
      if (!up.stored) throw new DelveError('DLV_FILE_UPLOAD_INVALID', 'The `content` file is missing.', { field: 'content' });
      if (up.title === undefined) {
        await removeStoredFile(mediaRoot, up.stored.storedName);
        throw new DelveError('DLV_SAVED_INVALID', 'title is required.', { field: 'title' });
      }
      const f = await createFileRecord(svc.store, mediaRoot, uid, up.title, up.stored);
      return reply.code(201).send(publicFile(req, f));
    });

    scope.get<{ Params: IdParams }>('/api/files/:id/', { config: READ, schema: { params: ID_PARAMS } }, async (req) => {
      const f = await getOwnFile(svc.store, await ownerWith(svc, req, 'view_file'), req.params.id);
      if (!f) throw notFound('file');
      return publicFile(req, f);
    });

    const update = async (req: FastifyRequest<{ Params: IdParams }>) => {
      const uid = await ownerWith(svc, req, 'change_file');
      if (!(await getOwnFile(svc.store, uid, req.params.id))) throw notFound('file');
      let patch: Upload;
      if (req.isMultipart()) patch = await readUpload(req, mediaRoot, maxBytes);
      else {
        const b = req.body as { title?: unknown } | undefined;
        if (typeof b?.title !== 'string') throw new DelveError('DLV_SAVED_INVALID', 'title is required (or send multipart with `content`).', { field: 'title' });
        patch = { title: b.title };
      }
      const f = await updateFileRecord(svc.store, mediaRoot, uid, req.params.id, patch);
      if (!f) throw notFound('file');
      return publicFile(req, f);
    };
    scope.put<{ Params: IdParams }>('/api/files/:id/', { schema: { params: ID_PARAMS } }, update);
    scope.patch<{ Params: IdParams }>('/api/files/:id/', { schema: { params: ID_PARAMS } }, update);

    scope.delete<{ Params: IdParams }>('/api/files/:id/', { schema: { params: ID_PARAMS } }, async (req, reply) => {
      if (!(await deleteFileRecord(svc.store, mediaRoot, await ownerWith(svc, req, 'delete_file'), req.params.id))) throw notFound('file');
      return reply.code(204).send();
    });

    const download = async (req: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply) => {
      const f = await getOwnFile(svc.store, await ownerWith(svc, req, 'view_file'), req.params.id);
      if (!f) throw notFound('file');
      const ascii = f.title.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', 'application/octet-stream')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.title)}`)
        .header('content-length', String(f.size))
        .header('cache-control', 'private, no-store')
        .send(openStoredFile(mediaRoot, f));
    };
    scope.get<{ Params: IdParams }>('/api/files/:id/download', { config: READ, schema: { params: ID_PARAMS } }, download);
    scope.get<{ Params: IdParams }>('/api/files/:id/download/', { config: READ, schema: { params: ID_PARAMS } }, download);
  });
}
