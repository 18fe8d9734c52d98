import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';

/** Where the Node server serves Swagger UI's own files (the Workers build keeps the CDN). */
export const DOCS_ASSETS_BASE = '/docs/assets';
export const DOCS_ASSETS_ROUTE = `${DOCS_ASSETS_BASE}/swagger-ui-dist/*`;

/**
 * Swagger UI's script and stylesheet from node_modules, so `/docs` works on a desk whose network
 * does not reach a CDN. Only the two files the page loads are served.
 */
export function docsAssets() {
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return serveStatic({
    root,
    rewriteRequestPath: (path) => {
      const file = path.slice(`${DOCS_ASSETS_BASE}/swagger-ui-dist/`.length);
      return file === 'swagger-ui.css' || file === 'swagger-ui-bundle.js' ? `/${file}` : '/.not-served';
    },
  });
}
