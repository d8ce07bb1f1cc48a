// Commands the Folders tree's own items run on click (src/views/folderItems.ts sets them; src/extension.ts
// registers them). Kept apart from folderItems.ts so that activation, which only registers them, does
// not load how the items look (that loads with the model, from dist/features.js: src/views/foldersTree.ts).
// Retry is also contributed in package.json (hidden from the Command Palette) because it is the error
// item's inline button; Load more is not contributed.
export const LOAD_MORE_COMMAND = 'panopto.folders.loadMore';
export const RETRY_COMMAND = 'panopto.folders.retry';
