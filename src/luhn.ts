/** The Luhn check digit for `body`: doubling starts at the last digit of the body (next to the check digit). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Whether a run of digits ends in its Luhn check digit, as every card number does. */
export const isLuhnValid = (digits: string): boolean => digits.length > 1 && luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);

/** 13 to 19 digits, possibly grouped by single spaces or dashes, not inside a longer run of digits or letters. */
const CARD_NUMBER_LIKE = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w])/g;

/**
 * Replaces every card number in free text through `mask` (given the bare digits). A card number is a Luhn-valid run
 * as above; a bare 13-digit run is not taken for one: epoch milliseconds look like that, and neither provider issues
 * 13-digit PANs.
 */
export function replaceCardNumbers(text: string, mask: (digits: string) => string): string {
  return text.replace(CARD_NUMBER_LIKE, (run) => {
    const digits = run.replace(/[ -]/g, "");
    return (digits.length === 13 && digits === run) || !isLuhnValid(digits) ? run : mask(digits);
  });
}

export function containsCardNumber(text: string): boolean {
  let found = false;
  replaceCardNumbers(text, (digits) => ((found = true), digits));
  return found;
}
