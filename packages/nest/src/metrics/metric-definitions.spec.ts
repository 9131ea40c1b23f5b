import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_LEVEL_DEFAULTS } from '../options/resolve-logging-options';
import { METRIC_DEFINITIONS } from './metric-definitions';

const guide = readFileSync(new URL('../../../../docs/guide/metrics.md', import.meta.url), 'utf8');

/** The name the OpenTelemetry Prometheus exporter writes: dots to underscores, `_total` on counters. */
function prometheusName({ name, kind }: { name: string; kind: string }): string {
  return `${name.replaceAll('.', '_')}${kind === 'counter' ? '_total' : ''}`;
}

describe('the metrics guide', () => {
  it('documents every metric the module creates, with its OpenTelemetry and Prometheus names and type, and no other', () => {
    const rows = guide.split('\n').filter((line) => line.startsWith('| `tenantcast_'));
    const documented = rows.map((row) => /^\| `([a-z_]+)` \| `([a-z_.]+)` \| ([a-z-]+)/.exec(row)?.slice(1));
    const expected = Object.values(METRIC_DEFINITIONS).map((definition) => [
      prometheusName(definition),
      definition.name,
      { counter: 'counter', upDownCounter: 'gauge', histogram: 'histogram' }[definition.kind],
    ]);
    expect(documented).toEqual(expected);
  });

  it('lists every log event with its default level', () => {
    for (const [event, level] of Object.entries(LOG_LEVEL_DEFAULTS)) expect(guide).toMatch(new RegExp(`^\\| [^|]*\`${event}\`[^|]* \\| \`${level}\` \\|`, 'm'));
  });
});
