import { allowedSchemes } from './allow-list.ts';

/**
 * The scheme a browser would see in a URL attribute, lower case, or undefined for a URL without one
 * (a site path, `#anchor`, `../page/`, `//host/`). The value must already be decoded (`jav&#x61;script:`
 * is `javascript:` once the HTML or MDX parser has read it). Browsers drop leading and trailing spaces and
 * C0 controls, and every tab and newline anywhere, before they read the scheme; so does this.
 */
export function urlScheme(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- C0 controls are exactly what a browser strips here.
  const cleaned = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

/** Whether a URL may appear in a document: no scheme, or one of the allowed schemes. */
export function isAllowedUrl(value: string): boolean {
  const scheme = urlScheme(value);
  return scheme === undefined || allowedSchemes.has(scheme);
}
