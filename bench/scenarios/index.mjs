// The scenarios in run order (BENCHMARKS.md "Scenarios and targets"); B10 runs in full mode only.
import b1 from './b1-connect.mjs';
import b2 from './b2-memory.mjs';
import b3 from './b3-fanout.mjs';
import b4 from './b4-isolation.mjs';
import b5 from './b5-pipeline.mjs';
import b6 from './b6-presence.mjs';
import b7a from './b7a-pubsub.mjs';
import b7b from './b7b-adapters.mjs';
import b8 from './b8-client.mjs';
import b9 from './b9-storm.mjs';
import b10 from './b10-soak.mjs';

export const SCENARIOS = [b1, b2, b3, b4, b5, b6, b7a, b7b, b8, b9, b10];
