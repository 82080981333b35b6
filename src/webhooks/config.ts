import type { EnvReader } from "../env";
import { PROVIDERS } from "../providers/registry";

/**
 * Each webhook provider's token (e.g. SUDO_WEBHOOK_TOKEN), by provider name. Production requires a strong one: without
 * it anyone who finds the URL could cancel cards in our registry. Elsewhere an unset token is generated at start.
 */
export function readWebhookTokens(read: EnvReader, production: boolean): Record<string, string | undefined> {
  const tokens: Record<string, string | undefined> = {};
  for (const provider of PROVIDERS) {
    if (!provider.webhooks) continue;
    const { tokenVar } = provider.webhooks;
    const token = read.optional(tokenVar);
    if (production && !token) read.problems.push(`${tokenVar} is required when NODE_ENV=production (the Authorization Token set in ${provider.name}'s dashboard)`);
    read.strongSecretInProduction(tokenVar, token);
    tokens[provider.name] = token;
  }
  return tokens;
}
