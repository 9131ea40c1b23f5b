// HdrHistogram in microseconds with 3 significant digits (BENCHMARKS.md rule 3). Histograms
// travel between processes and into the results as compressed base64, so percentiles can be
// re-cut from the raw data later.
import hdr from 'hdr-histogram-js';

/** Longest value tracked: two minutes, far above any timeout of the harness. */
const HIGHEST_MICROS = 120_000_000;

/** A fresh histogram of microseconds. */
export function newHistogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_MICROS, numberOfSignificantValueDigits: 3 });
}

/** Records `micros`, clamped into the tracked range (0 µs counts as 1 µs). */
export function recordMicros(histogram, micros) {
  histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, Math.round(micros))));
}

export function encodeHistogram(histogram) {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded) {
  return hdr.decodeFromCompressedBase64(encoded);
}

/** Sums encoded histograms into one. */
export function mergeEncoded(encodedList) {
  const total = newHistogram();
  for (const encoded of encodedList) if (encoded) total.add(decodeHistogram(encoded));
  return total;
}

/** Percentiles of a histogram, in milliseconds. */
export function summarizeMs(histogram) {
  const ms = (micros) => micros / 1000;
  if (histogram.totalCount === 0) return { count: 0, p50: null, p90: null, p99: null, p999: null, max: null, mean: null };
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}

/** Writes tagged histograms in the HdrHistogram log format (readable by HistogramLogReader and HdrHistogram tools). */
export function histogramLog(entries, startMs) {
  let text = '';
  const writer = new hdr.HistogramLogWriter((chunk) => (text += chunk));
  writer.outputLogFormatVersion();
  writer.outputStartTime(startMs);
  writer.outputLegend();
  for (const { tag, encoded, startSec, endSec } of entries) {
    const histogram = decodeHistogram(encoded);
    histogram.tag = tag.replace(/[\s,]/g, '_');
    // Values are µs; the ratio puts the interval max in ms, as the HdrHistogram tools expect.
    writer.outputIntervalHistogram(histogram, startSec, endSec, 1000);
  }
  return text;
}
