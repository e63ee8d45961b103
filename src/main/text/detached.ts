/**
 * A string found in a larger text, as a string of its own. V8 makes a regex match or `slice` of 13 characters or more
 * a view into the whole text, so a name kept after a scan (in a plan's mappings, in a problem message) would keep the
 * whole code body it was found in alive: with thousands of bodies, the whole package's code.
 */
export function detached(found: string): string {
  return [...found].join('');
}
