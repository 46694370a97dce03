// A SIRET from its first 13 digits: the Luhn key that makes the 14 valid (as `seed` makes the
// demo partners' SIRETs).
export function completeSiret(prefix13) {
  for (let key = 0; key < 10; key++) {
    const digits = prefix13 + key;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let d = Number(digits[13 - i]);
      if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error('no Luhn key');
}
