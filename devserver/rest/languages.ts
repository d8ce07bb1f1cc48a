// Panopto's ContentLanguage enum (caption upload `language`), in the order of Panopto's public API
// document. The legacy caption download (GenerateSRT.ashx?language=N) takes the enum's number, which
// is its position here: integrators ask for English_USA with `language=0`.

export const contentLanguages = [
  'English_USA',
  'English_GBR',
  'Spanish_MEX',
  'Spanish_ESP',
  'German',
  'French',
  'Dutch',
  'Thai',
  'Chinese_Simplified',
  'Chinese_Traditional',
  'Korean',
  'Japanese',
  'Russian',
  'Portuguese',
  'Polish',
  'English_AUS',
  'Danish',
  'Finnish',
  'Hungarian',
  'Norwegian',
  'Swedish',
  'Italian',
  'Welsh',
  'Catalan',
  'Galician',
  'Basque',
  'Arabic',
  'Hindi',
  'French_CAN',
  'Hebrew',
  'Vietnamese',
] as const;

export type ContentLanguage = (typeof contentLanguages)[number];

/** Captions uploaded without a language (Panopto calls them "Default"). */
export const DEFAULT_CAPTION_LANGUAGE = 'Default';

/** An enum name (any case) or its number, as ASP.NET binds enums; undefined when neither. */
export function parseContentLanguage(raw: string): ContentLanguage | undefined {
  const value = raw.trim();
  if (/^\d+$/.test(value)) return contentLanguages[Number(value)];
  return contentLanguages.find((name) => name.toLowerCase() === value.toLowerCase());
}
