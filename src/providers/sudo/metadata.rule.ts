import { IsObject, ValidateBy } from "class-validator";
import { SUDO_CONTRACT, SUDO_LIMITS } from "./contract";

// Rules for the free-form `metadata` object. Sudo documents none; these keep what we store with every card small
// and flat, and keep the key we use for exactly-once recovery ours alone. Each rule ignores what another reports.

export const METADATA_MAX_KEYS = "metadataMaxKeys";
export const METADATA_KEY_LENGTH = "metadataKeyLength";
export const METADATA_SCALAR_VALUES = "metadataScalarValues";
export const METADATA_MAX_BYTES = "metadataMaxBytes";
export const METADATA_RESERVED_KEY = "metadataReservedKey";

type Metadata = Record<string, unknown>;

const isObject = (value: unknown): value is Metadata => typeof value === "object" && value !== null && !Array.isArray(value);

function rule(name: string, test: (metadata: Metadata) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: { validate: (value: unknown) => !isObject(value) || test(value), defaultMessage: () => message },
  });
}

const isScalar = (value: unknown) =>
  value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));

export const MetadataMaxKeys = () =>
  rule(
    METADATA_MAX_KEYS,
    (m) => Object.keys(m).length <= SUDO_LIMITS.maxMetadataKeys,
    `$property must have at most ${SUDO_LIMITS.maxMetadataKeys} keys`,
  );

export const MetadataKeyLength = () =>
  rule(
    METADATA_KEY_LENGTH,
    (m) => Object.keys(m).every((key) => key.length >= 1 && key.length <= SUDO_LIMITS.maxMetadataKeyLength),
    `$property keys must be 1 to ${SUDO_LIMITS.maxMetadataKeyLength} characters`,
  );

export const MetadataScalarValues = () =>
  rule(METADATA_SCALAR_VALUES, (m) => Object.values(m).every(isScalar), "$property values must be strings, numbers, booleans or null");

export const MetadataMaxBytes = () =>
  rule(
    METADATA_MAX_BYTES,
    (m) => Buffer.byteLength(JSON.stringify(m), "utf8") <= SUDO_LIMITS.maxMetadataBytes,
    `$property must be at most ${SUDO_LIMITS.maxMetadataBytes} bytes as JSON`,
  );

export const NoReservedMetadataKey = () =>
  rule(
    METADATA_RESERVED_KEY,
    (m) => !Object.prototype.hasOwnProperty.call(m, SUDO_CONTRACT.reservedMetadataKey),
    `$property must not use the key ${SUDO_CONTRACT.reservedMetadataKey}; it is reserved`,
  );

/** Every metadata rule, for each field that takes Sudo metadata (create and update). */
export function SudoMetadata(): PropertyDecorator {
  const rules = [IsObject({ message: "$property must be an object" }), MetadataMaxKeys(), MetadataKeyLength(), MetadataScalarValues(), MetadataMaxBytes(), NoReservedMetadataKey()];
  return (target, property) => rules.forEach((rule) => rule(target, property));
}
