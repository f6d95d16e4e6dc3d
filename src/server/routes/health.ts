import type { FastifyInstance } from 'fastify';
import type { Store } from '../../storage/index.js';

export interface ReadinessProbe {
  name: string;
  check(): { ok: boolean; details?: Record<string, unknown> };
}

/** `/healthz` (process up) and `/readyz` (database reachable, migrations applied, plus extra probes) — no authentication. */
export function registerHealthRoutes(app: FastifyInstance, store: Store, probes: ReadinessProbe[] = []): void {
  let migrationsApplied = false;
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (_req, reply) => {
    const checks: Record<string, unknown> = {};
    let ok = true;
    try {
      store.sqlite.prepare('SELECT 1').get();
      checks.database = 'ok';
    } catch {
      checks.database = 'unreachable';
      ok = false;
    }
    if (ok && !migrationsApplied) {
      const pending = await store.pendingMigrations();
      migrationsApplied = pending.length === 0;
      if (!migrationsApplied) checks.pending_migrations = pending;
    }
    checks.migrations = migrationsApplied ? 'ok' : 'pending';
    ok &&= migrationsApplied;
    for (const p of probes) {
      const r = p.check();
      checks[p.name] = r.details ?? (r.ok ? 'ok' : 'failing');
      ok &&= r.ok;
    }
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
  });
}
