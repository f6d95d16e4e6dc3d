/**
 * Sample command specs modelled on the reference's commands (§6), used by the golden and args tests
 * until the real command modules exist. Also the command-name registry for the golden parser tests.
 */
import { defineCommand, type CommandSpec } from '../../src/query/args/index.js';

/** All generic + qs_* command names of the reference (§6), for `isCommand`. */
export const REFERENCE_COMMANDS: ReadonlySet<string> = new Set(
  (
    'search read_file request sql_query run_query fake_data echo select drop_fields rename eval autocast ' +
    'mark_timestamp explode explode_timestamp event_split ensure_list rex replace filter dedup distinct merge sort ' +
    'head value_list transpose join resolve set events_to_context stats chart table make_events ' +
    'qs_filter qs_exclude qs_annotate qs_alias qs_values qs_group_by qs_having qs_order_by qs_reverse qs_distinct ' +
    'qs_limit qs_only qs_defer qs_select_related qs_using qs_dates qs_datetimes qs_count qs_exists qs_aggregate ' +
    'qs_first qs_last qs_earliest qs_latest qs_explain qs_sql qs_update qs_delete'
  ).split(' '),
);

export const search: CommandSpec = defineCommand({
  name: 'search',
  description: 'Search events in the database.',
  args: [
    { name: 'terms', metavar: 'TERMS', nargs: '*', help: 'KEY=VALUE lookups and full-text words' },
    { flags: ['--last-15-minutes'], action: 'store_true', help: 'events of the last 15 minutes' },
    { flags: ['--last-hour'], action: 'store_true' },
    { flags: ['--last-day'], action: 'store_true' },
    { flags: ['--last-week'], action: 'store_true' },
    { flags: ['--last-month'], action: 'store_true' },
    { flags: ['--older-than'], metavar: 'D' },
    { flags: ['--newer-than'], metavar: 'D' },
    { flags: ['--order-by'], action: 'append', metavar: 'F' },
    { flags: ['--limit'], type: 'int', metavar: 'N' },
    { flags: ['--offset'], type: 'int', default: '0', metavar: 'N' },
    { flags: ['--latest'], action: 'store_true' },
    { flags: ['--latest-by'], nargs: '+', metavar: 'F' },
    { flags: ['--model'], default: 'events.models.Event', metavar: 'PATH' },
    { flags: ['--using'], default: 'default', metavar: 'DB' },
  ],
  exclusive: [{ options: ['--last-15-minutes', '--last-hour', '--last-day', '--last-week', '--last-month'] }],
});

export const head: CommandSpec = defineCommand({
  name: 'head',
  description: 'Keep the first N rows (negative: all but the last |N|).',
  args: [{ flags: ['-n', '--limit'], type: 'int', default: 10, help: 'how many rows' }],
});

export const statsCount: CommandSpec = defineCommand({
  name: 'stats_count',
  prog: 'stats count',
  args: [
    { name: 'field', metavar: 'F', nargs: '?' },
    { flags: ['--distinct'], action: 'store_true' },
    { flags: ['--by'], nargs: '+', metavar: 'G' },
    { flags: ['--field-name'], default: 'count', metavar: 'N' },
  ],
});

export const statsAvg: CommandSpec = defineCommand({
  name: 'stats_avg',
  prog: 'stats avg',
  args: [
    { name: 'field', metavar: 'FIELD' },
    { flags: ['--by'], nargs: '+', metavar: 'G' },
    { flags: ['--as-field'], default: 'avg', metavar: 'N' },
  ],
});

export const chart: CommandSpec = defineCommand({
  name: 'chart',
  description: 'Chart rows with Chart.js.',
  args: [
    { flags: ['-x'], required: true, help: 'field for the x axis' },
    { flags: ['-y'], required: true, help: 'field for the y axis' },
    { flags: ['-t', '--type'], choices: ['bar', 'line'], default: 'bar' },
    { flags: ['-b', '--by'], metavar: 'BY' },
    { flags: ['--time-x'], choices: ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] },
  ],
});

export const makeEvents: CommandSpec = defineCommand({
  name: 'make_events',
  args: [
    { flags: ['-i', '--index'], default: 'default' },
    { flags: ['-S', '--save'], action: 'store_true' },
    { flags: ['-d', '--drop'], action: 'append', metavar: 'F' },
    { flags: ['-v', '--verbose'], action: 'count' },
  ],
});

export const SAMPLE_SPECS: Record<string, CommandSpec> = { search, head, chart, make_events: makeEvents };
