import path from 'node:path';
import { createBackend } from '../app/create-backend';
import { defaultUserDataDir } from '../app/user-data-dir';
import { ferryVersion } from '../app/version';
import { startWebServer } from '../transports/web-server';

/**
 * `npm run web`: the whole app in a browser, for machines where the desktop app cannot run. Binds 127.0.0.1
 * on a free port (or FERRY_PORT) and prints the URL with its session token.
 */
async function main(): Promise<void> {
  const userDataDir = defaultUserDataDir();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const backend = createBackend({ userDataDir, mode: 'web', version: ferryVersion, log });
  const server = await startWebServer({
    backend,
    staticDir: path.resolve(__dirname, '../renderer'),
    uploadDir: path.join(userDataDir, 'uploads'),
    port: process.env.FERRY_PORT ? Number(process.env.FERRY_PORT) : 0,
    token: process.env.FERRY_TOKEN || undefined,
    log,
  });
  process.stdout.write(`Ferry ${ferryVersion} is running in web mode.\nOpen ${server.url}\n`);
  process.stdout.write(`History and uploads: ${userDataDir}\nPress Ctrl+C to stop.\n`);
  const stop = () => {
    void server
      .close()
      .then(() => backend.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ferry web: ${(error as Error).message}\n`);
  process.exit(1);
});
