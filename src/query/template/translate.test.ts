import { describe, expect, it } from 'vitest';
import { jinjaToLiquid, translateExpression } from './translate.js';

describe('jinjaToLiquid', () => {
  it('rewrites filter call syntax, leaving strings alone', () => {
    expect(jinjaToLiquid("{{ x | default('a|b(c)') }}")).toBe("{{ x | default: 'a|b(c)' }}");
    expect(jinjaToLiquid('{{ xs|join(",")|upper() }}')).toBe('{{ xs|join: ","|upper }}');
    expect(jinjaToLiquid("{{ s | replace('a', 'b') }}")).toBe("{{ s | replace: 'a', 'b' }}");
    expect(translateExpression('(a | f(1)) | g((2))')).toBe('(a | f: 1) | g: (2)');
  });
  it('rewrites elif, set, loop and Python constants; drops comments; keeps raw blocks', () => {
    expect(jinjaToLiquid('{% if a == None %}1{% elif b %}2{%- else -%}3{% endif %}')).toBe(
      '{% if a == nil %}1{% elsif b %}2{%- else -%}3{% endif %}',
    );
    expect(jinjaToLiquid('{% set x = True %}{{ loop.index }} {{ loop }} {{ a.loop.b }}')).toBe(
      '{% assign x = true %}{{ forloop.index }} {{ loop }} {{ a.loop.b }}',
    );
    expect(jinjaToLiquid('a{# note #}b')).toBe('ab');
    expect(jinjaToLiquid('{% raw %}{{ x | f(1) }}{% endraw %}')).toBe('{% raw %}{{ x | f(1) }}{% endraw %}');
  });
  it('leaves plain and unterminated text alone', () => {
    expect(jinjaToLiquid('search host=a | head')).toBe('search host=a | head');
    expect(jinjaToLiquid('{{ x | f(')).toBe('{{ x | f(');
    expect(jinjaToLiquid('{ x }')).toBe('{ x }');
  });
});

describe('jinjaToLiquid: block whitespace (trim_blocks + lstrip_blocks)', () => {
  it('strips indentation before a block tag and one newline after it, but not inline spaces', () => {
    expect(jinjaToLiquid('a\n  {% if x %}\nb\n\t{% endif %}\nc')).toBe('a\n{% if x %}b\n{% endif %}c');
    expect(jinjaToLiquid('search {% if x %} host=a{% endif %} z')).toBe('search {% if x %} host=a{% endif %} z');
    expect(jinjaToLiquid('  {# c #}\nx')).toBe('x');
    expect(jinjaToLiquid('{{ x }}\ny')).toBe('{{ x }}\ny');
  });
});
