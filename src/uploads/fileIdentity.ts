// The file as the uploader sees it: its size and modification time (a resumed upload checks both
// to know the file did not change), refused early when it cannot be uploaded at all.
import { stat } from 'node:fs/promises';
import * as l10n from '@vscode/l10n';
import { errorMessage } from '../util/errorMessage';
import { UploadInputError } from './errors';

export async function fileIdentity(path: string): Promise<{ size: number; mtimeMs: number }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UploadInputError(l10n.t('Cannot read {0}: {1}', path, errorMessage(error)));
  }
  if (!info.isFile()) {
    throw new UploadInputError(l10n.t('{0} is not a file.', path));
  }
  if (info.size === 0) {
    throw new UploadInputError(l10n.t('{0} is empty.', path));
  }
  return { size: info.size, mtimeMs: info.mtimeMs };
}
