/** Saved objects: queries, global/local template contexts and file uploads (owner-scoped; reference §1, §3). */
export type { SavedDB, SavedQueriesTable, GlobalContextsTable, LocalContextsTable, FileUploadsTable } from './tables.js';
export { savedDb } from './tables.js';
export {
  type QueryRecord, type QueryInput, publicQuery, validateQueryInput, findOwnQueryByName, getOwnQuery, listOwnQueries,
  createQuery, updateQuery, deleteQuery, upsertQuery,
} from './queries.js';
export {
  type GlobalContextRecord, type LocalContextRecord, contextJson, findGlobalContext, getGlobalContext, getOwnGlobalContext,
  upsertGlobalContext, updateGlobalContext, deleteGlobalContext, findOwnLocalContext, getOwnLocalContext,
  listOwnLocalContexts, upsertLocalContext, updateLocalContext, deleteLocalContext,
} from './contexts.js';
export {
  type FileRecord, validTitle, storedPath, writeStoredFile, createFileRecord, getOwnFile, findOwnFileByTitle, listOwnFiles,
  updateFileRecord, deleteFileRecord, openStoredFile, readStoredFile, removeStoredFile,
} from './files.js';
