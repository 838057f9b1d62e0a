/** Served by the contract-docs integration (`siteIndexPlugin` in integration.ts). */
declare module 'virtual:contract-docs/site-index' {
  const siteIndex: import('../core/links/site-index.ts').SiteIndex;
  export default siteIndex;
}
