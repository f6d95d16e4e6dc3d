/**
 * Recursive-descent parser of the qs_* expression language (reference §5.3) — nothing is ever evaluated by a
 * JavaScript or Python engine. Grammar (Python precedence, lowest first):
 *   stmt   := NAME '=' expr | expr
 *   expr   := and ('|' and)*          and := arith ('&' arith)*        arith := term (('+'|'-') term)*
 *   term   := unary (('*'|'/'|'%') unary)*   unary := ('-'|'+'|'~') unary | power   power := postfix ('**' unary)?
 *   postfix:= atom ('.' NAME)*         atom := NUMBER | STRING | NAME | NAME '(' args ')' | '(' expr ')'
 * `a.b` is the field path `a__b`. `^` is refused (the original silently treated it as AND). Comparisons, lists,
 * dicts, tuples, subscripts, `not/and/or`, lambdas... are "Unsupported". Depth is capped.
 */
import type { Node, Statement } from './ast.js';
import { exprError, lex, type Tok } from './lexer.js';

const MAX_DEPTH = 64;
const UNSUPPORTED_OPS = new Set(['==', '!=', '<', '>', '<=', '>=', '<<', '>>', '//', '[', ']', '{', '}', ':', '@']);
const KEYWORDS = new Set(['not', 'and', 'or', 'if', 'else', 'lambda', 'in', 'is', 'for', 'import', 'await', 'yield']);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Tok[], private readonly text: string) {}

  private peek(): Tok { return this.toks[this.i] as Tok; }
  private next(): Tok { const t = this.peek(); if (t.k !== 'end') this.i += 1; return t; }
  private isOp(v: string): boolean { const t = this.peek(); return t.k === 'op' && t.v === v; }
  private fail(msg: string): never { throw exprError(msg, this.text); }
  private expect(v: string): void { if (!this.isOp(v)) this.fail(`Expected ${JSON.stringify(v)}`); this.i += 1; }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.fail('Expression nested too deeply');
  }

  statement(): Statement {
    const t0 = this.toks[0];
    const t1 = this.toks[1];
    let name: string | null = null;
    if (t0?.k === 'name' && t1?.k === 'op' && t1.v === '=') {
      name = t0.v;
      this.i = 2;
    }
    const value = this.expr();
    const end = this.peek();
    if (end.k !== 'end') this.unexpected(end);
    return { name, value, text: this.text };
  }

  private unexpected(t: Tok): never {
    if (t.k === 'op' && t.v === '^') this.fail('The ^ operator is not supported (the original treated it as AND): use & for AND, | for OR');
    if (t.k === 'op' && (UNSUPPORTED_OPS.has(t.v) || t.v === '=')) this.fail(`Unsupported AST node type: operator ${t.v}`);
    if (t.k === 'op' && t.v === ',') this.fail('Unsupported AST node type: Tuple');
    this.fail(`Unexpected ${t.k === 'end' ? 'end of expression' : JSON.stringify('v' in t ? String(t.v) : '')}`);
  }

  private binary(ops: readonly string[], sub: () => Node): Node {
    let l = sub();
    while (this.peek().k === 'op' && ops.includes((this.peek() as { v: string }).v)) {
      const op = (this.next() as { v: string }).v as '+';
      l = { t: 'bin', op, l, r: sub() };
    }
    return l;
  }

  expr(): Node {
    this.enter();
    const n = this.binary(['|'], () => this.binary(['&'], () => this.binary(['+', '-'], () => this.binary(['*', '/', '%'], () => this.unary()))));
    this.depth -= 1;
    return n;
  }

  private unary(): Node {
    const t = this.peek();
    if (t.k === 'op' && (t.v === '-' || t.v === '+' || t.v === '~')) {
      this.next();
      this.enter();
      const e = this.unary();
      this.depth -= 1;
      return { t: 'un', op: t.v, e };
    }
    return this.power();
  }

  private power(): Node {
    const base = this.postfix();
    if (this.isOp('**')) {
      this.next();
      this.enter();
      const r = this.unary();
      this.depth -= 1;
      return { t: 'bin', op: '**', l: base, r };
    }
    return base;
  }

  private postfix(): Node {
    let n = this.atom();
    while (this.isOp('.')) {
      this.next();
      const t = this.next();
      if (t.k !== 'name' || n.t !== 'name') this.fail('Unsupported AST node type: Attribute');
      n = { t: 'name', v: `${n.v}__${t.v}` };
    }
    if (this.isOp('(') || this.isOp('[')) this.fail(`Unsupported AST node type: ${this.isOp('[') ? 'Subscript' : 'Call'}`);
    return n;
  }

  private atom(): Node {
    const t = this.next();
    if (t.k === 'num') return { t: 'num', v: t.v, text: t.text };
    if (t.k === 'str') {
      let v = t.v;
      while (this.peek().k === 'str') v += (this.next() as { v: string }).v; // implicit concatenation, as Python
      return { t: 'str', v };
    }
    if (t.k === 'name') {
      if (t.v === 'True' || t.v === 'False') return { t: 'bool', v: t.v === 'True' };
      if (t.v === 'None') return { t: 'none' };
      if (KEYWORDS.has(t.v)) this.fail(`Unsupported AST node type: ${t.v}`);
      if (this.isOp('(')) return this.call(t.v);
      return { t: 'name', v: t.v };
    }
    if (t.k === 'op' && t.v === '(') {
      const e = this.expr();
      if (this.isOp(',')) this.fail('Unsupported AST node type: Tuple');
      this.expect(')');
      return e;
    }
    if (t.k === 'op' && t.v === '[') this.fail('Unsupported AST node type: List');
    if (t.k === 'op' && t.v === '{') this.fail('Unsupported AST node type: Dict');
    return this.unexpected(t);
  }

  private call(fn: string): Node {
    this.expect('(');
    this.enter();
    const args: Node[] = [];
    const kwargs: { name: string; value: Node }[] = [];
    while (!this.isOp(')')) {
      const t0 = this.peek();
      const t1 = this.toks[this.i + 1];
      if (t0.k === 'name' && t1?.k === 'op' && t1.v === '=') {
        this.i += 2;
        if (kwargs.some((k) => k.name === t0.v)) this.fail(`Keyword argument repeated: ${t0.v}`);
        kwargs.push({ name: t0.v, value: this.expr() });
      } else {
        if (kwargs.length > 0) this.fail('Positional argument follows keyword argument');
        args.push(this.expr());
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expect(')');
    this.depth -= 1;
    return { t: 'call', fn, args, kwargs };
  }
}

/** Parse one argument word into a statement; throws DLV_QUERY_EXPRESSION. */
export function parseStatement(text: string): Statement {
  const toks = lex(text);
  if (toks.length === 1) throw exprError('Empty expression', text);
  return new Parser(toks, text).statement();
}
