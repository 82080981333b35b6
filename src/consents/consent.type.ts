import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";

export enum BankConsentStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  DENIED = "DENIED",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
}

registerEnumType(BankConsentStatus, {
  name: "BankConsentStatus",
  description: "Where a customer's consent at the bank stands.",
  valuesConfig: {
    PENDING: { description: "Waiting for the customer to enter the user code at the bank and approve." },
    APPROVED: { description: "The customer approved: cards can be issued for this customer and connection." },
    DENIED: { description: "The customer declined at the bank." },
    EXPIRED: { description: "The customer did not answer before the request expired; start a new consent." },
    REVOKED: { description: "Withdrawn (revokeBankConsent, or the bank stopped honouring it); start a new consent." },
  },
});

@ObjectType({
  description:
    "A customer's consent for this service to issue cards at one bank connection (OAuth device flow, RFC 8628). Show " +
    "the customer `userCode` and `verificationUri` (the bank requires the code to be displayed); the subgraph polls " +
    "the bank and the status moves on by itself.",
  simpleResolvers: true,
})
export class BankConsent {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => String)
  connectionId!: string;

  @Field(() => BankConsentStatus)
  status!: BankConsentStatus;

  @Field(() => String, { nullable: true, description: "The code the customer types at the bank. Must be shown to the customer." })
  userCode!: string | null;

  @Field(() => String, { nullable: true, description: "Where the customer enters the code." })
  verificationUri!: string | null;

  @Field(() => String, { nullable: true, description: "verificationUri with the code filled in (e.g. for a QR code), when the bank gives one." })
  verificationUriComplete!: string | null;

  @Field(() => String, { nullable: true, description: "The bank's own wording of the request (obn_custom_metadata.consent_message)." })
  consentMessage!: string | null;

  @Field(() => String, { description: "The OAuth scopes asked for, space-separated." })
  scope!: string;

  @Field(() => Date, { description: "When the customer's chance to approve ends." })
  expiresAt!: Date;

  @Field(() => Float, { description: "How often the subgraph asks the bank (the bank's interval, longer after slow_down)." })
  pollIntervalSeconds!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;
}
