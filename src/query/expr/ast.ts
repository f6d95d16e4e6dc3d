/** AST of the qs_* expression language (reference §5.3). */
export type Node =
  | { readonly t: 'num'; readonly v: number; readonly text: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'none' }
  /** A bare identifier or dotted name (`a.b` → `a__b`). */
  | { readonly t: 'name'; readonly v: string }
  | { readonly t: 'call'; readonly fn: string; readonly args: readonly Node[]; readonly kwargs: readonly { readonly name: string; readonly value: Node }[] }
  | { readonly t: 'bin'; readonly op: '+' | '-' | '*' | '/' | '%' | '**' | '|' | '&'; readonly l: Node; readonly r: Node }
  | { readonly t: 'un'; readonly op: '-' | '+' | '~'; readonly e: Node };

/** One argument word: `name=EXPR` (keyword) or `EXPR` (positional). */
export type Statement = { readonly name: string | null; readonly value: Node; readonly text: string };
