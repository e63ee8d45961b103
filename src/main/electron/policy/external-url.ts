/**
 * Hosts the app may hand to the system browser with shell.openExternal. Exact host names, https only: keep this
 * list short, and add a host only for a link the UI really shows (documentation, the cloud console).
 */
export const externalHostAllowList: readonly string[] = [
  'help.aliyun.com',
  'www.alibabacloud.com',
  'www.electronjs.org',
];

/**
 * True when `candidate` may be opened in the system browser: an https URL on the default port, without
 * credentials, whose host is exactly one of `allowedHosts`. Everything else (http, file:, custom schemes that
 * launch other programs, look-alike hosts such as `help.aliyun.com.evil.test`) is refused.
 */
export function isAllowedExternalUrl(
  candidate: unknown,
  allowedHosts: readonly string[] = externalHostAllowList,
): boolean {
  if (typeof candidate !== 'string' || candidate.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '')
    return false;
  return allowedHosts.includes(url.hostname);
}
