import { Kind, parse, print, visit, type DirectiveNode } from "graphql";

/** The specs only a router enforces; a supergraph links them `for: SECURITY`. */
const ROUTER_ONLY_SPECS = /^https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes|policy)\/v[\d.]+$/;

function isRouterOnlySecurityLink(directive: DirectiveNode): boolean {
  if (directive.name.value !== "link") return false;
  const url = directive.arguments?.find((a) => a.name.value === "url")?.value;
  return url?.kind === Kind.STRING && ROUTER_ONLY_SPECS.test(url.value);
}

/**
 * The supergraph as a stock @apollo/gateway accepts it. Composition links @authenticated, @requiresScopes and @policy
 * `for: SECURITY`, which tells a gateway that cannot enforce them to refuse the supergraph, and @apollo/gateway
 * cannot. This drops the `for` argument from those links only; the directives stay in the schema, unenforced by the
 * gateway. That is safe only while every subgraph enforces its own rules, as the cards subgraph does (scopes and
 * ownership on every field, docs/security.md). Anything else (`for: EXECUTION` links, unknown SECURITY features) is
 * left as composed, so the gateway still refuses what it cannot run.
 */
export function forStockGateway(supergraphSdl: string): string {
  const document = visit(parse(supergraphSdl), {
    Directive(directive) {
      if (!isRouterOnlySecurityLink(directive)) return undefined;
      return { ...directive, arguments: directive.arguments?.filter((a) => a.name.value !== "for") };
    },
  });
  return print(document);
}
