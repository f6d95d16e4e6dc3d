/** API shapes of the saved objects (src/server/routes/saved/*.ts). */
export interface SavedQuery { id: string; created: string; modified: string; text: string; name: string | null; _save: boolean }
export interface LocalContext { id: string; created: string; modified: string; name: string; context: Record<string, unknown> }
export interface GlobalContext { id: string; created: string; modified: string; context: Record<string, unknown> }
/** `content` is the server's absolute download URL; the UI links to the relative /api/files/{id}/download instead. */
export interface UploadedFile { id: string; created: string; modified: string; title: string; size: number; content: string }
