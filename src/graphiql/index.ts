export { readGraphiQLEnabled } from "./config";
export { CARD_EXAMPLES, type GraphiQLExample } from "./examples";
export { graphiqlRoutes, type GraphiQLOptions } from "./routes";
