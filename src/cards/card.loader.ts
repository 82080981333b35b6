import DataLoader from "dataloader";
import type { CardStore, CardPage } from "../store/store";
import type { Card } from "./card.type";

export interface CardLoaders {
  cardById: DataLoader<string, Card | null>;
  /** First page of a customer's cards, keyed by `${first}:${customerId}` so one page size is one batch. */
  firstCardsPage: DataLoader<string, CardPage>;
}

/** Per request, never shared: DataLoader caches, and a shared cache would serve one caller's data to another. */
export function createCardLoaders(store: CardStore): CardLoaders {
  return {
    cardById: new DataLoader(
      async (ids) => {
        const found = await store.findCards(ids);
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: 1000 },
    ),
    firstCardsPage: new DataLoader(async (keys) => {
      const bySize = new Map<number, string[]>();
      for (const key of keys) {
        const colon = key.indexOf(":");
        const size = Number(key.slice(0, colon));
        const customerIds = bySize.get(size);
        if (customerIds) customerIds.push(key.slice(colon + 1));
        else bySize.set(size, [key.slice(colon + 1)]);
      }
      const results = new Map<string, CardPage>();
      for (const [size, customerIds] of bySize) {
        const pages = await store.listCardsForCustomers(customerIds, size);
        for (const [customerId, page] of pages) results.set(`${size}:${customerId}`, page);
      }
      return keys.map((key) => results.get(key) ?? { cards: [], hasNextPage: false });
    }),
  };
}
