/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** A parsed scrape: every sample, and each metric's `# TYPE`. */
export class Scrape {
  private constructor(
    readonly samples: Sample[],
    readonly types: ReadonlyMap<string, string>,
  ) {}

  /** Parses the text format (version 0.0.4) as Prometheus reads it. */
  static parse(text: string): Scrape {
    const samples: Sample[] = [];
    const types = new Map<string, string>();
    for (const line of text.split('\n')) {
      if (line.startsWith('# TYPE ')) {
        const [name, type] = line.slice('# TYPE '.length).split(' ');
        types.set(name!, type!);
        continue;
      }
      if (line === '' || line.startsWith('#')) continue;
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!.replace(/\\(.)/g, (_all, escaped: string) => (escaped === 'n' ? '\n' : escaped));
      samples.push({ name: match[1]!, labels, value: Number(match[3]) });
    }
    return new Scrape(samples, types);
  }

  /** The sum of the samples of `name` whose labels include `labels` (0 when there is none yet). */
  sum(name: string, labels: Record<string, string> = {}): number {
    return this.samples
      .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      .reduce((total, sample) => total + sample.value, 0);
  }
}
