/**
 * The EventAppender of the query runtime (make_events --save, request --save-event): stores events through the
 * server's ingest pipeline (validation, size limits, extraction, processors, group commit) as the caller, with
 * their index write ACL; resolves after COMMIT. All-or-nothing: one invalid event stores none.
 */
import type { User } from '../../auth/users.js';
import { DelveError } from '../../errors.js';
import type { IngestPipeline } from '../../ingest/pipeline.js';
import type { EventAppender } from './types.js';

/** An appender over `pipeline`; `canWrite` is the caller's index write check. */
export function pipelineAppender(pipeline: IngestPipeline, canWrite: (index: string) => boolean): EventAppender {
  return {
    async append(user: User, events) {
      const out = await pipeline.ingestItems(events, { userId: user.id, canWrite }, false);
      if (out.failure) throw out.failure;
      const first = out.errors[0];
      if (first) {
        throw new DelveError(first.code, `Event ${first.position + 1} was not stored: ${first.message}`, first.field ? { field: first.field } : {});
      }
      return { ids: out.ids };
    },
  };
}
