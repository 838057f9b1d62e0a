import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/**
 * Chromium from Debian (`apt-get install -y chromium`), driven by playwright-core; never a browser
 * download. Without it the browser tests are skipped with a message, unless CONTRACT_DOCS_REQUIRE_BROWSER=1
 * (set by `.ci/run`) makes its absence a failure.
 */
export const chromiumPath = process.env['CONTRACT_DOCS_CHROMIUM'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const browserRequired = process.env['CONTRACT_DOCS_REQUIRE_BROWSER'] === '1';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile per launch (`--user-data-dir` via a persistent context), removed on close. */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'contract-docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  origin: string;
  /** Every request the server answered with 404, for assertions on broken links. */
  notFound: string[];
  close(): Promise<void>;
}

/**
 * Serves a built `dist/` the way a static host does: `/x/` → `/x/index.html`, misses → `404.html` with 404.
 * With a `base` (a preview deploy such as `/pr-7/`), `dist/` is served under it and nothing outside it.
 */
export async function serveStatic(root: string, options: { base?: string } = {}): Promise<StaticServer> {
  const base = options.base ?? '/';
  const notFound: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path: string;
    try {
      const pathname = decodeURIComponent(url.pathname);
      path = pathname.startsWith(base)
        ? normalize(join(root, pathname.slice(base.length - 1)))
        : join(root, '__outside__');
    } catch {
      path = root;
    }
    if (path !== root && !path.startsWith(root + sep)) path = join(root, '__outside__');
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      notFound.push(url.pathname);
      const page = join(root, '404.html');
      response.writeHead(404, { 'Content-Type': contentTypes['.html']! });
      response.end(existsSync(page) ? readFileSync(page) : 'not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    response.end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    notFound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
