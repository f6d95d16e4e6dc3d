/**
 * CodeMirror styles under a strict CSP (style-src 'self', no nonce): style-mod, which CodeMirror uses for its
 * themes, writes a <style> element when the editor lives in a Document (it only uses constructed stylesheets for
 * shadow roots), and the CSP blocks that element, leaving the editor unstyled and reporting violations.
 *
 * This replaces StyleModule.mount with the same algorithm writing into a constructed CSSStyleSheet adopted by the
 * document (CSSOM is not governed by style-src). Modules keep style-mod's order, so theme precedence is unchanged.
 * Browsers without adoptedStyleSheets keep the original behaviour.
 */
import { StyleModule } from 'style-mod';

interface Rules { rules: string[] }
interface SheetSet { sheet: CSSStyleSheet; modules: StyleModule[]; counts: Map<StyleModule, number> }
type Root = Document | ShadowRoot;

let installed = false;

function rulesOf(m: StyleModule): string[] {
  const r = (m as unknown as Rules).rules;
  return Array.isArray(r) ? r : m.getRules().split('\n').filter((x) => x.trim() !== '');
}

/** Install once, before the first EditorView is created. */
export function installConstructedStyles(): void {
  if (installed || typeof document === 'undefined' || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  installed = true;
  const original = StyleModule.mount.bind(StyleModule);
  const sets = new WeakMap<Root, SheetSet>();
  StyleModule.mount = (root, modules, options) => {
    const r = root as Root;
    if (!('adoptedStyleSheets' in r)) {
      original(root, modules, options);
      return;
    }
    let set = sets.get(r);
    if (!set) {
      set = { sheet: new CSSStyleSheet(), modules: [], counts: new Map() };
      sets.set(r, set);
    }
    const list: readonly StyleModule[] = Array.isArray(modules) ? modules : [modules as StyleModule];
    // style-mod's StyleSet.mount: keep `set.modules` in the order given, inserting the rules of new modules in place
    let pos = 0;
    let j = 0;
    for (const mod of list) {
      let index = set.modules.indexOf(mod);
      if (index < j && index > -1) {
        // ordering conflict: the module moves; its old rules stay (harmless duplicates, as in style-mod)
        set.modules.splice(index, 1);
        j -= 1;
        index = -1;
      }
      if (index === -1) {
        set.modules.splice(j++, 0, mod);
        let n = 0;
        for (const rule of rulesOf(mod)) {
          try {
            set.sheet.insertRule(rule, Math.min(pos, set.sheet.cssRules.length));
            pos += 1;
            n += 1;
          } catch {
            // a rule this browser does not understand: skip it
          }
        }
        set.counts.set(mod, n);
      } else {
        while (j < index) pos += set.counts.get(set.modules[j++] as StyleModule) ?? 0;
        pos += set.counts.get(mod) ?? 0;
        j += 1;
      }
    }
    if (!r.adoptedStyleSheets.includes(set.sheet)) r.adoptedStyleSheets = [set.sheet, ...r.adoptedStyleSheets];
  };
}
