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

/** Per-page render data (see src/astro/document-facts.ts): how a document page reaches its MDX's components. */
declare namespace App {
  interface Locals {
    documentFacts?: import('./document-facts.ts').DocumentFactsContext | undefined;
  }
}
