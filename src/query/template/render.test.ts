import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render.js';

function render(text: string, locals: Record<string, unknown> = {}, globals: Record<string, unknown> = {}): string {
  const r = renderTemplate(text, { locals, globals });
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.value;
}
function error(text: string, locals: Record<string, unknown> = {}): string {
  const r = renderTemplate(text, { locals }, { span: { start: 3, end: 9 }, command: { index: 1, name: 'echo' } });
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  const d = r.diagnostics[0];
  expect(d?.code).toBe('DLV_QUERY_TEMPLATE');
  expect(d?.span).toEqual({ start: 3, end: 9 });
  expect(d?.command).toEqual({ index: 1, name: 'echo' });
  return d?.message ?? '';
}

describe('renderTemplate: Jinja-style subset', () => {
  it('renders variables, locals over globals, undefined as empty', () => {
    expect(render('search host={{ host }} {{ nope }}|', { host: 'web1' })).toBe('search host=web1 |');
    expect(render('{{ x }} {{ g }}', { x: 'local' }, { x: 'global', g: 'G' })).toBe('local G');
    expect(render('{{ a.b.c }}', { a: { b: {} } })).toBe('');
  });
  it('supports upper, lower, default(), join(), tojson and length', () => {
    expect(render('{{ s | upper }} {{ s | lower }}', { s: 'MiX' })).toBe('MIX mix');
    expect(render("{{ nope | default('d') }}")).toBe('d');
    expect(render("{{ xs | join(',') }}", { xs: ['a', 'b'] })).toBe('a,b');
    expect(render('{{ o | tojson }}', { o: { a: [1, null], d: new Date(0) } })).toBe('{"a":[1,null],"d":"1970-01-01T00:00:00.000Z"}');
    expect(render('{{ xs | length }}', { xs: [1, 2, 3] })).toBe('3');
  });
  it('supports if/elif/else and for loops with loop.index; block whitespace is trimmed', () => {
    const tpl = '{% if n > 5 %}big{% elif n > 1 %}mid{% else %}small{% endif %}';
    expect(render(tpl, { n: 9 })).toBe('big');
    expect(render(tpl, { n: 3 })).toBe('mid');
    expect(render(tpl, { n: 0 })).toBe('small');
    expect(render('{% for h in hosts %}{{ loop.index }}:{{ h }} {% endfor %}', { hosts: ['a', 'b'] })).toBe('1:a 2:b ');
    expect(render('a\n  {% if true %}\nb\n  {% endif %}\nc')).toBe('a\nb\nc');
  });
  it('prints lists/objects as JSON, datetimes as ISO, null as empty, no HTML escaping', () => {
    expect(render('{{ xs }} {{ o }} {{ d }} [{{ n }}] {{ h }}', { xs: [1, 'a'], o: { k: true }, d: new Date(0), n: null, h: '<b>' })).toBe(
      '[1,"a"] {"k":true} 1970-01-01T00:00:00.000Z [] <b>',
    );
  });
  it('returns text without template syntax unchanged', () => {
    expect(render('rex "(?P<a>x{2})"')).toBe('rex "(?P<a>x{2})"');
  });
  it('reports syntax errors, unknown filters and unclosed blocks as diagnostics', () => {
    expect(error('{{ x | nosuchfilter }}')).toContain('undefined filter: nosuchfilter');
    expect(error('{% if x %}')).toMatch(/^Template error: /);
    expect(error('{{ x | f( }}')).toMatch(/^Template error: /);
  });
});

describe('renderTemplate: sandbox', () => {
  it('cannot reach prototypes, constructors or functions', () => {
    const locals = { x: { a: 1 }, s: 'str', xs: [1] };
    for (const payload of [
      '{{ constructor }}',
      '{{ x.__proto__ }}',
      '{{ x.constructor }}',
      '{{ x.constructor.constructor }}',
      '{{ s.constructor }}',
      '{{ xs.constructor.name }}',
      '{{ x["__proto__"]["constructor"] }}',
      '{{ x.toString }}',
      '{{ x.hasOwnProperty }}',
      '{{ xs | map: "constructor" | first }}',
      '{{ __proto__ }}',
      '{{ process }}{{ global }}{{ globalThis }}{{ require }}',
    ]) {
      const r = renderTemplate(payload, { locals });
      if (r.ok) expect(r.value, payload).toBe('');
    }
  });
  it('has no call syntax: a constructor-call payload is a diagnostic, never code', () => {
    const msg = error('{{ "a".constructor.constructor("return process")() }}');
    expect(msg).toMatch(/^Template error: /);
    expect(error("{{ ''.constructor.constructor('return this')() | upper }}")).toMatch(/^Template error: /);
  });
  it('cannot read files', () => {
    expect(error('{% include "/etc/passwd" %}')).toContain('not available');
    expect(error("{% render 'package.json' %}")).toContain('not available');
    expect(error('{% layout "x" %}')).toContain('not available');
  });
  it('cannot change the caller’s context', () => {
    const locals: Record<string, unknown> = { a: 1 };
    render('{% assign a = 2 %}{% set b = 3 %}{{ a }}', locals);
    expect(locals).toEqual({ a: 1 });
  });
  it('stops runaway templates with a diagnostic', () => {
    expect(error('{% for i in (1..1000000000) %}{{ i }}{% endfor %}')).toContain('limit');
    expect(error('{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}')).toContain('limit');
    expect(error(`{{ x }}${' '.repeat(100_001)}`)).toContain('longer than');
  });
});
