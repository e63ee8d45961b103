/**
 * Saves text as a file through the browser: an <a download> on a blob: URL. Following a link is navigation, not a
 * fetch, so the CSP's connect-src does not apply, and the URL is revoked once the click has been handled.
 */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
