/** The query editor: a CodeMirror 6 component for Delve's pipeline language, plus its pure helpers. */
export { QueryEditor, type QueryEditorProps } from './QueryEditor';
export type { ArgumentInfo, CommandInfo, QueryDiagnostic } from './types';
export { scan, type Scan, type ScannedSegment, type Word } from './lexer';
export { cursorContext, type CursorContext } from './context';
export { EVENT_FIELDS, SEARCHABLE_ROOTS, splitLookupPath } from './vocabulary';
