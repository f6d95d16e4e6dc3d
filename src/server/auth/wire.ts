import type { FastifyInstance } from 'fastify';
import { registerLoginApi } from '../routes/auth/login.js';
import { registerLoginPage } from '../routes/auth/login-page.js';
import { registerSessionRoutes } from '../routes/auth/session-routes.js';
import { registerApiRoot } from '../routes/root.js';
import { registerTokenRoutes } from '../routes/tokens.js';
import { authenticateHook } from './authenticate.js';
import type { AuthServices } from './services.js';

/** Extra route modules registered behind authentication (users, groups, audit, events, query...). */
export type RouteModule = (app: FastifyInstance, svc: AuthServices) => void | Promise<void>;

/** Public routes: /login, /logout (form), /, /api/auth/login, plus extra public modules (password reset). */
export function publicRoutes(svc: AuthServices, extra: RouteModule[] = []) {
  return async (app: FastifyInstance): Promise<void> => {
    registerLoginApi(app, svc);
    await app.register(async (forms) => registerLoginPage(forms, svc));
    for (const m of extra) await m(app, svc);
  };
}

/** Everything under the authentication hook. */
export function protectedRoutes(svc: AuthServices, extra: RouteModule[] = [], endpoints: string[] = []) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', authenticateHook(svc));
    registerApiRoot(app, ['auth', 'tokens', ...endpoints]);
    registerSessionRoutes(app, svc);
    registerTokenRoutes(app, svc);
    for (const m of extra) await m(app, svc);
  };
}
