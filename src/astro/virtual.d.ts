/** Served by the contract-docs integration (`siteIndexPlugin` in integration.ts). */
declare module 'virtual:contract-docs/site-index' {
  const siteIndex: import('../core/links/site-index.ts').SiteIndex;
  export default siteIndex;
}

/** Served by the contract-docs integration (`deployPlugin` in integration.ts): preview mode and review diff. */
declare module 'virtual:contract-docs/deploy' {
  const deploy: import('./deploy.ts').DeployInfo;
  export default deploy;
}
