// The JSON shapes of REST v1 (docs/panopto.md#shapes): PascalCase, lowercase hyphenated GUIDs.
// Which Urls a Session carries depends on the answer and on the caller's role:
// - GET /sessions/{id}: every key. A creator gets them all; a viewer gets ViewerUrl, CaptionDownloadUrl
//   and ThumbnailUrl and null for the rest (as a recorded answer in github.com/cca/panopto-archive's
//   tests shows; Panopto: ShareSettingsUrl and DownloadUrl "may be blank"). CaptionDownloadUrl
//   is null while the session has no captions ("if available") unless restCaptionUrlAlways.
// - /sessions/search: ViewerUrl and ThumbnailUrl; folder lists and folder searches: ViewerUrl only.
// Viewer, Embed, caption and podcast URLs follow the public examples; Panopto publishes no example of
// EditorUrl or ShareSettingsUrl, so treat those as opaque links.
import type { SeedFolder, SeedSession } from './catalog';
import type { RestRequest } from './http';

export type SessionShape = 'full' | 'search' | 'list';

export function thumbnailUrl(baseUrl: string, sessionId: string): string {
  return `${baseUrl}/Panopto/Services/FrameGrabber.svc/FrameRedirect?objectId=${sessionId}&mode=Delivery`;
}

export function captionDownloadUrl(baseUrl: string, sessionId: string): string {
  return `${baseUrl}/Panopto/Pages/Transcription/GenerateSRT.ashx?id=${sessionId}`;
}

export function folderJson(r: RestRequest, folder: SeedFolder) {
  const base = r.ctx.baseUrl;
  const parent = folder.parentId ? r.catalog.folders.get(folder.parentId) : undefined;
  const creator = r.catalog.canChange(r.principal.userName, folder);
  return {
    Id: folder.id,
    Name: folder.name,
    Description: folder.description,
    ParentFolder: parent ? { Id: parent.id, Name: parent.name } : null,
    Urls: {
      FolderUrl: `${base}/Panopto/Pages/Sessions/List.aspx#folderID=%22${folder.id}%22`,
      EmbedUrl: `${base}/Panopto/Pages/Embed.aspx?folderID=${folder.id}`,
      // "May be blank if permission is not granted" (Panopto's FolderUrls).
      ShareSettingsUrl: creator ? `${base}/Panopto/Pages/Sessions/List.aspx#folderID=%22${folder.id}%22&share=true` : null,
    },
  };
}

export function sessionJson(r: RestRequest, session: SeedSession, shape: SessionShape) {
  const base = r.ctx.baseUrl;
  const folder = r.catalog.folders.get(session.folderId);
  const viewerUrl = `${base}/Panopto/Pages/Viewer.aspx?id=${session.id}`;
  const common = {
    Id: session.id,
    Name: session.name,
    Description: session.description,
    StartTime: session.startTime,
    Duration: session.durationSeconds,
    MostRecentViewPosition: null,
    PercentCompleted: 0,
    Folder: session.folderId,
    FolderDetails: folder ? { Id: folder.id, Name: folder.name } : null,
    Context: null,
  };
  if (shape === 'list') return { ...common, Urls: { ViewerUrl: viewerUrl } };
  if (shape === 'search') return { ...common, Urls: { ViewerUrl: viewerUrl, ThumbnailUrl: thumbnailUrl(base, session.id) } };
  const creator = folder !== undefined && r.catalog.canChange(r.principal.userName, folder);
  const hasCaptions = (session.captions?.length ?? 0) > 0 || r.switches.restCaptionUrlAlways;
  const forCreator = (url: string) => (creator ? url : null);
  return {
    ...common,
    CreatedBy: { Id: session.createdBy.id, Username: session.createdBy.userName },
    Urls: {
      ViewerUrl: viewerUrl,
      EmbedUrl: forCreator(`${base}/Panopto/Pages/Embed.aspx?id=${session.id}`),
      ShareSettingsUrl: forCreator(`${base}/Panopto/Pages/Sessions/List.aspx#shareSessionID=%22${session.id}%22`),
      DownloadUrl: forCreator(`${base}/Panopto/Podcast/Download/${session.id}.mp4?mediaTargetType=videoPodcast`),
      AudioDescriptionDownloadUrl: null,
      CaptionDownloadUrl: hasCaptions ? captionDownloadUrl(base, session.id) : null,
      EditorUrl: forCreator(`${base}/Panopto/Pages/Editor/Editor.aspx?id=${session.id}`),
      ThumbnailUrl: thumbnailUrl(base, session.id),
    },
  };
}
