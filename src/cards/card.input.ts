import { Directive, Field, InputType } from "type-graphql";
import { PROVIDERS } from "../providers/registry";

/**
 * Exactly one field is set: the provider to issue with and its input. The fields are generated from the provider
 * registry, so adding a provider adds its field here without touching this file.
 */
@InputType({ description: "Exactly one provider input must be given (@oneOf)." })
@Directive("@oneOf")
export class CreateCardInput {
  [providerField: string]: object | null | undefined;
}

for (const provider of PROVIDERS) {
  Field(() => provider.inputType, { nullable: true, description: provider.description })(
    CreateCardInput.prototype,
    provider.inputField,
  );
}
