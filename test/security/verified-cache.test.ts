import { createAuthenticator, signDevToken } from "../../src/auth";
import { VerifiedTokenCache } from "../../src/auth/verified-cache";
import { loadConfig } from "../../src/config";

// A verified token is remembered until it expires, so a router's repeated token is verified once; nothing about
// what is accepted changes.

const SECRET = "a-configured-secret-of-32-chars-or-more";
const principal = { issuer: "iss", subject: "sub", scopes: new Set(["cards:read"]), customers: new Set(["cus_ada"]) };

describe("VerifiedTokenCache", () => {
  let now = 1_000_000;
  const cache = () => new VerifiedTokenCache({ maxEntries: 2, maxAgeMs: 60_000, now: () => now });

  it("keeps a principal until the token's expiry, then forgets it", () => {
    const c = cache();
    c.set("t", principal, now + 10_000);
    expect(c.get("t")).toEqual(principal);
    now += 9_999;
    expect(c.get("t")).toEqual(principal);
    now += 1;
    expect(c.get("t")).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it("re-verifies a long-lived token after the maximum age, so a withdrawn signing key stops working", () => {
    const c = cache();
    c.set("t", principal, now + 3_600_000);
    now += 60_000;
    expect(c.get("t")).toBeUndefined();
  });

  it("holds at most maxEntries, dropping the oldest, and never keeps an already expired token", () => {
    const c = cache();
    c.set("a", principal, now + 10_000);
    c.set("b", principal, now + 10_000);
    c.set("c", principal, now + 10_000);
    expect([c.get("a"), c.get("b"), c.get("c")].map(Boolean)).toEqual([false, true, true]);
    c.set("old", principal, now - 1);
    expect(c.get("old")).toBeUndefined();
  });

  it("hands out a frozen principal: one request cannot change what the next one sees", () => {
    const stored = cache().set("t", principal, now + 10_000);
    expect(Object.isFrozen(stored)).toBe(true);
    expect(() => ((stored as { subject: string }).subject = "someone-else")).toThrow(TypeError);
  });
});

describe("token verification with the cache", () => {
  const { auth } = loadConfig({ AUTH_JWT_SECRET: SECRET });

  it("verifies a token once: the same principal comes back for its later requests", async () => {
    const authenticate = createAuthenticator(auth);
    const header = { authorization: `Bearer ${await signDevToken(SECRET, { customers: "cus_ada" })}` };
    const first = await authenticate(header);
    expect(first).toEqual({ issuer: "cards-subgraph-dev", subject: "dev", scopes: new Set(["cards:read", "cards:write"]), customers: new Set(["cus_ada"]) });
    expect(await authenticate(header)).toBe(first);
  });

  it("still refuses an expired token every time, and caches no refusal", async () => {
    const authenticate = createAuthenticator(auth);
    const header = { authorization: `Bearer ${await signDevToken(SECRET, { expiresIn: -60 })}` };
    for (let i = 0; i < 2; i++) await expect(authenticate(header)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" }, message: "The bearer token has expired." });
  });

  it("does not let a token verified under one key pass under another", async () => {
    const other = loadConfig({ AUTH_JWT_SECRET: "another-configured-secret-of-32-chars" }).auth;
    const header = { authorization: `Bearer ${await signDevToken(SECRET)}` };
    await createAuthenticator(auth)(header);
    await expect(createAuthenticator(other)(header)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });
});
