import type { IncomingMessage, ServerResponse } from "node:http";
import type { RouteHandler } from "../http";
import { pathOf, sendError } from "../http/respond";
import { ASSET_PREFIX, assetSources, loadAssets, type Asset, type Assets } from "./assets";
import { CARD_EXAMPLES, type GraphiQLExample } from "./examples";
import { CONTENT_SECURITY_POLICY, pageSettings, renderPage } from "./page";

export interface GraphiQLOptions {
  /** Where GraphQL is served; the page is served there too, to browsers (GET asking for text/html). */
  endpoint?: string;
  /** Pre-filled as `Authorization: Bearer …` in every tab. Only for a token nobody else could mint (development). */
  devToken?: string;
  /** One tab each; the card examples by default. */
  examples?: readonly GraphiQLExample[];
}

const ONE_YEAR_SECONDS = 31_536_000;
const COMMON_HEADERS = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };

function wantsHtml(req: IncomingMessage): boolean {
  return (req.method === "GET" || req.method === "HEAD") && (req.headers.accept ?? "").includes("text/html");
}

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | number>, body?: Buffer): void {
  res.writeHead(status, { ...COMMON_HEADERS, ...headers });
  res.end(req.method === "HEAD" ? undefined : body);
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
  // The path carries the content hash, so a cached copy never goes stale.
  const caching = { "cache-control": `public, max-age=${ONE_YEAR_SECONDS}, immutable`, etag: asset.etag, vary: "accept-encoding" };
  if (req.headers["if-none-match"] === asset.etag) return send(req, res, 304, caching);
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? asset.gzipped : asset.body;
  send(req, res, 200, { ...caching, "content-type": asset.contentType, "content-length": body.length, ...(gzip ? { "content-encoding": "gzip" } : {}) }, body);
}

/**
 * GraphiQL for this subgraph, served entirely from this process (graphiql and React from node_modules), so it works
 * where there is no internet. Answers GET `endpoint` from browsers with the page and GET /graphiql/* with its files;
 * everything else is left to the next route or GraphQL.
 */
export function graphiqlRoutes(options: GraphiQLOptions = {}): RouteHandler {
  const endpoint = options.endpoint ?? "/";
  const settings = pageSettings({ endpoint, examples: options.examples ?? CARD_EXAMPLES, devToken: options.devToken });
  const sources = assetSources();
  let loaded: Promise<{ assets: Assets; page: Buffer }> | undefined;
  // Read on the first visit, not at start-up: most starts (tests, services behind a router) never show the page.
  const load = () => (loaded ??= loadAssets(sources).then((assets) => ({ assets, page: Buffer.from(renderPage(settings, assets)) })));

  return async (req, res) => {
    const path = pathOf(req);
    if (path === endpoint && wantsHtml(req)) {
      const { page } = await load();
      // no-store: the page embeds the dev token, which changes at every start.
      send(req, res, 200, { "content-type": "text/html; charset=utf-8", "content-length": page.length, "cache-control": "no-store", "content-security-policy": CONTENT_SECURITY_POLICY }, page);
      return true;
    }
    if (!path.startsWith(ASSET_PREFIX)) return false;
    const asset = (await load()).assets.byPath.get(path);
    if (!asset) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendError(res, 405, "METHOD_NOT_ALLOWED", "Use GET", { allow: "GET, HEAD" });
      return true;
    }
    sendAsset(req, res, asset);
    return true;
  };
}
