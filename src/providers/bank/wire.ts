/** The bank API's JSON shapes, as the create-card page and FACTS A.4/A.8/A.9 describe them. */

export interface WireExpiry {
  /** Zero-padded, e.g. "01". */
  month: string;
  /** Four digits, e.g. "2029". */
  year: string;
}

export interface WireAddress {
  street?: string;
  city?: string;
  state?: string;
  country?: string;
}

export interface WireCustomProperty {
  id: string;
  description?: string;
  type?: string;
  value?: string;
}

export interface WireCreateCardBody {
  card_status: string;
  card_holder_name: string;
  /** Encrypted with the client secret (FACTS A.7). */
  card_default_pin: string;
  card_expiry: WireExpiry;
  product_id?: string;
  card_type?: string;
  card_mode?: string;
  card_currency?: string;
  card_address?: WireAddress;
  custom_properties?: WireCustomProperty[];
}

/**
 * The card as the bank returns it. Every field is optional here because we do not trust the response's shape;
 * `card_number`, `card_cvv2`, `card_default_pin` and `card_token` are sensitive and never leave the mapping.
 */
export interface WireCard {
  card_id?: string;
  customer_id?: string;
  product_id?: string | null;
  account_number?: string | null;
  card_scheme?: string | null;
  card_type?: string | null;
  card_mode?: string | null;
  card_status?: string | null;
  card_currency?: string | null;
  card_holder_name?: string | null;
  card_number?: string | null;
  card_cvv2?: string | null;
  card_default_pin?: string | null;
  card_token?: string | null;
  card_expiry?: { month?: string | number; year?: string | number } | null;
  card_address?: { street?: string | null; city?: string | null; state?: string | null; country?: string | null } | null;
  custom_properties?: Array<{ id?: string; description?: string | null; type?: string | null; value?: string | null }> | null;
}

export interface WireErrorItem {
  field?: string;
  code?: string;
  message?: string;
}

/** Success (`status` "00"/"success" with `data`) and failure (`errors[]`, ISO-8583 `status`) share one envelope. */
export interface WireEnvelope<T = unknown> {
  status?: string;
  message?: string;
  data?: T;
  errors?: WireErrorItem[];
}

/** RFC 6749 token response. */
export interface WireTokenResponse {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

/** RFC 8628 device authorization response (FACTS A.4). */
export interface WireDeviceCodeResponse {
  device_code?: string;
  user_code?: string;
  verification_uri?: string;
  verification_uri_complete?: string;
  interval?: number;
  expires_in?: number;
  obn_custom_metadata?: { consent_validation_method?: string; consent_message?: string; consent_status?: string };
}

/** RFC 6749 error response. */
export interface WireOAuthError {
  error?: string;
  error_description?: string;
}
