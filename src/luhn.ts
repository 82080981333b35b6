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
