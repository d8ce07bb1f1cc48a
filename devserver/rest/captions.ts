// Caption files of a session (docs/panopto.md#captions):
//   POST   /sessions/{id}/captions                      multipart/form-data: the SRT or VTT file, `language`
//                                                       (a ContentLanguage; none = "Default") → 200, empty body
//   DELETE /sessions/{id}/captions                      every language → 200
//   DELETE /sessions/{id}/captions/languages/{language} one language ("null" = Default) → 200
// Captions are kept per language: a second upload in a language replaces the first. An SRT file is kept
// as sent; a VTT file is converted to SRT (what the caption download serves) unless the restVttCaptions
// switch keeps it as sent. Changes need the Creator role on the session's folder.
import type { CaptionTrack } from './catalog';
import { isWebVtt, parseCaptions, toSrt } from './captionFormats';
import { apiError, changeDenied, readBody, send, type RestRequest } from './http';
import { DEFAULT_CAPTION_LANGUAGE, parseContentLanguage } from './languages';
import { canChangeOrSee, existingSession } from './lookup';
import { boundaryOf, parseMultipart, type FormPart } from './multipart';

const MAX_CAPTION_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The caption text and language of an upload, or an error message. */
function captionFromForm(parts: FormPart[], keepVtt: boolean): CaptionTrack | string {
  const file = parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name.toLowerCase() === 'file');
  if (!file) return 'The request carries no caption file.';
  const languagePart = parts.find((p) => p.name.toLowerCase() === 'language');
  const rawLanguage = languagePart?.data.toString('utf8').trim() ?? '';
  const language = rawLanguage === '' ? DEFAULT_CAPTION_LANGUAGE : parseContentLanguage(rawLanguage);
  if (!language) return `language '${rawLanguage}' is not a ContentLanguage (e.g. English_USA, French).`;
  const text = file.data.toString('utf8');
  const cues = parseCaptions(text);
  if (!cues) return 'The caption file is neither SRT nor WebVTT.';
  return { language, text: isWebVtt(text) && !keepVtt ? toSrt(cues) : text };
}

export async function uploadCaptions(r: RestRequest): Promise<void> {
  const session = existingSession(r, r.id);
  if (!session) return;
  const boundary = boundaryOf(r.req.headers['content-type']);
  if (!boundary) {
    apiError(r.res, 400, 'InvalidArgument', "Captions must be sent as 'multipart/form-data' with the caption file attached.");
    return;
  }
  const body = await readBody(r.req, MAX_CAPTION_UPLOAD_BYTES);
  const parts = body && parseMultipart(body, boundary);
  if (!parts) {
    apiError(r.res, 400, 'InvalidArgument', body ? 'The multipart body is malformed.' : 'The caption file is too large.');
    return;
  }
  const track = captionFromForm(parts, r.switches.restVttCaptions === 'keepAsGiven');
  if (typeof track === 'string') {
    apiError(r.res, 400, 'InvalidArgument', track);
    return;
  }
  if (!canChangeOrSee(r, session).change) {
    changeDenied(r, `add captions to session ${session.id}`);
    return;
  }
  session.captions = [...(session.captions ?? []).filter((t) => t.language !== track.language), track];
  send(r.res, 200, '');
}

export function deleteCaptions(r: RestRequest): void {
  const session = existingSession(r, r.id);
  if (!session) return;
  const [, rawLanguage] = /\/captions\/languages\/([^/]+)$/i.exec(r.url.pathname) ?? [];
  let language: string | undefined;
  if (rawLanguage !== undefined) {
    language = rawLanguage.toLowerCase() === 'null' ? DEFAULT_CAPTION_LANGUAGE : parseContentLanguage(decodeURIComponent(rawLanguage));
    if (!language) {
      apiError(r.res, 400, 'InvalidArgument', `'${rawLanguage}' is not a ContentLanguage.`);
      return;
    }
  }
  if (!canChangeOrSee(r, session).change) {
    changeDenied(r, `delete captions of session ${session.id}`);
    return;
  }
  session.captions = language === undefined ? [] : (session.captions ?? []).filter((t) => t.language !== language);
  send(r.res, 200, '');
}
