// What a drag out of the Folders tree carries for editors: the dragged recordings as JSON under
// RECORDINGS_MIME (the tree's handleDrag adds it; dropProvider.ts reads it). A drop into an editor
// receives a drag's items as strings, so the payload is plain JSON, not tree nodes. Pure.
import type { RecordingSummary } from './recordings';

export const RECORDINGS_MIME = 'application/vnd.panopto.recordings+json';

type DraggedRecording = Pick<RecordingSummary, 'id' | 'name' | 'viewerUrl' | 'thumbnailUrl'>;

/** The session nodes' recordings as JSON, or undefined when none of the nodes is a recording. */
export function recordingsPayload(nodes: readonly unknown[]): string | undefined {
  const recordings: DraggedRecording[] = nodes.flatMap((node) => {
    const n = node as { kind?: unknown; session?: Partial<RecordingSummary> } | undefined;
    const s = n?.kind === 'session' ? n.session : undefined;
    return s && typeof s.id === 'string' && typeof s.name === 'string'
      ? [{ id: s.id, name: s.name, viewerUrl: s.viewerUrl, thumbnailUrl: s.thumbnailUrl }]
      : [];
  });
  return recordings.length ? JSON.stringify(recordings) : undefined;
}

/** The recordings of a payload; anything malformed is left out. */
export function parseRecordingsPayload(text: string): DraggedRecording[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const r = item as Partial<DraggedRecording> | null;
    if (!r || typeof r.id !== 'string' || typeof r.name !== 'string' || typeof r.viewerUrl !== 'string') return [];
    return [
      { id: r.id, name: r.name, viewerUrl: r.viewerUrl, thumbnailUrl: typeof r.thumbnailUrl === 'string' ? r.thumbnailUrl : undefined },
    ];
  });
}
