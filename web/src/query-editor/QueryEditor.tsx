/**
 * The CodeMirror 6 editor for Delve's pipeline language: highlighting, autocomplete (commands, options, fields),
 * error underlines from the API's spans (with the message on hover and listed under the editor as text),
 * Ctrl/Cmd+Enter to run, Escape to cancel a running query, line wrapping, and the app's light/dark theme.
 * Controlled: `value` is the text, `onChange` gets every edit. Tab is not captured, so keyboard users can leave.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, Compartment, EditorSelection, EditorState, Prec } from '@codemirror/state';
import { drawSelection, EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { useEffect, useId, useMemo, useRef } from 'react';
import { queryCompletionSource, type CompletionData } from './completion';
import { installConstructedStyles } from './csp-styles';
import { queryHighlighting } from './language';
import { appIsDark, editorTheme } from './theme';
import type { CommandInfo, QueryDiagnostic } from './types';
import { EVENT_FIELDS } from './vocabulary';
import './query-editor.css';

export interface QueryEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** Escape (after autocomplete had its turn); return true when something was cancelled. */
  onCancel?: () => boolean | void;
  /** Errors to underline (positions in the current text). */
  diagnostics?: readonly QueryDiagnostic[];
  /** From GET /api/search_commands/. */
  commands?: readonly CommandInfo[];
  /** Field names for autocomplete (event fields are always included). */
  fields?: readonly string[];
  readOnly?: boolean;
  placeholder?: string;
  /** Accessible name of the editable area (default "Query"). */
  label?: string;
}

// CodeMirror's theme styles go into a constructed stylesheet: the CSP forbids the <style> element it would add.
installConstructedStyles();

/** Marks transactions that only sync the `value` prop into the editor (no onChange echo). */
const external = Annotation.define<boolean>();

function clamp(d: QueryDiagnostic, len: number): Diagnostic {
  let from = Math.max(0, Math.min(d.from, len));
  let to = Math.max(from, Math.min(d.to, len));
  if (from === to) {
    if (to < len) to += 1;
    else if (from > 0) from -= 1;
  }
  return { from, to, message: d.message, severity: d.severity ?? 'error', ...(d.source ? { source: d.source } : {}) };
}

/** 1-based line and column of an offset, for the text list of errors. */
function lineCol(state: EditorState, pos: number): string {
  const p = Math.max(0, Math.min(pos, state.doc.length));
  const line = state.doc.lineAt(p);
  return `Line ${line.number}, column ${p - line.from + 1}`;
}

/**
 * Typing over a selection: Chrome's native editing would delete the highlighted spans and "preserve" their colours
 * with a style="" attribute, which the CSP blocks (and reports). Apply such input as a transaction instead.
 */
const replaceSelectionTyping = EditorView.domEventHandlers({
  beforeinput(e, view) {
    if (e.inputType !== 'insertText' || !e.data || view.composing || view.state.readOnly) return false;
    if (view.state.selection.ranges.some((r) => !r.empty)) {
      e.preventDefault();
      view.dispatch(view.state.replaceSelection(e.data), { userEvent: 'input.type', scrollIntoView: true });
      return true;
    }
    // A selection made in the DOM that CodeMirror has not read yet (select-then-type in one go): replace that range
    // ourselves too, or the browser's native editing adds a style="" attribute, which the strict CSP refuses.
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed || !sel.anchorNode || !sel.focusNode) return false;
    if (!view.contentDOM.contains(sel.anchorNode) || !view.contentDOM.contains(sel.focusNode)) return false;
    let a: number;
    let b: number;
    try {
      a = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
      b = view.posAtDOM(sel.focusNode, sel.focusOffset);
    } catch {
      return false;
    }
    const from = Math.min(a, b);
    const to = Math.max(a, b);
    if (from === to) return false;
    e.preventDefault();
    view.dispatch({ changes: { from, to, insert: e.data }, selection: { anchor: from + e.data.length }, userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});

export function QueryEditor(props: QueryEditorProps) {
  const { value, diagnostics = [], readOnly = false, label = 'Query' } = props;
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const errorsId = useId();
  const hintId = useId();
  const compartments = useMemo(() => ({ theme: new Compartment(), readOnly: new Compartment(), attrs: new Compartment() }), []);

  // Create the view once; everything that changes later goes through refs or compartments.
  useEffect(() => {
    const parent = host.current;
    if (!parent) return undefined;
    const data = (): CompletionData => {
      const p = propsRef.current;
      return { commands: p.commands ?? [], fields: [...EVENT_FIELDS, ...(p.fields ?? [])] };
    };
    const runKeys = Prec.high(keymap.of([
      { key: 'Mod-Enter', run: () => { propsRef.current.onRun(); return true; } },
      { key: 'Ctrl-Enter', run: () => { propsRef.current.onRun(); return true; } },
    ]));
    const cancelKey = keymap.of([{ key: 'Escape', run: () => propsRef.current.onCancel?.() === true }]);
    const state = EditorState.create({
      doc: propsRef.current.value,
      extensions: [
        history(),
        drawSelection(),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [queryCompletionSource(data)], icons: true, activateOnTyping: true }),
        queryHighlighting(),
        EditorView.lineWrapping,
        placeholderExt(propsRef.current.placeholder ?? 'search index=web host=web1 | head -n 20'),
        runKeys,
        cancelKey,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        compartments.theme.of(editorTheme(appIsDark())),
        compartments.readOnly.of(EditorState.readOnly.of(propsRef.current.readOnly ?? false)),
        compartments.attrs.of(EditorView.contentAttributes.of({ 'aria-label': propsRef.current.label ?? 'Query', 'aria-describedby': hintId })),
        replaceSelectionTyping,
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((tr) => tr.annotation(external))) propsRef.current.onChange(u.state.doc.toString());
        }),
      ],
    });
    const view = new EditorView({ state, parent });
    viewRef.current = view;
    // follow the app theme: the event from setTheme() and any change of data-theme (OS switch in "system" mode)
    const sync = (): void => { view.dispatch({ effects: compartments.theme.reconfigure(editorTheme(appIsDark())) }); };
    const observer = new MutationObserver(sync);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    window.addEventListener('delve-theme', sync);
    return () => {
      observer.disconnect();
      window.removeEventListener('delve-theme', sync);
      view.destroy();
      viewRef.current = null;
    };
  }, [compartments, hintId]);

  // value prop → editor (only when it differs, e.g. a loaded query or an added filter); undoable with Ctrl+Z
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const cur = view.state.doc.toString();
    if (cur === value) return;
    view.dispatch({ changes: { from: 0, to: cur.length, insert: value }, annotations: external.of(true), selection: EditorSelection.cursor(value.length) });
  }, [value]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.readOnly.reconfigure(EditorState.readOnly.of(readOnly)) });
  }, [readOnly, compartments]);

  const hasErrors = diagnostics.length > 0;
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const len = view.state.doc.length;
    view.dispatch(setDiagnostics(view.state, diagnostics.map((d) => clamp(d, len))));
    view.dispatch({
      effects: compartments.attrs.reconfigure(EditorView.contentAttributes.of({
        'aria-label': label,
        'aria-describedby': hasErrors ? `${errorsId} ${hintId}` : hintId,
        ...(hasErrors ? { 'aria-invalid': 'true' } : {}),
      })),
    });
    view.dom.classList.toggle('qe-invalid', hasErrors);
  }, [diagnostics, hasErrors, label, errorsId, hintId, compartments]);

  const goTo = (d: QueryDiagnostic): void => {
    const view = viewRef.current;
    if (!view) return;
    const { from, to } = clamp(d, view.state.doc.length);
    view.dispatch({ selection: EditorSelection.range(from, to), scrollIntoView: true });
    view.focus();
  };

  const view = viewRef.current;
  return (
    <div className="qe">
      <div ref={host} className="qe-host" />
      <div id={hintId} className="qe-hint">Ctrl+Enter (⌘+Enter) runs · Ctrl+Space completes · Esc cancels a running query · Tab leaves the editor</div>
      {hasErrors ? (
        <ul id={errorsId} className="qe-errors" aria-live="polite">
          {diagnostics.map((d, i) => (
            <li key={i} className="qe-error">
              <button type="button" className="qe-error-where" onClick={() => goTo(d)}>
                {view ? lineCol(view.state, d.from) : `Offset ${d.from}`}
              </button>
              {d.message}
              {d.source ? <span className="code">[{d.source}]</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
