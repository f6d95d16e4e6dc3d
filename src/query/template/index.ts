/** Sandboxed, Jinja-flavoured templates for query text (reference §4.2, DESIGN §1.3). */
export { renderTemplate, hasTemplateSyntax, type TemplateContext, type RenderOptions } from './render.js';
export { jinjaToLiquid, translateExpression } from './translate.js';
export { printValue, toJsonText, MAX_TEMPLATE_LENGTH } from './engine.js';
