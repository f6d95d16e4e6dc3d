/** Django-style permissions: `<action>_<model>` codenames (DESIGN §4.5). */
export const MODELS = ['event', 'query', 'context', 'file', 'user', 'group', 'token'] as const;
export const ACTIONS = ['view', 'add', 'change', 'delete'] as const;
export type Model = (typeof MODELS)[number];
export type Action = (typeof ACTIONS)[number];

export const codename = (action: Action, model: Model): string => `${action}_${model}`;

export const ALL_PERMISSIONS = MODELS.flatMap((model) => ACTIONS.map((action) => ({ codename: codename(action, model), action, model, name: `Can ${action} ${model}` })));

/** The default group every new user joins: CRUD on their own events, queries, contexts and files. */
export const DEFAULT_GROUP = {
  name: 'Users',
  permissions: (['event', 'query', 'context', 'file'] as const).flatMap((m) => ACTIONS.map((a) => codename(a, m))),
  indexRead: ['*'],
  indexWrite: ['*'],
};
