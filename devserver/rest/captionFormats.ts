// Caption files: reading SRT and WebVTT into cues, and writing SRT (what the legacy caption download
// serves). SRT: numbered blocks, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, text lines, a blank line.
// WebVTT (https://www.w3.org/TR/webvtt1/): a `WEBVTT` header, optional cue ids, `.` before the
// milliseconds, optional hours, cue settings after the end time, NOTE/STYLE/REGION blocks.

export interface Cue {
  /** Seconds from the start of the session. */
  start: number;
  end: number;
  /** The cue's lines joined with '\n'. */
  text: string;
}

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})(?:\s.*)?$/;

function seconds(stamp: string): number {
  const [clock, fraction] = stamp.split(/[,.]/);
  const parts = clock.split(':').map(Number);
  const [h, m, s] = parts.length === 3 ? parts : [0, ...parts];
  return h * 3600 + m * 60 + s + Number(`0.${fraction.padEnd(3, '0')}`);
}

function blocksOf(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);
}

/** Cues of a block whose timing line is its first or second line (after an SRT number or a VTT id). */
function cueOf(lines: string[]): Cue | undefined {
  const timingAt = TIMING.test(lines[0]) ? 0 : lines.length > 1 && TIMING.test(lines[1]) ? 1 : -1;
  if (timingAt < 0) return undefined;
  const [, from, to] = TIMING.exec(lines[timingAt])!;
  const text = lines
    .slice(timingAt + 1)
    .join('\n')
    .trim();
  return { start: seconds(from), end: seconds(to), text };
}

export function isWebVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t].*)?(?:\r?\n|$)/.test(text);
}

/** The cues of an SRT or WebVTT file; undefined when it is neither (no cue, or a block that is not one). */
export function parseCaptions(text: string): Cue[] | undefined {
  const vtt = isWebVtt(text);
  const blocks = blocksOf(text);
  if (vtt) blocks.shift(); // the WEBVTT header block
  const cues: Cue[] = [];
  for (const lines of blocks) {
    if (vtt && /^(NOTE|STYLE|REGION)\b/.test(lines[0])) continue;
    if (!vtt && !/^\d+$/.test(lines[0].trim()) && !TIMING.test(lines[0])) return undefined;
    const cue = cueOf(lines);
    if (!cue || cue.end < cue.start) return undefined;
    cues.push(cue);
  }
  return cues.length > 0 ? cues : undefined;
}

function stamp(totalSeconds: number): string {
  const ms = Math.round(totalSeconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

/** SRT text of the cues, numbered from 1, CRLF line ends (a Windows server's output). */
export function toSrt(cues: Cue[]): string {
  return cues
    .map((cue, i) => `${i + 1}\r\n${stamp(cue.start)} --> ${stamp(cue.end)}\r\n${cue.text.replace(/\n/g, '\r\n')}\r\n`)
    .join('\r\n');
}
