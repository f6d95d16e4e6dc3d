/** Small pure helpers of the Library: sizes, previews, Explore links, filtering, upload error wording. */

const UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'];

/** Human size with binary multiples (1 KB = 1024 bytes): "0 B", "512 B", "1.5 KB", "12 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return `${Math.round(n)} B`;
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u += 1;
  } while (v >= 1024 && u < UNITS.length - 1);
  // Round first so 1023.96 KB shows as "1.0 MB", never "1024 KB".
  if (Number(v.toFixed(v < 10 ? 1 : 0)) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v).toString()} ${UNITS[u]}`;
}

/** One-line preview of multi-line text: whitespace runs collapsed, cut at `max` characters with "…". */
export function preview(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The Explore link that pre-fills (and runs) a query: `/explore?name=…&text=…` (name left out when empty). */
export function exploreHref(name: string | null | undefined, text: string): string {
  const p = new URLSearchParams();
  if (name) p.set('name', name);
  p.set('text', text);
  return `/explore?${p.toString()}`;
}

/** Case-insensitive match of every whitespace-separated word of `filter` in any of `fields`. */
export function matchesFilter(filter: string, ...fields: (string | null | undefined)[]): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fields.filter((f): f is string => typeof f === 'string').join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** A readable message for a failed upload (status, code and server message of the ApiError). */
export function uploadErrorMessage(e: { status?: number; code?: string; message?: string } | null | undefined): string {
  const status = e?.status ?? 0;
  const code = e?.code ?? '';
  const msg = e?.message ?? '';
  if (code === 'DLV_FILE_TOO_LARGE' || status === 413) {
    const m = /\((\d+) bytes\)/.exec(msg);
    const limit = m ? ` The server accepts files up to ${formatBytes(Number(m[1]))} (DELVE_MAX_UPLOAD_SIZE).` : ' The limit is set by DELVE_MAX_UPLOAD_SIZE on the server.';
    return `This file is too large.${limit}`;
  }
  if (code === 'DLV_SAVED_NAME_TAKEN') return `${msg || 'That title is taken.'} Choose another title, or delete or rename the existing file.`;
  if (code === 'NETWORK') return 'The upload failed: network error (or the server closed the connection, which happens when a file is over the size limit).';
  if (status === 403) return msg || 'You do not have permission to upload files (add_file).';
  return msg || 'The upload failed.';
}
