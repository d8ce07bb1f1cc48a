// Values of the REST switches for behaviour Panopto does not document (devserver/switches.ts).

/** How a refused change (no Creator role) answers: 403 with an APIError, 403 empty, or 401 empty. */
export type ChangeDeniedMode = '403apiError' | '403empty' | '401empty';
export const changeDeniedModes: readonly ChangeDeniedMode[] = ['403apiError', '403empty', '401empty'];

/** Who may create (or move folders to) the top level: instructors (seedUsers role), everyone, nobody. */
export type TopLevelFolderCreators = 'instructors' | 'everyone' | 'nobody';
export const topLevelFolderCreatorModes: readonly TopLevelFolderCreators[] = ['instructors', 'everyone', 'nobody'];

/** What an uploaded VTT caption file is kept as: converted to SRT, or the file as sent. */
export type VttCaptionMode = 'convertToSrt' | 'keepAsGiven';
export const vttCaptionModes: readonly VttCaptionMode[] = ['convertToSrt', 'keepAsGiven'];

/** The caption download without the .ASPXAUTH cookie: a 302 to the sign-in page, or a bare 401/403. */
export type LegacyNoCookieMode = 'redirectToLogin' | '401' | '403';
export const legacyNoCookieModes: readonly LegacyNoCookieMode[] = ['redirectToLogin', '401', '403'];

export function oneOf<T extends string>(values: readonly T[]): (v: unknown) => string | undefined {
  return (v) => (values.includes(v as T) ? undefined : `must be one of ${values.join(', ')}`);
}
