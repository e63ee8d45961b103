/** Replaced at build time by esbuild (`define`); falls back for tests that run the sources directly. */
declare const __FERRY_VERSION__: string | undefined;

export const ferryVersion: string = typeof __FERRY_VERSION__ === 'string' ? __FERRY_VERSION__ : '0.0.0-dev';
