import { startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { call, virtualCard } from "./sudo-client";

// Issue 9 item 11: a metadata key `constructor` made POST /cards answer 500 (class-transformer read it as the class
// of the metadata object). Metadata is free-form JSON: such keys are data, like any other.

let sb: SudoSandbox;
beforeAll(async () => {
  sb = await startSudoSandbox();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

/** JSON text, so `__proto__` is sent as a key and not swallowed by an object literal. */
const withMetadata = (metadataJson: string) => JSON.stringify(virtualCard({})).replace(/}$/, `,"metadata":${metadataJson}}`);

describe("metadata keys that name Object.prototype's members", () => {
  it.each(["constructor", "__proto__", "prototype", "toString", "hasOwnProperty"])("POST /cards stores and returns the key %s", async (key) => {
    const res = await call(sb, "POST", "/cards", undefined, { raw: withMetadata(`{"${key}":"v","orderRef":"A-1"}`) });
    expect(res.status).toBe(200);
    expect(Object.prototype.hasOwnProperty.call(res.body.data.metadata, key)).toBe(true);
    expect(res.body.data.metadata[key]).toBe("v");
    expect(res.body.data.metadata.orderRef).toBe("A-1");
  });

  it("accepts the same as a JSON string, as Sudo documents metadata", async () => {
    const res = await call(sb, "POST", "/cards", undefined, { raw: withMetadata(JSON.stringify(JSON.stringify({ constructor: { name: "x" } }))) });
    expect(res.status).toBe(200);
    expect(res.body.data.metadata).toEqual({ constructor: { name: "x" } });
  });

  it("PUT /cards/{id} updates metadata (a JSON string there) with such a key", async () => {
    const created = await call(sb, "POST", "/cards", virtualCard({}));
    const res = await call(sb, "PUT", `/cards/${created.body.data._id}`, undefined, { raw: JSON.stringify({ status: "active", metadata: '{"constructor":"v"}' }) });
    expect(res.status).toBe(200);
    expect(res.body.data.metadata).toEqual({ constructor: "v" });
  });

  it("still refuses metadata that is not an object", async () => {
    for (const bad of ['"not json"', "[1,2]", "7"]) {
      const res = await call(sb, "POST", "/cards", undefined, { raw: withMetadata(bad) });
      expect(res.status).toBe(400);
    }
  });
});
