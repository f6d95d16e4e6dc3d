import type { FastifyInstance } from 'fastify';
import type { AuthServices } from '../auth/services.js';
import { registerAssetRoutes } from './assets.js';
import { registerShellRoutes, shellHandler } from './shell.js';

export { IMMUTABLE, resolveAsset } from './assets.js';
export { SPA_EXACT, SPA_PREFIXES } from './shell.js';
export { contentTypeOf } from './content-types.js';

/** Where the built web UI lives (the Vite output: index.html and assets/). */
export interface WebOptions { root: string }

/** Paths whose GET the server-rendered login module registers; with the web UI on, they answer with the shell instead. */
const TAKEN_OVER = new Set(['/', '/login']);

/**
 * Call on the public route context BEFORE the login page is registered: GET/HEAD `/` and `/login` then answer with
 * the web UI's index.html, while POST /login and POST /logout (the script-free form posts) keep working unchanged.
 */
export function takeOverLoginPages(app: FastifyInstance, web: WebOptions): void {
  const handler = shellHandler(web.root);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (TAKEN_OVER.has(route.url) && methods.every((m) => m === 'GET' || m === 'HEAD')) route.handler = handler;
  });
}

/** Public route module: /assets/* and the client-side routes of the web UI. */
export function webRoutes(web: WebOptions) {
  return (app: FastifyInstance, _svc: AuthServices): void => {
    registerAssetRoutes(app, web.root);
    registerShellRoutes(app, shellHandler(web.root));
  };
}
