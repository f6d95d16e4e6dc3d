/** qs_filter EXPR… — reference §6.2/§5.1/§5.3: keyword lookups and Q objects, ANDed, compiled to SQL. */
import { describe, expect, it } from 'vitest';
import { EVENTS, expectCmdError, expectHelp, useHarness, where } from './harness.js';

const h = useHarness();
const count = (t: string) => h.ok<number>(`search | ${t} | qs_count`);

describe('qs_filter', () => {
  it('column and JSON lookups: exact, gte, in, icontains, startswith, isnull', async () => {
    expect(await count('qs_filter host=web1')).toBe(2);
    expect(await count('qs_filter extracted_fields__status__gte=404')).toBe(2);
    expect(await count('qs_filter text__icontains=REFUSED')).toBe(2);
    expect(await count('qs_filter source__startswith=work')).toBe(2);
    expect(await count('qs_filter extracted_fields__level__isnull=True')).toBe(where((e) => !('level' in e.extracted_fields)).length);
  });

  it('JSON comparisons are typed: 503 (number) does not match the text "503"', async () => {
    expect(await count('qs_filter extracted_fields__status=503')).toBe(0);
    // quoted strings still go through cast (reference §5.3): '503' is the number; text needs '"503"' or Value('503')
    expect(await count(`qs_filter "extracted_fields__status='503'"`)).toBe(0);
    expect(await count(`qs_filter "extracted_fields__status='\\"503\\"'"`)).toBe(1);
    expect(await count(`qs_filter "extracted_fields__status=Value('503')"`)).toBe(1);
  });

  it('nested keys and array indexes', async () => {
    expect(await count('qs_filter extracted_fields__user__name=alice')).toBe(3);
    expect(await count('qs_filter extracted_fields__user__roles__0=admin')).toBe(2);
    expect(await count('qs_filter extracted_fields__error__retry=True')).toBe(1);
  });

  it('Q objects combine with | (written ||) and &, ~ negates', async () => {
    expect(await count('qs_filter Q(host=web1)||Q(host=web2)')).toBe(4);
    expect(await count('qs_filter ~Q(index=web)')).toBe(6);
    expect(await count('qs_filter Q(index=app)&Q(extracted_fields__level=info)')).toBe(3);
  });

  it('several arguments are ANDed; datetime transforms and unicode values work', async () => {
    expect(await count('qs_filter index=web extracted_fields__method=GET')).toBe(5);
    expect(await count('qs_filter created__minute__gte=10')).toBe(2);
    expect(await count(`qs_filter "extracted_fields__path='/café'"`)).toBe(1);
    expect(await count(`qs_filter "text__regex='^pay'"`)).toBe(2);
    expect(await count(`qs_filter "text__icontains='ünï'"`)).toBe(1);
  });

  it('hostile values are parameters, not SQL', async () => {
    expect(await count(`qs_filter "text__contains=\\"') OR 1=1 --\\""`)).toBe(0);
    expect(await count(`qs_filter "host='web1\\' OR \\'1\\'=\\'1'"`)).toBe(0);
    expect((await h.fail(`search | qs_filter "host='x' OR 1=1 --"`)).code).toBe('DLV_QUERY_EXPRESSION');
    expect(h.eventCount()).toBe(EVENTS.length);
  });

  it('empty result and chaining', async () => {
    expect(await count('qs_filter host=none')).toBe(0);
    expect(await count('qs_filter index=web | qs_filter host=web3')).toBe(2);
  });

  it('answers -h', async () => { await expectHelp(h, 'qs_filter', ['EXPR']); });

  it('needs a lazy query; unknown fields, unsupported syntax and secrets are refused', async () => {
    expectCmdError(await h.fail('fake_data --list-of-dicts | qs_filter foo=1'), 'DLV_QUERY_LAZY_INPUT', 'qs_filter', 1);
    expectCmdError(await h.fail('qs_filter a=1'), 'DLV_QUERY_LAZY_INPUT', 'qs_filter', 0);
    expectCmdError(await h.fail('search | qs_filter nosuch=1'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_filter', 1);
    const bad = await h.fail('search | qs_filter [1,2]');
    expect(bad.command?.name).toBe('qs_filter');
    // lists are not part of the expression language (reference §5.3: "Unsupported AST node type")
    expect((await h.fail('search | qs_filter host__in=[web1,app2]')).message).toContain('Unsupported AST node type');
    const secret = await h.q('search | qs_filter user__password__startswith=$');
    expect([400, 403]).toContain(secret.status);
    expect(secret.error.command?.name).toBe('qs_filter');
  });
});
