import type { ErrorCode } from '../../shared/errors';

/**
 * Every English string the renderer shows, in one place so it can be translated. Accessible names used by tests
 * (button and field labels, nav links) live here too: change them only together with the e2e page objects.
 */
export const en = {
  app: {
    name: 'Ferry',
    tagline: 'Migration assistant',
    loading: 'Connecting to Ferry…',
    toggleNavigation: 'Toggle navigation',
    switchToDark: 'Switch to dark theme',
    switchToLight: 'Switch to light theme',
    mainNavigation: 'Main navigation',
    backendUnreachableTitle: 'Ferry could not reach its backend',
    unauthorizedHint:
      'This page needs the link Ferry printed when it started (it ends in ?token=…). Open that link again in this tab.',
    backendHint: 'Check that Ferry is still running, then reload this page.',
    retry: 'Try again',
    modeDesktop: 'Desktop',
    modeWeb: 'Browser mode',
  },
  nav: {
    open: 'Open package',
    history: 'History',
  },
  open: {
    title: 'Open package',
    intro:
      'Open a DataWorks SPEC package, FlowSpec files or a package from another scheduler to inspect it offline.',
    choose: 'Choose package…',
    pathLabel: 'Package path on this machine',
    pathDescription: 'The full path of the package file on the computer running Ferry.',
    pathPlaceholder: '/home/me/packages/export.zip',
    openButton: 'Open',
    uploadLabel: 'Upload a package',
    uploadDescription: 'Or send a package file from this browser to Ferry.',
    or: 'or',
    progressLabel: 'Opening package',
    uploadProgressLabel: 'Uploading package',
    uploading: (fileName: string) => `Uploading ${fileName}`,
    starting: 'Starting…',
    progressCount: (done: string, total: string | null) => (total === null ? done : `${done} of ${total}`),
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    cancelled: 'Opening was cancelled.',
    failedTitle: 'Could not open the package',
    dismiss: 'Dismiss',
  },
  summary: {
    title: 'Package',
    fileName: 'File',
    path: 'Path',
    size: 'Size',
    entries: 'Entries',
    sha256: 'SHA-256',
    copySha: 'Copy SHA-256',
    copied: 'Copied',
    openedAt: 'Opened',
  },
  entries: {
    tableLabel: 'Package entries',
    searchLabel: 'Search entries',
    searchPlaceholder: 'Filter by name',
    name: 'Name',
    size: 'Size',
    compressed: 'Compressed',
    modified: 'Modified',
    loadingRow: 'Loading…',
    noMatch: (search: string) => `No entries match “${search}”.`,
    empty: 'This package has no entries.',
    matching: (count: string) => `${count} matching`,
    loadFailed: 'Could not load the entries',
  },
  history: {
    title: 'History',
    intro: 'Packages opened on this machine, newest first. Click one to open it again.',
    empty: 'No packages opened yet — open one from Open package',
    loading: 'Loading history…',
    loadFailed: 'Could not load the history',
    tableLabel: 'Opened packages',
    fileName: 'File',
    path: 'Path',
    size: 'Size',
    entries: 'Entries',
    openedAt: 'Opened at',
    sha: 'SHA-256',
    reopen: (fileName: string) => `Open ${fileName} again`,
    refresh: 'Refresh',
  },
  transport: {
    unreachable: 'Could not reach the Ferry server. Is it still running?',
    unreadable: (status: number, statusText: string) =>
      `The Ferry server answered ${status} ${statusText} without a readable result.`,
    noUploadPath: 'The Ferry server accepted the upload but did not say where it stored the file.',
    uploadCancelled: 'Upload cancelled.',
    uploadUnsupported: 'This Ferry cannot receive uploads. Give the path of the package instead.',
  },
  count: {
    entries: (n: number, formatted: string) => `${formatted} ${n === 1 ? 'entry' : 'entries'}`,
  },
  units: ['B', 'KB', 'MB', 'GB', 'TB'] as const,
  none: '—',
  /** What to do about each kind of error; the error's own message says what went wrong and where. */
  errorAdvice: {
    'bad-request': 'Check what you entered and try again.',
    unauthorized: 'Your session has expired. Open the link Ferry printed when it started again.',
    'not-found': 'Check the path: the file may have been moved, renamed or deleted.',
    'not-a-file': 'Give the path of a package file, not of a folder.',
    'not-a-zip': 'Choose a package file (.zip) exported from DataWorks or another scheduler.',
    'corrupt-archive': 'The file is damaged or incomplete. Copy or download it again, or export it again.',
    'unsafe-archive':
      'Ferry did not read this package because it looks unsafe (paths outside the package, too many entries or too big when unpacked). Ask whoever made it to check it or export it again.',
    'malformed-document': 'A file inside the package cannot be read. Export the package again or report it.',
    unsupported: 'Ferry cannot read this kind of package yet.',
    conflict: 'Something changed at the same time. Try again.',
    cancelled: 'Nothing was changed. Open the package again when you are ready.',
    io: 'Check that the file is readable and the disk is available, then try again.',
    internal: 'Try again. If it keeps happening, report it with the message above.',
  } satisfies Record<ErrorCode, string>,
};

export type Messages = typeof en;
