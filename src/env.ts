import { weakSecretReason } from "./secret-strength";

/** Raised at start-up with one line per configuration problem, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads env vars, collecting every problem instead of stopping at the first. Secrets never appear in messages. */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** True when any of the names is set to a non-empty value. */
  anySet(names: string[]): boolean {
    return names.some((n) => (this.env[n] ?? "").trim() !== "");
  }

  string(name: string, fallback?: string): string {
    const value = (this.env[name] ?? "").trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required`);
    return "";
  }

  optional(name: string): string | undefined {
    const value = (this.env[name] ?? "").trim();
    return value || undefined;
  }

  /**
   * An http(s) URL without its trailing slashes. With NODE_ENV=production it must be https: provider calls carry
   * PINs, card data and credentials. Plain http is left to loopback, where a local TLS-originating proxy or sidecar
   * listens and nothing crosses a network.
   */
  url(name: string, fallback?: string): string {
    const value = this.string(name, fallback);
    if (!value) return value;
    let u: URL;
    try {
      u = new URL(value);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
    } catch {
      this.problems.push(`${name} must be an http(s) URL, got "${value}"`);
      return value;
    }
    if (this.env.NODE_ENV === "production" && u.protocol === "http:" && !isLoopback(u.hostname)) {
      this.problems.push(`${name} must be an https:// URL when NODE_ENV=production (plain http only to a loopback address)`);
    }
    return value.replace(/\/+$/, "");
  }

  /** A secret that production must not accept when weak (see secret-strength.ts); the value never reaches the message. */
  strongSecretInProduction(name: string, value: string | undefined, knownValues: readonly string[] = []): void {
    if (this.env.NODE_ENV !== "production" || !value) return;
    const reason = weakSecretReason(value, knownValues);
    if (reason) this.problems.push(`${name} ${reason} when NODE_ENV=production`);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = (this.env[name] ?? "").trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = (this.env[name] ?? "").trim();
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
    return fallback;
  }

  list(name: string, fallback: string[] = []): string[] {
    const raw = (this.env[name] ?? "").trim();
    return raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : fallback;
  }

  /** Throws when anything read so far was invalid. */
  done(): void {
    if (this.problems.length) throw new ConfigError(this.problems);
  }
}

/** 127.0.0.0/8, ::1 and localhost: a plain-http URL there never leaves the host. */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
