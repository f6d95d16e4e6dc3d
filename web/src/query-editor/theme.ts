/**
 * The editor's look, built only from the app's CSS variables (styles/base.css, query-editor.css), so light and dark
 * follow `document.documentElement.dataset.theme`. The `dark` flag of EditorView.theme (which switches
 * CodeMirror's own base styles) is kept in sync by QueryEditor through a compartment.
 */
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';

const spec = {
  '&': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    fontSize: '13.5px',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '&.qe-invalid': { borderColor: 'var(--danger)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55', maxHeight: '40vh', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--text)', minHeight: '4.8em', padding: '6px 0' },
  '.cm-line': { padding: '0 10px' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--qe-selection)',
  },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--accent)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    boxShadow: 'var(--shadow)',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--mono)', maxHeight: '16em' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '2px 8px' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
  '.cm-completionDetail': { color: 'inherit', opacity: '0.8', marginLeft: '0.8em' },
  '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: '700' },
  '.cm-completionInfo': {
    whiteSpace: 'pre-wrap',
    fontFamily: 'var(--mono)',
    fontSize: '12px',
    maxWidth: 'min(520px, 80vw)',
    maxHeight: '50vh',
    overflow: 'auto',
    padding: '6px 8px',
  },
  '.cm-diagnostic': { padding: '4px 8px', whiteSpace: 'pre-wrap' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--danger)' },
  '.cm-diagnosticSource': { fontFamily: 'var(--mono)', opacity: '0.8' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--danger)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '.cm-lintPoint-error:after': { borderBottomColor: 'var(--danger)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
};

/** The editor theme for the current app theme. */
export function editorTheme(dark: boolean): Extension {
  return EditorView.theme(spec, { dark });
}

/** Whether the app currently shows the dark theme. */
export function appIsDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}
