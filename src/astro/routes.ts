/**
 * Site paths live in the core (`src/core/links/routes.ts`) because the `links` rule and the cross-link
 * plugins resolve content links against them; pages import them from here.
 */
export * from '../core/links/routes.ts';

/** The contract diff of a review build (`REVIEW_BASE`); the page exists only in such builds. */
export const reviewPath = '/review/';
