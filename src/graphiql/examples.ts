/**
 * The example operations GraphiQL opens with, one tab each, using the sandbox seed data (README, "Sandbox data").
 * This is the one place they live: the README points here and test/graphiql runs them against the subgraph.
 */
export interface GraphiQLExample {
  query: string;
  variables?: Record<string, unknown>;
}

const ISSUED_CARD = `
    id
    provider
    providerCardId
    type
    brand
    status
    currency
    holderName
    last4
    maskedPan
    expiry { month year }
    customer { id }
    createdAt`;

// Comment lines stay short enough to fit GraphiQL's editor pane on a laptop screen.
const REPLAY_NOTE = `# The same idempotencyKey again returns the same card,
# with no second provider call; change it for a new card.`;

const CONSENT_FIELDS = `
    id
    customerId
    connectionId
    status
    userCode
    verificationUri
    verificationUriComplete
    consentMessage
    expiresAt
    pollIntervalSeconds`;

export const BANK_CONSENT_EXAMPLE: GraphiQLExample = {
  query: `# Step 1 for bank cards: the customer's consent at the bank.
# Show the customer userCode; they open verificationUri
# (the sandbox bank's page), type the code, sign in and
# approve. The subgraph polls the bank by itself.
# Starting again while pending returns the same request.
mutation StartBankConsent($customerId: ID!) {
  startBankConsent(customerId: $customerId) {${CONSENT_FIELDS}
  }
}
`,
  variables: { customerId: "cus_ada" },
};

export const BANK_CONSENT_STATUS_EXAMPLE: GraphiQLExample = {
  query: `# Step 2: follow the consent until it is APPROVED (or
# DENIED / EXPIRED). Paste the id from StartBankConsent.
query BankConsentStatus($id: ID!) {
  bankConsent(id: $id) {${CONSENT_FIELDS}
    approvedAt
  }
}
`,
  variables: { id: "bcn_… from StartBankConsent" },
};

export const BANK_CARD_EXAMPLE: GraphiQLExample = {
  query: `# Step 3: a virtual VISA debit card from the bank for
# cus_ada, once their consent is APPROVED (before that:
# BANK_CONSENT_REQUIRED). The PIN is encrypted before it
# leaves the subgraph and is never stored.
${REPLAY_NOTE}
mutation CreateBankCard($idempotencyKey: String!, $input: CreateCardInput!) {
  createCard(idempotencyKey: $idempotencyKey, input: $input) {${ISSUED_CARD}
    maskedAccountNumber
  }
}
`,
  variables: {
    idempotencyKey: "graphiql-bank-1",
    input: {
      bank: {
        customerId: "cus_ada",
        status: "ACTIVE",
        holderName: "Ada Okafor",
        defaultPin: "4821",
        expiry: { month: 12, year: 2029 },
        type: "VIRTUAL",
        mode: "DEBIT",
        currency: "NGN",
        productId: "1",
        address: { street: "12 Marina", city: "Lagos", state: "LA", country: "NG" },
      },
    },
  },
};

export const SUDO_CARD_EXAMPLE: GraphiQLExample = {
  query: `# A virtual Verve card from Sudo for the seeded customer,
# paid from the funded NGN account, with spending controls.
${REPLAY_NOTE}
mutation CreateSudoCard($idempotencyKey: String!, $input: CreateCardInput!) {
  createCard(idempotencyKey: $idempotencyKey, input: $input) {${ISSUED_CARD}
    spendingControls {
      channels { atm pos web mobile }
      spendingLimits { amount interval }
    }
    metadata
  }
}
`,
  variables: {
    idempotencyKey: "graphiql-sudo-1",
    input: {
      sudo: {
        customerId: "64b0c0ffee0000000000c001",
        type: "VIRTUAL",
        brand: "VERVE",
        currency: "NGN",
        debitAccountId: "64b0c0ffee0000000000a001",
        metadata: { orderRef: "A-1001" },
        spendingControls: {
          channels: { atm: false, pos: true, web: true, mobile: true },
          spendingLimits: [{ amount: 50000, interval: "DAILY" }],
        },
      },
    },
  },
};

export const CUSTOMER_CARDS_EXAMPLE: GraphiQLExample = {
  query: `# A customer's cards, newest first: run a createCard tab
# before this one.
query CustomerCards($customerId: ID!, $first: Int, $after: String) {
  cards(customerId: $customerId, first: $first, after: $after) {
    edges { node { id provider last4 status createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  variables: { customerId: "cus_ada", first: 10 },
};

export const CARD_LIFECYCLE_EXAMPLE: GraphiQLExample = {
  query: `# After issuance: put the id of a card from the Sudo tab in
# the variables, then run the operations in any order.
# Bank cards list no capabilities and answer
# UNSUPPORTED_BY_PROVIDER. Cancel is final.
query CardHistory($id: ID!) {
  card(id: $id) {
    id status capabilities
    events(first: 20) {
      edges { node { at actor kind statusBefore statusAfter detail } }
    }
  }
}

mutation FreezeCard($id: ID!) {
  freezeCard(id: $id) { id status }
}

mutation UnfreezeCard($id: ID!) {
  unfreezeCard(id: $id) { id status }
}

mutation UpdateCardControls($controlsKey: String!, $id: ID!) {
  updateCardControls(
    idempotencyKey: $controlsKey
    id: $id
    spendingControls: {
      channels: { atm: false, web: true }
      spendingLimits: [{ amount: 20000, interval: WEEKLY }]
    }
    metadata: { note: "budget cut" }
  ) {
    id status metadata
    spendingControls { spendingLimits { amount interval } }
  }
}

mutation RefreshCard($id: ID!) {
  refreshCard(id: $id) { id status }
}

# The token shows the card's number in the browser, straight
# from Sudo's vault; it needs the scope cards:reveal.
query RevealCard($id: ID!) {
  cardRevealToken(id: $id) { token expiresAt vaultId providerCardId }
}

mutation CancelCard($cancelKey: String!, $id: ID!, $creditAccountId: ID) {
  cancelCard(idempotencyKey: $cancelKey, id: $id, reason: LOST, creditAccountId: $creditAccountId) {
    id status
  }
}
`,
  variables: { id: "crd_put_a_card_id_here", controlsKey: "graphiql-controls-1", cancelKey: "graphiql-cancel-1", creditAccountId: "64b0c0ffee0000000000a001" },
};

export const CARD_EXAMPLES: readonly GraphiQLExample[] = [
  BANK_CONSENT_EXAMPLE,
  BANK_CONSENT_STATUS_EXAMPLE,
  BANK_CARD_EXAMPLE,
  SUDO_CARD_EXAMPLE,
  CUSTOMER_CARDS_EXAMPLE,
  CARD_LIFECYCLE_EXAMPLE,
];
