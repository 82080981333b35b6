import { createHash } from "node:crypto";
import type { AssetName, Assets } from "./assets";
import type { GraphiQLExample } from "./examples";

/** What boot.ts reads from the page; `tabs` and `headers` are GraphiQL's editor texts. */
export interface PageSettings {
  endpoint: string;
  tabs: Array<{ query: string; variables?: string; headers?: string }>;
  headers?: string;
  /** Changes whenever the settings do, so tabs stored by an earlier start (and its token) are not restored. */
  fingerprint: string;
}

/**
 * Scripts only from this origin (the boot script is a file for that reason); requests only to this origin, which
 * also keeps the page from ever reaching the internet. Styles may be inline: GraphiQL's dialogs inject <style>.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export function pageSettings(options: { endpoint: string; examples: readonly GraphiQLExample[]; devToken?: string }): PageSettings {
  const headers = options.devToken ? pretty({ Authorization: `Bearer ${options.devToken}` }) : undefined;
  const tabs = options.examples.map(({ query, variables }) => ({
    query,
    ...(variables ? { variables: pretty(variables) } : {}),
    ...(headers ? { headers } : {}),
  }));
  const fingerprint = createHash("sha256").update(JSON.stringify({ endpoint: options.endpoint, tabs, headers })).digest("hex").slice(0, 16);
  return { endpoint: options.endpoint, tabs, ...(headers ? { headers } : {}), fingerprint };
}

/** JSON inside <script> must not contain "</script>" or "<!--"; escaping every "<" rules both out. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function renderPage(settings: PageSettings, assets: Assets): string {
  const script = (name: AssetName) => `<script defer src="${assets.pathOf(name)}"></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cards-subgraph · GraphiQL</title>
<link rel="stylesheet" href="${assets.pathOf("graphiql.css")}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
${script("react.js")}
${script("react-dom.js")}
${script("graphiql.js")}
${script("boot.js")}
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${scriptJson(settings)}</script>
</body>
</html>
`;
}
