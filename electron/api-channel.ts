/** The one IPC channel between the preload and the main process (kept import-free for the sandboxed preload). */
export const API_CHANNEL = 'api';
