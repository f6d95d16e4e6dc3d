import { describe, expect, it } from 'vitest';
import { describe as describeCommand } from '../../args/index.js';
import { GENERIC_COMMANDS } from './index.js';

const REFERENCE_GENERIC =
  'fake_data echo select drop_fields rename eval autocast mark_timestamp explode explode_timestamp event_split ensure_list rex replace filter dedup distinct merge sort head value_list transpose resolve set events_to_context stats chart table';

describe('generic command registry', () => {
  it('registers every generic command of the reference exactly once', () => {
    const names = GENERIC_COMMANDS.map((c) => c.spec.name);
    expect(names).toEqual(REFERENCE_GENERIC.split(' '));
    expect(GENERIC_COMMANDS.every((c) => c.kind === 'generic' && c.permission === undefined)).toBe(true);
  });
  it.each(GENERIC_COMMANDS.map((c) => [c.spec.name, c] as const))('%s has help text for the command and every argument', (_name, c) => {
    const d = describeCommand(c.spec);
    expect(d.description?.length ?? 0).toBeGreaterThan(10);
    expect(d.help).toContain(`usage: ${c.spec.prog}`);
    for (const a of d.arguments) expect(a.help, `${c.spec.name} ${a.name}`).toBeTruthy();
  });
});
