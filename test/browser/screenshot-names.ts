/** The two widths every page is checked and photographed at: a laptop and a phone. */
export const screenshotWidths = { desktop: 1280, phone: 390 } as const;

/** `/migrations/service-v3/gates/` → `migrations-service-v3-gates`; `/` → `home`. */
export function screenshotName(url: string): string {
  const name = url
    .replace(/\.html$/, '')
    .split('/')
    .filter(Boolean)
    .join('-')
    .replace(/[^a-z0-9.-]/gi, '_');
  return name || 'home';
}
