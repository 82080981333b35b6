import { expirationDateIn, monthsAhead } from "../../../src/providers/sudo/expiration.rule";

describe("expirationDate months", () => {
  const lastSecondOf2025 = new Date("2025-12-31T23:59:59.999Z");

  it("counts whole calendar months in UTC", () => {
    expect(monthsAhead("DEC-2025", lastSecondOf2025)).toBe(0);
    expect(monthsAhead("JAN-2026", lastSecondOf2025)).toBe(1);
    expect(monthsAhead("NOV-2025", lastSecondOf2025)).toBe(-1);
    expect(monthsAhead("DEC-2028", lastSecondOf2025)).toBe(36);
  });

  it("reads only MMM-YYYY with an upper-case English month", () => {
    for (const bad of ["Dec-2025", "DEC-25", "DEC/2025", "12-2025", "XYZ-2025", "", 202512, null]) {
      expect(monthsAhead(bad, lastSecondOf2025)).toBeUndefined();
    }
  });

  it("writes the month that is `offset` months away, across year ends", () => {
    expect(expirationDateIn(0, lastSecondOf2025)).toBe("DEC-2025");
    expect(expirationDateIn(1, lastSecondOf2025)).toBe("JAN-2026");
    expect(expirationDateIn(-12, lastSecondOf2025)).toBe("DEC-2024");
    expect(expirationDateIn(36, lastSecondOf2025)).toBe("DEC-2028");
  });
});
