import type { PinScheme } from "../../providers/bank/contract";
import type { BankWireVariant } from "../../providers/bank/wire-variants";

export interface BankSandboxOptions {
  /** Default 0: any free port on 127.0.0.1. */
  port: number;
  /** Default a random `sbx-client-<hex>`. */
  clientId: string;
  /** Default 32 random bytes as hex. */
  clientSecret: string;
  /**
   * Default ["CONN0987654321", "CONN1234567890"]. The first is the client's default: consent tokens are bound to it
   * unless the device-code request names another as `target_connection_id`.
   */
  connectionIds: string[];
  /** Default 3600 (FACTS A.4 leaves it undocumented); drives both `exp` and `expires_in`. */
  tokenTtlSeconds: number;
  /** Default BANK_CONTRACT.defaultPinScheme; how `card_default_pin` is decrypted. */
  pinScheme: PinScheme;
  /** Default false. True also accepts the `SHA-256(<hex>)` signature wrapper a public OBN client sends (FACTS A.6). */
  lenientSignature: boolean;
  /**
   * Default DEFAULT_WIRE. The one variant of every undocumented wire choice this simulator accepts: header spelling,
   * signature encoding, token path, client authentication, connection header on OAuth calls. Others are refused.
   */
  wire: BankWireVariant;
  /** Default 5 (FACTS A.4): the device flow's `interval`. Tests use fractions of a second. */
  pollIntervalSeconds: number;
  /** Default 5 (RFC 8628 §3.5): what each slow_down adds to a grant's interval. */
  slowDownStepSeconds: number;
  /** Default 900 (FACTS A.4): how long a customer has to enter the user code. */
  deviceCodeTtlSeconds: number;
  /** Default BANK_CONTRACT.rateLimitPerMinute.sandbox (100). */
  rateLimitPerMinute: number;
}
