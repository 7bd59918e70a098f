/** Phone numbers start with + or a digit; anything else is a customer id. */
export function lookupVariables(input: string): { phone?: string; id?: string } {
  const value = input.trim();
  return /^\+?[\d\s-]+$/.test(value) ? { phone: value.replace(/[\s-]/g, "") } : { id: value };
}
