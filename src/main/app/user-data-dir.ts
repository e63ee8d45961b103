import os from 'node:os';
import path from 'node:path';

/**
 * Where the CLI and web mode keep history and packages when not run inside Electron: `FERRY_HOME` if set,
 * else the platform's per-user application-data folder (the same place Electron's userData would be).
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.FERRY_HOME) return path.resolve(env.FERRY_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Ferry');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Ferry');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Ferry');
}
