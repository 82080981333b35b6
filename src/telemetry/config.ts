import type { EnvReader } from "../env";

export interface MetricsConfig {
  port: number;
  host: string;
  token?: string;
}

/**
 * METRICS_PORT turns the Prometheus endpoint on (off without it); METRICS_HOST defaults to HOST. METRICS_TOKEN, when
 * set, must be sent as a bearer token by the scraper; production requires one of 32+ characters unless the port is
 * bound to loopback. Tracing reads the standard OTEL_* variables itself (see tracing.ts).
 */
export function readMetricsConfig(read: EnvReader, host: string, production: boolean): MetricsConfig | undefined {
  if (!read.anySet(["METRICS_PORT"])) return undefined;
  const config: MetricsConfig = {
    port: read.int("METRICS_PORT", 9464, 0, 65535),
    host: read.string("METRICS_HOST", host),
    token: read.optional("METRICS_TOKEN"),
  };
  const loopback = /^(127\.|localhost$|::1$|\[::1\]$)/.test(config.host);
  if (production && !loopback && (config.token ?? "").length < 32) {
    read.problems.push("METRICS_TOKEN (32+ characters) is required when NODE_ENV=production and METRICS_HOST is not loopback");
  }
  return config;
}
