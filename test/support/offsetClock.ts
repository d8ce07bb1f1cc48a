// The clock whose "now" a test can move ahead lives with the other clocks (src/auth/clock.ts).
export { OffsetClock } from '../../src/auth/clock';
