// Panopto pages outside REST v1 that REST answers link to:
//   GET /Panopto/Pages/Transcription/GenerateSRT.ashx?id={session}[&language=N]  the captions as SRT;
//       needs the .ASPXAUTH cookie from auth/legacyLogin (docs/panopto.md#captions). `language` is the
//       ContentLanguage number (0 = English_USA) or name; without it, the Default track, else
//       English_USA, else the first uploaded. A language without captions answers 200 with an empty body.
//   GET /Panopto/Services/FrameGrabber.svc/FrameRedirect?objectId={session}  the thumbnail (PNG, no sign-in)
//   GET /Panopto/Pages/Auth/Login.aspx  the sign-in page the caption download redirects to
// Paths match without regard to case, as IIS does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevContext } from '../context';
import type { CaptionTrack, SeedSession } from './catalog';
import { GUID, send } from './http';
import { DEFAULT_CAPTION_LANGUAGE, parseContentLanguage } from './languages';
import { legacySignInRequired, legacyUserOf, signInPage } from './legacyAuth';
import { stateOf } from './state';
import { thumbnailPng } from './thumbnails';

function trackFor(session: SeedSession, rawLanguage: string | null): CaptionTrack | undefined {
  const tracks = session.captions ?? [];
  if (rawLanguage === null || rawLanguage === '') {
    return tracks.find((t) => t.language === DEFAULT_CAPTION_LANGUAGE) ?? tracks.find((t) => t.language === 'English_USA') ?? tracks[0];
  }
  const language = parseContentLanguage(rawLanguage);
  return tracks.find((t) => t.language === language);
}

function sessionParam(url: URL, name: string, ctx: DevContext): SeedSession | string {
  const id = url.searchParams.get(name) ?? '';
  if (!GUID.test(id)) return `${name} must be a session id.`;
  return stateOf(ctx).catalog.sessions.get(id.toLowerCase()) ?? 'No such session.';
}

function captionDownload(req: IncomingMessage, res: ServerResponse, url: URL, ctx: DevContext): void {
  const user = legacyUserOf(req, ctx);
  if (!user) {
    legacySignInRequired(res, url, ctx);
    return;
  }
  const session = sessionParam(url, 'id', ctx);
  if (typeof session === 'string') {
    send(res, session.startsWith('No') ? 404 : 400, session, { 'content-type': 'text/plain; charset=utf-8' });
    return;
  }
  const { catalog } = stateOf(ctx);
  const folder = catalog.folders.get(session.folderId);
  if (!folder || !catalog.canSee(user.userName, folder)) {
    send(res, 403, '');
    return;
  }
  const track = trackFor(session, url.searchParams.get('language'));
  const fileName = `${session.name.replace(/[^\p{L}\p{N} ._-]+/gu, '_')}.srt`;
  send(res, 200, track?.text ?? '', {
    'content-type': 'text/plain; charset=utf-8',
    'content-disposition': `attachment; filename="captions.srt"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
}

function thumbnail(res: ServerResponse, url: URL, ctx: DevContext): void {
  const session = sessionParam(url, 'objectId', ctx);
  if (typeof session === 'string') {
    send(res, 404, '');
    return;
  }
  send(res, 200, thumbnailPng(session.id), { 'content-type': 'image/png' });
}

/** true when the path is one of these pages (an answer is sent). */
export function handleLegacyPage(req: IncomingMessage, res: ServerResponse, url: URL, ctx: DevContext): boolean {
  const path = url.pathname.toLowerCase();
  const get = req.method === 'GET' || req.method === 'HEAD';
  if (path === '/panopto/pages/transcription/generatesrt.ashx') {
    if (get) captionDownload(req, res, url, ctx);
    else send(res, 405, '');
    return true;
  }
  if (path === '/panopto/services/framegrabber.svc/frameredirect') {
    if (get) thumbnail(res, url, ctx);
    else send(res, 405, '');
    return true;
  }
  if (path === '/panopto/pages/auth/login.aspx') {
    signInPage(res);
    return true;
  }
  return false;
}
