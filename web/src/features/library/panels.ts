/** The Library's building blocks, shared with Explore. */
export { SavedQueriesPanel, type SavedQueriesPanelProps } from './SavedQueriesPanel';
export { ContextsPanel, type ContextsPanelProps } from './ContextsPanel';
export { UploadsPanel, type UploadsPanelProps } from './UploadsPanel';
export { GlobalContextEditor } from './GlobalContextEditor';
export { readFileCommand, parseFormatFor } from './read-file-command';
