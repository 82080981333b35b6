/** The example subgraph and the gateway are local tools: fixed, generous limits rather than more settings. */
export const LOCAL_HTTP_LIMITS = { maxBodyBytes: 1_048_576, shutdownGraceMs: 1_000 } as const;
