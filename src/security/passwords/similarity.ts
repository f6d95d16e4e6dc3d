/**
 * Ratcliff/Obershelp similarity, as Python's difflib.SequenceMatcher computes it (without the "junk" heuristics):
 * ratio = 2*M / (|a| + |b|), where M is the total size of the matching blocks found by repeatedly taking the
 * longest common substring and recursing on both sides of it. Works on Unicode code points.
 */

/** Longest common substring of a[alo..ahi) and b[blo..bhi): [start in a, start in b, length]; earliest on ties. */
function longestMatch(a: readonly string[], b2j: Map<string, number[]>, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let besti = alo;
  let bestj = blo;
  let bestSize = 0;
  let j2len = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of b2j.get(a[i] as string) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (j2len.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestSize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestSize = k;
      }
    }
    j2len = next;
  }
  return [besti, bestj, bestSize];
}

/** Total length of the matching blocks of `a` and `b` (difflib's get_matching_blocks, summed). */
function matchedLength(a: readonly string[], b: readonly string[]): number {
  const b2j = new Map<string, number[]>();
  b.forEach((ch, j) => {
    const list = b2j.get(ch);
    if (list) list.push(j);
    else b2j.set(ch, [j]);
  });
  let total = 0;
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
    const [i, j, k] = longestMatch(a, b2j, alo, ahi, blo, bhi);
    if (k === 0) continue;
    total += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return total;
}

/** An upper bound of `similarityRatio` (difflib's quick_ratio): shared characters regardless of order. */
export function quickRatio(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  if (ca.length + cb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const ch of cb) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let matches = 0;
  for (const ch of ca) {
    const n = counts.get(ch) ?? 0;
    if (n > 0) {
      matches++;
      counts.set(ch, n - 1);
    }
  }
  return (2 * matches) / (ca.length + cb.length);
}

/** Similarity of two strings in [0, 1]; 1 means equal. Same value as Python's `SequenceMatcher(None, a, b).ratio()` for inputs under 200 characters. */
export function similarityRatio(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  if (ca.length + cb.length === 0) return 1;
  return (2 * matchedLength(ca, cb)) / (ca.length + cb.length);
}
