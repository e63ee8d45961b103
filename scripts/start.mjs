// `npm start`: the desktop app where Electron's binary is installed; otherwise says so and starts the same
// app in web mode (a local server on 127.0.0.1 with a session token) and prints the URL to open.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });

function electronBinary() {
  try {
    // The electron package exports the path of its binary, and throws when the binary was never downloaded.
    return createRequire(import.meta.url)('electron');
  } catch {
    return null;
  }
}

const run = (command, args) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
};

const electron = process.env.FERRY_WEB === '1' ? null : electronBinary();
if (electron) {
  run(electron, [root]);
} else {
  console.log(
    process.env.FERRY_WEB === '1'
      ? 'FERRY_WEB=1: starting Ferry in web mode.'
      : "Electron's binary is not installed here (it could not be downloaded), so Ferry starts in web mode instead:\n" +
          'the same app, in your browser, served only to this machine.',
  );
  run(process.execPath, [path.join(root, 'dist/main/web.cjs')]);
}
