import { registerEnumType } from "type-graphql";
import type { ProviderDefinition } from "./provider";
import { bankProvider } from "./bank";
import { sudoProvider } from "./sudo";

/** The one list of providers. A new provider is a folder beside these and one entry here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PROVIDERS: readonly ProviderDefinition<any, any>[] = [bankProvider, sudoProvider];

/** The CardProvider enum, derived from the registry so it cannot drift from it. */
export const CardProvider: Record<string, string> = Object.fromEntries(PROVIDERS.map((p) => [p.name, p.name]));
export type CardProvider = string;

registerEnumType(CardProvider, { name: "CardProvider", description: "The provider that issued the card." });

export function providerByName(name: string): ProviderDefinition<object, unknown> | undefined {
  return PROVIDERS.find((p) => p.name === name);
}
