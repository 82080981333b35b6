import { readFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { graphiqlRoutes, type GraphiQLOptions } from "../../src/graphiql";
import { BANK_CARD_EXAMPLE, SUDO_CARD_EXAMPLE } from "../../src/graphiql/examples";

/** graphiqlRoutes on a bare node:http server that answers 404 for whatever the route leaves alone. */
async function serve(options: GraphiQLOptions): Promise<{ base: string; server: Server }> {
  const route = graphiqlRoutes(options);
  const server = createServer(async (req, res) => {
    if (!(await route(req, res))) res.writeHead(404).end("left to the next route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch, which would add and undo compression behind our back. */
function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject).end();
  });
}

const browser = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.e30.dev-token-for-this-test";

function configOf(html: string): { endpoint: string; headers?: string; tabs: Array<{ query: string; variables?: string; headers?: string }>; fingerprint: string } {
  const json = /<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(html)![1];
  return JSON.parse(json);
}

const linksOf = (html: string) => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);

let withToken: { base: string; server: Server };
let withoutToken: { base: string; server: Server };

beforeAll(async () => {
  [withToken, withoutToken] = await Promise.all([serve({ devToken: TOKEN }), serve({})]);
});
afterAll(async () => {
  await Promise.all([withToken, withoutToken].map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

describe("the GraphiQL page", () => {
  it("is served to a browser on GET /, never cached, with a policy that allows nothing from other origins", async () => {
    const page = await get(`${withToken.base}/`, browser);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-store");
    const csp = page.headers["content-security-policy"] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = page.body.toString();
    expect(html).toContain("<title>cards-subgraph · GraphiQL</title>");
    expect(html).not.toMatch(/https?:\/\//);
    expect(linksOf(html)).toHaveLength(5);
    for (const link of linksOf(html)) expect(link).toMatch(/^\/graphiql\/[a-z-]+\.[0-9a-f]{12}\.(js|css)$/);
  });

  it("opens one tab per example with its variables and the dev token as Authorization header", async () => {
    const config = configOf((await get(`${withToken.base}/`, browser)).body.toString());
    expect(config.endpoint).toBe("/");
    const headers = JSON.parse(config.headers!);
    expect(headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(config.tabs.map((tab) => /(mutation|query) (\w+)/.exec(tab.query)![2])).toEqual(["StartBankConsent", "BankConsentStatus", "CreateBankCard", "CreateSudoCard", "CustomerCards", "CardHistory"]);
    expect(JSON.parse(config.tabs[2].variables!)).toEqual(BANK_CARD_EXAMPLE.variables);
    expect(JSON.parse(config.tabs[3].variables!)).toEqual(SUDO_CARD_EXAMPLE.variables);
    for (const tab of config.tabs) expect(JSON.parse(tab.headers!)).toEqual(headers);
  });

  it("carries no Authorization header without a dev token, and a different storage namespace", async () => {
    const config = configOf((await get(`${withoutToken.base}/`, browser)).body.toString());
    const other = configOf((await get(`${withToken.base}/`, browser)).body.toString());
    expect(config.headers).toBeUndefined();
    expect(config.tabs.every((tab) => tab.headers === undefined)).toBe(true);
    expect(config.fingerprint).not.toBe(other.fingerprint);
  });

  it("escapes '<' in the settings, so an example cannot close the script element", async () => {
    const { base, server } = await serve({ examples: [{ query: "# </script><script>alert(1)</script>\n{ __typename }" }] });
    try {
      const html = (await get(`${base}/`, browser)).body.toString();
      expect(html).not.toContain("</script><script>alert(1)");
      expect(configOf(html).tabs[0].query).toBe("# </script><script>alert(1)</script>\n{ __typename }");
    } finally {
      server.close();
    }
  });

  it("leaves GET / from a non-browser client, and other paths, to the next route", async () => {
    expect((await get(`${withToken.base}/`, { accept: "application/json" })).status).toBe(404);
    expect((await get(`${withToken.base}/`)).status).toBe(404);
    expect((await get(`${withToken.base}/elsewhere`, browser)).status).toBe(404);
    expect((await get(`${withToken.base}/graphiql/nothing.js`)).status).toBe(404);
  });
});

describe("the GraphiQL files", () => {
  let links: string[];
  beforeAll(async () => {
    links = linksOf((await get(`${withToken.base}/`, browser)).body.toString());
  });

  it("are graphiql's and React's builds from node_modules plus the boot script, with their content types", async () => {
    const served = await Promise.all(links.map((link) => get(`${withToken.base}${link}`)));
    // "/graphiql/react-dom.0123456789ab.js" → "react-dom.js"
    const byName = Object.fromEntries(links.map((link, i) => [link.slice("/graphiql/".length).replace(/\.[0-9a-f]{12}\./, "."), served[i]]));
    expect(Object.keys(byName).sort()).toEqual(["boot.js", "graphiql.css", "graphiql.js", "react-dom.js", "react.js"]);
    for (const [name, reply] of Object.entries(byName)) {
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toBe(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    }
    const installed = (pkg: string, file: string) => readFileSync(require.resolve(`${pkg}/package.json`).replace("package.json", file));
    expect(byName["graphiql.js"].body.equals(installed("graphiql", "graphiql.min.js"))).toBe(true);
    expect(byName["graphiql.css"].body.equals(installed("graphiql", "graphiql.min.css"))).toBe(true);
    expect(byName["react.js"].body.equals(installed("react", "umd/react.production.min.js"))).toBe(true);
    expect(byName["react-dom.js"].body.equals(installed("react-dom", "umd/react-dom.production.min.js"))).toBe(true);
    expect(byName["boot.js"].body.toString()).toContain("GraphiQL.createFetcher");
  });

  it("may be cached for good, revalidate with 304, and come gzipped to a client that accepts it", async () => {
    const script = links.find((link) => /\/graphiql\.\w+\.js$/.test(link))!;
    const plain = await get(`${withToken.base}${script}`);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const zipped = await get(`${withToken.base}${script}`, { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("accept-encoding");
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const again = await get(`${withToken.base}${script}`, { "if-none-match": plain.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("answer HEAD without a body and refuse other methods with 405", async () => {
    const head = await get(`${withToken.base}${links[0]}`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
    const post = await get(`${withToken.base}${links[0]}`, {}, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });
});
