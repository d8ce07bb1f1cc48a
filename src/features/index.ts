// The code behind what activation only registers, built into dist/features.js and loaded on first
// use through ./load.ts (never imported directly: see there). Only re-exports of our feature
// modules belong here; the activation side (src/extension.ts and the areas it builds) calls them as
// `features().name(…)`, passing in the live objects (the auth core, the client, the views).

// the Panopto client and its services (made on first use in src/extension.ts)
export { createPanoptoServices } from '../panopto/services';
// sign-in and credentials
export { createSessionSignIn } from '../auth/sessionSignIn';
export { createOAuthClient } from '../auth/oauthClient';
export { Refresher } from '../auth/refresher';
export { signInWithApplicationKey } from '../commands/applicationKey';
export { setClientSecret } from '../commands/credentials';
export { importEnvFile } from '../commands/importEnvFile';
// what a failed sign-in's message and "Having trouble?" say (src/ui/errors.ts), and what a sign-in asks of the user
export { adviseSignInFailure } from '../auth/signInErrors';
export { createGrantLostPrompt, createSignInUi, offerSignInHelp, showSignInHelp } from '../ui/signInUi';
// the Folders view's model and items (made on first use by src/views/foldersTree.ts)
export { FolderModel } from '../views/folderModel';
export { sessionTooltip, treeItemFor } from '../views/folderItems';
// the Folders view's commands and managing recordings (src/commands/recordingCommands.ts)
export { copyLink, openInBrowser, refreshFolders, searchFolders, switchAccount } from '../commands/folders';
export { downloadCaptions, uploadCaptions } from '../commands/captions';
export { deleteItems, moveDroppedNodes, moveTo, newFolder } from '../commands/folderChanges';
export { copyEmbedCode, editDescription, rename } from '../commands/recordings';
export { searchSessions } from '../commands/searchSessions';
export { CaptionService } from '../panopto/captions';
// uploads
export { createUploadWork } from '../uploads/uploadWork';
export { uploadCommand } from '../commands/upload';
export { uploadTreeItem } from '../views/uploadItems';
// setup
export { checkSetup } from '../setup/checkSetup';
export { createSiteSettingCheck, setSite } from '../setup/siteSetting';
// the language model tools (registered by src/lmTools/register.ts)
export { createTools } from '../lmTools/tools';
// authoring (stand-ins registered by src/authoring/authoringModule.ts)
export { createDropProvider } from '../authoring/dropProvider';
export { createHoverProvider, detailsCacheFor } from '../authoring/hoverProvider';
export { insertVideo } from '../authoring/insertVideo';
export { LinkChecker } from '../authoring/linkCheck';
export { createLinkFixProvider, replaceLink } from '../authoring/linkFix';
