/**
 * Site paths live in the core (`src/core/links/routes.ts`) because the `links` rule and the cross-link
 * plugins resolve content links against them; pages import them from here.
 */
export * from '../core/links/routes.ts';
