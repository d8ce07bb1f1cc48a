// A recording's length as the tree, the pickers, hovers and the tools show it (src/util/duration.ts).
import assert from 'node:assert/strict';
import { formatDuration } from '../../../src/util/duration';

describe('util: formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0:00'],
    [59.4, '0:59'],
    [59.6, '1:00'],
    [1286, '21:26'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3105.6, '51:46'],
    [36_061, '10:01:01'],
    [-5, '0:00'],
  ];
  for (const [seconds, expected] of cases) {
    it(`${seconds} s is ${expected}`, () => assert.equal(formatDuration(seconds), expected));
  }
});
